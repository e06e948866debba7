"""Saving a .docx so that its bytes depend only on its content.

python-docx stamps each zip entry with the time of saving; templates and drafts
are rewritten with one fixed timestamp and fixed core properties, so the same
input gives the same file, byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx.document import Document

from .zip_writer import ZipEntry, write_zip


def normalise_zip(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return write_zip([ZipEntry.deflate(name, source.read(name)) for name in source.namelist()])


def document_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# python-docx refuses a core property text longer than this (and Word's own dialog stops there).
MAX_PROPERTY_CHARS = 255


def _property_text(value: str) -> str:
    """``value`` cut to fit a core property; the document's own text keeps it whole."""
    if len(value) <= MAX_PROPERTY_CHARS:
        return value
    return value[: MAX_PROPERTY_CHARS - 1].rstrip() + "…"


def core_properties(*, title: str, subject: str, author: str, when: datetime) -> dict:
    """The core properties of a generated document; nothing in them depends on the clock."""
    title, subject, author = (_property_text(v) for v in (title, subject, author))
    return {
        "title": title,
        "subject": subject,
        "author": author,
        "last_modified_by": author,
        "created": when,
        "modified": when,
        "revision": 1,
        "comments": "",
        "keywords": "",
    }


def set_properties(document: Document, **fields) -> None:
    props = document.core_properties
    for key, value in core_properties(**fields).items():
        setattr(props, key, value)
