"""What a repository sends to the database driver: each statement and its parameters, as the
driver receives them, on SQLite and PostgreSQL (SQLAlchemy's own connections included, as its
pool takes them from the same `raw_connection`)."""

from __future__ import annotations

from typing import Any


class _Cursor:
    def __init__(self, real: Any, log: list[tuple[str, dict]], fail_on: str | None):
        self._real = real
        self._log = log
        self._fail_on = fail_on

    def execute(self, sql: str, params: Any = None) -> Any:
        values = params if isinstance(params, dict) else dict(enumerate(params or ()))
        self._log.append((sql, values))
        if self._fail_on is not None and self._fail_on in sql:
            raise OSError("the disk went away")  # as a failing write would, mid-transaction
        return self._real.execute(sql) if params is None else self._real.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _Connection:
    def __init__(self, real: Any, log: list[tuple[str, dict]], fail_on: str | None):
        self._real = real
        self._log = log
        self._fail_on = fail_on

    def cursor(self) -> _Cursor:
        return _Cursor(self._real.cursor(), self._log, self._fail_on)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def record_driver_calls(monkeypatch, repo, *, fail_on: str | None = None
                        ) -> list[tuple[str, dict]]:
    """Log every statement `repo`'s engine sends from connections opened from now on; with
    `fail_on`, a statement containing that text fails as a broken disk would."""
    log: list[tuple[str, dict]] = []
    engine = repo._engine
    real = engine.raw_connection
    monkeypatch.setattr(engine, "raw_connection",
                        lambda: _Connection(real(), log, fail_on))
    return log


def sent_text(log: list[tuple[str, dict]]) -> str:
    """Every statement and parameter value sent, as one text (to search and to count)."""
    return "\n".join(sql + "\n" + "\n".join(map(str, params.values())) for sql, params in log)
