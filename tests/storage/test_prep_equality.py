"""Equality monitoring answers travel in a preparation as a part of their own, only when the
person chooses, and land in the manager's store apart from the conversation and the record of
the import (both databases; fictional people)."""

from __future__ import annotations

import hashlib
import json

import pytest

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.equality import SOURCE_SELF, EqualityAnswers
from rmp_desktop.domain.exchange_json import ExchangeRefused
from rmp_desktop.domain.preparation import carried_summary, parse_preparation
from rmp_desktop.domain.record import canonical_sha256
from rmp_desktop.storage.equality_repo import EqualityRepository
from rmp_desktop.storage.models import AuditEntry, EqualityMonitoring, PreparationImport
from rmp_desktop.storage.prep_import import IMPORTED, import_preparation
from tests.exchange_support import ME, staff_side
from tests.records_support import MANAGER

ANSWERS = {"ethnic_group": "black-african", "disability": "prefer-not", "sex": "female"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param



def send(staff_store, *, share: bool, answers=ANSWERS):
    mine = staff_side(staff_store)
    EqualityRepository(staff_store.sessions).save_mine(
        mine.require_me().member.uid, EqualityAnswers(answers, SOURCE_SELF), share=share)
    prep, _ = mine.make_preparation("2026-05-01T09:30:00Z")
    return prep.to_file_bytes()


def bring_in(store, data):
    return import_preparation(store, parse_preparation(data), hashlib.sha256(data).hexdigest(),
                              load_builtin())


def test_answers_go_only_when_chosen_and_stay_out_of_the_conversation(store, staff_store):
    manager = store.staff.add(MANAGER)
    person = store.staff.add(ME.with_changes(line_manager_id=manager.id))

    kept_back = send(staff_store, share=False)
    assert b"equality" not in kept_back and json.loads(kept_back)["format_version"] == 1

    data = send(staff_store, share=True)
    prep = parse_preparation(data)
    assert json.loads(data)["format_version"] == 2
    assert prep.equality["ethnic_group"] == "black-african" and prep.equality["religion"] == ""
    summary = " ".join(carried_summary(prep))
    assert "3 of 7 questions answered" in summary and "black" not in summary.lower()

    outcome = bring_in(store, data)
    assert outcome.status == IMPORTED and "kept apart" in outcome.message
    with store.sessions() as session:
        row = session.get(EqualityMonitoring, person.uid)
        assert (row.ethnic_group, row.disability, row.sex, row.religion, row.source) == (
            "black-african", "prefer-not", "female", None, "preparation")
        kept = session.query(PreparationImport).one()
        assert "black-african" not in kept.content and "black-african" not in kept.result
        assert json.loads(kept.content)["equality"] == "kept apart"
        details = " ".join(e.detail for e in session.query(AuditEntry))
        assert "black" not in details and "female" not in details
    document = store.conversations.document(outcome.conversation_id)
    assert "black-african" not in json.dumps(document)

    # Withdrawn: the next preparation sends every question unanswered.
    EqualityRepository(staff_store.sessions).save_mine(
        ME_uid(staff_store), EqualityAnswers({}, SOURCE_SELF), share=True)
    staff_side(staff_store).save_part("questions", [{"id": "q9", "text": "One more."}])
    prep2, _ = staff_side(staff_store).make_preparation("2026-05-02T09:30:00Z")
    bring_in(store, prep2.to_file_bytes())
    with store.sessions() as session:
        assert session.get(EqualityMonitoring, person.uid) is None


def ME_uid(staff_store) -> str:  # noqa: N802 - "me", the staff member of the fixture
    from rmp_desktop.storage.my_development import MyDevelopmentRepository

    return MyDevelopmentRepository.of(staff_store).require_me().member.uid


def test_a_version_one_file_with_answers_or_a_made_up_answer_is_refused(staff_store):
    data = json.loads(send(staff_store, share=True))
    older = dict(data, format_version=1)
    with pytest.raises(ExchangeRefused, match="field this format does not have"):
        parse_preparation(json.dumps(older).encode())
    made_up = json.loads(json.dumps(data))
    made_up["equality"]["sex"] = "robot"  # hashed again, as a forger would
    made_up["content_sha256"] = canonical_sha256(
        {k: v for k, v in made_up.items() if k != "content_sha256"})
    with pytest.raises(ExchangeRefused, match="answer the questions do not offer"):
        parse_preparation(json.dumps(made_up).encode())
    changed = json.loads(json.dumps(data))
    changed["equality"]["sex"] = "male"  # a real answer, but not the person's
    with pytest.raises(ExchangeRefused, match="changed after it was made"):
        parse_preparation(json.dumps(changed).encode())
