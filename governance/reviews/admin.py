"""Admin for decision reviews: the date is set through ``decision_review_set``; the outcome is
recorded on the decision's review page (it publishes a log entry), never here. Nobody deletes
a review: once recorded it is part of the public log."""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ServiceAdmin
from governance.reviews import services
from governance.reviews.models import DecisionReview


@admin.register(DecisionReview)
class DecisionReviewAdmin(ServiceAdmin):
    list_display = ("pk", "due_on", "decision", "proposal", "outcome", "reminded_at")
    list_filter = ("outcome",)
    raw_id_fields = ("proposal", "decision")
    date_hierarchy = "due_on"

    def get_fields(
        self, request: HttpRequest, obj: DecisionReview | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ("proposal", "decision", "due_on")
        return (
            "proposal",
            "decision",
            "due_on",
            "set_by",
            "set_at",
            "reminded_at",
            "outcome",
            "outcome_text",
            "recorded_by",
            "log_entry",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: DecisionReview | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ()
        fields = self.get_fields(request, obj)
        # An open review's date may move; a recorded review is published and stays.
        return tuple(f for f in fields if f != "due_on" or not obj.is_open)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: DecisionReview, form: ModelForm, change: bool
    ) -> None:
        saved = services.decision_review_set(
            actor=request.user,
            due_on=obj.due_on,
            proposal=None if obj.decision_id is not None else obj.proposal,
            decision_seq=obj.decision_id,
        )
        obj.pk = saved.pk
