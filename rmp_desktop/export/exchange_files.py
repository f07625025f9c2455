"""Writing and reading the exchange files a user names (preparations, forms, record copies).

Writing goes through `export.destination`: never inside the data folder (its store and
backups included, whatever links lead there), never over a file that is not one this
application wrote, over one of ours only when asked (--overwrite), and atomically.

Reading: the size is checked before a byte is read, so a huge or endless file (a device, a
pipe) is refused rather than read into memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(ValueError):
    """The file cannot be written or read as asked; the message says what to do."""


def write_file(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False,
               data_dir: Path | None = None) -> Path:
    from rmp_desktop.export.destination import (
        OUR_FILE,
        DestinationRefused,
        Protected,
        write_bytes,
    )
    from rmp_desktop.paths import STORE_FILENAME

    out = Path(path)
    if data_dir is not None:
        here = out.resolve(strict=False)
        home = Path(data_dir).resolve(strict=False)
        if here == home or home in here.parents:
            raise FileRefused(f"{out} is inside the application's data folder; choose "
                              "somewhere else, such as your Documents folder.")
    store = Path(data_dir or out.parent) / STORE_FILENAME
    try:
        return write_bytes(out, data, OUR_FILE, protect=Protected.for_store(store),
                           overwrite=overwrite)
    except DestinationRefused as refused:
        raise FileRefused(str(refused)) from None


def read_file(path: str | os.PathLike[str], *, limit: int, what: str) -> bytes:
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
