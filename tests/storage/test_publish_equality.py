"""Equality monitoring answers published from a laptop (SQLite) to the organisation's store (a
real PostgreSQL server): apart from names and records, counted there, withdrawn there, sent
once, and closed to every login but the manager who published them (fictional people only)."""

from __future__ import annotations

import json
import logging
from datetime import date

import psycopg
import pytest

from rmp_desktop.cli import main
from rmp_desktop.domain.equality import SOURCE_CONSENT, SOURCE_SELF, EqualityAnswers
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage.equality_repo import EqualityRepository, record_from_preparation
from rmp_desktop.storage.publish import publish
from rmp_desktop.storage.publish_batch import find_me, read_pending
from rmp_desktop.storage.store import Store
from tests.publish_support import laptop_rows, make_team, org_rows, signed_record

ANSWER_IDS = ("white-british", "asian-indian", "female", "male")


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


def consent(laptop: Store, uid: str, **answers: str) -> None:
    EqualityRepository(laptop.sessions).record_with_consent(
        uid, EqualityAnswers(answers, SOURCE_CONSENT, date(2026, 11, 3)))


def held(org: str) -> dict[str, tuple]:
    """staff uid -> (ethnic group, sex, source, entered by) as the organisation's store keeps."""
    return {uid: tuple(rest) for uid, *rest in org_rows(
        org, "SELECT staff_uid, ethnic_group, sex, source, entered_by FROM equality_monitoring")}


def login_of(url: str) -> str:
    with psycopg.connect(url) as conn:
        return str(conn.info.user)


def no_answer_in(text: str) -> bool:
    return not any(answer in text for answer in ANSWER_IDS)


def test_answers_go_apart_are_counted_by_the_published_reports_and_go_once(
        laptop, team, org, theo_url, tmp_path, caplog):
    theo = team["theo"]
    extra = [laptop.staff.add(StaffMember(
        full_name=f"Testperson Nummer {i:02d}", band="5", functional_area="hr-policy",
        line_manager_id=theo.id, assignment_number=f"T-01{i:02d}")) for i in range(16)]
    people = [*team["team"], *extra]  # 20 in Theo's team
    for i, person in enumerate(people):
        consent(laptop, person.uid, ethnic_group="white-british" if i < 10 else "asian-indian")
    # Theo's own answers, which he chose to send (My development's tick box).
    EqualityRepository(laptop.sessions).save_mine(
        theo.uid, EqualityAnswers({"ethnic_group": "asian-indian"}, SOURCE_SELF), share=True)
    signed_record(laptop, team["ewa"], theo)

    # The batch: answers in a part of their own, by uid, never beside a name or a record.
    pending = read_pending(laptop, "f" * 32, find_me(laptop, theo.uid))
    first = pending.batches[0]
    assert {e["uid"] for e in first.equality} == {p.uid for p in [theo, *people]}
    assert all(set(e) <= {"uid", "answers", "source", "consent_on", "updated_at"}
               for e in first.equality)
    assert no_answer_in(json.dumps({"people": first.people, "records": first.records}))

    caplog.set_level(logging.DEBUG)
    report = publish(laptop, theo_url)

    assert report.equality_sent == 21 and report.equality_refused == 0
    assert "equality monitoring answers for 21 people" in report.summary()
    kept = held(org)
    theo_login = login_of(theo_url)
    assert set(kept) == {p.uid for p in [theo, *people]}
    assert {v[3] for v in kept.values()} == {theo_login}  # the publishing manager's entries
    assert kept[people[0].uid][:3] == ("white-british", None, SOURCE_CONSENT)
    assert kept[theo.uid][:3] == ("asian-indian", None, SOURCE_SELF)
    # Counts only, in logs and in both audit chains.
    assert no_answer_in(caplog.text)
    for detail in [r[0] for r in org_rows(org, "SELECT detail FROM audit_log")] + [
            r[0] for r in laptop_rows(laptop, "SELECT detail FROM audit_log")]:
        assert no_answer_in(detail)
    assert org_rows(org, "SELECT detail::jsonb ->> 'count' FROM audit_log "
                         "WHERE event = 'equality_recorded'") == [("21",)]

    # The reports the HR/OD lead reads count them (the organisation's store only had them
    # from the laptop): 11 Asian (rounded to 10) and 10 White, nobody without an answer.
    admin = tmp_path / "admin"
    assert main(["--data-dir", str(admin), "--store", org, "store-admin",
                 "publish-reports"]) == 0
    body = org_rows(org, "SELECT body FROM reporting.published_reports ORDER BY id DESC")[0][0]
    ethnic = [t for t in body["tables"] if t["breakdown"] == "ethnic_heading"]
    assert ethnic
    first_counts = {r["group"]: r["counts"][0] for r in ethnic[0]["rows"]}
    assert first_counts["White"] == 10 and first_counts["Asian or Asian British"] == 10
    assert no_answer_in(json.dumps(body)) and theo.uid not in json.dumps(body)

    # Publishing again sends nothing: not the answers, not an audit entry.
    assert read_pending(laptop, report_store_uid(org), find_me(laptop, theo.uid)).empty
    again = publish(laptop, theo_url)
    assert again.nothing_to_do and again.equality_sent == 0
    assert org_rows(org, "SELECT count(*) FROM audit_log WHERE event IN "
                         "('equality_recorded', 'equality_removed')") \
        == [(1,)]
    assert held(org) == kept


