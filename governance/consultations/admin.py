"""Admin for comments and responses (posted, moderated and answered through the services)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.template.response import TemplateResponse

from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from alliance_portal.text_limits import text_form_field
from governance.consultations import services
from governance.consultations.models import (
    Comment,
    CommentResponse,
    CommunityGroup,
    ProposalTranslation,
)

# --- comments, responses -----------------------------------------------------------------------
# Comments and their responses are the public record of a consultation ("you said, we did"):
# moderation hides a comment with a reason, it never deletes one, and nobody deletes a comment
# or a response here (issue 14 item 10). A response is revised through ``comment_respond``
# until the ballot opens.


class NoDeleteMixin:
    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class CommentResponseInline(ReadOnlyInline):
    model = CommentResponse
    fields = ("outcome", "reason", "responded_at")


class RejectForm(forms.Form):
    reason = text_form_field(
        Comment,
        "moderation_reason",
        name="reason",
        required=True,
        label="Reason (sent to the authors)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Comment)
class CommentAdmin(NoDeleteMixin, ServiceAdmin):
    list_display = (
        "pk",
        "proposal",
        "author_kind",
        "organisation",
        "group",
        "channel",
        "status",
        "created_at",
    )
    list_filter = ("status", "author_kind", "channel", "language", "proposal__status")
    search_fields = ("text", "proposal__title")
    raw_id_fields = ("proposal", "parent")
    inlines = (CommentResponseInline,)
    actions = ("approve", "reject")

    def get_fields(self, request: HttpRequest, obj: Comment | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("proposal", "parent", "paragraph", "text")
        return (
            "proposal",
            "parent",
            "paragraph",
            "author_kind",
            "organisation",
            "group",
            "channel",
            "recorded_by",
            "language",
            "text",
            "status",
            "moderation_reason",
            "moderated_at",
            "created_at",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Comment | None = None
    ) -> tuple[str, ...]:
        # Moderation goes through the actions; an author's words are not edited.
        return self.get_fields(request, obj) if obj else ()

    def save_model(self, request: HttpRequest, obj: Comment, form: ModelForm, change: bool) -> None:
        if change:
            return
        created = services.comment_post(
            actor=request.user,
            proposal=obj.proposal,
            text=obj.text,
            paragraph=obj.paragraph,
            parent=obj.parent,
        )
        obj.pk = created.pk

    def _moderate(
        self, request: HttpRequest, queryset: QuerySet[Comment], decision: str, reason: str = ""
    ) -> None:
        done, refused = 0, []
        for comment in queryset.select_related("proposal"):
            try:
                services.comment_moderate(
                    actor=request.user, comment=comment, decision=decision, reason=reason
                )
            except ValidationError as error:
                refused.append(f"Comment #{comment.pk}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} comment(s) moderated.", level=messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description="Approve: show the selected comments")
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, services.ModerationVerdict.APPROVE)

    @admin.action(description="Reject the selected comments (asks for a reason)")
    def reject(self, request: HttpRequest, queryset: QuerySet[Comment]) -> TemplateResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._moderate(
                request, queryset, services.ModerationVerdict.REJECT, form.cleaned_data["reason"]
            )
            return None
        return TemplateResponse(
            request,
            "governance/admin_reject_comments.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject comments",
                "comments": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(CommentResponse)
class CommentResponseAdmin(NoDeleteMixin, ServiceAdmin):
    list_display = ("comment", "outcome", "responded_at")
    list_filter = ("outcome",)
    raw_id_fields = ("comment",)
    fields = ("comment", "outcome", "reason")

    def get_readonly_fields(
        self, request: HttpRequest, obj: CommentResponse | None = None
    ) -> tuple[str, ...]:
        return ("comment",) if obj else ()

    def save_model(
        self, request: HttpRequest, obj: CommentResponse, form: ModelForm, change: bool
    ) -> None:
        saved = services.comment_respond(
            actor=request.user,
            comment=Comment.objects.select_related("proposal").get(pk=obj.comment_id),
            outcome=obj.outcome,
            reason=obj.reason,
        )
        obj.pk = saved.pk


# --- community groups, translations ------------------------------------------------------------


@admin.register(CommunityGroup)
class CommunityGroupAdmin(admin.ModelAdmin):
    """Groups are named when their input is recorded; the secretariat may fix a name, its
    chamber or its description here. A group whose input is recorded cannot be deleted."""

    list_display = ("name", "chamber", "created_at")
    list_filter = ("chamber",)
    search_fields = ("name",)
    fields = ("name", "chamber", "description")


@admin.register(ProposalTranslation)
class ProposalTranslationAdmin(NoDeleteMixin, ServiceAdmin):
    """Translations are saved through ``proposal_translation_save`` (same paragraphs as the
    proposal)."""

    list_display = ("proposal", "language", "title", "updated_at")
    list_filter = ("language",)
    search_fields = ("title", "proposal__title")
    raw_id_fields = ("proposal",)

    def get_fields(
        self, request: HttpRequest, obj: ProposalTranslation | None = None
    ) -> tuple[str, ...]:
        fields = ("proposal", "language", "title", "summary", "text")
        return (*fields, "source_sha256", "updated_at") if obj else fields

    def get_readonly_fields(
        self, request: HttpRequest, obj: ProposalTranslation | None = None
    ) -> tuple[str, ...]:
        return ("proposal", "language", "source_sha256", "updated_at") if obj else ()

    def save_model(
        self, request: HttpRequest, obj: ProposalTranslation, form: ModelForm, change: bool
    ) -> None:
        saved = services.proposal_translation_save(
            actor=request.user,
            proposal=obj.proposal,
            language=obj.language,
            title=obj.title,
            summary=obj.summary,
            text=obj.text,
        )
        obj.pk = saved.pk
