"""Where the store lives and what went wrong with it, in words a line manager can act on.

No Qt. `describe_storage_error` never repeats an exception's text: SQLAlchemy
puts the SQL statement and its parameters (what was typed in a conversation)
into its messages, so only the kind of failure is used.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath

from rmp_desktop.storage.errors import DataFolderNotWritable, StoreError

# File systems where SQLite's locking cannot be trusted (SQLite's own FAQ warns about them).
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "ceph", "glusterfs", "lustre",
    "davfs", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.gvfsd-fuse", "fuse.s3fs",
    "fuse.gcsfuse", "fuse.davfs2", "fuse.onedriver", "fuse.google-drive-ocamlfuse",
    "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse",
}

# Folder names (compared case-insensitively) that sync programs own, and what to call them.
SYNCED_FOLDERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name) for pattern, name in (
        (r"^dropbox( \(.*\))?$", "Dropbox"),
        (r"^onedrive( - .*)?$", "OneDrive"),
        (r"^(google ?drive|my drive|googledrive-.*)$", "Google Drive"),
        (r"^(icloud drive|icloud~.*|mobile documents)$", "iCloud Drive"),
        (r"^cloudstorage$", "a cloud storage provider"),
        (r"^(box|box sync)$", "Box"),
        (r"^(nextcloud|owncloud)$", "Nextcloud"),
        (r"^pcloud drive$", "pCloud"),
        (r"^mega(sync)?$", "MEGA"),
        (r"^seafile$", "Seafile"),
    ))

DISK_FULL = ("The disk is full, so your latest changes have not been saved yet. Nothing saved "
             "earlier is lost. Free some space on the disk (empty the recycle bin or move large "
             "files elsewhere); saving carries on by itself once there is room.")
LOCKED = ("The store is being used by another program (perhaps a second copy of Realising My "
          "Potential, or a backup or sync tool), so your latest changes have not been saved yet. "
          "Close that program; saving carries on by itself. Nothing saved earlier is lost.")
READ_ONLY = ("The store cannot be written: the file or its folder is read-only for your account "
             "(or the drive is write-protected). Your latest changes have not been saved. Check "
             "the folder's permissions, or start the application with --data-dir pointing at a "
             "folder you can write to.")
NOT_A_STORE = ("The store file is not a Realising My Potential store, or is damaged beyond "
               "reading. It has not been changed. Close the application; when it starts again it "
               "offers to restore the newest backup and keeps this file aside.")
DAMAGED = ("The store is damaged. It has not been changed further. Close the application; when it "
           "starts again it offers to restore the newest backup and keeps the damaged file aside.")
IO_ERROR = ("The disk reported an error while reading or writing the store, so your latest changes "
            "may not be saved. If the data folder is on a USB stick or network drive, check it is "
            "still connected; otherwise the disk may be failing: make a backup to another drive "
            "(rmp-desktop backup --to FILE) as soon as you can.")
CANNOT_OPEN = ("The store could not be opened: its folder may have been moved, renamed or "
               "disconnected, or your account may not be allowed to create files in it (the "
               "store needs a few working files beside it). Nothing has been changed. Check the "
               "data folder, or start the application with --data-dir pointing at a folder you "
               "can write to.")


# -- where the data folder is --------------------------------------------------------------------


def describe_location_risk(data_dir: Path, mounts_file: str | None = None) -> str | None:
    """A warning if the data folder is on a network drive or in a synced folder, else None."""
    path = _existing_ancestor(Path(data_dir).expanduser().absolute())
    synced = _synced_service(path)
    if synced:
        return (f"Your data folder {data_dir} is inside a {synced} folder. Sync programs copy "
                "files while they are being written and cannot respect the store's locks, so "
                "records can be damaged or lost. Move the data folder to a folder on this "
                "computer that is not synced (start with --data-dir), and rely on the "
                "application's own backups.")
    fs = _network_filesystem(path, mounts_file)
    if fs:
        return (f"Your data folder {data_dir} is on a network drive ({fs}). The store's locks "
                "cannot be trusted there, so records can be damaged if the connection drops or "
                "another computer opens the file. Move the data folder to a local disk (start "
                "with --data-dir), and rely on the application's own backups.")
    return None


def _existing_ancestor(path: Path) -> Path:
    # The data folder may not exist yet; its nearest existing parent decides the drive.
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve()
    return path


def _synced_service(path: PurePath) -> str | None:
    for part in path.parts:
        for pattern, name in SYNCED_FOLDERS:
            if pattern.match(part):
                return name
    return None


def _network_filesystem(path: Path, mounts_file: str | None) -> str | None:
    if os.name == "nt":
        return _windows_network_drive(path)
    mounts = _read_mounts(mounts_file)
    best: tuple[str, str] | None = None
    text = str(path)
    for mount_point, fs_type in mounts:
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > len(best[0])):
            best = (mount_point, fs_type)
    if best and best[1].lower() in NETWORK_FILESYSTEMS:
        return best[1]
    return None


def _read_mounts(mounts_file: str | None) -> list[tuple[str, str]]:
    for candidate in ([mounts_file] if mounts_file else ["/proc/self/mounts", "/proc/mounts"]):
        try:
            with open(candidate, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            continue
        mounts = []
        for line in lines:
            fields = line.split()
            if len(fields) >= 3:
                # /proc/mounts escapes spaces and tabs in paths as octal (\040).
                point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
                mounts.append((point, fields[2]))
        return mounts
    return []  # macOS and others: the synced-folder names still apply


def _windows_network_drive(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "a network share"
    try:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW(f"{path.drive}\\")  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return "a network drive" if drive_type == 4 else None  # DRIVE_REMOTE


# -- can we write there --------------------------------------------------------------------------


def check_writable(data_dir: Path, store: Path | None = None) -> None:
    """Raise DataFolderNotWritable with what to do if the folder (or the store) cannot be written."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderNotWritable(
            f"The data folder {data_dir} cannot be created ({_os_words(exc)}). Start the "
            "application with --data-dir pointing at a folder you can write to.") from exc
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=data_dir)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DataFolderNotWritable(
                f"The disk holding {data_dir} is full. Free some space and start again; "
                "nothing has been changed.") from exc
        raise DataFolderNotWritable(
            f"The data folder {data_dir} cannot be written ({_os_words(exc)}). Ask your IT team "
            "to give your account write access to it, or start the application with --data-dir "
            "pointing at a folder you can write to. Nothing has been changed.") from exc
    if store is not None and Path(store).exists() and not os.access(store, os.W_OK):
        raise DataFolderNotWritable(
            f"The store {store} is read-only for your account. Ask your IT team to make it "
            "writable (it should belong to you), or restore a backup into another folder with "
            "--data-dir. Nothing has been changed.")


