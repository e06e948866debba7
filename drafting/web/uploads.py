"""Files sent from the clerk's computer: read from a multipart form, written into a job's folder.

The browser's file name is kept only when it is a plain name with an expected ending (a
clerk recognises "so-lieu.xlsx hàng 7" in the manifest); the folder is always the job's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from .._files import write_atomic
from .workbench import WebProblem

if TYPE_CHECKING:  # Starlette's type of request.form(), not exported
    from starlette._utils import AwaitableOrContextManager

__all__ = ["MAX_FILES", "read_form", "save_upload", "save_uploads", "upload_of"]

MAX_FILES = 500  # a province's communes, each its own sheet
_PLAIN_NAME = re.compile(r'^(?!\.)[^/\\:*?"<>|\x00-\x1f]{1,120}$')


def read_form(request: Request) -> AwaitableOrContextManager[FormData]:
    """The request's multipart form (``async with``: its files are closed after); the guard bounds its size."""
    return request.form(max_files=MAX_FILES, max_fields=16, max_part_size=request.app.state.max_upload)


def upload_of(form: FormData, key: str) -> Optional[UploadFile]:
    """The file sent as ``key``, or None when the clerk chose none."""
    value = form.get(key)
    return value if isinstance(value, UploadFile) and value.filename else None


def _name(upload: UploadFile, suffixes: tuple[str, ...], what: str, default: str) -> str:
    name = Path((upload.filename or "").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise WebProblem(f"tệp '{name}' không phải {what} ({' hoặc '.join(suffixes)})")
    if not _PLAIN_NAME.match(name) or name.rstrip(". ") != name:
        name = default + suffix
    return name


async def save_upload(upload: UploadFile, folder: Path, suffixes: tuple[str, ...], what: str,
                      default: str) -> Path:
    """Write ``upload`` into ``folder`` under its own name if plain (``default`` otherwise)."""
    target = folder / _name(upload, suffixes, what, default)
    write_atomic(target, await upload.read(), durable=False)
    return target


async def save_uploads(uploads: list[UploadFile], folder: Path, suffixes: tuple[str, ...], what: str) -> Path:
    """Write every upload into ``folder``, numbering the names that come twice; the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, upload in enumerate(uploads, start=1):
        name = _name(upload, suffixes, what, f"tep-{n}")
        if (folder / name).exists():
            name = f"{Path(name).stem}-{n}{Path(name).suffix}"
        write_atomic(folder / name, await upload.read(), durable=False)
    return folder
