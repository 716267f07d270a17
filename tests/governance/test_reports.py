"""Transparency reports: content, outputs and disclosure. A report is built end to end in the
test process (the Celery task runs eagerly when the transaction's on-commit callbacks run)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, timedelta

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services as ballot_services
from governance.consultations import services as consultation_services
from governance.decision_log.canonical import check_exact
from governance.decision_log.selectors import decision_log_head
from governance.reports import periods, services
from governance.reports.models import ReportFileKind, ReportState, TransparencyReport
from governance.reports.pdf import page_count
from governance.reports.sections import registry
from governance.reports.values import canonical_bytes, fraction, percent
from members import services as member_services
from members.models import MembershipStatus, Organisation, Person
from standards import services as standard_services
from standards.models import Element, StandardKind
from tests.governance import test_ballots_factories as ballots
from tests.governance.reports_support import (
    MEMBERS_ONLY_WORDS,
    checksums,
    read,
    report_json,
    seed_report_data,
    this_year_ad_hoc,
    zip_members,
)
from tests.standards.conftest import ALPHA_CSV, BASELINE_CSV, make_version

pytestmark = pytest.mark.django_db

# The Frictionless Data Package (with Tabular Data Resources) as far as the bundle uses it:
# what a validator checks of the descriptor, each resource and each field.
DATA_PACKAGE_SCHEMA = {
    "type": "object",
    "required": ["profile", "name", "resources"],
    "properties": {
        "profile": {"const": "data-package"},
        "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "homepage": {"type": "string"},
        "sources": {"type": "array"},
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
                    "path": {"type": "string", "pattern": "^[^/].*[^/]$"},
                    "profile": {"enum": ["tabular-data-resource", "data-resource"]},
                    "format": {"type": "string"},
                    "mediatype": {"type": "string", "pattern": "^(.+)/(.+)$"},
                    "encoding": {"type": "string"},
                    "bytes": {"type": "integer", "minimum": 0},
                    "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                    "schema": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type"],
                                    "properties": {
                                        "name": {"type": "string", "minLength": 1},
                                        "title": {"type": "string"},
                                        "description": {"type": "string"},
                                        "type": {
                                            "enum": [
                                                "string",
                                                "integer",
                                                "number",
                                                "date",
                                                "datetime",
                                                "boolean",
                                            ]
                                        },
                                        "format": {"type": "string"},
                                    },
                                },
                            },
                            "missingValues": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
                "required": ["name", "path", "profile", "hash", "bytes"],
                "if": {
                    "required": ["profile"],
                    "properties": {"profile": {"const": "tabular-data-resource"}},
                },
                "then": {"required": ["schema"]},
            },
        },
    },
}


def build(django_capture_on_commit_callbacks, **request) -> TransparencyReport:
    """Ask for a report as the system and let the on-commit task build it (eagerly)."""
    request.setdefault("edition", "public")
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = services.report_request(actor=SYSTEM, **request)
    report.refresh_from_db()
    assert report.state == ReportState.READY, report.error
    return report


def correct(django_capture_on_commit_callbacks, report: TransparencyReport) -> TransparencyReport:
    """Publish a corrected edition of ``report`` as the system; the worker builds it (eagerly)."""
    with django_capture_on_commit_callbacks(execute=True):
        correction, created = services.report_correct(actor=SYSTEM, report=report)
    assert created
    correction.refresh_from_db()
    assert correction.state == ReportState.READY, correction.error
    return correction


def csv_checksums(report: TransparencyReport) -> dict[str, str]:
    return {key: value for key, value in checksums(report).items() if key.startswith("csv:")}


def stored_bytes(report: TransparencyReport) -> dict[str, bytes]:
    return {file.kind: read(report, file.kind) for file in report.files.all()}


def decide_by_ballot(world, title: str = "Ballot-decided rule") -> None:
    """A public proposal decided by a real ballot: published in the decision log, with a
    declared conflict (recused) among the votes."""
    ballot = ballots.open_ballot(title=title)
    ballots.vote(ballot, world.own, "yes")
    ballots.vote(ballot, world.other, "yes", conflict="Supplies the proposer.")
    ballot_services.ballot_close(
        actor=world.users[Role.SECRETARIAT], ballot=ballot, reason="Every vote is in."
    )


def test_a_report_built_end_to_end_is_ready_with_pdf_zip_and_the_log_head(
    world, django_capture_on_commit_callbacks
) -> None:
    seed_report_data(world)
    decide_by_ballot(world)
    head = decision_log_head()
    assert head is not None

    report = build(django_capture_on_commit_callbacks, **this_year_ad_hoc())

    assert (report.progress, report.step, report.attempts) == (100, "Ready", 1)
    assert report.finished_at is not None
    assert report.error == ""
    files = {file.kind: file for file in report.files.all()}
    assert set(files) == {"json", "pdf", "zip"}
    for kind, file in files.items():
        data = read(report, kind)
        assert hashlib.sha256(data).hexdigest() == file.sha256
        assert len(data) == file.size

    pdf = read(report, ReportFileKind.PDF)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) >= 2
    # Tagged (headings as /H1…), with bookmarks: the table of contents for screen readers too.
    for token in (b"/StructTreeRoot", b"/H1", b"/Outlines", b"/Lang"):
        assert token in pdf

    content = report_json(report)
    assert content["decision_log_head"] == {
        "seq": head["seq"],
        "hash": head["hash"],
        "published_at": head["published_at"].strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    assert (report.log_head_seq, report.log_head_hash) == (head["seq"], head["hash"])

    members = zip_members(report)
    assert members["report.json"] == read(report, ReportFileKind.JSON)
    package = json.loads(members["datapackage.json"])
    jsonschema.validate(package, DATA_PACKAGE_SCHEMA)
    csv_paths = {name for name in members if name.endswith(".csv")}
    resources = {resource["path"]: resource for resource in package["resources"]}
    assert csv_paths == {path for path in resources if path.endswith(".csv")}
    assert "report.json" in resources
    tables = {
        table["name"]: table for section in content["sections"] for table in section["tables"]
    }
    assert {f"data/{name}.csv" for name in tables} == csv_paths
    for path in csv_paths:
        resource = resources[path]
        data = members[path]
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["bytes"] == len(data)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        names = [field["name"] for field in resource["schema"]["fields"]]
        assert rows[0] == names, path
        table = tables[resource["name"]]
        assert names == [column["name"] for column in table["columns"]]
        assert len(rows) - 1 == len(table["rows"])
    assert sorted(t["path"] for t in report.tables) == sorted(csv_paths)

    decisions = next(s for s in content["sections"] if s["key"] == "decisions")
    assert decisions["available"] is True
    (row,) = next(t for t in decisions["tables"] if t["name"] == "decisions")["rows"]
    assert row[1] == "Ballot-decided rule"
    assert row[-1].endswith(f"/governance/decisions/{head['seq']}/")
    tallies = next(t for t in decisions["tables"] if t["name"] == "decision-tallies")
    assert tallies["rows"], "the tally per chamber is reported"
    conflicts = next(s for s in content["sections"] if s["key"] == "conflicts")
    figures = {figure["key"]: figure["value"] for figure in conflicts["figures"]}
    assert (figures["conflicts"], figures["recusals"]) == (1, 1)


def test_a_published_report_is_never_built_again_a_correction_is_a_new_edition(
    world, django_capture_on_commit_callbacks
) -> None:
    seed_report_data(world)
    first = build(django_capture_on_commit_callbacks, **this_year_ad_hoc())
    published = checksums(first)
    published_bytes = stored_bytes(first)

    with pytest.raises(ValidationError, match="publish a corrected edition"):
        services.report_rebuild(actor=SYSTEM, report=first)
    # Asking for the period again returns the published edition as it is.
    with django_capture_on_commit_callbacks(execute=True):
        again, created = services.report_request(
            actor=SYSTEM, edition="public", **this_year_ad_hoc()
        )
    assert (again.pk, created) == (first.pk, False)
    assert checksums(first) == published
    first.refresh_from_db()
    assert first.attempts == 1

    # With unchanged data a correction gives the same open data: the build is reproducible.
    same = correct(django_capture_on_commit_callbacks, first)
    assert (same.number, same.corrects_id, same.edition) == (2, first.pk, "public")
    assert csv_checksums(same) == csv_checksums(first)
    assert "This is edition 2: it corrects edition 1" in report_json(same)["report"]["edition_note"]

    # New data: the next correction's figures change; every published edition keeps its files.
    consultation_services.comment_record_received(
        actor=SYSTEM,
        proposal=seed_open_consultation(),
        text="Another view.",
        author_kind="member",
        organisation=world.other,
    )
    third = correct(django_capture_on_commit_callbacks, same)
    assert (third.number, third.corrects_id) == (3, same.pk)
    assert checksums(third)["file:json"] != published["file:json"]
    assert checksums(first) == published
    assert stored_bytes(first) == published_bytes
    assert third.file_stem.endswith("-public-3")

    # An edition is corrected once: the next correction corrects the latest edition.
    with pytest.raises(ValidationError, match="already corrected by Public edition 2"):
        services.report_correct(actor=SYSTEM, report=first)
    with pytest.raises(PermissionDenied):
        services.report_correct(actor=world.users[Role.MEMBER], report=third)


def test_a_correction_not_yet_published_is_returned_when_asked_again(world) -> None:
    report, _ = services.report_request(actor=SYSTEM, **this_year_ad_hoc())
    with pytest.raises(ValidationError, match="not published yet"):
        services.report_correct(actor=SYSTEM, report=report)
    TransparencyReport.objects.filter(pk=report.pk).update(
        state=ReportState.READY, progress=100, finished_at=timezone.now()
    )
    correction, created = services.report_correct(actor=SYSTEM, report=report)
    again, created_again = services.report_correct(actor=SYSTEM, report=report)
    assert (created, created_again, again.pk) == (True, False, correction.pk)
    assert correction.state == ReportState.QUEUED
    assert str(correction).endswith("(Public edition 2)")


def seed_open_consultation():
    from governance.proposals.models import Proposal

    return Proposal.objects.get(title="Open consultation")


def _everything(client: Client, report: TransparencyReport) -> str:
    """Every output of the report as text: report.json, the ZIP's files, the page."""
    texts = [read(report, ReportFileKind.JSON).decode()]
    texts += [data.decode("utf-8") for data in zip_members(report).values()]
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    texts.append(page.content.decode())
    return "\n".join(texts)


