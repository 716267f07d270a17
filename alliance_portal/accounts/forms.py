from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from alliance_portal.forms import GuidedForm, GuidedFormMixin
from alliance_portal.models import User
from alliance_portal.read_reasons import DETAIL_MAX_LENGTH, GivenReason, ReadReason, validate

PASSWORD_MISMATCH = "The two passwords differ: type the same one twice."  # noqa: S105 (a message)


class LoginForm(GuidedFormMixin, AuthenticationForm):
    field_guides = {"username": "your email address", "password": "your password"}

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class SignupForm(GuidedForm):
    """Parses the sign-up form; the service decides and writes. It never says whether the
    address has an account: that answer goes to the address itself, by email."""

    field_guides = {"email": "your email address"}

    display_name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="Shown beside your comments in public consultations.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send a link to this address; you choose your password when you follow it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ChoosePasswordForm(GuidedForm):
    """The password of a confirmed sign-up, checked by the password validators against the
    account it will belong to (like Django's SetPasswordForm, before the account exists)."""

    field_guides = {"new_password1": "a password"}

    new_password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "autofocus": True}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, display_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidate = User(email=email, display_name=display_name)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        password1, password2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if password1 and password2 and password1 != password2:
            self.add_error("new_password2", PASSWORD_MISMATCH)
        elif password1:
            try:
                password_validation.validate_password(password1, self.candidate)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class ResetPasswordForm(GuidedFormMixin, PasswordResetForm):
    """Ask for a link to choose a new password (Django's form, guided)."""

    field_guides = {"email": "the email address of your account"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"


class NewPasswordForm(GuidedFormMixin, SetPasswordForm):
    """Choose a new password from a reset link (Django's form, guided)."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORD_MISMATCH}
    field_guides = {"new_password1": "a new password", "new_password2": "the new password again"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].label = "The same password again"
        self.fields["new_password2"].help_text = ""


class ChangePasswordForm(GuidedFormMixin, PasswordChangeForm):
    """Change one's password (Django's form, guided)."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": "That is not your current password: enter it again.",
    }
    field_guides = {
        "old_password": "your current password",
        "new_password1": "a new password",
        "new_password2": "the new password again",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password2"].label = "The same new password again"
        self.fields["new_password2"].help_text = ""


class ReadReasonForm(GuidedForm):
    """Why staff read confidential material (alliance_portal.read_reasons), and the page to
    go back to."""

    reason = forms.ChoiceField(
        label="Why are you reading confidential material?",
        choices=ReadReason.choices,
        widget=forms.RadioSelect,
        help_text="The organisations whose material you read will see this with each read.",
    )
    detail = forms.CharField(
        label="In your words (needed for “Other”)",
        required=False,
        max_length=DETAIL_MAX_LENGTH,
        help_text="A few words, for example the member's request you answer.",
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)
    field_guides = {"reason": "why you read it"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == ReadReason.OTHER and not (data.get("detail") or "").strip():
            self.add_error("detail", 'Say in a few words why you read it (you chose "Other").')
        return data

    def given(self) -> GivenReason:
        return validate(self.cleaned_data["reason"], self.cleaned_data.get("detail") or "")
