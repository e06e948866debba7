"""One .zip of a bulk run: its drafts (and their PDFs) and its manifest, for sending on or downloading."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .._files import write_atomic
from ..errors import OutputError
from .manifest import DRAFTED, SKIPPED, read_manifest
from .run import BulkSummary

__all__ = ["archive_bulk"]


def archive_bulk(summary: BulkSummary, target: Path) -> Path:
    """Write ``target``: the manifest, then every draft it lists as made or kept (with its PDF if any).

    Only the files the manifest names go in, so a clerk's other files in the folder stay out.
    Drafts are already compressed (a .docx is a zip): they are stored as they are.
    """
    folder = summary.manifest.parent
    names = [summary.manifest.name]
    for record in read_manifest(summary.manifest):
        if record.trang_thai in (DRAFTED, SKIPPED) and (folder / record.tep).is_file():
            names.append(record.tep)
            pdf = Path(record.tep).with_suffix(".pdf").name
            if (folder / pdf).is_file():
                names.append(pdf)
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w") as bundle:
            for name in names:
                kind = zipfile.ZIP_DEFLATED if name == summary.manifest.name else zipfile.ZIP_STORED
                bundle.write(folder / name, name, compress_type=kind)
    except OSError as exc:
        raise OutputError(f"không đọc được {folder}: {exc.strerror}") from None
    write_atomic(target, buffer.getvalue())
    return target
