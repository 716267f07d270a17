from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from alliance_portal import policy, read_reasons
from alliance_portal.accounts.forms import (
    ChangePasswordForm,
    ChoosePasswordForm,
    LoginForm,
    NewPasswordForm,
    ReadReasonForm,
    ResetPasswordForm,
    SignupForm,
)
from alliance_portal.accounts.login_reasons import login_reason
from alliance_portal.accounts.selectors import signup_for_link, tokens_of
from alliance_portal.accounts.services import (
    account_signup,
    account_signup_complete,
    api_token_revoke,
    api_tokens_revoke_all,
)
from alliance_portal.api.throttles import throttled
from alliance_portal.middleware import reason_page
from alliance_portal.models import ApiToken, ApiTokenRevocation


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["login_reason"] = login_reason(self.request.GET.get("next", ""))
        return context


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

    form_class = ResetPasswordForm


class PasswordChangeView(RevokesTokensOnPasswordChange, auth_views.PasswordChangeView):
    form_class = ChangePasswordForm


class PasswordResetConfirmView(RevokesTokensOnPasswordChange, auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm


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
        # The same answer whether or not the address is known: the rest goes to the inbox.
        account_signup(
            actor=request.user,
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
        )
        return render(
            request,
            "accounts/signup_done.html",
            {"email": form.cleaned_data["email"], "hours": settings.SIGNUP_CONFIRMATION_HOURS},
        )
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The emailed link: the person chooses their password, and the account is created, active,
    and signed in."""
    pending = signup_for_link(uidb64, token)
    if pending is not None:
        form = ChoosePasswordForm(
            request.POST or None, email=pending.email, display_name=pending.display_name
        )
        if request.method != "POST" or not form.is_valid():
            return render(
                request, "accounts/signup_confirm.html", {"form": form, "pending": pending}
            )
        try:
            user = account_signup_complete(
                actor=request.user,
                pending=pending,
                token=token,
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(
                request, "accounts/signup_confirm.html", {"form": form, "pending": pending}
            )
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your account is ready, and you are signed in.")
            return redirect("home")
    return render(
        request,
        "accounts/signup_confirm.html",
        {"form": None, "hours": settings.SIGNUP_CONFIRMATION_HOURS},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def read_reason(request: HttpRequest) -> HttpResponse:
    """Staff say why they read confidential material; the reason is kept for the session and
    the page they were reading opens again."""
    policy.require(request.user, "access_log.give_reason")
    form = ReadReasonForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        read_reasons.keep_in_session(request, form.given())
        back = form.cleaned_data.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(back if safe and back.startswith("/") else "home")
    current = read_reasons.from_session(request)
    response = reason_page(request, next_url=request.GET.get("next", ""), form=form)
    response.context_data = {**(response.context_data or {}), "current": current}
    return response