def describe_open_failure(store: Path, exc: BaseException) -> str:
    """Why a store could not be opened for reading: a read-only place, or real damage."""
    store = Path(store)
    words = str(exc.args[0]) if getattr(exc, "args", None) else type(exc).__name__
    if not _writable(store.parent) or "readonly" in words or "read-only" in words:
        return (f"The store {store} cannot be opened: its folder is read-only (for your account, "
                "or the drive is write-protected), and SQLite needs to keep a small working file "
                "beside the store even to read it. Nothing has been changed. Make the folder "
                "writable, or copy the data folder to one you can write and use --data-dir.")
    if "unable to open" in words:
        return (f"The store {store} could not be opened ({words}). Check that the data folder "
                "is still there and connected. Nothing has been changed.")
    return (f"The store {store} is damaged ({words}). Restore a backup (`rmp-desktop restore "
            "FILE`); the file has not been changed.")


def _writable(folder: Path) -> bool:
    """Can a file be made in the folder? Tried for real: permissions alone miss read-only drives."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return True


def _os_words(exc: OSError) -> str:
    return {errno.EACCES: "permission denied", errno.EPERM: "not permitted",
            errno.EROFS: "the drive is read-only", errno.ENOSPC: "the disk is full",
            errno.ENOTDIR: "part of the path is a file, not a folder"}.get(
                exc.errno or 0, exc.strerror or type(exc).__name__)


# -- what went wrong -----------------------------------------------------------------------------


def describe_storage_error(exc: BaseException) -> str:
    """A plain message that says what happened and what to do; never SQL, never content."""
    if isinstance(exc, StoreError):
        return str(exc)  # ours: already written for a person, and free of content
    for cause in _chain(exc):
        if isinstance(cause, sqlite3.Error):
            return _describe_sqlite(cause)
        if type(cause).__module__.startswith("psycopg"):
            return _describe_postgres(cause)
        if isinstance(cause, OSError):
            return _describe_os(cause)
    return ("The store could not be used just now. Nothing saved earlier is lost; try again, "
            f"and if it keeps happening, see the log file ({type(exc).__name__}).")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what SQLAlchemy wrapped (`.orig`), then causes and contexts."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]


def _describe_sqlite(exc: sqlite3.Error) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    words = (str(exc.args[0]) if exc.args else "").lower()
    if name.startswith("SQLITE_FULL") or "disk is full" in words:
        return DISK_FULL
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in words:
        return LOCKED
    if name.startswith("SQLITE_READONLY") or "readonly" in words or "read-only" in words:
        return READ_ONLY
    if name.startswith("SQLITE_NOTADB") or "not a database" in words:
        return NOT_A_STORE
    if name.startswith("SQLITE_CORRUPT") or "malformed" in words:
        return DAMAGED
    if name.startswith("SQLITE_IOERR") or "i/o error" in words:
        return IO_ERROR
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in words:
        return CANNOT_OPEN
    return ("The store could not be used just now. Nothing saved earlier is lost; try again, "
            f"and if it keeps happening, see the log file ({name or type(exc).__name__}).")


OFFLINE = ("The organisation's store cannot be reached just now, so your latest changes have not "
           "been saved yet. Nothing saved earlier is lost. Check that you are connected to your "
           "organisation's network; saving carries on by itself once the store answers again.")
NOT_ALLOWED = ("Your sign-in to the organisation's store may not make this change: it may "
               "concern someone outside your team. Nothing was changed; ask the store's "
               "administrators if you should have access.")


def _describe_postgres(exc: BaseException) -> str:
    """The organisation's PostgreSQL store: its words for a person, never the statement."""
    import psycopg

    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return NOT_ALLOWED
    if isinstance(exc, psycopg.OperationalError):
        return OFFLINE
    return ("The organisation's store could not be used just now. Nothing saved earlier is "
            f"lost; try again, and if it keeps happening, see the log file "
            f"({type(exc).__name__}).")


def _describe_os(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return READ_ONLY
    if exc.errno == errno.EIO:
        return IO_ERROR
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return CANNOT_OPEN
    return ("A file of the application could not be read or written "
            f"({exc.strerror or type(exc).__name__}). Nothing saved earlier is lost; try again, "
            "and if it keeps happening, see the log file.")
