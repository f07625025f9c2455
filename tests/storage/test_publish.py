"""Publishing from a laptop (SQLite) to the organisation's store (a real PostgreSQL server).

What goes and what stays, records moving on, the network dropping at any point, two laptops
at once, and the store refusing what does not match whatever client sends it.
"""

from __future__ import annotations

import random
import threading
from datetime import date

import psycopg
import pytest

from rmp_desktop.storage.publications import PUBLISHED, REFUSED, states_for
from rmp_desktop.storage.publish import PublishError, publish
from rmp_desktop.storage.publish_batch import find_me, read_pending
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.storage.store import Store
from tests.publish_support import (
    awaiting_record,
    draft_record,
    laptop_records,
    laptop_rows,
    make_team,
    open_laptop,
    org_records,
    org_rows,
    signed_record,
)
from tests.records_support import EMPLOYEE_SIGNER, MANAGER_SIGNER, drop_trigger, raw


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # the laptop; the organisation's store is pg_database


@pytest.fixture
def org(pg_database) -> str:
    return pg_database


@pytest.fixture
def laptop(store):
    return store


@pytest.fixture
def team(laptop):
    return make_team(laptop)


@pytest.fixture
def theo_url(team, pg_login):
    return pg_login("manager", team["theo"].uid)


def org_check(url: str) -> list[str]:
    opened = Store(url)
    try:
        return opened.integrity_report()
    finally:
        opened.close()


# -- what goes, what stays -------------------------------------------------------------------

def test_the_team_and_every_fixed_record_go_in_full_and_drafts_stay(laptop, team, org, theo_url):
    ewa, theo, aroha = team["ewa"], team["theo"], team["team"][1]
    signed = signed_record(laptop, ewa, theo)
    awaiting = awaiting_record(laptop, aroha, theo)
    draft = draft_record(laptop, ewa, theo)

    report = publish(laptop, theo_url)

    assert (report.published, report.already, report.refused) == (2, 0, [])
    held = org_records(org)
    assert set(held) == {signed.uid, awaiting.uid}  # the draft stayed on the laptop
    assert draft.uid not in held
    # Every section byte for byte, every signature, the same fingerprint and status.
    assert held == {uid: rec for uid, rec in laptop_records(laptop).items()}
    people = {uid: name for uid, name in org_rows(org, "SELECT uid, full_name FROM staff")}
    assert set(people) == {m.uid for m in [theo, *team["team"]]}
    theo_org = org_rows(org, "SELECT id FROM staff WHERE uid = %s", (theo.uid,))[0][0]
    assert {r[0] for r in org_rows(org, "SELECT line_manager_id FROM staff WHERE uid <> %s",
                                   (theo.uid,))} == {theo_org}
    packs = laptop_rows(laptop, "SELECT fingerprint, body FROM pack_snapshots")
    assert set(org_rows(org, "SELECT fingerprint, body FROM pack_snapshots")) <= set(packs)
    assert org_check(org) == [] and org_check(theo_url) == []
    assert org_rows(org, "SELECT count(*) FROM audit_log WHERE event = 'published'") == [(2,)]
    # What is due for them was worked out on the organisation's store too.
    assert org_rows(org, "SELECT s.uid FROM due_summary d JOIN staff s ON s.id = d.staff_id") \
        == [(ewa.uid,)]

    states = states_for(laptop.engine, [signed.id, awaiting.id, draft.id])
    assert states[signed.id].state == states[awaiting.id].state == PUBLISHED
    assert states[signed.id].at is not None and report.at.startswith(
        states[signed.id].at.date().isoformat())
    assert states[draft.id].inline() == "" and "stays on this laptop" in states[draft.id].words()
    assert laptop.integrity_report() == []  # the laptop's own audit chain took the batch in

    again = publish(laptop, theo_url)
    assert again.nothing_to_do
    assert org_records(org) == held
    assert org_rows(org, "SELECT count(*) FROM audit_log WHERE event = 'published'") == [(2,)]


