"""The notification pages: a person's choices (signed in), and the one-click unsubscribe link
(no sign-in: the signed link is the proof)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.models import User
from alliance_portal.notifications.forms import NotificationPreferencesForm
from alliance_portal.notifications.kinds import kind_label
from alliance_portal.notifications.selectors import preferences_of
from alliance_portal.notifications.services import (
    notification_preferences_update,
    notification_unsubscribe,
    unsubscribe_kinds,
)
from alliance_portal.notifications.tokens import BadToken, read_token


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # login_required: never anonymous here
    policy.require(user, "notifications.change_preferences", user)
    choices = preferences_of(user.pk)
    form = NotificationPreferencesForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        changed = notification_preferences_update(
            actor=user, user=user, choices=form.choice_inputs()
        )
        if changed:
            messages.success(request, "Your notifications are saved.")
        else:
            messages.info(request, "Nothing changed: your notifications are as they were.")
        return redirect("notification_preferences")
    return render(
        request, "accounts/notification_preferences.html", {"form": form, "choices": choices}
    )


def _refused(request: HttpRequest, error: BadToken) -> HttpResponse:
    return render(
        request, "accounts/notification_unsubscribe.html", {"error": str(error)}, status=400
    )


@csrf_exempt  # RFC 8058: the mail program POSTs the one-click link with no cookie or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link checker following it changes nothing); POST stops it."""
    try:
        wanted = read_token(token)
    except BadToken as error:
        return _refused(request, error)
    if request.method == "POST":
        try:
            done = notification_unsubscribe(actor=request.user, token=token)
        except BadToken as error:
            return _refused(request, error)
        return render(
            request,
            "accounts/notification_unsubscribe.html",
            {"done": True, "labels": done.labels, "digest": wanted.digest},
        )
    if not User.objects.filter(pk=wanted.user_id).exists():
        return _refused(
            request, BadToken("This unsubscribe link is for an account that no longer exists.")
        )
    labels = [kind_label(kind) for kind in unsubscribe_kinds(wanted.user_id, wanted.what)]
    return render(
        request,
        "accounts/notification_unsubscribe.html",
        {"labels": labels, "digest": wanted.digest, "token": token},
    )
