"""The overwrite guard: a draft at the target is written over only if nothing in it is a clerk's work."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Optional, Union

from lxml import etree

from .._files import read_bytes
from ..errors import DraftProblem, OutputError
from .blocks import same_text
from .provenance import read_provenance

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def edited_since_generated(docx: bytes) -> Optional[bool]:
    """True if the draft's text is no longer what drafting generated; None without provenance."""
    provenance = read_provenance(docx)
    if provenance is None:
        return None
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        current = etree.fromstring(package.read("word/document.xml"))
    pristine = etree.fromstring(provenance.pristine)
    body = f"{{{_W}}}body"
    return not same_text(pristine.find(body), current.find(body))


def refuse_to_overwrite(target: Path, sheet_path: Optional[Union[str, Path]]) -> None:
    """Raise DraftProblem if ``target`` holds work that writing over it would lose."""
    if not Path(target).is_file():
        return  # nothing there, or a folder: writing will say what is wrong
    existing = read_bytes(target, lambda why: OutputError(f"{target}: {why}"))
    edited = edited_since_generated(existing)
    if edited is None:
        raise DraftProblem(f"{target} đã có và không phải bản dự thảo do drafting tạo: "
                           "chọn tên khác, hoặc dùng --force để ghi đè")
    if edited:
        command = f"drafting regenerate {target} --sheet {sheet_path or 'BẢNG.yaml'}"
        raise DraftProblem(
            f"{target} đã được sửa sau khi drafting tạo: dùng '{command}' để cập nhật số liệu "
            "mà giữ phần đã sửa, hoặc --force để ghi đè"
        )
