"""The denied-write check itself: the fingerprint sees a changed, added or removed row in a
checked table, and ignores the tables a denial legitimately writes to."""

from __future__ import annotations

from alliance_portal import policy
from alliance_portal.roles import Role
from members.models import CountryRiskNote
from tests.access.integrity import changed_tables, fingerprint


def test_fingerprint_sees_every_change_of_a_row(matrix_world) -> None:
    before = fingerprint()
    note = CountryRiskNote.objects.order_by("pk").first()
    assert note is not None
    CountryRiskNote.objects.filter(pk=note.pk).update(title=note.title + ".")
    edited = fingerprint()
    count = CountryRiskNote.objects.count()
    # The same number of rows, one of them changed (and its history event added).
    assert changed_tables(before, edited)["members_countryrisknote"] == (count, count)
    CountryRiskNote.objects.filter(pk=note.pk).delete()
    removed = changed_tables(edited, fingerprint())
    assert removed["members_countryrisknote"] == (count, count - 1)


def test_fingerprint_ignores_the_access_log(matrix_world) -> None:
    before = fingerprint()
    policy.record_access(matrix_world.users[Role.SECRETARIAT], matrix_world.applicant)
    assert changed_tables(before, fingerprint()) == {}
