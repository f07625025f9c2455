"""Equality monitoring answers in their own table, keyed by a person's stable uid.

Nothing here reads a name or touches a record, and nothing is logged but the fact that
answers were recorded (never what they were). Three ways in: the person themselves in My
development (`save_mine`), a preparation that carries them (`record_from_preparation`, in the
import's transaction), and a manager with the person's consent recorded (`record_with_consent`).
Only the person's own answers are ever read back as answers (`mine`), for their own form;
reports read them through storage.report_query to count people.

On an organisation's PostgreSQL store a manager's login may read back only rows it entered
itself, and the HR/OD lead's login none (storage.pg_admin); a row someone else entered is
left as it is, and the caller says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.equality import (
    QUESTION_IDS,
    SOURCE_CONSENT,
    SOURCE_PREPARATION,
    SOURCE_SELF,
    EqualityAnswers,
)
from rmp_desktop.storage import audit
from rmp_desktop.storage.models import EqualityMonitoring


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class AnswersHeldElsewhere(RuntimeError):
    """Answers for this person were entered by someone else and are left as they are."""


def write(session: Session, staff_uid: str, answers: EqualityAnswers, *,
          share: bool = False) -> None:
    """Replace the person's row with `answers`, inside the caller's transaction. With every
    question unanswered the row goes, unless it is one's own to share (a preparation then
    carries the empty set, which withdraws what one's manager's store kept)."""
    row = session.get(EqualityMonitoring, staff_uid)
    if answers.empty and not share:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = EqualityMonitoring(staff_uid=staff_uid)
        session.add(row)
    for question in QUESTION_IDS:
        setattr(row, question, answers.answers.get(question) or None)
    row.source = answers.source
    row.consent_on = answers.consent_on
    row.share = share
    row.updated_at = _now()
    session.flush()


def read(session: Session, staff_uid: str) -> tuple[EqualityAnswers, bool] | None:
    """(answers, shared with the preparation) of the row keyed by `staff_uid`, or None."""
    row = session.get(EqualityMonitoring, staff_uid)
    if row is None:
        return None
    given = {q: getattr(row, q) for q in QUESTION_IDS if getattr(row, q)}
    return EqualityAnswers(given, row.source, row.consent_on), bool(row.share)


class EqualityRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions

    def mine(self, my_uid: str) -> tuple[EqualityAnswers, bool] | None:
        """My own answers and whether my preparation carries them (My development only)."""
        with self._sessions() as session:
            return read(session, my_uid)

    def save_mine(self, my_uid: str, answers: EqualityAnswers, *, share: bool) -> None:
        if answers.source != SOURCE_SELF:
            raise ValueError("one's own answers are recorded as given by oneself")
        with self._sessions.begin() as session:
            write(session, my_uid, answers, share=share)
            audit.append(session, "equality_recorded", source=SOURCE_SELF)

    def record_with_consent(self, staff_uid: str, answers: EqualityAnswers) -> None:
        """A manager records answers the person gave them, with their consent and its date.
        AnswersHeldElsewhere when the store keeps answers someone else entered."""
        if answers.source != SOURCE_CONSENT or answers.consent_on is None:
            raise ValueError("a manager records answers only with the person's consent")
        try:
            with self._sessions.begin() as session:
                write(session, staff_uid, answers)
                audit.append(session, "equality_recorded", source=SOURCE_CONSENT)
        except DBAPIError as exc:
            if _refused_by_row_security(exc):
                raise AnswersHeldElsewhere(
                    "Answers for this person are already on record, entered by someone else "
                    "(usually the person, through their preparation). They are left as they "
                    "are; the person can change them in their own preparation.") from exc
            raise

    def on_record(self, staff_uid: str) -> date | None:
        """When answers this login may see were last recorded for the person (never what
        they are): for the manager's consent form."""
        with self._sessions() as session:
            row = session.execute(select(EqualityMonitoring.updated_at).where(
                EqualityMonitoring.staff_uid == staff_uid)).scalar()
            return row.date() if row is not None else None

    def forget(self, staff_uid: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(EqualityMonitoring).where(
                EqualityMonitoring.staff_uid == staff_uid))
            audit.append(session, "equality_removed")


def record_from_preparation(session: Session, staff_uid: str, given: dict[str, str]) -> bool:
    """The answers a preparation carried, as the person's own word, replacing what was kept
    (an empty set withdraws them). False, with nothing changed, when another login's row
    stands in the way on an organisation's store."""
    answers = EqualityAnswers({k: v for k, v in given.items() if v}, SOURCE_PREPARATION)
    try:
        with session.begin_nested():
            write(session, staff_uid, answers)
    except DBAPIError as exc:
        if _refused_by_row_security(exc):
            return False
        raise
    return True


def _refused_by_row_security(exc: DBAPIError) -> bool:
    """PostgreSQL's refusal of a row another login owns: a policy violation, or the unique
    key of a row this login cannot see."""
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("42501", "23505")
