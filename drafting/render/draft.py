"""Filling a Word template with a sheet, and writing the draft safely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional, Union

import jinja2
from docxtpl import RichText
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from pydantic import BaseModel

from .. import lang as vi
from .._files import write_atomic
from ..docx import styles as S
from ..docx.guard import refuse_to_overwrite
from ..docx.package import core_properties
from ..errors import Problem
from ..lang.phrase import Phrase
from ..lang.typography import keep_together
from ..report.context import build_context
from ..sheet.digest import sheet_digest
from ..sheet.loading import LoadedSheet, load_sheet
from .engine import CompiledTemplate, SandboxRefusal
from .templates import builtin_name, resolve_template

# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in the rendered XML into "{{", "}}"... so
# a clerk's text containing them would change. An "_" beside a brace or "%" is written
# as the character reference &#95;, which docxtpl leaves alone and Word reads as "_".
_DOCXTPL_UNDERSCORE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def _protect(escaped_xml: str) -> str:
    return _DOCXTPL_UNDERSCORE.sub("&#95;", escaped_xml) if "_" in escaped_xml else escaped_xml


def _finalize(value):
    """What a {{ ... }} tag writes: codes and numbers with their units kept on one line
    (lang.typography), escaped for XML."""
    if hasattr(value, "__html__"):  # RichText and Markup are XML already
        return value
    return Markup(_protect(str(escape("" if value is None else keep_together(str(value))))))


def _runs_filter(computed_style: Optional[str]):
    def runs(value: Union[Phrase, str, None]) -> RichText:
        """Text for a {{r ... }} tag: computed figures get their own character style."""
        rich = RichText()
        if value is None:
            return rich
        phrase = value if isinstance(value, Phrase) else Phrase([str(value)])
        # Kept together as a whole ("596" and " doanh nghiệp" are two segments), then cut back
        # into the segments: keep_together replaces characters one for one.
        kept, at = keep_together(str(phrase)), 0
        for seg in phrase.segments:
            rich.add(kept[at:at + len(seg.text)], style=computed_style if seg.computed else None)
            at += len(seg.text)
        rich.xml = _protect(rich.xml)
        return rich

    return runs


def _document_number(value, style: str) -> str:
    if value is None:
        return ""
    return vi.document_number(value.so, value.ky_hieu, style)


# pydantic's own API on a model (parse_raw unpickles, parse_file reads a file): a template reads
# a model's fields and drafting's own properties, nothing of BaseModel's.
_MODEL_API = frozenset(dir(BaseModel))
_MAX_ITEMS = 100_000  # of a string or list a template makes with "*"
_MAX_POWER_BITS = 4096  # of an integer a template makes with "**"


def _too_big(operator: str, left, right) -> bool:
    if isinstance(left, int) and isinstance(right, (str, list, tuple)):
        left, right = right, left
    if operator == "*":
        return isinstance(left, (str, list, tuple)) and isinstance(right, int) and len(left) * right > _MAX_ITEMS
    return (isinstance(left, int) and isinstance(right, int) and right > 0
            and abs(left).bit_length() * right > _MAX_POWER_BITS)


class _NoFiles(jinja2.BaseLoader):
    """{% include %}, {% import %} and {% extends %} would read other files: refused."""

    def get_source(self, environment, template):
        raise SandboxRefusal(f"muốn nạp tệp '{template}' (vì an toàn, mẫu không được đọc tệp nào khác)")


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, closed also to pydantic's API and to huge "*" and "**" results."""

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        kind = obj if isinstance(obj, type) else type(obj)
        if attr in _MODEL_API and issubclass(kind, BaseModel):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator: str, left, right):
        if _too_big(operator, left, right):
            raise SandboxRefusal(f"có phép tính '{operator}' cho kết quả quá lớn (vì an toàn, mẫu không được "
                                 "tạo chuỗi, danh sách hay số quá lớn)")
        return super().call_binop(context, operator, left, right)


def jinja_environment(computed_style: Optional[str] = S.COMPUTED) -> jinja2.Environment:
    """The Jinja environment of every template, built-in or a clerk's: Jinja's immutable sandbox.

    A template sees the context and the filters, nothing else: no Jinja globals (range,
    dict, lipsum, cycler, joiner, namespace; the built-in templates use none), no files,
    no underscore attributes, no pydantic API, no mutating methods of lists and dicts.
    ``computed_style`` is the id the template gives the computed-figure style
    (None when it has no such style: the figures are then plain runs).
    """
    env = _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_finalize, loader=_NoFiles())
    env.globals.clear()
    env.filters.update(vi.FILTERS)
    env.filters["doan_van"] = _runs_filter(computed_style)
    env.filters["so_hieu"] = _document_number
    return env


def _issued_at(loaded: LoadedSheet) -> datetime:
    sheet = loaded.sheet
    day = sheet.ngay_ban_hanh or sheet.period.last_day
    return datetime(day.year, day.month, day.day)


def compile_template(template: Path) -> CompiledTemplate:
    """Open, patch and compile ``template`` once; fill it with :func:`render_compiled`.

    A clerk's template is checked first (:func:`drafting.render.lint.check_template`), so that
    all its mistakes are listed at once; a built-in one is not, as the tests check it.
    """
    if builtin_name(template) is None:
        from .lint import check_template

        check_template(Path(template))
    return CompiledTemplate(template, jinja_environment)


def document_properties(loaded: LoadedSheet) -> dict:
    sheet = loaded.sheet
    author = sheet.co_quan_ban_hanh.ten if sheet.co_quan_ban_hanh else (
        (sheet.tac_gia.ho_ten or sheet.tac_gia.nguon or "") if sheet.tac_gia else ""
    )
    return core_properties(title=sheet.subject, subject=sheet.subject, author=author, when=_issued_at(loaded))


def render_compiled(loaded: LoadedSheet, compiled: CompiledTemplate) -> bytes:
    """The draft of ``loaded`` as .docx bytes, from a template compiled once (bulk runs reuse it)."""
    return compiled.render(build_context(loaded), document_properties(loaded), sheet_digest(loaded.sheet))


def render_bytes(loaded: LoadedSheet, template: Path) -> bytes:
    """The draft as .docx bytes; the same sheet and template always give the same bytes."""
    return render_compiled(loaded, compile_template(template))


@dataclass(frozen=True)
class RenderResult:
    output: Path
    template: Path
    warnings: tuple[Problem, ...]


def default_output(sheet_path: Path) -> Path:
    return Path.cwd() / (Path(sheet_path).stem + ".docx")


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