def test_a_public_report_contains_no_members_only_figure(
    world, django_capture_on_commit_callbacks
) -> None:
    seed_report_data(world)
    period = this_year_ad_hoc()
    public = build(django_capture_on_commit_callbacks, **period)
    members = build(django_capture_on_commit_callbacks, **{**period, "edition": "members"})

    staff = world.client_for(Role.SECRETARIAT)
    public_text = _everything(staff, public)
    members_text = _everything(staff, members)
    for word in MEMBERS_ONLY_WORDS:
        assert word not in public_text
        assert word in members_text  # the seed is there: the check above means something
    members_tables = {"people-by-chamber", "stakeholder-engagement"}
    assert not members_tables & {t["name"] for t in public.tables}
    assert members_tables <= {t["name"] for t in members.tables}

    def figure(report, section, key):
        content = report_json(report)
        found = next(s for s in content["sections"] if s["key"] == section)
        return next(f["value"] for f in found["figures"] if f["key"] == key)

    assert figure(public, "consultations", "consultations") == 2
    assert figure(members, "consultations", "consultations") == 4
    assert figure(public, "proposals-decided", "decided") == 1
    assert figure(members, "proposals-decided", "decided") == 2


def test_members_figures_about_people_need_three_organisations(
    world, make_user, django_capture_on_commit_callbacks
) -> None:
    data = seed_report_data(world)
    industry, communities = data.chambers
    for index, organisation in enumerate(industry.organisations.all()):
        member_services.person_add(
            actor=SYSTEM, organisation=organisation, user=make_user(f"industry{index}@example.org")
        )
    member_services.person_add(
        actor=SYSTEM,
        organisation=communities.organisations.order_by("pk")[0],
        user=make_user("community@example.org"),
    )
    report = build(
        django_capture_on_commit_callbacks, **{**this_year_ad_hoc(), "edition": "members"}
    )
    content = report_json(report)
    membership = next(s for s in content["sections"] if s["key"] == "membership")
    table = next(t for t in membership["tables"] if t["name"] == "people-by-chamber")
    rows = {row[0]: row[1:] for row in table["rows"]}
    assert rows["Industry"] == [3, 3]
    assert rows["Affected communities"] == [1, None]  # one organisation: withheld
    # own and other have people (of every disclosure level): two organisations, withheld.
    assert Person.objects.filter(organisation__chamber=world.own.chamber).count() > 3
    assert rows[world.own.chamber.name] == [2, None]


