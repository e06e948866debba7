"""Filling a Word template with a sheet, and writing the draft safely."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Optional, Union

import jinja2
from docxtpl import RichText
from markupsafe import Markup, escape

from . import styles as S
from . import vietnamese as vi
from .content import build_context
from .docx_package import core_properties
from .engine import CompiledTemplate
from .errors import DraftProblem, OutputError, Problem
from .loading import LoadedSheet, load_sheet
from .phrase import Phrase
from .provenance import edited_since_generated, sheet_digest
from .templates import resolve_template


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in the rendered XML into "{{", "}}"... so
# a clerk's text containing them would change. An "_" beside a brace or "%" is written
# as the character reference &#95;, which docxtpl leaves alone and Word reads as "_".
_DOCXTPL_UNDERSCORE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def _protect(escaped_xml: str) -> str:
    return _DOCXTPL_UNDERSCORE.sub("&#95;", escaped_xml) if "_" in escaped_xml else escaped_xml


def _finalize(value):
    if hasattr(value, "__html__"):  # RichText and Markup are XML already
        return value
    return Markup(_protect(str(escape("" if value is None else value))))


def _runs_filter(computed_style: Optional[str]):
    def runs(value: Union[Phrase, str, None]) -> RichText:
        """Text for a {{r ... }} tag: computed figures get their own character style."""
        rich = RichText()
        if value is None:
            return rich
        phrase = value if isinstance(value, Phrase) else Phrase([str(value)])
        for seg in phrase.segments:
            rich.add(seg.text, style=computed_style if seg.computed else None)
        rich.xml = _protect(rich.xml)
        return rich

    return runs


def _document_number(value, style: str) -> str:
    if value is None:
        return ""
    return vi.document_number(value.so, value.ky_hieu, style)


def jinja_environment(computed_style: Optional[str] = S.COMPUTED) -> jinja2.Environment:
    """The Jinja environment of every template.

    ``computed_style`` is the id the template gives the computed-figure style
    (None when it has no such style: the figures are then plain runs).
    """
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_finalize)
    env.filters.update(vi.FILTERS)
    env.filters["doan_van"] = _runs_filter(computed_style)
    env.filters["so_hieu"] = _document_number
    return env


def _issued_at(loaded: LoadedSheet) -> datetime:
    sheet = loaded.sheet
    day = sheet.ngay_ban_hanh or date(sheet.nam, 12, 31)
    return datetime(day.year, day.month, day.day)


def compile_template(template: Path) -> CompiledTemplate:
    """Open, patch and compile ``template`` once; fill it with :func:`render_compiled`."""
    return CompiledTemplate(template, jinja_environment)


def document_properties(loaded: LoadedSheet) -> dict:
    sheet = loaded.sheet
    author = sheet.co_quan_ban_hanh.ten if sheet.co_quan_ban_hanh else (
        sheet.tac_gia.ho_ten if sheet.tac_gia else ""
    )
    return core_properties(title=sheet.subject, subject=sheet.subject, author=author, when=_issued_at(loaded))


def render_compiled(loaded: LoadedSheet, compiled: CompiledTemplate) -> bytes:
    return compiled.render(build_context(loaded), document_properties(loaded), sheet_digest(loaded.sheet))


def render_bytes(loaded: LoadedSheet, template: Path) -> bytes:
    """The draft as .docx bytes; the same sheet and template always give the same bytes."""
    return render_compiled(loaded, compile_template(template))


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a failure leaves either the old file or none.

    ``durable`` also waits for the disk (fsync) before the rename, so that a power cut
    cannot leave an empty file under the final name. Bulk runs skip it: it costs more
    than rendering, and their manifest lets a re-run find and redo a damaged draft.
    """
    path = Path(path)
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
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        hint = " (tệp có đang mở trong Word không?)" if isinstance(exc, PermissionError) else ""
        raise OutputError(f"không ghi được {path}: {exc.strerror}{hint}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class RenderResult:
    output: Path
    template: Path
    warnings: tuple[Problem, ...]


def default_output(sheet_path: Path) -> Path:
    return Path.cwd() / (Path(sheet_path).stem + ".docx")


def refuse_to_overwrite(target: Path, sheet_path: Optional[Union[str, Path]]) -> None:
    """Raise DraftProblem if ``target`` holds work that writing over it would lose."""
    if not Path(target).is_file():
        return  # nothing there, or a folder: writing will say what is wrong
    try:
        existing = Path(target).read_bytes()
    except OSError as exc:
        raise OutputError(f"không đọc được {target}: {exc.strerror}") from None
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


def render_draft(
    sheet_path: Union[str, Path],
    output: Optional[Union[str, Path]] = None,
    template: Optional[Union[str, Path]] = None,
    force: bool = False,
) -> RenderResult:
    """Validate the sheet, fill the template and write the .docx (nothing is written on error).

    A draft already at the target is overwritten only if it still says what drafting
    generated (or with ``force``): a clerk's edits are never lost silently.
    """
    loaded = load_sheet(sheet_path)
    template_path = resolve_template(template, loaded.sheet.the_thuc)
    data = render_bytes(loaded, template_path)
    target = Path(output) if output is not None else default_output(Path(sheet_path))
    if not force:
        refuse_to_overwrite(target, sheet_path)
    write_atomic(target, data)
    return RenderResult(output=target, template=template_path, warnings=loaded.warnings)
