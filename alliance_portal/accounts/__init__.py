"""Sign-in, sign-up (external-stakeholder accounts) and email confirmation."""
