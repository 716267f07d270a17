"""RS performance reports (issue 18, items 2 to 4): the secretariat opens a cycle whose
questionnaire is the current baseline's requirements; an organisation's representative saves
drafts and submits them; a submitted answer is never edited, only corrected by a new version
with a reason; submission waits for a current acceptance of the information-sharing protocol;
other readers see answers at their disclosure level only; the aggregates never show a cell of
fewer than 3 organisations nor one recoverable by subtraction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members import services as member_services
from members.models import AgreementKind, Chamber, Person
from standards import services
from standards.models import (
    Answer,
    AnswerStatus,
    Element,
    Report,
    ReportingCycle,
    VersionState,
)
from standards.selectors import reports as selectors
from standards.suppression import recoverable
from tests.standards.conftest import api_for

TODAY = timezone.localdate()
REQUIREMENTS = ("B-1.1", "B-1.2", "B-1.3", "B-2.1", "B-2.2")


def open_cycle(title: str = "2026 annual", due_in: int = 30) -> ReportingCycle:
    return services.reporting_cycle_open(
        actor=SYSTEM,
        title=title,
        opens_on=TODAY - timedelta(days=10),
        due_on=TODAY + timedelta(days=due_in),
    )


def answers(crosswalk, status: str = AnswerStatus.IMPLEMENTED, **fields):
    return [
        services.AnswerFields(
            requirement=crosswalk.element(crosswalk.baseline, ref), status=status, **fields
        )
        for ref in REQUIREMENTS
    ]


def representative(world):
    return world.users[Role.ORGANISATION_REPRESENTATIVE]


def file_report(world, crosswalk, cycle, organisation=None, actor=None, **fields) -> Report:
    organisation = organisation or world.own
    actor = actor or representative(world)
    version = services.report_save_draft(
        actor=actor, cycle=cycle, organisation=organisation, answers=answers(crosswalk, **fields)
    )
    services.report_submit(actor=actor, report=version.report)
    return Report.objects.get(pk=version.report_id)


# --- Cycles ----------------------------------------------------------------------------------


def test_a_cycle_freezes_the_current_baseline_requirements(world, crosswalk):
    cycle = open_cycle()
    questions = selectors.cycle_questions(cycle=cycle)
    assert [element.ref for element in questions] == list(REQUIREMENTS)
    # A requirement added to the baseline later does not change the cycle's questionnaire.
    Element.objects.create(
        version=crosswalk.baseline, ref="B-3", kind="requirement", title="Later", order=99
    )
    assert len(selectors.cycle_questions(cycle=cycle)) == 5


def test_only_the_secretariat_opens_and_closes_cycles(world, crosswalk):
    with pytest.raises(PermissionDenied):
        open_cycle_as(representative(world))
    cycle = open_cycle_as(world.users[Role.SECRETARIAT])
    with pytest.raises(PermissionDenied):
        services.reporting_cycle_close(actor=representative(world), cycle=cycle)
    closed = services.reporting_cycle_close(actor=world.users[Role.SECRETARIAT], cycle=cycle)
    assert not closed.is_open


def open_cycle_as(actor) -> ReportingCycle:
    return services.reporting_cycle_open(
        actor=actor, title="Annual", opens_on=TODAY, due_on=TODAY + timedelta(days=5)
    )


def test_a_cycle_says_every_problem_at_once(world, crosswalk):
    open_cycle("Taken")
    with pytest.raises(ValidationError) as raised:
        services.reporting_cycle_open(
            actor=SYSTEM, title="taken", opens_on=TODAY, due_on=TODAY - timedelta(days=1)
        )
    assert set(raised.value.message_dict) == {"title", "due_on"}


# --- Drafts, submission, corrections ---------------------------------------------------------


def test_a_draft_is_saved_and_saved_again_then_submitted(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    first = services.report_save_draft(
        actor=rep, cycle=cycle, organisation=world.own, answers=answers(crosswalk)[:2]
    )
    again = services.report_save_draft(
        actor=rep,
        cycle=cycle,
        organisation=world.own,
        answers=answers(crosswalk, status=AnswerStatus.PLANNED, plans="Next year"),
    )
    assert first.pk == again.pk
    assert again.is_draft
    assert Answer.objects.filter(version=again).count() == 5
    submitted = services.report_submit(actor=rep, report=again.report)
    assert submitted.state == VersionState.SUBMITTED
    assert submitted.submitted_by == rep
    report = Report.objects.get(pk=submitted.report_id)
    assert report.on_time is True


def test_submitting_needs_a_status_for_every_requirement(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    version = services.report_save_draft(
        actor=rep,
        cycle=cycle,
        organisation=world.own,
        answers=answers(crosswalk)[:3],
    )
    with pytest.raises(ValidationError) as raised:
        services.report_submit(actor=rep, report=version.report)
    problems = raised.value.message_dict["answers"]
    assert len(problems) == 2
    assert "B-2.1 Greenhouse gas emissions: choose a status." in problems


def test_not_applicable_needs_a_reason(world, crosswalk):
    cycle = open_cycle()
    with pytest.raises(ValidationError) as raised:
        services.report_save_draft(
            actor=representative(world),
            cycle=cycle,
            organisation=world.own,
            answers=answers(crosswalk, status=AnswerStatus.NOT_APPLICABLE),
        )
    assert len(raised.value.message_dict["answers"]) == 5


def test_a_submitted_answer_is_never_edited_only_corrected(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    report = file_report(world, crosswalk, cycle, disclosure=DisclosureLevel.PUBLIC)
    with pytest.raises(ValidationError) as raised:
        services.report_save_draft(
            actor=rep,
            cycle=cycle,
            organisation=world.own,
            answers=answers(crosswalk, status=AnswerStatus.NOT_STARTED),
        )
    assert "correct it instead" in str(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.report_correct(actor=rep, report=report, reason="  ")
    assert "reason" in raised.value.message_dict
    correction = services.report_correct(actor=rep, report=report, reason="A typo in 1.2")
    assert correction.number == 2
    assert correction.is_draft
    services.report_save_draft(
        actor=rep,
        cycle=cycle,
        organisation=world.own,
        answers=answers(crosswalk, status=AnswerStatus.IN_PROGRESS),
    )
    services.report_submit(actor=rep, report=report)
    versions = selectors.readable_versions(user=rep, report=report)
    assert [version.number for version in versions] == [2, 1]
    # The first version still says what was submitted then.
    first = versions[1]
    assert set(first.answers.values_list("status", flat=True)) == {AnswerStatus.IMPLEMENTED}
    assert set(versions[0].answers.values_list("status", flat=True)) == {AnswerStatus.IN_PROGRESS}
    assert versions[0].reason == "A typo in 1.2"


def test_a_late_report_is_not_on_time(world, crosswalk):
    cycle = services.reporting_cycle_open(
        actor=SYSTEM,
        title="Past",
        opens_on=TODAY - timedelta(days=60),
        due_on=TODAY - timedelta(days=1),
    )
    report = file_report(world, crosswalk, cycle)
    assert report.on_time is False
    standing = selectors.reports_on_time(organisation=world.own, user=None)
    assert [(row.title, row.on_time, row.submitted_on) for row in standing] == [
        ("Past", False, TODAY)
    ]


def test_a_closed_cycle_takes_no_new_report_but_corrections(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    report = file_report(world, crosswalk, cycle)
    services.reporting_cycle_close(actor=SYSTEM, cycle=cycle)
    cycle.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_save_draft(
            actor=rep,
            cycle=cycle,
            organisation=world.own,
            answers=answers(crosswalk),
        )
    services.report_correct(actor=rep, report=report, reason="Evidence moved")
    services.report_submit(actor=rep, report=report)


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.SECRETARIAT, Role.CIVIL_SOCIETY_REVIEWER, Role.EXTERNAL_STAKEHOLDER]
)
def test_only_the_representative_files_the_report(world, crosswalk, role):
    cycle = open_cycle()
    with pytest.raises(PermissionDenied):
        services.report_save_draft(
            actor=world.users[role],
            cycle=cycle,
            organisation=world.own,
            answers=answers(crosswalk),
        )


def test_a_representative_files_no_report_for_another_organisation(world, crosswalk):
    with pytest.raises(PermissionDenied):
        services.report_save_draft(
            actor=representative(world),
            cycle=open_cycle(),
            organisation=world.other,
            answers=answers(crosswalk),
        )


# --- The information-sharing protocol --------------------------------------------------------


def test_submitting_with_an_outdated_protocol_acceptance_is_refused(world, crosswalk):
    rep = representative(world)
    person = Person.objects.get(user=rep)
    first = member_services.agreement_publish(
        actor=SYSTEM, kind=AgreementKind.PROTOCOL, title="Protocol", text="Share no prices."
    )
    member_services.agreements_accept(actor=rep, person=person, agreements=[first])
    cycle = open_cycle()
    version = services.report_save_draft(
        actor=rep, cycle=cycle, organisation=world.own, answers=answers(crosswalk)
    )
    newer = member_services.agreement_publish(
        actor=SYSTEM, kind=AgreementKind.PROTOCOL, title="Protocol 2", text="Share no costs."
    )
    rep = type(rep).objects.get(pk=rep.pk)  # a fresh principal, as on the next request
    with pytest.raises(ValidationError) as raised:
        services.report_submit(actor=rep, report=version.report)
    message = " ".join(raised.value.messages)
    assert "Accept the current information-sharing protocol" in message
    assert reverse("members:agreements") in message
    version.refresh_from_db()
    assert version.is_draft
    # The API says the same, as a 400.
    api = api_for(world, Role.ORGANISATION_REPRESENTATIVE)
    api.force_authenticate(rep)
    response = api.post(f"/api/v1/rs-reports/{version.report_id}/submit/")
    assert response.status_code == 400
    assert "information-sharing protocol" in response.content.decode()
    member_services.agreements_accept(actor=rep, person=person, agreements=[newer])
    rep = type(rep).objects.get(pk=rep.pk)
    assert services.report_submit(actor=rep, report=version.report).state == "submitted"


# --- What others see -------------------------------------------------------------------------


def mixed_report(world, crosswalk, cycle, organisation, actor) -> Report:
    levels = [
        DisclosureLevel.PUBLIC,
        DisclosureLevel.MEMBERS,
        DisclosureLevel.SECRETARIAT,
        DisclosureLevel.MEMBERS,
        DisclosureLevel.SECRETARIAT,
    ]
    fields = [
        services.AnswerFields(
            requirement=crosswalk.element(crosswalk.baseline, ref),
            status=AnswerStatus.IMPLEMENTED,
            narrative=f"Zmkreport{level}{organisation.pk} narrative",
            disclosure=level,
        )
        for ref, level in zip(REQUIREMENTS, levels, strict=True)
    ]
    version = services.report_save_draft(
        actor=actor, cycle=cycle, organisation=organisation, answers=fields
    )
    services.report_submit(actor=actor, report=version.report)
    return Report.objects.get(pk=version.report_id)


def other_representative(world):
    from tests.conftest import create_user

    user = create_user("other-rep@example.org")
    member_services.person_add(
        actor=SYSTEM, organisation=world.other, user=user, is_representative=True
    )
    return user


def test_member_a_never_reads_member_bs_members_or_secretariat_answers(world, crosswalk):
    cycle = open_cycle()
    other = mixed_report(world, crosswalk, cycle, world.other, other_representative(world))
    version = selectors.latest_submitted(other)
    assert version is not None
    expectations = {
        Role.ANONYMOUS: {"public"},
        Role.EXTERNAL_STAKEHOLDER: {"public"},
        Role.MEMBER: {"public", "members"},
        Role.ORGANISATION_REPRESENTATIVE: {"public", "members"},
        Role.CIVIL_SOCIETY_REVIEWER: {"public", "members"},
        Role.SECRETARIAT: {"public", "members", "secretariat"},
    }
    for role, levels in expectations.items():
        user = world.users[role]
        seen = {
            answer.disclosure for answer in selectors.visible_answers(user=user, version=version)
        }
        assert seen == levels, role
        page = world.client_for(role).get(other.get_absolute_url()).content.decode()
        body = api_for(world, role).get(f"/api/v1/rs-reports/{other.pk}/").content.decode()
        for level in DisclosureLevel.values:
            marker = f"Zmkreport{level}{world.other.pk}"
            assert (marker in page) == (level in levels), (role, level, "page")
            assert (marker in body) == (level in levels), (role, level, "api")


def test_the_own_organisation_reads_all_of_its_answers_and_drafts(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    report = mixed_report(world, crosswalk, cycle, world.own, rep)
    services.report_correct(actor=rep, report=report, reason="Update")
    member = world.users[Role.MEMBER]
    versions = selectors.readable_versions(user=member, report=report)
    assert [version.state for version in versions] == ["draft", "submitted"]
    assert len(selectors.visible_answers(user=member, version=versions[1])) == 5
    # Others see the submitted version only.
    other_readers = selectors.readable_versions(user=world.users[Role.SECRETARIAT], report=report)
    assert [version.number for version in other_readers] == [1]


def test_a_draft_is_not_listed_for_others(world, crosswalk):
    cycle = open_cycle()
    services.report_save_draft(
        actor=representative(world), cycle=cycle, organisation=world.own, answers=answers(crosswalk)
    )
    assert selectors.report_list(user=world.users[Role.SECRETARIAT], cycle=cycle).count() == 0
    assert selectors.report_list(user=world.users[Role.MEMBER], cycle=cycle).count() == 1
    report = Report.objects.get()
    assert world.client_for(Role.SECRETARIAT).get(report.get_absolute_url()).status_code == 404


# --- Aggregates ------------------------------------------------------------------------------


@pytest.fixture
def chambers(db):
    industry, _ = Chamber.objects.get_or_create(
        slug="industry", defaults={"name": "Industry", "order": 1}
    )
    return industry


def test_aggregates_show_no_small_cell_and_no_cell_recoverable_by_subtraction(
    world, crosswalk, make_organisation, chambers
):
    from tests.conftest import create_user

    cycle = open_cycle()
    # Five organisations of civil society (the world's chamber), two of industry.
    organisations = [make_organisation(value_chain_stages=["recycling"]) for _ in range(5)]
    organisations += [
        make_organisation(chamber=chambers, value_chain_stages=["recycling"]) for _ in range(2)
    ]
    for index, organisation in enumerate(organisations):
        user = create_user(f"rep{index}@example.org")
        member_services.person_add(
            actor=SYSTEM, organisation=organisation, user=user, is_representative=True
        )
        status = AnswerStatus.IMPLEMENTED if index % 2 == 0 else AnswerStatus.PLANNED
        file_report(world, crosswalk, cycle, organisation=organisation, actor=user, status=status)
    aggregates = selectors.report_aggregates(cycle=cycle)
    assert aggregates.reports == 7
    table = aggregates.by_chamber
    industry = table.columns.index("Industry")
    civil = table.columns.index("Civil society")
    for row in table.rows:
        assert row.cells[industry].suppressed  # 2 organisations: fewer than 3
        # Only two chambers hold reports: the civil-society cell goes too, or total minus
        # civil society would give industry away.
        assert row.cells[civil].suppressed
        assert not row.total.suppressed
        assert row.total.contributors == 7
        counts = [[cell.contributors for cell in row.cells]]
        hidden = {(0, c) for c, cell in enumerate(row.cells) if cell.suppressed}
        from standards.suppression import Suppressed

        assert recoverable(counts, Suppressed(cells=frozenset(hidden))) == []
    page = world.client_for(Role.SECRETARIAT).get(
        reverse("standards:cycle-aggregates", args=[cycle.pk])
    )
    html = page.content.decode()
    assert "fewer than 3 reports" in html
    # The same table for everyone, the secretariat included.
    public = world.client_for(Role.ANONYMOUS).get(
        reverse("standards:cycle-aggregates", args=[cycle.pk])
    )
    assert public.status_code == 200
    assert html.count("fewer than 3 reports") == public.content.decode().count(
        "fewer than 3 reports"
    )
    stage = aggregates.by_stage.columns.index("Recycling")
    assert aggregates.by_stage.rows[0].cells[stage].share is not None
    api = api_for(world, Role.ANONYMOUS).get(f"/api/v1/reporting-cycles/{cycle.pk}/aggregates/")
    assert api.status_code == 200
    assert api.json()["by_chamber"]["rows"][0]["cells"][industry]["share"] is None


def test_aggregates_count_the_latest_submitted_version_only(world, crosswalk):
    cycle = open_cycle()
    rep = representative(world)
    report = file_report(world, crosswalk, cycle, status=AnswerStatus.PLANNED)
    services.report_correct(actor=rep, report=report, reason="Done now")
    services.report_save_draft(
        actor=rep, cycle=cycle, organisation=world.own, answers=answers(crosswalk)
    )
    services.report_submit(actor=rep, report=report)
    aggregates = selectors.report_aggregates(cycle=cycle)
    assert aggregates.reports == 1
    assert aggregates.by_chamber.rows[0].total.contributors == 1
    assert aggregates.by_chamber.rows[0].total.implemented == 1


# --- Pages -----------------------------------------------------------------------------------


def form_post(crosswalk, action: str, **overrides) -> dict[str, str]:
    data = {"action": action}
    for ref in REQUIREMENTS:
        pk = crosswalk.element(crosswalk.baseline, ref).pk
        data.update(
            {
                f"q{pk}-status": AnswerStatus.IMPLEMENTED,
                f"q{pk}-evidence_url": "https://example.org/policy",
                f"q{pk}-narrative": f"About {ref}",
                f"q{pk}-disclosure": DisclosureLevel.MEMBERS,
            }
        )
    data.update(overrides)
    return data


def test_the_representative_saves_and_submits_the_report_on_its_page(world, crosswalk):
    cycle = open_cycle()
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:report-form", args=[cycle.pk])
    page = client.get(url).content.decode()
    # The protocol beside the form: what is shared with whom, what never to enter.
    assert "What you share, and with whom" in page
    assert "5 answers</strong> at level “Secretariat”" in page
    assert "customer or supplier lists" in page
    assert "File uploads come later" in page
    saved = client.post(url, form_post(crosswalk, "save"))
    assert saved.status_code == 302
    version = Report.objects.get().versions.get()
    assert version.is_draft
    page = client.get(url).content.decode()
    assert "5 answers</strong> at level “Members”" in page
    submitted = client.post(url, form_post(crosswalk, "submit"))
    report = Report.objects.get()
    assert submitted.status_code == 302
    assert submitted.url == report.get_absolute_url()
    detail = client.get(report.get_absolute_url()).content.decode()
    assert "Correct this report" in detail
    assert "on time" in detail
    # Submitted, the form sends the representative to the report: answers are frozen.
    assert client.get(url).status_code == 302


def test_a_bad_report_form_says_every_problem_beside_its_field(world, crosswalk):
    cycle = open_cycle()
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    first = crosswalk.element(crosswalk.baseline, "B-1.1").pk
    second = crosswalk.element(crosswalk.baseline, "B-1.2").pk
    response = client.post(
        reverse("standards:report-form", args=[cycle.pk]),
        form_post(
            crosswalk,
            "submit",
            **{f"q{first}-status": "", f"q{second}-status": AnswerStatus.NOT_APPLICABLE},
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    assert f'href="#id_q{first}-status">B-1.1: Choose a status' in html
    assert f'href="#id_q{second}-reason">B-1.2: Say why this requirement does not apply' in html
    assert not Report.objects.exists()


def test_the_page_refuses_submission_with_an_outdated_protocol_and_says_where(world, crosswalk):
    member_services.agreement_publish(
        actor=SYSTEM, kind=AgreementKind.PROTOCOL, title="Protocol", text="Share no prices."
    )
    cycle = open_cycle()
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:report-form", args=[cycle.pk])
    assert "Accept the current information-sharing protocol" in client.get(url).content.decode()
    response = client.post(url, form_post(crosswalk, "submit"))
    assert response.status_code == 400
    html = response.content.decode()
    assert reverse("members:agreements") in html
    assert "saved as a draft" in html
    assert Report.objects.get().versions.get().is_draft


def test_a_correction_asks_for_a_reason_and_keeps_the_history(world, crosswalk):
    cycle = open_cycle()
    report = file_report(world, crosswalk, cycle)
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:report-correct", args=[report.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Say why the report is corrected" in refused.content.decode()
    started = client.post(url, {"reason": "The evidence link moved."})
    assert started.status_code == 302
    client.post(
        reverse("standards:report-form", args=[cycle.pk]),
        form_post(crosswalk, "submit"),
    )
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Version 2" in page
    assert "The evidence link moved." in page
    first = client.get(report.get_absolute_url() + "?version=1").content.decode()
    assert "<strong>Version 1</strong>" in first


def test_the_secretariat_opens_and_closes_a_cycle_on_its_pages(world, crosswalk):
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        reverse("standards:cycle-open"),
        {"title": "2027 annual", "opens_on": "2027-01-01", "due_on": "2027-03-31"},
    )
    cycle = ReportingCycle.objects.get()
    assert response.url == cycle.get_absolute_url()
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert "31 March 2027" in page
    assert "B-2.2" in page
    client.post(reverse("standards:cycle-close", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert not cycle.is_open


# --- Reminders -------------------------------------------------------------------------------


def test_organisations_without_a_submitted_report_are_reminded_once(
    world, crosswalk, django_capture_on_commit_callbacks
):
    from django.core import mail

    from alliance_portal.notifications import kinds
    from alliance_portal.notifications.services import (
        ChoiceInput,
        notification_preferences_update,
    )
    from standards.notifications import reports_remind_due

    soon = open_cycle("Soon", due_in=10)
    open_cycle("Later", due_in=40)
    file_report(world, crosswalk, soon, organisation=world.other, actor=other_representative(world))
    for user in (world.users[Role.MEMBER], representative(world)):
        notification_preferences_update(
            actor=user,
            user=user,
            choices=[ChoiceInput(kind=kinds.REPORT_DUE, frequency="immediate")],
        )
    for run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminded = reports_remind_due(actor=SYSTEM)
        assert reminded == ([(soon.pk, world.own.pk)] if run == 0 else [])
    told = {m.to[0] for m in mail.outbox if m.subject == "RS report due: Soon"}
    assert {"member@example.org", "rep@example.org"} <= told
    assert not [email for email in told if email.startswith("other")]
    with pytest.raises(PermissionDenied):
        reports_remind_due(actor=representative(world))


# --- Query budgets ---------------------------------------------------------------------------


def test_the_lists_read_in_a_fixed_number_of_queries(
    world, crosswalk, make_organisation, django_assert_max_num_queries
):
    from tests.conftest import create_user

    cycles = [open_cycle(f"Cycle {index}") for index in range(3)]
    for index in range(6):
        organisation = make_organisation()
        user = create_user(f"budget{index}@example.org")
        member_services.person_add(
            actor=SYSTEM, organisation=organisation, user=user, is_representative=True
        )
        for cycle in cycles:
            file_report(world, crosswalk, cycle, organisation=organisation, actor=user)
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    pages = [
        reverse("standards:cycle-list"),
        cycles[0].get_absolute_url(),
        reverse("standards:cycle-aggregates", args=[cycles[0].pk]),
        Report.objects.first().get_absolute_url(),
    ]
    endpoints = [
        "/api/v1/reporting-cycles/",
        "/api/v1/rs-reports/",
        f"/api/v1/reporting-cycles/{cycles[0].pk}/aggregates/",
        f"/api/v1/rs-reports/{Report.objects.first().pk}/",
    ]
    for url in pages + endpoints:  # warm the process caches first
        client.get(url)
    for url in pages:
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url
    for url in endpoints:
        with django_assert_max_num_queries(12):
            assert api.get(url).status_code == 200, url