def test_membership_change_over_the_period(world, make_organisation) -> None:
    today = timezone.localdate()
    make_organisation("Joined Last Year", joined_on=today - timedelta(days=400))
    make_organisation("Joined This Quarter", joined_on=today - timedelta(days=5))
    leaving = make_organisation("Leaves Now", joined_on=today - timedelta(days=400))
    # Any change of status is in the audit trail, bulk updates included.
    Organisation.objects.filter(pk=leaving.pk).update(membership_status=MembershipStatus.SUSPENDED)
    period = periods.ad_hoc(today - timedelta(days=30), today)
    section = registry.build_section(
        next(spec for spec in registry.sections() if spec.key == "membership"),
        registry.ReportContext(period=period, edition="public"),
    )
    figures = {figure["key"]: figure["value"] for figure in section["figures"]}
    # world: own and other (joined when created, today) are members; the applicant is not.
    assert figures["joined"] == 3  # own, other, Joined This Quarter
    assert figures["left"] == 1
    assert figures["members_at_start"] == 2  # Joined Last Year, Leaves Now
    assert figures["members_at_end"] == 4  # own, other, Joined Last Year, Joined This Quarter


def test_crosswalk_coverage_at_the_start_and_the_end_of_the_period(world) -> None:
    baseline = make_version(
        "alliance-baseline", StandardKind.ALLIANCE_BASELINE, "1.0", BASELINE_CSV
    )
    alpha = make_version("alpha", StandardKind.CERTIFICATION_STANDARD, "2.0", ALPHA_CSV)
    mapping_set = standard_services.mapping_set_create(
        actor=SYSTEM, focal_version=baseline, reference_version=alpha, purpose="Alpha"
    )
    mapping = standard_services.mapping_create(
        actor=SYSTEM,
        mapping_set=mapping_set,
        focal_element=Element.objects.get(version=baseline, ref="B-1.1"),
        reference_element=Element.objects.get(version=alpha, ref="1.1"),
        relationship="equal",
        rationale="semantic",
        strength=10,
    )
    standard_services.mapping_review(actor=SYSTEM, mapping=mapping)
    standard_services.mapping_approve(actor=SYSTEM, mapping=mapping)
    today = timezone.localdate()
    section = registry.build_section(
        next(spec for spec in registry.sections() if spec.key == "standards"),
        registry.ReportContext(
            period=periods.ad_hoc(today - timedelta(days=7), today), edition="public"
        ),
    )
    (table,) = section["tables"]
    row = dict(zip([c["name"] for c in table["columns"]], table["rows"][0], strict=True))
    assert row["standard_code"] == "alpha"
    assert (row["fully_covered_at_start"], row["fully_covered_at_end"]) == (0, 1)
    assert (row["unmapped_at_start"], row["unmapped_at_end"]) == (5, 4)
    figures = {figure["key"]: figure["value"] for figure in section["figures"]}
    assert figures["mappings_approved"] == 1


