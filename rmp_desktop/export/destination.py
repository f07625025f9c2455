"""Writing a file the user named, so that naming the wrong file can never lose data.

Every command and dialog that writes where the user says (a PDF export, a backup copy,
a preparation file, a record copy, a calendar, a report) goes through here:

    protect = Protected.for_store(paths.store)
    with replacing(out, PDF_RECORD, protect=protect, overwrite=args.overwrite) as handle:
        handle.write(data)

The rules, in the order they are checked:

1. Never inside the store: the store file, its -wal, -shm and -journal files, the
   backups folder and the folder damaged stores are moved to are refused, also when
   the path reaches them through a symbolic link or another spelling of the name.
   (The backup module's own dated backups are written by it, not through here.)
2. Never over a file of another kind: an existing file is replaced only if its content
   shows it is the kind this writer makes (a PDF record the application wrote, a
   backup it made), whatever its name ends with. Folders, devices and pipes never.
3. Never over a file of the right kind without being told: `overwrite=True` (the
   command line's --overwrite, or the window's question answered yes); otherwise
   `AlreadyExists`, which carries the path so the caller can ask.
4. Never half a file: the content goes to a temporary file in the same folder, is
   synced to disk, and only then renamed over the name (one atomic step), so a crash
   or a full disk leaves the old file or the new one, never a mix. A symbolic link
   named by the user keeps pointing where it did; the file it points to is replaced.

Refusals raise `DestinationRefused` with a message that says what to do; nothing has been
written when one is raised. No Qt here; the window asks its question from `AlreadyExists`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# Beyond this a file is not one of our records (they are well under a megabyte or two).
_PDF_SCAN_LIMIT = 256 * 1024 * 1024
_PDF_MARKER = b"/RMPRecord"
_SQLITE_HEADER = b"SQLite format 3\x00"


class DestinationRefused(ValueError):
    """The file cannot be written there; the message says why and what to do. Nothing written."""


class AlreadyExists(DestinationRefused):
    """A file of the right kind is already there: replace it only when told (`overwrite=True`)."""

    def __init__(self, path: Path, kind: FileKind):
        super().__init__(f"{path} already exists. Replace it with --overwrite, or choose "
                         "another name; nothing was written.")
        self.path = path
        self.kind = kind


@dataclass(frozen=True)
class FileKind:
    """What a writer makes: a noun for messages and a test of an existing file's content."""

    noun: str  # "a PDF record exported by this application"
    recognise: Callable[[Path], bool]  # called only on a regular file


def is_record_pdf(path: Path) -> bool:
    """A PDF that carries a record identifier in its properties, as every export does."""
    return _scan(path, _PDF_MARKER)


def _scan(path: Path, marker: bytes) -> bool:
    """Whether a PDF (by its first bytes) of a sane size holds `marker` anywhere."""
    try:
        with open(path, "rb") as handle:
            if not handle.read(5) == b"%PDF-":
                return False
            if os.fstat(handle.fileno()).st_size > _PDF_SCAN_LIMIT:
                return False
            tail = b""
            while chunk := handle.read(1024 * 1024):
                if marker in tail + chunk:
                    return True
                tail = chunk[-len(marker):]
    except OSError:
        return False
    return False


def is_backup(path: Path) -> bool:
    """A database this application made as a backup (it carries the backup's stamp)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                return False
    except OSError:
        return False
    from rmp_desktop.storage.backup import describe_backup
    from rmp_desktop.storage.errors import BackupError

    try:
        return describe_backup(path).app_version is not None
    except BackupError:
        return False


def is_our_file(path: Path) -> bool:
    """Any file this application writes for people to keep or send: a PDF it made (a record,
    a preparation form or sheet: its Creator says rmp-desktop) or one of its exchange files
    (JSON whose "format" is one of ours, such as rmp-preparation or rmp-record-copy)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if head.startswith(b"%PDF-"):
        return is_record_pdf(path) or _pdf_made_here(path)
    return _OUR_FORMAT.search(head) is not None


def _pdf_made_here(path: Path) -> bool:
    return _scan(path, b"/Creator (rmp-desktop ")


_OUR_FORMAT = re.compile(rb'^\s*(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"rmp-[a-z-]+"')

PDF_RECORD = FileKind("a PDF record exported by this application", is_record_pdf)
BACKUP = FileKind("a backup made by this application", is_backup)
OUR_FILE = FileKind("a file this application wrote", is_our_file)


