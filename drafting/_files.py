"""Reading and writing files: OSError becomes the caller's error, and writes are atomic.

Every command reads sheets, templates and drafts and writes drafts, sheets and
manifests; these two helpers are the only places that touch the disk for that.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Union

from .errors import DraftingError, OutputError

__all__ = ["STALE_AFTER_SECONDS", "read_bytes", "reason", "remove_stale_temporaries", "write_atomic"]


def reason(exc: OSError) -> str:
    """A short Vietnamese reason for a failed read, for the caller's message."""
    if isinstance(exc, FileNotFoundError):
        return "không tìm thấy tệp"
    if isinstance(exc, IsADirectoryError):
        return "đây là thư mục, không phải tệp"
    return f"không đọc được tệp ({exc.strerror or exc})"


def read_bytes(path: Union[str, Path], error: Callable[[str], DraftingError]) -> bytes:
    """The file's bytes; a failure raises ``error(reason)`` (see :func:`reason`)."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise error(reason(exc)) from None


def _normal_mode() -> int:
    # mkstemp creates 0600 whatever the umask; a draft on a shared folder must get the
    # permissions any new file gets there. os.umask can only be read by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Union[str, Path], data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a failure leaves either the old file or none.

    ``durable`` also waits for the disk (fsync) before the rename, so that a power cut
    cannot leave an empty file under the final name. Bulk runs skip it: it costs more
    than rendering, and their manifest lets a re-run find and redo a damaged draft.
    """
    path = Path(path)
    if durable:  # one command, one write: a cheap moment to tidy what a killed run left
        remove_stale_temporaries(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"không tạo được tệp trong thư mục {path.parent}: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(tmp, _normal_mode())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        hint = " (tệp có đang mở trong Word không?)" if isinstance(exc, PermissionError) else ""
        raise OutputError(f"không ghi được {path}: {exc.strerror}{hint}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# write_atomic's temporary files: ".NAME.XXXXXXXX.tmp" (mkstemp's random part).
_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# A write takes well under a second: an older temporary file is what a killed run left.
STALE_AFTER_SECONDS = 60


def remove_stale_temporaries(folder: Union[str, Path]) -> int:
    """Delete the temporary files an interrupted write left in ``folder``; returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0  # no folder yet, or not readable: writing will say what is wrong
    for entry in entries:
        if not _TEMPORARY.match(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue  # another process took care of it
    return removed
