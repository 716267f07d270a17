from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from alliance_portal import policy
from alliance_portal.accounts.services import api_tokens_revoke_all
from alliance_portal.models import (
    AccessLogEntry,
    ApiToken,
    ApiTokenRevocation,
    LoginLockout,
    OutboundEmail,
    PendingSignup,
    SecurityEvent,
    User,
)
from alliance_portal.service_admin import ReadOnlyInline, RecordAdmin


class ApiTokenInline(ReadOnlyInline):
    """The account's API tokens (never their keys); revoke them with the list's action."""

    model = ApiToken
    fields = ("prefix", "created_at", "expires_at", "revoked_at", "revoked_reason")
    readonly_fields = fields
    verbose_name_plural = "API tokens"


def _revoke_after_commit(actor: Any, user: User, reason: ApiTokenRevocation) -> None:
    # The admin saves inside its own transaction; the use case runs in a durable one of its own,
    # once the change is committed. Until then the tokens already fail: a token works only for
    # an active account whose password is the one it was issued under.
    transaction.on_commit(partial(api_tokens_revoke_all, actor=actor, user=user, reason=reason))


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    actions = ("revoke_api_tokens",)
    ordering = ("email",)
    list_display = ("email", "display_name", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "display_name", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("display_name", "first_name", "last_name")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        # The secretariat cannot change a superuser's account (it could take it over).
        if obj is not None and not policy.may(request.user, "account.edit", obj):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Setting someone's password is the superuser's; everyone else resets their own.
        policy.require(request.user, "account.set_password")
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and isinstance(response, HttpResponseRedirect):
            user = User.objects.get(pk=id)
            api_tokens_revoke_all(
                actor=request.user, user=user, reason=ApiTokenRevocation.PASSWORD_CHANGED
            )
        return response

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        # A new account has no tokens: its add page shows none.
        return [ApiTokenInline] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            _revoke_after_commit(request.user, obj, ApiTokenRevocation.DEACTIVATED)

    @admin.action(description="Revoke the selected accounts' API tokens")
    def revoke_api_tokens(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        revoked = 0
        for user in queryset:
            if policy.may(request.user, "account.revoke_tokens", user):
                _revoke_after_commit(request.user, user, ApiTokenRevocation.BY_SECRETARIAT)
                revoked += 1
        self.message_user(
            request, f"API tokens revoked for {revoked} account(s).", level=messages.SUCCESS
        )

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> tuple[str, ...]:
        # Only the superuser changes permissions and who is staff (DESIGN.md §2).
        if policy.may(request.user, "account.grant_permissions", obj):
            return self.readonly_fields
        return (*self.readonly_fields, "is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(OutboundEmail)
class OutboundEmailAdmin(RecordAdmin):
    """Read-only: the outbox is the record of what was sent."""

    list_display = ("subject", "recipient", "created_at", "sent_at", "attempts")
    list_filter = ("sent_at",)
    search_fields = ("recipient", "subject", "event_key")
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]


@admin.register(AccessLogEntry)
class AccessLogAdmin(RecordAdmin):
    """The access log is written by the access policy and never edited."""

    list_display = (
        "accessed_at",
        "user",
        "content_type",
        "object_repr",
        "reason",
        "reason_detail",
        "owner_organisation_id",
        "path",
    )
    list_filter = ("reason", "content_type")
    search_fields = ("object_repr", "user__email", "path", "reason_detail")
    date_hierarchy = "accessed_at"
    list_select_related = ("user", "content_type")


@admin.register(SecurityEvent)
class SecurityEventAdmin(RecordAdmin):
    """Sign-ins (succeeded, failed, locked out) and refused requests: written by
    ``alliance_portal.security_events``, never edited."""

    list_display = ("at", "kind", "user", "email", "ip_address", "method", "path", "action")
    list_filter = ("kind",)
    search_fields = ("email", "path", "user__email")
    date_hierarchy = "at"
    list_select_related = ("user",)


@admin.register(PendingSignup)
class PendingSignupAdmin(RecordAdmin):
    """Sign-ups waiting for their address to be confirmed (read-only: beat removes them after
    ``SIGNUP_CONFIRMATION_HOURS``; signing up again replaces one). The link's digest is not
    shown: it is of no use to a person."""

    list_display = ("email", "display_name", "requested_at")
    search_fields = ("email", "display_name")
    date_hierarchy = "requested_at"
    fields = ("email", "display_name", "requested_at")
    readonly_fields = fields


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    """Failed sign-ins per email address and IP address (django-axes). Five within the cool-off
    lock the pair out for 15 minutes; delete the row (or use the action) to unlock at once."""

    list_display = ("username", "ip_address", "failures_since_start", "attempt_time", "locked")
    list_filter = ("attempt_time",)
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = ("username", "ip_address", "user_agent", "path_info", "failures_since_start")
    readonly_fields = fields
    actions = ("unlock",)

    @admin.display(boolean=True, description="Locked out")
    def locked(self, obj: LoginLockout) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    @admin.action(description="Unlock the selected sign-ins")
    def unlock(self, request: HttpRequest, queryset: QuerySet[LoginLockout]) -> None:
        count = queryset.count()
        queryset.delete()
        self.message_user(request, f"{count} sign-in(s) unlocked.", level=messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


from alliance_portal.erasure import admin as _erasure_admin  # noqa: E402, F401
from alliance_portal.notifications import admin as _notifications_admin  # noqa: E402, F401
