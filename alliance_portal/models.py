"""Models of the shared layer: the user account, its API tokens and pending sign-ups."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from axes.models import AccessAttempt
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac

from alliance_portal.append_only import append_only_triggers
from alliance_portal.audit import audit_trail
from alliance_portal.personal_data import erasable_columns
from alliance_portal.read_reasons import DETAIL_MAX_LENGTH, ReadReason
from alliance_portal.text_limits import DOCUMENT, STATEMENT, BoundedTextField


class UserManager(DjangoUserManager["User"]):
    """Accounts are identified by their email address; there is no separate username."""

    def _create_user_by_email(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user_by_email(email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user_by_email(email, password, **extra_fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


# Only the account's powers are tracked: no personal data enters the append-only audit trail.
@audit_trail(fields=["is_active", "is_staff", "is_superuser"], model_name="UserEvent")
class User(AbstractUser):
    """A person's login. What they may see and do follows from their role (see
    ``alliance_portal.roles``), never from fields set by hand on a view."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=150, blank=True, help_text="How the person is named on pages they take part in."
    )
    # Set when the person's data was erased (alliance_portal.erasure): the account stays, so
    # what it did for its organisation stays whole, with neither name nor address.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        ordering = ("email",)
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        if self.erased_at is not None:
            return "former participant"
        return self.display_name or self.get_full_name() or self.email


class ApiTokenRevocation(models.TextChoices):
    BY_PERSON = "by_person", "revoked by its owner"
    PASSWORD_CHANGED = "password_changed", "revoked because the password changed"
    DEACTIVATED = "deactivated", "revoked because the account was deactivated"
    BY_SECRETARIAT = "by_secretariat", "revoked by the secretariat"


def password_fingerprint(user: User) -> str:
    """A keyed digest of the account's password hash: a token carries the one of the password
    it was issued under and stops working as soon as the password changes, whichever way it
    changed (page, reset link, admin, shell)."""
    return salted_hmac("alliance_portal.ApiToken", user.password or "").hexdigest()