def report_store_uid(org: str) -> str:
    return org_rows(org, "SELECT value FROM app_meta WHERE key = 'store_uid'")[0][0]


def test_withdrawn_answers_are_removed_and_own_answers_not_shared_stay(
        laptop, team, org, theo_url):
    theo, ewa, aroha = team["theo"], team["ewa"], team["team"][1]
    consent(laptop, ewa.uid, ethnic_group="white-british", sex="female")
    consent(laptop, aroha.uid, sex="female")
    EqualityRepository(laptop.sessions).save_mine(
        theo.uid, EqualityAnswers({"sex": "male"}, SOURCE_SELF), share=False)

    # Stopped after the store took the batch and before the laptop noted it: sent again,
    # found as it is, never doubled.
    def stop(stage, *_):
        if stage == "committed":
            raise RuntimeError("network gone")

    with pytest.raises(RuntimeError):
        publish(laptop, theo_url, on_step=stop)
    assert set(held(org)) == {ewa.uid, aroha.uid}
    first = publish(laptop, theo_url)
    assert first.equality_sent == 2
    assert set(held(org)) == {ewa.uid, aroha.uid}  # Theo's own stayed on the laptop
    assert org_rows(org, "SELECT detail::jsonb ->> 'count' FROM audit_log "
                         "WHERE event = 'equality_recorded'") == [("2",)]  # not twice

    # Ewa withdraws hers (an empty set in her next preparation); Aroha's change.
    with laptop.sessions.begin() as session:
        assert record_from_preparation(session, ewa.uid, {})
    consent(laptop, aroha.uid, sex="male")
    second = publish(laptop, theo_url)
    assert (second.equality_sent, second.equality_removed) == (1, 1)
    assert set(held(org)) == {aroha.uid} and held(org)[aroha.uid][1] == "male"
    assert org_rows(org, "SELECT detail::jsonb ->> 'count' FROM audit_log "
                         "WHERE event = 'equality_removed'") == [("1",)]
    assert publish(laptop, theo_url).nothing_to_do

    # Theo ticks sharing: now his own go; unticking it withdraws them again.
    repo = EqualityRepository(laptop.sessions)
    repo.save_mine(theo.uid, EqualityAnswers({"sex": "male"}, SOURCE_SELF), share=True)
    assert publish(laptop, theo_url).equality_sent == 1 and theo.uid in held(org)
    repo.save_mine(theo.uid, EqualityAnswers({"sex": "male"}, SOURCE_SELF), share=False)
    assert publish(laptop, theo_url).equality_removed == 1 and theo.uid not in held(org)