def test_glossary_concepts_agreed_in_the_period(world) -> None:
    from tests.glossary.factories import agreed_concept, proposed_concept

    agreed_concept("Responsible sourcing")
    proposed_concept(f"{MEMBERS_ONLY_WORDS[0]} term")
    today = timezone.localdate()
    period = periods.ad_hoc(today - timedelta(days=7), today)
    spec = next(spec for spec in registry.sections() if spec.key == "glossary")
    public = registry.build_section(spec, registry.ReportContext(period, "public"))
    members = registry.build_section(spec, registry.ReportContext(period, "members"))
    (table,) = public["tables"]
    assert [row[2:4] for row in table["rows"]] == [["Responsible sourcing", "agreed"]]
    assert MEMBERS_ONLY_WORDS[0] not in json.dumps(public)
    member_figures = {figure["key"]: figure["value"] for figure in members["figures"]}
    assert member_figures["proposed"] == 2


def _section(key: str, edition: str, period) -> dict:
    spec = next(spec for spec in registry.sections() if spec.key == key)
    return registry.build_section(spec, registry.ReportContext(period, edition))


def test_the_actions_section_lists_what_the_edition_may_read_and_what_was_done_on_time(
    world,
) -> None:
    from alliance_portal.disclosure import DisclosureLevel
    from governance.actions.models import ActionItem
    from tests.governance.actions_support import action

    today = timezone.localdate()
    period = periods.ad_hoc(today - timedelta(days=30), today)
    done = action(world.own, title="Map the smelters", due=today - timedelta(days=3))
    action(world.other, title="Publish the audit", due=today - timedelta(days=2))
    action(
        world.own,
        title=f"{MEMBERS_ONLY_WORDS[0]} action",
        due=today - timedelta(days=1),
        disclosure=DisclosureLevel.MEMBERS,
    )
    action(world.own, title="Later", due=today + timedelta(days=40))
    moment = timezone.now() - timedelta(days=5)
    ActionItem.objects.filter(pk=done.pk).update(status="done", started_at=moment, done_at=moment)
    public, members = _section("actions", "public", period), _section("actions", "members", period)
    assert public["available"] is True
    (table,) = public["tables"]
    names = [c["name"] for c in table["columns"]]
    rows = {row[0]: dict(zip(names, row, strict=True)) for row in table["rows"]}
    assert set(rows) == {"Map the smelters", "Publish the audit"}
    assert rows["Map the smelters"]["on_time"] is True
    assert rows["Publish the audit"]["overdue"] is True
    assert MEMBERS_ONLY_WORDS[0] not in json.dumps(public)
    figures = {figure["key"]: figure["value"] for figure in public["figures"]}
    assert figures["actions_due"] == 2
    assert figures["actions_done_on_time"] == "50.0"
    assert len(members["tables"][0]["rows"]) == 3


