"""Every error the storage layer raises on purpose, in one module that imports nothing of ours.

Each message is written for a person: it says what happened and what to do,
and never repeats SQL or what a record says. Opening, backing up, restoring and
the repositories all raise these, so none of them has to import another to
name an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the types only: start-up imports this module and pays for nothing more
    from rmp_desktop.domain.signoff import Missing
    from rmp_desktop.domain.staff_import_plan import ImportPlan

# -- opening the store (bootstrap, safety) ---------------------------------------------------


class StoreError(Exception):
    """A store that cannot be opened; the message says what to do."""


class StoreTooNew(StoreError):
    pass


class StoreUnreadable(StoreError):
    def __init__(self, message: str, path: Path, newest_backup: Path | None):
        super().__init__(message)
        self.path = path
        self.newest_backup = newest_backup


class StoreLocked(StoreError):
    pass


class DataFolderNotWritable(StoreError):
    pass


class StoreUnavailable(StoreError):
    """The organisation's store cannot be reached or used now (network, sign-in, rights)."""


class ReportsOnly(StoreUnavailable):
    """The login is an HR/OD lead's: it reads the organisation's published reports, nothing
    else (the window opens the organisation window instead of the team)."""


class StoreNeedsAdmin(StoreError):
    """The organisation's store is not created or not upgraded yet: a job for its administrators."""


# -- backups -------------------------------------------------------------------------------


class BackupError(StoreError):
    """A backup could not be made or used; the message says what to do."""


class NotABackup(BackupError):
    pass


class BackupTooNew(BackupError, StoreTooNew):
    pass


class RestoreNotConfirmed(BackupError):
    pass


class UntrustedBackup(NotABackup):
    """A file whose schema or records are not what the application makes and keeps."""


# -- records and people (the repositories) ---------------------------------------------------


class RecordLocked(RuntimeError):
    """The record has been signed (or is awaiting the second signature) and cannot change."""


class SignOffRefused(ValueError):
    """Signing is not possible now; the message says why in plain words."""

    def __init__(self, message: str, missing: list[Missing] | None = None):
        super().__init__(message)
        self.missing = missing or []


class AmendmentRefused(ValueError):
    def __init__(self, message: str, existing_id: int | None = None):
        super().__init__(message)
        self.existing_id = existing_id  # an amendment already under way, to open instead


class StoreChanged(RuntimeError):
    """A fixed record no longer gives the fingerprint it was fixed with."""


class ValidationFailed(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# -- importing a staff list --------------------------------------------------------------------


class PeopleChanged(RuntimeError):
    """The people in the store changed between an import's preview and the import itself.

    Not StoreChanged (a fixed record that no longer matches its fingerprint): this one
    only means "look at the preview again"."""


class ImportConflicts(ValueError):
    """Rows conflict with the store; nothing was imported. `plan.conflicts` lists them."""

    def __init__(self, plan: ImportPlan):
        count = len(plan.conflicts)
        rows = "1 row conflicts" if count == 1 else f"{count:,} rows conflict"
        super().__init__(f"{rows} with the people already in the application.")
        self.plan = plan