def test_each_login_reads_only_what_it_may(laptop, team, org, theo_url, pg_login):
    theo, ewa = team["theo"], team["ewa"]
    consent(laptop, ewa.uid, ethnic_group="white-british")
    # Mari manages Kofi on the organisation's store and entered his answers there herself.
    admin = Store(org)
    try:
        mari = admin.staff.add(StaffMember(full_name="Mari Tamm", band="8a",
                                           functional_area="hr-policy"))
        kofi = admin.staff.add(StaffMember(full_name="Kofi Mensah-Owusu", band="6",
                                           functional_area="hr-policy", line_manager_id=mari.id,
                                           assignment_number="T-0099"))
    finally:
        admin.close()
    mari_url = pg_login("manager", mari.uid)
    mari_store = Store(mari_url)
    try:
        EqualityRepository(mari_store.sessions).record_with_consent(
            kofi.uid, EqualityAnswers({"sex": "male"}, SOURCE_CONSENT, date(2026, 11, 1)))
    finally:
        mari_store.close()
    # Theo's laptop holds Kofi in his team, with answers of its own for him.
    laptop.staff.add(StaffMember(full_name="Kofi Mensah-Owusu", band="6",
                                 functional_area="hr-policy", line_manager_id=theo.id),
                     uid=kofi.uid)
    consent(laptop, kofi.uid, sex="female")

    report = publish(laptop, theo_url)
    assert (report.equality_sent, report.equality_refused) == (1, 1)
    assert any("did not take the equality monitoring answers of 1 person" in p
               for p in report.problems())
    assert held(org)[kofi.uid][1:] == ("male", SOURCE_CONSENT, login_of(mari_url))
    assert publish(laptop, theo_url).nothing_to_do  # a refusal is said once, until it changes

    with psycopg.connect(mari_url) as conn:  # Mari never reads Theo's entries
        assert conn.execute("SELECT staff_uid FROM equality_monitoring").fetchall() == [
            (kofi.uid,)]
    with psycopg.connect(theo_url) as conn:  # Theo reads back his own only
        assert conn.execute("SELECT staff_uid FROM equality_monitoring").fetchall() == [
            (ewa.uid,)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM published_equality")
    with psycopg.connect(pg_login("lead")) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM equality_monitoring")
    with psycopg.connect(theo_url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT rmp_access.publish_equality('{}'::jsonb, 1, now()::timestamp)")


def test_forged_equality_answers_are_refused_by_the_store(laptop, team, org, theo_url):
    publish(laptop, theo_url)  # Theo and his team are on the organisation's store
    ewa = team["ewa"]

    def send(entry: dict) -> dict:
        batch = {"me": None, "people": [], "packs": [], "records": [], "equality": [entry]}
        with psycopg.connect(theo_url) as conn:
            answer = conn.execute("SELECT rmp_access.publish(%s::jsonb)",
                                  (json.dumps(batch),)).fetchone()[0]
        return answer["equality"][entry["uid"]]

    base = {"uid": ewa.uid, "source": SOURCE_CONSENT, "consent_on": "2026-11-03"}
    # A name where an answer goes, a question the application does not ask, no consent date.
    for answers, extra in (({"ethnic_group": "Ewa"}, {}), ({"shoe_size": "41"}, {}),
                           ({"sex": "female"}, {"consent_on": None})):
        assert send({**base, "answers": answers, **extra}) == {
            "outcome": "refused", "reason": "invalid"}
    assert send({**base, "uid": "0" * 32, "answers": {"sex": "female"}})["reason"] == \
        "not_known"
    assert held(org) == {}
    assert send({**base, "answers": {"sex": "female"}}) == {"outcome": "published", "moved": True}
    assert send({**base, "answers": {"sex": "female"}})["moved"] is False  # kept as it is
    assert held(org)[ewa.uid][1] == "female"


def test_the_command_line_counts_the_answers_it_sent_and_never_shows_them(
        laptop, team, theo_url, capsys):
    consent(laptop, team["ewa"].uid, ethnic_group="white-british")

    assert main(["publish", "--to", theo_url, "--json"]) == 0

    out = capsys.readouterr().out
    said = json.loads(out)
    assert said["equality_answers"] == {"sent": 1, "removed": 0, "refused": 0}
    assert no_answer_in(out)
