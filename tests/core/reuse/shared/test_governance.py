"""Who sees, writes, approves and retires what in the shared library, enforced by the database:
every member here connects as its own PostgreSQL login role, as a writer's program would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import psycopg
import pytest

from assistant.core.errors import UserError
from assistant.core.reuse.shared import SharedLibrary
from tests.core.reuse.shared.test_store import application
from tests.pgserver import member_url

Member = Callable[[str, str], SharedLibrary]


@pytest.fixture
def owner(pg_url: str) -> Iterator[SharedLibrary]:
    """The library owner's account (IT's, who runs `library init`): no member, no policies."""
    with SharedLibrary(pg_url) as shared:
        shared.init()
        yield shared


@pytest.fixture
def member(owner: SharedLibrary, pg_url: str) -> Iterator[Member]:
    """member(organisation, role): a login role of its own in that organisation, connected."""
    opened: list[SharedLibrary] = []
    database = urlsplit(pg_url).path.strip("/")

    def make(organisation: str, role: str) -> SharedLibrary:
        name = f"{organisation}_{role}_{database}"  # roles are the whole server's: one set per test database
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{name}" LOGIN')  # our own name, not input
        owner.grant(name, organisation=organisation, role=role)
        shared = SharedLibrary(member_url(pg_url, name))
        opened.append(shared)
        return shared

    yield make
    for shared in opened:
        shared.close()


def raw_counts(url: str) -> dict[str, int]:
    """What a plain connection as that role sees in each table, bypassing the program entirely."""
    with psycopg.connect(url) as conn:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in ("entries", "sections", "passages", "takes", "passage_history")
        }


def test_one_organisation_cannot_read_another_organisations_unshared_application_through_its_own_connection(
    member: Member,
):
    lund = member("lund", "writer")
    malmo = member("malmo", "reader")
    stored = lund.add(application())
    assert stored.organisation == "lund"  # the database's idea of who is connected, not a parameter
    lund.record_takes([("00000000-0000-0000-0000-000000000001", f"{stored.id}#samverkan-1")])
    lund.edit(f"{stored.id}#samverkan-1", "Samverkan med Arbetsförmedlingen sker varje vecka.")
    assert raw_counts(lund.url) == {"entries": 1, "sections": 2, "passages": 3, "takes": 1, "passage_history": 1}

    assert raw_counts(malmo.url) == {"entries": 0, "sections": 0, "passages": 0, "takes": 0, "passage_history": 0}
    assert malmo.entries() == [] and malmo.candidates("samverkan arbetsförmedlingen") == []
    assert malmo.found([["samverkan"], ["arbetsförmedling"]], limit=100) == set()  # the suggestions' search too
    with pytest.raises(UserError):
        malmo.entry(stored.id)

    lund.share(stored.id, ["malmo"])
    assert raw_counts(malmo.url)["passages"] == 3
    assert malmo.candidates("samverkan arbetsförmedlingen")[0].entry_id == stored.id
    assert malmo.found([["samverkan"]], limit=100) == {f"{stored.id}#samverkan-1"}
    helsingborg = member("helsingborg", "reader")
    assert helsingborg.entries() == []
    lund.share(stored.id, ["*"])  # the whole förbund
    assert [e.id for e in helsingborg.entries()] == [stored.id]


def test_a_member_cannot_write_for_another_organisation_nor_beyond_its_role(member: Member, pg_url: str):
    lund = member("lund", "writer")
    malmo = member("malmo", "writer")
    reader = member("lund", "reader")
    stored = lund.add(application())
    with pytest.raises(UserError) as caught:
        reader.add(application("annan", text="Ett helt annat stycke om samverkan."))
    assert "does not allow" in caught.value.en and "tillåter inte" in caught.value.sv

    with psycopg.connect(malmo.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(  # straight SQL, not the program: the policy still says no
            "INSERT INTO entries (id, organisation, content_hash) VALUES ('falsk', 'lund', 'x')"
        )
    with psycopg.connect(malmo.url) as conn:
        assert conn.execute("DELETE FROM entries WHERE id = %s", (stored.id,)).rowcount == 0
    with psycopg.connect(lund.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE passages SET approved = false")  # approving is the approver's column
    with pytest.raises(UserError):
        malmo.retire([stored.id])  # not theirs: nothing changed, said so
    assert len(lund.candidates("samverkan arbetsförmedlingen")) >= 1


def test_with_require_approval_an_import_waits_for_an_approver(owner: SharedLibrary, member: Member):
    owner.set_require_approval(True)
    writer, approver = member("lund", "writer"), member("lund", "approver")
    stored = writer.add(application())
    assert writer.candidates("samverkan arbetsförmedlingen") == []  # not suggested before approval
    assert writer.found([["samverkan"], ["arbetsförmedling"]], limit=100) == set()
    assert [pid for pid, _ in approver.waiting()] == [
        f"{stored.id}#bakgrund-1",
        f"{stored.id}#samverkan-1",
        f"{stored.id}#samverkan-2",
    ]
    with pytest.raises(UserError):
        writer.approve([stored.id])
    with psycopg.connect(writer.url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(  # a writer cannot slip in an approved passage either
            "INSERT INTO passages (id, entry_id, section, heading, body, approved)"
            " VALUES ('x#a-1', %s, 'a', 'A', 'text', true)",
            (stored.id,),
        )
    assert approver.approve([f"{stored.id}#samverkan-1"]) == 1
    assert [c.passage_id for c in writer.candidates("samverkan arbetsförmedlingen")] == [f"{stored.id}#samverkan-1"]
    assert approver.approve([stored.id]) == 3  # the whole application
    assert approver.waiting() == []


def test_without_require_approval_a_writers_import_is_suggested_at_once(member: Member):
    writer = member("lund", "writer")
    stored = writer.add(application())
    assert writer.candidates("samverkan arbetsförmedlingen")[0].passage_id == f"{stored.id}#samverkan-1"


def test_a_retired_passage_is_kept_but_no_longer_suggested(member: Member):
    writer = member("lund", "writer")
    stored = writer.add(application())
    assert writer.retire([f"{stored.id}#samverkan-1"]) == 1
    found = [c.passage_id for c in writer.candidates("samverkan arbetsförmedlingen")]
    assert f"{stored.id}#samverkan-1" not in found
    assert len(writer.entry(stored.id).sections) == 2  # the application itself is all there


def test_an_edit_keeps_the_old_wording_in_the_history_and_the_section_in_step(member: Member):
    writer = member("lund", "writer")
    stored = writer.add(application())
    pid = f"{stored.id}#samverkan-2"
    writer.edit(pid, "Arbetsmarknadsinsatser planeras varje månad tillsammans med deltagaren.")
    writer.edit(pid, "Arbetsmarknadsinsatser planeras varje vecka tillsammans med deltagaren.")
    history = writer.history(pid)
    assert [body for body, _, _ in history] == [
        "Arbetsmarknadsinsatser planeras tillsammans med deltagaren.",
        "Arbetsmarknadsinsatser planeras varje månad tillsammans med deltagaren.",
    ]
    assert all(who == writer.whoami()[0] for _, who, _ in history)
    section = writer.entry(stored.id).sections[1].text
    assert "varje vecka" in section and "Arbetsförmedlingen" in section  # the other passage unchanged
    assert writer.candidates("planeras varje vecka")[0].passage_id == pid
    with pytest.raises(UserError) as caught:
        writer.edit(pid, "Två stycken.\n\nNu.")
    assert "one passage" in caught.value.en


def test_takes_are_counted_once_per_take_id_and_stats_show_the_most_and_never_used(member: Member):
    writer = member("lund", "writer")
    stored = writer.add(application())
    one, two = f"{stored.id}#samverkan-1", f"{stored.id}#bakgrund-1"
    takes = [("00000000-0000-0000-0000-00000000000a", one), ("00000000-0000-0000-0000-00000000000b", one)]
    assert writer.record_takes(takes) == 2
    assert writer.record_takes(takes) == 0  # sent again after a lost answer: nothing counted twice
    assert writer.record_takes([("00000000-0000-0000-0000-00000000000c", two)]) == 1
    assert writer.record_takes([("00000000-0000-0000-0000-00000000000d", "finns#inte-1")]) == 0
    most, never, total = writer.stats()
    assert [(u.passage_id, u.takes) for u in most] == [(one, 2), (two, 1)]
    assert [u.passage_id for u in never] == [f"{stored.id}#samverkan-2"]
    assert total == 3


def test_grant_names_the_missing_role_and_whoami_says_who_is_connected(owner: SharedLibrary, member: Member):
    with pytest.raises(UserError) as caught:
        owner.grant("finns_inte", organisation="lund", role="writer")
    assert "finns_inte" in caught.value.sv and "CREATE ROLE" in (caught.value.hint_en or "")
    with pytest.raises(UserError):
        owner.grant("finns_inte", organisation="lund", role="chef")
    writer = member("lund", "writer")
    name, organisation, role = writer.whoami()
    assert (organisation, role) == ("lund", "writer") and name.startswith("lund_writer_")


def test_the_search_functions_apply_the_read_rule_on_both_paths_and_refuse_a_login_that_is_no_member(
    member: Member, pg_url: str
):
    """Search runs as the owner (migrations/0004_search.sql) so the GIN indexes are used; the rule is its own."""
    lund = member("lund", "writer")
    malmo = member("malmo", "reader")
    stored = lund.add(application())
    typo = "aktivitetsersätning"  # trigram path: no stem matches
    assert lund.candidates(typo) and malmo.candidates(typo) == []
    lund.share(stored.id, ["malmo"])
    assert {c.entry_id for c in malmo.candidates(typo)} == {stored.id}
    database = urlsplit(pg_url).path.strip("/")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "stranger_{database}" LOGIN')
    with psycopg.connect(member_url(pg_url, f"stranger_{database}")) as conn, pytest.raises(psycopg.Error):
        conn.execute("SELECT * FROM library_search('samverkan', 5)")