def test_a_record_moves_on_there_as_it_does_here(laptop, team, org, theo_url):
    ewa, theo = team["ewa"], team["theo"]
    repo = SignoffRepository.of(laptop)
    awaiting = awaiting_record(laptop, ewa, theo)
    publish(laptop, theo_url)
    assert org_records(org)[awaiting.uid][0] == "awaiting_signoff"

    repo.sign(awaiting.id, "manager", MANAGER_SIGNER, True)  # the second signature
    amendment = repo.start_amendment(awaiting.id, "A target date was wrong")
    laptop.conversations.save_section(amendment.id, "summary", {
        "employee_comments": "Agreed, with the new date.", "comments_visited": True})
    repo.sign(amendment.id, "employee", EMPLOYEE_SIGNER, True)
    repo.sign(amendment.id, "manager", MANAGER_SIGNER, True)
    report = publish(laptop, theo_url)

    assert report.published == 2 and not report.refused
    held = org_records(org)
    assert held == laptop_records(laptop)
    assert held[awaiting.uid][0] == "superseded" and held[amendment.uid][0] == "signed"
    assert org_rows(org, "SELECT a.uid FROM conversations a JOIN conversations b "
                         "ON b.supersedes_id = a.id WHERE b.uid = %s", (amendment.uid,)) \
        == [(awaiting.uid,)]
    assert org_check(org) == []


def test_a_changed_person_goes_again_and_the_laptop_learns_their_organisation_uid(
        laptop, team, org, theo_url, pg_login):
    ewa, theo = team["ewa"], team["theo"]
    # The organisation knew Ewa first (an ESR import by its administrators, say), under its own
    # uid, in Theo's team; the laptop's Ewa is found by her assignment number.
    publish(laptop, theo_url)  # Theo and his team as this laptop knows them
    with psycopg.connect(org) as conn:
        conn.execute("DELETE FROM staff_aliases")
        conn.execute("UPDATE staff SET uid = %s WHERE uid = %s", ("e" * 32, ewa.uid))
    laptop.staff.update(ewa.with_changes(band="8a", job_title="Employee Relations Lead",
                                         directorate="Corporate services"))
    signed = signed_record(laptop, ewa, theo)

    report = publish(laptop, theo_url)

    assert report.published == 1 and not report.refused
    assert org_rows(org, "SELECT band, job_title, directorate FROM staff WHERE uid = %s",
                    ("e" * 32,)) == [("8a", "Employee Relations Lead", "Corporate services")]
    assert org_rows(org, "SELECT s.uid FROM staff_aliases a JOIN staff s ON s.id = a.staff_id "
                         "WHERE a.uid = %s", (ewa.uid,)) == [("e" * 32,)]
    assert org_rows(org, "SELECT s.uid FROM conversations c JOIN staff s ON s.id = c.person_id "
                         "WHERE c.uid = %s", (signed.uid,)) == [("e" * 32,)]
    assert laptop_rows(laptop, f"SELECT source FROM staff_aliases WHERE uid = '{'e' * 32}'") \
        == [("organisation",)]


# -- the network drops, the laptop stops: nothing lost or doubled ------------------------------

class Stop(Exception):
    pass