def test_the_initiatives_section_never_adds_currencies_and_hides_a_small_total_in_public(
    world,
) -> None:
    from tests.governance.initiatives_support import make_initiative, pledge

    today = timezone.localdate()
    period = periods.ad_hoc(today - timedelta(days=30), today)
    initiative = make_initiative(world.own, title="Water monitoring")
    pledge(initiative, world.own, "300")
    pledge(initiative, world.other, "200")
    pledge(initiative, world.other, "50", "USD")
    public = _section("initiatives", "public", period)
    members = _section("initiatives", "members", period)
    (table,) = members["tables"]
    names = [c["name"] for c in table["columns"]]
    rows = {
        row[names.index("currency")]: dict(zip(names, row, strict=True)) for row in table["rows"]
    }
    assert rows["EUR"]["pledged_or_paid"] == "500.00"
    assert rows["EUR"]["gap"] == "99500.00"
    assert rows["USD"]["pledged_or_paid"] == "50.00"
    assert rows["USD"]["budget"] is None
    assert rows["USD"]["gap"] is None
    (public_table,) = public["tables"]
    public_rows = {row[names.index("currency")]: row for row in public_table["rows"]}
    # Two pledges in EUR, one in USD: fewer than three, so no total (nor gap) in public.
    assert public_rows["EUR"][names.index("pledged_or_paid")] is None
    assert public_rows["EUR"][names.index("gap")] is None
    assert "500.00" not in json.dumps(public)


