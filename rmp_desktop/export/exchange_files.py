"""Writing and reading the exchange files a user names (preparations, forms, record copies).

Writing: never over an existing file unless asked, never inside the data folder, and
atomically (a temporary file beside it, flushed to disk, then renamed), so a crash leaves
the old file or the new one, never half of either. When the project's shared destination
rules land, this is the one place to call them instead.

Reading: the size is checked before a byte is read, so a huge or endless file (a device, a
pipe) is refused rather than read into memory.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class FileRefused(ValueError):
    """The file cannot be written or read as asked; the message says what to do."""


def write_file(path: str | os.PathLike, data: bytes, *, overwrite: bool = False,
               data_dir: Path | None = None) -> Path:
    out = Path(path)
    if data_dir is not None:
        here = out.resolve(strict=False)
        home = Path(data_dir).resolve(strict=False)
        if here == home or home in here.parents:
            raise FileRefused(f"{out} is inside the application's data folder; choose "
                              "somewhere else, such as your Documents folder.")
    if not out.parent.is_dir():
        raise FileRefused(f"The folder {out.parent} does not exist.")
    if out.exists() or out.is_symlink():
        if not overwrite:
            raise FileRefused(f"{out} already exists. Choose another name, or say that it "
                              "may be replaced (--overwrite).")
        if not out.is_file():
            raise FileRefused(f"{out} is not an ordinary file, so it is not replaced.")
    fd, temp = tempfile.mkstemp(prefix=".rmp-", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out


def read_file(path: str | os.PathLike, *, limit: int, what: str) -> bytes:
    """The bytes of a regular file no bigger than `limit`; FileRefused says why not."""
    source = Path(path)
    try:
        info = source.stat()
    except OSError as exc:
        raise FileRefused(f"{source} cannot be read ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"{source} is not an ordinary file, so it cannot be {what}.")
    if info.st_size > limit:
        raise FileRefused(f"{source} is {info.st_size / (1024 * 1024):.1f} MB; {what} is at "
                          f"most {limit / (1024 * 1024):.0f} MB, so this is not one.")
    try:
        with source.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileRefused(f"{source} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:
        raise FileRefused(f"{source} grew while it was read; it is not {what}.")
    return data