@pytest.mark.parametrize("seed", range(6))
def test_publishing_stopped_anywhere_resumes_with_nothing_lost_or_doubled(
        laptop, team, org, theo_url, pg_server, seed):
    rng = random.Random(seed)
    theo = team["theo"]
    for i, person in enumerate(team["team"] * 2):
        signed_record(laptop, person, theo, held_on=date(2025, 1 + i, 10),
                      kind=("appraisal", "career")[i % 2])
    expected = laptop_records(laptop)
    login = theo_url.split("//", 1)[1].split("@", 1)[0]
    me_id = find_me(laptop, theo.uid)
    store_uid = org_rows(org, "SELECT value FROM app_meta WHERE key = 'store_uid'")[0][0]
    stops = 0
    for _attempt in range(40):
        left = len(read_pending(laptop, store_uid, me_id, per_batch=2).batches)
        if not left:
            break
        how = rng.choice(["raise", "kill"])
        # Raise at any of the steps left (four a batch); kill the connection while a batch is
        # in the store's hands, its transaction open (anywhere else the client reconnects).
        at_call = rng.randint(1, 4 * left if how == "raise" else left)
        calls: list[str] = []

        def interrupt(step, done, _total, at_call=at_call, how=how, calls=calls):
            if how == "kill" and step != "sent":
                return
            calls.append(step)
            if len(calls) != at_call:
                return
            if how == "raise":
                raise Stop(f"stopped at {step} {done}")
            with psycopg.connect(pg_server, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE usename = %s", (login,))

        try:
            publish(laptop, theo_url, on_step=interrupt, per_batch=2)
        except (Stop, PublishError):
            stops += 1
    assert stops > 0
    final = publish(laptop, theo_url)  # whatever is left, without interruptions
    assert not final.refused
    assert org_records(org) == expected
    # Each record taken exactly once: one "published" entry each, no signature twice.
    assert org_rows(org, "SELECT count(*), count(DISTINCT conversation_uid) FROM audit_log "
                         "WHERE event = 'published'") == [(len(expected), len(expected))]
    assert org_rows(org, "SELECT count(*) FROM signatures") == [(2 * len(expected),)]
    assert org_rows(org, "SELECT count(*) FROM staff") == [(1 + len(team["team"]),)]
    assert org_check(org) == []
    states = states_for(laptop.engine, [r[0] for r in laptop_rows(
        laptop, "SELECT id FROM conversations")])
    assert {s.state for s in states.values()} == {PUBLISHED}
    assert publish(laptop, theo_url).nothing_to_do


def test_two_laptops_of_one_manager_publish_at_once(tmp_path, org, pg_login):
    """The same manager on two laptops, which met the same team member separately (two uids,
    one assignment number): one person on the organisation's store, every record of both."""
    first = open_laptop(tmp_path / "first")
    one = make_team(first)
    second = open_laptop(tmp_path / "second")
    two = make_team(second, manager_uid=one["theo"].uid)  # the manager's uid travels
    assert one["ewa"].uid != two["ewa"].uid
    url = pg_login("manager", one["theo"].uid)
    records = [signed_record(first, one["ewa"], one["theo"], held_on=date(2026, 3, 2)),
               signed_record(second, two["ewa"], two["theo"], held_on=date(2026, 9, 14))]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def run(name, laptop):
        start.wait()
        try:
            outcomes[name] = publish(laptop, url)
        except Exception as exc:  # noqa: BLE001 - shown by the assertion below
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=(n, s)) for n, s in
               (("first", first), ("second", second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert all(not isinstance(o, Exception) and not o.refused for o in outcomes.values()), \
            outcomes
        held = org_records(org)
        assert set(held) == {r.uid for r in records}
        ewas = org_rows(org, "SELECT id FROM staff WHERE assignment_number = 'T-0001'")
        assert len(ewas) == 1
        assert {r[0] for r in org_rows(org, "SELECT person_id FROM conversations")} == \
            {ewas[0][0]}
        assert {one["ewa"].uid, two["ewa"].uid} <= {r[0] for r in org_rows(
            org, "SELECT uid FROM staff WHERE id = %s UNION SELECT uid FROM staff_aliases "
                 "WHERE staff_id = %s", (ewas[0][0], ewas[0][0]))}
        assert org_rows(org, "SELECT count(*) FROM staff") == [(5,)]
        assert org_check(org) == []
    finally:
        first.close()
        second.close()


# -- the store refuses what does not match, whoever sends it --------------------------------

def test_a_record_changed_on_the_laptop_is_refused_by_the_store_itself(
        laptop, team, org, theo_url, paths):
    ewa, theo = team["ewa"], team["theo"]
    good = signed_record(laptop, ewa, theo, held_on=date(2026, 2, 2))
    bad = signed_record(laptop, team["team"][1], theo)
    conn = raw(paths)
    drop_trigger(conn, "sections_locked_update")
    conn.execute("UPDATE conversation_sections SET body = replace(body, 'Agreed.', 'Agreed!') "
                 "WHERE conversation_id = ? AND section = 'summary'", (bad.id,))
    conn.close()

    held_back = publish(laptop, theo_url)  # the laptop's own check holds it back
    assert [h.uid for h in held_back.held_back] == [bad.uid]
    assert "no longer matches what was signed" in held_back.held_back[0].words
    assert set(org_records(org)) == {good.uid}

    report = publish(laptop, theo_url, check_first=False)  # a client that skips its checks
    assert [r.uid for r in report.refused] == [bad.uid]
    assert "does not match the one it was signed with" in report.refused[0].words
    assert set(org_records(org)) == {good.uid}
    assert org_rows(org, "SELECT count(*) FROM conversations WHERE uid = %s", (bad.uid,)) \
        == [(0,)]
    state = states_for(laptop.engine, [bad.id])[bad.id]
    assert state.state == REFUSED and "fingerprint" in state.note
    assert org_check(org) == []


def _fix_by_hand(conn, person_id: int, sections: dict[str, str], fingerprint: str,
                 status: str = "awaiting_signoff") -> int:
    """A record written row by row as any SQL client could, then fixed in one UPDATE."""
    cid = conn.execute(
        "INSERT INTO conversations(uid, person_id, manager_name, kind, held_on, status, "
        "current_step, pack_refs, version, amendment_reason, created_at, updated_at) "
        "VALUES (%s, %s, 'Theo', 'appraisal', '2026-01-05', 'draft', 'summary', '[]', 1, '', "
        "now(), now()) RETURNING id", ("f" * 32, person_id)).fetchone()[0]
    for name, body in sections.items():
        conn.execute("INSERT INTO conversation_sections(conversation_id, section, body, "
                     "updated_at) VALUES (%s, %s, %s, now())", (cid, name, body))
    conn.execute("UPDATE conversations SET status = %s, fingerprint = %s WHERE id = %s",
                 (status, fingerprint, cid))
    return cid


def _hand_made_record(sections: dict[str, str]):
    """The record _fix_by_hand writes, as the application would hash it."""
    import json

    from rmp_desktop.domain.record import PersonSnapshot, Record

    document = {k: json.loads(v) for k, v in sections.items()}
    return Record(uid="f" * 32, version=1, kind="appraisal", held_on="2026-01-05",
                  manager_name="Theo", person=PersonSnapshot(**document["setup"]["person"]),
                  document=document, pack_refs=[], supersedes_uid=None, amendment_reason="")


def test_a_manager_speaking_sql_cannot_fix_a_record_with_a_wrong_fingerprint(
        laptop, team, org, theo_url):
    import hashlib
    import json

    signed = signed_record(laptop, team["ewa"], team["theo"])
    publish(laptop, theo_url)
    ewa_id = org_rows(org, "SELECT person_id FROM conversations")[0][0]
    sections = dict(org_rows(org, "SELECT section, body FROM conversation_sections"))
    record = _hand_made_record(sections)
    changed = dict(sections, summary=sections["summary"].replace("Agreed.", "Agreed!"))
    # The right fingerprint for other content; the content's own bytes hashed in some other
    # form than the canonical one (the store hashes the content, not bytes a client chose).
    loose = json.dumps(record.canonical_content(), ensure_ascii=False, indent=1).encode()
    for content, fingerprint in ((changed, record.fingerprint()),
                                 (sections, hashlib.sha256(loose).hexdigest()),
                                 (sections, "0" * 64)):
        with psycopg.connect(theo_url) as conn:
            with pytest.raises(psycopg.errors.CheckViolation,
                               match="does not give the fingerprint"):
                _fix_by_hand(conn, ewa_id, content, fingerprint)
    with psycopg.connect(theo_url) as conn:  # arriving fixed, with no content to prove it
        with pytest.raises(psycopg.errors.CheckViolation, match="cannot be read as a record"):
            conn.execute(
                "INSERT INTO conversations(uid, person_id, manager_name, kind, held_on, "
                "status, current_step, pack_refs, version, amendment_reason, fingerprint, "
                "created_at, updated_at) VALUES (%s, %s, 'Theo', 'appraisal', '2026-01-05', "
                "'signed', 'summary', '[]', 1, '', %s, now(), now())",
                ("a" * 32, ewa_id, signed.fingerprint))
    with psycopg.connect(theo_url) as conn:  # the canonical fingerprint is taken...
        cid = _fix_by_hand(conn, ewa_id, sections, record.fingerprint())
        conn.execute("INSERT INTO signatures(conversation_id, role, signer_name, statement, "
                     "signed_at, fingerprint) VALUES (%s, 'manager', 'Theo', 'x', now(), %s)",
                     (cid, record.fingerprint()))
    with psycopg.connect(theo_url) as conn:  # ...but not a signature for other content
        conn.execute("INSERT INTO signatures(conversation_id, role, signer_name, statement, "
                     "signed_at, fingerprint) VALUES (%s, 'employee', 'Ewa', 'x', now(), %s)",
                     (cid, "0" * 64))
        with pytest.raises(psycopg.errors.CheckViolation, match="signature"):
            conn.commit()
    with psycopg.connect(theo_url) as conn:  # nor "signed" with one signature
        conn.execute("UPDATE conversations SET status = 'signed' WHERE id = %s", (cid,))
        with pytest.raises(psycopg.errors.CheckViolation, match="signatures of both"):
            conn.commit()
    assert org_records(org)[signed.uid] == laptop_records(laptop)[signed.uid]  # untouched
    assert org_records(org)["f" * 32][0] == "awaiting_signoff"
    assert org_check(org) == []


def test_a_forged_batch_sent_straight_to_the_store_is_refused(laptop, team, org, theo_url):
    signed = signed_record(laptop, team["ewa"], team["theo"])
    pending = read_pending(laptop, "x" * 32, find_me(laptop, team["theo"].uid))
    batch = pending.batches[0]
    record = batch.records[0]
    record["sections"]["reflection"] = record["sections"]["reflection"].replace(
        "Mediation", "Arbitration")
    with psycopg.connect(theo_url) as conn:
        answer = conn.execute("SELECT rmp_access.publish(%s::jsonb)",
                              (batch.payload(),)).fetchone()[0]
    assert answer["records"][signed.uid]["outcome"] == "refused"
    assert answer["records"][signed.uid]["reason"] == "fingerprint"
    assert org_records(org) == {}
    # The refusal itself is kept: the administrators see it, and check says so.
    assert org_rows(org, "SELECT event, conversation_uid FROM audit_log") == \
        [("publish_refused", signed.uid)]
    from rmp_desktop.storage.record_checks import postgres_notes

    opened = Store(org)
    try:
        assert opened.integrity_report() == []
        notes = postgres_notes(opened)
    finally:
        opened.close()
    assert len(notes) == 1 and signed.uid[:8] in notes[0] and "refused" in notes[0]


def test_a_batch_with_a_signer_or_kind_the_application_does_not_know_is_refused(
        laptop, team, org, theo_url):
    """A third "signature" carries the record's own fingerprint, so every fingerprint rule
    holds; the store still refuses a role (or a kind) the application never makes."""
    signed = signed_record(laptop, team["ewa"], team["theo"])
    batch = read_pending(laptop, "x" * 32, find_me(laptop, team["theo"].uid)).batches[0]
    record = batch.records[0]
    witness = dict(record["signatures"][0], role="witness", signer_name="Somebody Else")
    record["signatures"].append(witness)
    with psycopg.connect(theo_url) as conn:
        answer = conn.execute("SELECT rmp_access.publish(%s::jsonb)",
                              (batch.payload(),)).fetchone()[0]
    said = answer["records"][signed.uid]
    assert (said["outcome"], said["reason"]) == ("refused", "invalid")
    assert "signer's role" in said["detail"]
    record["signatures"].pop()
    record["kind"] = "coaching"
    with psycopg.connect(theo_url) as conn:
        answer = conn.execute("SELECT rmp_access.publish(%s::jsonb)",
                              (batch.payload(),)).fetchone()[0]
    assert answer["records"][signed.uid]["reason"] == "invalid"
    assert org_records(org) == {}
    assert publish(laptop, theo_url).published == 1  # the record as it is goes in


def test_a_different_record_under_a_published_identifier_is_refused_on_both_sides(
        tmp_path, org, pg_login, capsys):
    """A laptop restored from an old backup, or copied, signs the same draft differently:
    the record already published stays, the other is refused, and both sides say so."""
    import shutil

    first = open_laptop(tmp_path / "first")
    team = make_team(first)
    from tests.records_support import ready_conversation, sign_both

    draft = ready_conversation(first, team["ewa"], team["theo"])
    first.close()
    shutil.copytree(tmp_path / "first", tmp_path / "second")
    first, second = open_laptop(tmp_path / "first"), open_laptop(tmp_path / "second")
    try:
        sign_both(first, draft.id)
        second.conversations.save_section(draft.id, "summary", {
            "employee_comments": "Agreed, but the dates are too tight.",
            "comments_visited": True})
        sign_both(second, draft.id)
        url = pg_login("manager", team["theo"].uid)
        publish(first, url)
        kept = org_records(org)

        report = publish(second, url)

        assert [r.uid for r in report.refused] == [draft.uid]
        assert "already holds a different record under the same identifier" in \
            report.refused[0].words
        assert org_records(org) == kept  # nothing replaced
        state = states_for(second.engine, [draft.id])[draft.id]
        assert state.state == REFUSED and "different record" in state.note
        assert publish(second, url).nothing_to_do  # noted once, not offered again and again
        assert org_rows(org, "SELECT count(*) FROM audit_log WHERE event = 'publish_refused'") \
            == [(1,)]
    finally:
        first.close()
        second.close()
    import json

    from rmp_desktop.cli import main

    # The laptop's command still says so, each time it is run, and exits 1.
    assert main(["--data-dir", str(tmp_path / "second"), "publish", "--to", url,
                 "--json"]) == 1
    said = json.loads(capsys.readouterr().out)
    assert said["published"] == 0
    assert [p["uid"] for p in said["not_published"]] == [draft.uid]
    assert "different record" in said["not_published"][0]["why"]

    assert main(["--data-dir", str(tmp_path / "admin"), "--store", org, "check"]) == 0
    out = capsys.readouterr().out
    assert "is healthy" in out and f"record {draft.uid[:8]}: a different record" in out


# -- each role, trying what it must not --------------------------------------------------------

def test_a_manager_cannot_publish_into_another_team(laptop, team, org, theo_url, pg_login):
    from rmp_desktop.domain.staff import StaffMember

    mari_store = Store(org)
    try:
        mari = mari_store.staff.add(StaffMember(full_name="Mari Tamm", band="8a",
                                                functional_area="hr-policy"))
        kofi = mari_store.staff.add(StaffMember(
            full_name="Kofi Mensah-Owusu", band="6", functional_area="hr-policy",
            line_manager_id=mari.id, assignment_number="T-0099"))
    finally:
        mari_store.close()
    # Theo's laptop also holds Kofi (same uid: a copy of a record, say) as in his team.
    theirs = laptop.staff.add(StaffMember(full_name="Kofi Mensah-Owusu", band="6",
                                          functional_area="hr-policy",
                                          line_manager_id=team["theo"].id), uid=kofi.uid)
    record = signed_record(laptop, theirs, team["theo"])
    report = publish(laptop, theo_url)
    words = {r.uid: r.words for r in report.refused}
    assert "in another manager's team" in words[kofi.uid]
    assert "could not be" in words[record.uid]
    assert org_rows(org, "SELECT count(*) FROM conversations") == [(0,)]
    assert org_rows(org, "SELECT line_manager_id FROM staff WHERE uid = %s", (kofi.uid,)) \
        == [(mari.id,)]


def test_each_role_is_refused_what_it_must_not_do(laptop, team, org, theo_url, pg_login):
    signed_record(laptop, team["ewa"], team["theo"])
    publish(laptop, theo_url)
    lead = pg_login("lead")
    with pytest.raises(PublishError, match="does not take published records"):
        publish(laptop, lead)
    with psycopg.connect(lead) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT rmp_access.publish('{}'::jsonb)")
    with psycopg.connect(theo_url, autocommit=True) as conn:
        for call in ("rmp_access.audit_append('published', NULL, NULL, '{}'::jsonb)",
                     "rmp_access.publish_person('{}'::jsonb, 1, now()::timestamp)",
                     "rmp_access.publish_record('{}'::jsonb, '{}'::jsonb, 1, 'x', "
                     "now()::timestamp)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT {call}")
        for sql in ("UPDATE conversation_sections SET body = '{}'",
                    "DELETE FROM conversations",
                    "UPDATE conversations SET fingerprint = repeat('0', 64)"):
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
                conn.execute(sql)
        for table in ("publications", "published_people"):  # a laptop's own bookkeeping
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT * FROM {table}")
    # A login the administrators never mapped to a manager.
    with psycopg.connect(org, autocommit=True) as conn:
        conn.execute("CREATE ROLE rmp_t_unmapped LOGIN")
        conn.execute("GRANT rmp_manager TO rmp_t_unmapped")
    try:
        from tests.pg_support import with_user

        with pytest.raises(PublishError, match="not a manager on the organisation's store"):
            publish(laptop, with_user(org, "rmp_t_unmapped"))
        with psycopg.connect(with_user(org, "rmp_t_unmapped")) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not a manager"):
                conn.execute("SELECT rmp_access.publish('{}'::jsonb)")
    finally:
        with psycopg.connect(org, autocommit=True) as conn:
            conn.execute("DROP OWNED BY rmp_t_unmapped")
            conn.execute("DROP ROLE rmp_t_unmapped")


def test_a_login_mapped_to_someone_this_laptop_does_not_hold_is_told_who_is_here(
        laptop, team, pg_login):
    url = pg_login("manager", "c" * 32)
    with pytest.raises(PublishError) as caught:
        publish(laptop, url)
    words = str(caught.value)
    assert "c" * 32 in words and team["theo"].uid in words


def test_an_unreachable_store_says_so_and_nothing_changes(laptop, team):
    signed_record(laptop, team["ewa"], team["theo"])
    with pytest.raises(PublishError) as caught:
        publish(laptop, "postgresql://nobody@127.0.0.1:9/nowhere?connect_timeout=2")
    assert caught.value.reachable is False
    assert "cannot be reached" in str(caught.value)
    assert laptop_rows(laptop, "SELECT count(*) FROM publications") == [(0,)]


def test_publishing_and_the_records_command_from_the_command_line(
        laptop, team, org, theo_url, paths, capsys, monkeypatch):
    from rmp_desktop.cli import main

    signed = signed_record(laptop, team["ewa"], team["theo"])
    paths.settings.write_text(f"[General]\npublish_url={theo_url}\n", encoding="utf-8")
    assert main(["publish"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Published 1 record to the PostgreSQL database")
    assert main(["records"]) == 0
    out = capsys.readouterr().out
    assert "Published" in out.splitlines()[0]
    assert main(["publish", "--to", "postgresql://theo:secret@127.0.0.1/x"]) == 2
    assert "password" in capsys.readouterr().err
    assert set(org_records(org)) == {signed.uid}