def test_a_section_that_fails_fails_the_build_loudly(
    world, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def broken(context):
        raise ZeroDivisionError("a bug in a section")

    monkeypatch.setitem(
        registry._REGISTRY,
        "broken",
        registry.SectionSpec("broken", "Broken", 999, broken, "A section with a bug."),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_request(actor=SYSTEM, **this_year_ad_hoc())
    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert "ZeroDivisionError: a bug in a section" in report.error
    assert not report.files.exists()


def test_a_section_needing_a_missing_model_is_empty_with_a_note(monkeypatch) -> None:
    def never(context):
        raise AssertionError("not called when its model is missing")

    spec = registry.SectionSpec(
        "future", "Future", 1, never, "Later.", requires=("governance.NotYetThere",)
    )
    today = timezone.localdate()
    section = registry.build_section(
        spec, registry.ReportContext(periods.ad_hoc(today, today), "public")
    )
    assert section["available"] is False
    assert "governance.NotYetThere does not exist" in section["notes"][0]


def test_numbers_are_exact_and_the_json_canonical() -> None:
    with pytest.raises(TypeError, match="float"):
        check_exact({"share": 0.5})
    assert percent(1, 3) == "33.3"
    assert percent(2, 3) == "66.7"
    assert percent(1, 0) is None
    assert fraction(1, 3) == {"num": 1, "den": 3}
    assert (
        canonical_bytes({"b": 1, "a": [2, "x"]})
        == b'{\n  "a": [\n    2,\n    "x"\n  ],\n  "b": 1\n}\n'
    )


def test_periods() -> None:
    assert periods.quarterly(2025, 3).label == "2025-Q3"
    assert (periods.quarterly(2025, 4).start, periods.quarterly(2025, 4).end) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    assert periods.annual(2024).label == "2024"
    assert periods.ad_hoc(date(2025, 2, 1), date(2025, 3, 15)).label == "2025-02-01_2025-03-15"
    assert periods.last_completed("quarterly", date(2026, 1, 1)) == periods.quarterly(2025, 4)
    assert periods.last_completed("quarterly", date(2026, 5, 20)) == periods.quarterly(2026, 1)
    assert periods.last_completed("annual", date(2026, 1, 1)) == periods.annual(2025)
    assert periods.from_label("quarterly", "2025-Q3") == periods.quarterly(2025, 3)
    assert periods.quarterly(2025, 1).months() == ["2025-01", "2025-02", "2025-03"]
    with pytest.raises(ValidationError):
        periods.ad_hoc(date(2025, 3, 1), date(2025, 2, 1))


def test_asking_for_a_report(world) -> None:
    today = date(2026, 5, 20)
    with pytest.raises(ValidationError, match="can be built from the day after"):
        services.report_request(actor=SYSTEM, kind="quarterly", year=2026, quarter=2, today=today)
    with pytest.raises(ValidationError) as missing:
        services.report_request(actor=SYSTEM, kind="quarterly", year=2026, today=today)
    assert "quarter" in missing.value.message_dict
    with pytest.raises(ValidationError, match="at the latest"):
        services.report_request(
            actor=SYSTEM, kind="ad_hoc", start=today, end=today + timedelta(days=1), today=today
        )
    with pytest.raises(PermissionDenied):
        services.report_request(
            actor=world.users[Role.MEMBER], kind="annual", year=2025, today=today
        )
    report, created = services.report_request(
        actor=world.users[Role.SECRETARIAT], kind="annual", year=2025, today=today
    )
    assert created
    assert report.state == ReportState.QUEUED
    assert report.requested_by == world.users[Role.SECRETARIAT]
    again, created = services.report_request(actor=SYSTEM, kind="annual", year=2025, today=today)
    assert (again.pk, created, again.state) == (report.pk, False, ReportState.QUEUED)
    TransparencyReport.objects.filter(pk=report.pk).update(state="failed", error="Boom.")
    again, created = services.report_request(actor=SYSTEM, kind="annual", year=2025, today=today)
    assert (again.pk, created, again.state, again.error) == (report.pk, False, "queued", "")


def test_the_demo_queues_an_annual_and_a_quarterly_public_report(
    world, django_capture_on_commit_callbacks
) -> None:
    from governance.reports import demo as demo_reports

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = demo_reports.queue_demo_reports()
    assert len(callbacks) == 2
    again = demo_reports.queue_demo_reports()
    assert [r.pk for r in first] == [r.pk for r in again]  # idempotent: nothing new
    assert TransparencyReport.objects.count() == 2
    for report in first:  # once built, a third run leaves them alone
        TransparencyReport.objects.filter(pk=report.pk).update(
            state="ready", progress=100, finished_at=timezone.now()
        )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        demo_reports.queue_demo_reports()
    assert callbacks == []
    kinds = sorted((r.kind, r.edition) for r in first)
    assert kinds == [("annual", "public"), ("quarterly", "public")]
    annual = next(r for r in first if r.kind == "annual")
    assert annual.period == str(timezone.localdate().year - 1)


def test_the_typst_template_is_installed_with_the_package() -> None:
    """The Docker image installs the project with ``pip install .`` and its worker imports
    ``governance`` from site-packages: the template must be package data, or PDFs fail there."""
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"].get("package-data", {}).get("governance", [])
    assert any(fnmatch.fnmatch("reports/report.typ", pattern) for pattern in patterns), (
        'pyproject.toml needs [tool.setuptools.package-data] governance = ["reports/*.typ"]'
    )