def api_token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A key for the API, issued by ``/api/v1/auth/token/``. Only its SHA-256 digest is stored
    (the key is shown once); it expires (``API_TOKEN_LIFETIME``), and is revoked when its owner
    revokes it, when the password changes or when the account is deactivated."""

    user = models.ForeignKey(
        "alliance_portal.User", on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=8, editable=False, help_text="The key's first characters, to recognise it."
    )
    password_fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=20, choices=ApiTokenRevocation.choices, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "API token"
        verbose_name_plural = "API tokens"
        indexes: ClassVar = [models.Index(fields=("user", "revoked_at"))]

    def __str__(self) -> str:
        return f"API token {self.prefix}… of {self.user}"


class OutboundEmail(models.Model):
    """One email to one recipient for one event. Unique per (event, recipient), so a retried
    task or a repeated request never sends the same message twice."""

    event_key = models.CharField(max_length=200)
    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    body = BoundedTextField(max_length=DOCUMENT)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = BoundedTextField(max_length=STATEMENT, blank=True)
    # Extra headers the message carries (a notification's List-Unsubscribe, RFC 8058).
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("event_key", "recipient"), name="outboundemail_once_per_event_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"


class AccessLogEntry(models.Model):
    """One read of confidential (secretariat-level) material: who read what, when, where and
    why. Written by the access policy, append-only; shown to the secretariat, and each row to
    the people of the organisation the material belongs to (``/members/<slug>/access-log/``)."""

    # PROTECT, not SET_NULL: the rows are never updated (and the app's database role may not
    # UPDATE them), so a person who read confidential material is deactivated, not deleted.
    user = models.ForeignKey(
        "alliance_portal.User", null=True, on_delete=models.PROTECT, related_name="+"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    path = models.CharField(max_length=500, blank=True)
    accessed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The id of the organisation the material belongs to (its owner_organisation_id() when
    # read), or none. A plain id, not a foreign key: this shared layer sits below the members
    # app (DESIGN.md §3), and an organisation is never deleted while rows name it.
    owner_organisation_id = models.BigIntegerField(
        "owning organisation",
        null=True,
        blank=True,
        help_text="The organisation whose material was read; its people see this row.",
    )
    reason = models.CharField(
        max_length=20,
        choices=ReadReason.choices,
        blank=True,
        db_default="",  # a row written by raw SQL carries no reason, as before reasons existed
        help_text="Why staff read it (none for rows written before reasons were asked).",
    )
    reason_detail = models.CharField(
        "reason in their words", max_length=DETAIL_MAX_LENGTH, blank=True, db_default=""
    )

    class Meta:
        ordering = ("-accessed_at", "-pk")
        verbose_name = "access log entry"
        verbose_name_plural = "access log"
        triggers: ClassVar = append_only_triggers(
            erasable=erasable_columns("alliance_portal.AccessLogEntry")
        )
        indexes: ClassVar = [
            # An organisation's own log, newest first (/members/<slug>/access-log/).
            models.Index(
                "owner_organisation_id",
                models.F("accessed_at").desc(),
                models.F("id").desc(),
                name="accesslog_owner_recent",
            ),
            # One person's reads, newest first (the secretariat's filter).
            models.Index("user", models.F("accessed_at").desc(), name="accesslog_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.object_repr}"


class SecurityEventKind(models.TextChoices):
    SIGN_IN_SUCCEEDED = "sign_in_succeeded", "Sign-in succeeded"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
    ACCESS_DENIED = "access_denied", "Access denied"


class SecurityEvent(models.Model):
    """One sign-in (succeeded, failed, locked out) or one request the access policy refused:
    who, from where, what. Written by ``alliance_portal.security_events``, append-only, shown
    to the secretariat and the superuser."""

    kind = models.CharField(max_length=20, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    email = models.CharField(
        "email address tried", max_length=254, blank=True, help_text="For a failed sign-in."
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)
    method = models.CharField(max_length=10, blank=True)
    action = models.CharField(
        max_length=100,
        blank=True,
        help_text='For a denial: the policy\'s action that refused, or "page".',
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-at",)
        verbose_name = "security event"
        verbose_name_plural = "security events"
        triggers: ClassVar = append_only_triggers(
            erasable=erasable_columns("alliance_portal.SecurityEvent")
        )
        indexes: ClassVar = [models.Index(fields=("kind", "at"))]

    def __str__(self) -> str:
        who = self.user or self.email or "someone"
        return f"{self.get_kind_display()}: {who}"


class LoginLockout(AccessAttempt):
    """django-axes' record of failed sign-ins for one email address from one IP address, as the
    secretariat sees it in the admin: deleting it unlocks that sign-in at once."""

    class Meta:
        proxy = True
        verbose_name = "sign-in lockout"
        verbose_name_plural = "sign-in lockouts"


class PendingSignup(models.Model):
    """A sign-up waiting for its address to be confirmed. No account exists until the person
    follows the emailed link and chooses a password, so nobody can hold an address they do not
    read: signing up again with the address replaces the row (and its link), and beat removes
    rows older than ``SIGNUP_CONFIRMATION_HOURS``. Only the link's SHA-256 digest is kept."""

    email = models.EmailField()
    display_name = models.CharField(max_length=150)
    token_digest = models.CharField(max_length=64, editable=False)
    requested_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("-requested_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="pendingsignup_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"Sign-up of {self.email} waiting for confirmation"


# The notifications' models live with their feature; imported here to register them.
from alliance_portal.erasure.models import ErasureRequest  # noqa: E402, F401
from alliance_portal.notifications.models import (  # noqa: E402, F401
    Notification,
    NotificationItem,
    NotificationPreference,
)


class DataGeneration(models.Model):
    """A number that changes with some tables (``alliance_portal.generations``): written only
    by database triggers, read to know whether a page rendered from them is still current."""

    name = models.CharField(max_length=40, primary_key=True)
    number = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.number}"
