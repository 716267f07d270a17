from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.accounts.forms import LoginForm, SignupForm
from alliance_portal.accounts.services import account_confirm_email, account_signup
from alliance_portal.models import User


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
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