@dataclass(frozen=True)
class Protected:
    """The files and folders of one store that no user-named file may replace or enter."""

    files: tuple[Path, ...]
    folders: tuple[Path, ...]

    @classmethod
    def for_store(cls, store: Path | str) -> Protected:
        store = Path(store).absolute()
        folder = store.parent
        files = tuple(Path(f"{store}{suffix}") for suffix in ("", "-wal", "-shm", "-journal"))
        return cls(files=files, folders=(folder / "backups", folder / "unreadable"))

    def refusal(self, target: Path) -> str | None:
        """Why `target` (an absolute real path) must not be written, or None."""
        key = _key(target)
        for guarded in self.files:
            if key == _key(_real(guarded)) or _same_file(target, guarded):
                return (f"{target} is the application's own store; writing there would destroy "
                        "every record. Choose a file in another folder; nothing was written.")
        folder = self.folder_holding(target)
        if folder is not None:
            return (f"{target} is inside the application's {folder.name} folder, which only "
                    "the application writes. Choose another folder; nothing was written.")
        return None

    def folder_holding(self, path: Path) -> Path | None:
        """The protected folder that is `path` or holds it (an absolute real path), or None."""
        key = _key(path)
        for folder in self.folders:
            real_folder = _key(_real(folder))
            if key == real_folder or key.startswith(real_folder + os.sep) or any(
                    _same_file(p, folder) for p in (path, *path.parents)):
                return folder
        return None


def check_destination(path: Path | str, kind: FileKind, *, protect: Protected,
                      overwrite: bool = False) -> Path:
    """The real path to write `path` to, after every rule above; raises DestinationRefused."""
    named = Path(path).expanduser().absolute()
    target = _real(named)
    if target.is_dir():
        raise DestinationRefused(f"{named} is a folder, so no file can be written under that "
                                 "name; nothing was written.")
    if not target.parent.is_dir():
        raise DestinationRefused(f"The folder {target.parent} does not exist. Create it or "
                                 "choose another; nothing was written.")
    refusal = protect.refusal(target)
    if refusal:
        raise DestinationRefused(refusal)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise DestinationRefused(f"{named} cannot be checked ({exc.strerror}); choose another "
                                 "name. Nothing was written.") from exc
    if not stat.S_ISREG(info.st_mode) or not kind.recognise(target):
        raise DestinationRefused(
            f"{named} already exists and is not {kind.noun}, so it is left as it is. Choose "
            "another name; nothing was written.")
    if not overwrite:
        raise AlreadyExists(named, kind)
    return target


@contextlib.contextmanager
def replacing(path: Path | str, kind: FileKind, *, protect: Protected,
              overwrite: bool = False) -> Iterator[BinaryIO]:
    """A binary handle whose content becomes `path` when the block ends without an error.

    Everything in the block (such as recording the export in the store) happens before
    the rename; an exception leaves `path` untouched and removes the temporary file."""
    target = check_destination(path, kind, protect=protect, overwrite=overwrite)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".part",
                                     dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # Checked again: something may have appeared under the name while we wrote.
        again = check_destination(path, kind, protect=protect, overwrite=overwrite)
        _keep_mode(again, temp)
        os.replace(temp, again)
        _fsync_folder(again.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def prepare_folder(folder: str | os.PathLike[str], *, protect: Protected) -> Path:
    """A folder for several files (created if missing), never one of the store's own."""
    named = Path(folder).expanduser().absolute()
    real = _real(named)
    inside = protect.folder_holding(real)
    if inside is not None or protect.refusal(real):
        raise DestinationRefused(f"{named} is one of the application's own folders, which only "
                                 "it writes. Choose another folder; nothing was written.")
    if real.exists() and not real.is_dir():
        raise DestinationRefused(f"{named} is a file, not a folder. Choose a folder; nothing was "
                                 "written.")
    try:
        real.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DestinationRefused(f"The folder {named} cannot be created ({exc.strerror}). Choose "
                                 "another; nothing was written.") from exc
    return real


def write_bytes(path: Path | str, data: bytes, kind: FileKind, *, protect: Protected,
                overwrite: bool = False) -> Path:
    """`data` written to `path` by the rules above; the real path written."""
    with replacing(path, kind, protect=protect, overwrite=overwrite) as handle:
        handle.write(data)
    return _real(Path(path).expanduser().absolute())


def holds_exactly(path: Path | str, data: bytes) -> bool:
    """Whether `path` is a regular file whose bytes are `data` (then writing it again is moot)."""
    try:
        target = _real(Path(path).expanduser().absolute())
        if not target.is_file() or target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


# -- helpers -----------------------------------------------------------------------------------


def _real(path: Path) -> Path:
    """Symbolic links and '..' resolved as far as the path exists."""
    return Path(os.path.realpath(path))


def _key(path: Path) -> str:
    return os.path.normcase(str(path))


def _same_file(a: Path, b: Path) -> bool:
    # Catches another spelling of the same file (case-insensitive disks, hard links, mounts).
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _keep_mode(existing: Path, temp: Path) -> None:
    # A replaced file keeps its permissions; a new one stays private (mkstemp's 0600).
    with contextlib.suppress(OSError):
        os.chmod(temp, stat.S_IMODE(os.stat(existing).st_mode))


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened on Windows.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
