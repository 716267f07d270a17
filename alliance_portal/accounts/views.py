from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.accounts.forms import LoginForm, SignupForm
from alliance_portal.accounts.selectors import tokens_of
from alliance_portal.accounts.services import (
    account_confirm_email,
    account_signup,
    api_token_revoke,
    api_tokens_revoke_all,
)
from alliance_portal.api.throttles import throttled
from alliance_portal.models import ApiToken, ApiTokenRevocation, User


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class RevokesTokensOnPasswordChange:
    """A new password revokes every API token (they would stop working anyway: a token works
    only under the password it was issued under)."""

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        api_tokens_revoke_all(
            actor=form.user, user=form.user, reason=ApiTokenRevocation.PASSWORD_CHANGED
        )
        return response


@method_decorator(throttled("password-reset"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link is rate-limited (each request sends an email)."""


class PasswordChangeView(RevokesTokensOnPasswordChange, auth_views.PasswordChangeView):
    pass


class PasswordResetConfirmView(RevokesTokensOnPasswordChange, auth_views.PasswordResetConfirmView):
    pass


@login_required
@require_http_methods(["GET"])
def token_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "account.list_tokens", request.user)
    user: Any = request.user  # login_required: never anonymous here
    context = {
        "tokens": tokens_of(user),
        "lifetime_days": settings.API_TOKEN_LIFETIME.days,
    }
    return render(request, "accounts/token_list.html", context)


@login_required
@require_http_methods(["POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Only the person's own tokens are found: another's is "not found", never "forbidden".
    token = (
        ApiToken.objects.filter(pk=pk, user_id=request.user.pk or 0).select_related("user").first()
    )
    if token is None:
        raise Http404("No such token among yours.")
    if api_token_revoke(actor=request.user, token=token):
        messages.success(request, f"The token starting {token.prefix} is revoked.")
    else:
        messages.info(request, f"The token starting {token.prefix} was revoked already.")
    return redirect("token_list")


@require_http_methods(["GET", "POST"])
@throttled("signup")
def signup(request: HttpRequest) -> HttpResponse:
    if not policy.may(request.user, "account.sign_up"):
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_signup(
            actor=request.user,
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
            site_url=request.build_absolute_uri("/"),
        )
        return render(request, "accounts/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, User.DoesNotExist):
        user = None
    confirmed = user is not None and account_confirm_email(
        actor=request.user, user=user, token=token
    )
    return render(
        request,
        "accounts/signup_confirm.html",
        {"confirmed": confirmed},
        status=200 if confirmed else 400,
    )
