"""A Word template opened, patched and compiled once, then filled many times.

docxtpl, as commonly used, reopens the template, re-patches its XML with
regular expressions and recompiles Jinja for every document. Here that work is
done once per template (per worker in a bulk run); each draft then only renders
the compiled Jinja, fixes up the XML docxtpl would fix, sizes the short rules
and writes the zip, reusing the template's unchanged parts compressed once.

Single drafts go through the same class, so a draft is the same bytes whether
it was made alone or in bulk.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import io
import re
import zipfile
from bisect import bisect_right
from pathlib import Path
from typing import Optional
from xml.parsers import expat

import jinja2
from docxtpl import DocxTemplate
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from .._version import __version__
from ..docx import styles as S
from ..docx.guard import with_fingerprints
from ..docx.layout import StyleFacts, fit_short_rules
from ..docx.package import write_core_properties
from ..docx.provenance import Provenance, add_provenance_part
from ..docx.zip_writer import ZipEntry, write_zip
from ..errors import TemplateProblem
from .parts import References, TemplateProperties, check_footnotes, finish_main, main_part_name, other_parts
from .template_tags import jinja_syntax, open_document, template_bytes
from .templates import template_label

_CORE_PART = "docProps/core.xml"
_LISTING_CHARS = ("\t", "\a", "\n", "\f")
_DOCX_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _serialize(element) -> bytes:
    # How python-docx writes every XML part.
    return etree.tostring(element, encoding="UTF-8", standalone=True)


class SandboxRefusal(SecurityError):
    """Something drafting's sandbox refuses beyond Jinja's own checks; the message is in Vietnamese
    and reads after "mẫu X ..." ("có phép tính '*' cho kết quả quá lớn ...")."""


_PACKAGE_OBJECTS = ("InlineImage", "Subdoc")  # docxtpl's values that add parts to the package they come from


def _refusing_package_objects(finalize):
    """``finalize`` (the environment's) that first refuses docxtpl's InlineImage and Subdoc: they
    add pictures, styles or relationships to the docxtpl template they were made with, never to
    the draft the engine writes (drafting's own context has none of them)."""
    kinds: dict[type, Optional[str]] = {}

    def checked(value):
        kind = type(value)
        if kind not in kinds:
            kinds[kind] = next((c.__name__ for c in kind.__mro__ if c.__name__ in _PACKAGE_OBJECTS
                                and c.__module__.startswith("docxtpl")), None)
        if kinds[kind] is not None:
            raise SandboxRefusal(f"có giá trị {kinds[kind]} của docxtpl (ảnh hay tài liệu con, cần thêm phần "
                                 "mới vào tệp Word): drafting không hỗ trợ")
        return value if finalize is None else finalize(value)

    return checked


SAFETY = "vì an toàn, mẫu chỉ được dùng dữ liệu của bảng chỉ tiêu và các bộ lọc của drafting"
_UNSAFE_ATTRIBUTE = re.compile(r"access to attribute '(.+?)' of '(.+?)' object is unsafe")
_UNDEFINED_NAME = re.compile(r"^'(.+?)' is undefined")
_NONE_ATTRIBUTE = re.compile(r"^'None' has no attribute '(.+?)'$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '(.+?)'$")
_NO_ELEMENT = re.compile(r"has no element (.+)$")
_NO_FILTER_OR_TEST = re.compile(r"^No (filter|test) named '(.+?)'")
_TAG_OPENING = re.compile(r"\{[{%][-+]?")
_TAG_CLOSING = {"{{": "}}", "{%": "%}"}
_PARAGRAPH = re.compile(r"<w:p[ >]")
_XML_TAG = re.compile(r"<[^>]*>")

# What Python raises evaluating an expression ({{ 1/0 }}, {{ 1 + 'a' }}), in a clerk's words.
_EXPRESSION_ERRORS: tuple[tuple[type, str], ...] = (
    (ZeroDivisionError, "có phép chia cho 0"),
    (OverflowError, "có phép tính cho số quá lớn"),
    (TypeError, "có phép tính hay bộ lọc không dùng được với giá trị này (ví dụ cộng số với chữ)"),
    (ValueError, "có giá trị không dùng được ở đây"),
    (RecursionError, "gọi lại chính nó không dừng"),
)


def _problem(exc: Exception, template: Path) -> str:
    """What went wrong filling ``template``, in Vietnamese (the place is added by the caller)."""
    if not isinstance(exc, jinja2.TemplateError):
        said = (text for kind, text in _EXPRESSION_ERRORS if isinstance(exc, kind))
        return f"mẫu {template} {next(said, 'có biểu thức không tính được')}"
    message = exc.message or str(exc)
    if isinstance(exc, SandboxRefusal):
        return f"mẫu {template} {message}"
    unsafe = _UNSAFE_ATTRIBUTE.search(message)
    if unsafe:
        return f"mẫu {template} dùng thuộc tính '{unsafe[1]}' không được phép ({SAFETY})"
    if isinstance(exc, SecurityError):
        return f"mẫu {template} làm việc không được phép ({SAFETY})"
    name = _UNDEFINED_NAME.search(message)
    if name and name[1] in DEFAULT_NAMESPACE:
        return f"mẫu {template} dùng '{name[1]}' của Jinja, không được phép ({SAFETY})"
    if name:
        return f"mẫu {template} dùng tên '{name[1]}' không có trong bảng chỉ tiêu"
    empty = _NONE_ATTRIBUTE.search(message)
    if empty:
        return (f"mẫu {template} đọc '{empty[1]}' của một mục để trống trong bảng chỉ tiêu "
                "(mẫu có hợp với thể thức của bảng chỉ tiêu không?)")
    attribute = _NO_ATTRIBUTE.search(message)
    if attribute:
        return f"mẫu {template} dùng thuộc tính '{attribute[1]}' không có trong bảng chỉ tiêu"
    element = _NO_ELEMENT.search(message)
    if element:
        return f"mẫu {template} dùng phần tử {element[1]} không có trong bảng chỉ tiêu"
    missing = _NO_FILTER_OR_TEST.search(message)
    if missing:
        return f"mẫu {template} dùng {'bộ lọc' if missing[1] == 'filter' else 'phép thử'} '{missing[2]}' không có"
    if isinstance(exc, jinja2.UndefinedError):
        return f"mẫu {template} dùng một giá trị không có trong bảng chỉ tiêu"
    return f"không điền được mẫu {template}: có thẻ Jinja không chạy được"


def _template_line(exc: BaseException) -> Optional[int]:
    """The line of the template an error came from (Jinja puts template frames in the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.lineno
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _one_tag_a_line(source: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """``source`` with a line break after each tag's opening, which changes no tag's meaning;
    the line each tag then starts on, and each tag's place in ``source``."""
    pieces: list[str] = []
    lines: list[int] = []
    spans: list[tuple[int, int]] = []
    done, line = 0, 1
    for opening in _TAG_OPENING.finditer(source):
        start, end = opening.span()
        pieces.append(source[done:end] + "\n")
        line += source.count("\n", done, end) + 1
        close = source.find(_TAG_CLOSING[source[start:start + 2]], end)
        lines.append(line)
        spans.append((start, len(source) if close < 0 else close + 2))
        done = end
    pieces.append(source[done:])
    return "".join(pieces), lines, spans


def _plain(xml: str) -> str:
    return " ".join(html.unescape(_XML_TAG.sub("", xml)).split())


def _shorten(text: str, around: str, margin: int = 80) -> str:
    at = max(text.find(around), 0)
    start, end = max(at - margin, 0), min(at + len(around) + margin, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _place(source: str, start: int, end: int) -> str:
    """", ở thẻ {{ ... }} trong đoạn “...”": the tag at ``source[start:end]`` and its paragraph's text."""
    tag = _plain(source[start:end])
    where = f", ở thẻ {tag if len(tag) <= 200 else tag[:199] + '…'}"
    opening = max((m.start() for m in _PARAGRAPH.finditer(source, 0, start)), default=-1)
    closing = source.find("</w:p>", end)
    if opening < 0 or closing < 0 or "</w:p>" in source[opening:start]:
        return where  # a {%p ... %} tag: its paragraph is gone
    paragraph = _plain(source[opening:closing])
    return where if paragraph == tag else f"{where} trong đoạn “{_shorten(paragraph, tag)}”"


class _Part:
    """A Jinja-bearing XML part: the text around the templated region, and its compiled form."""

    def __init__(self, env: jinja2.Environment, patch, xml: str, start: int, end: int, what: str, finish=None):
        self.prefix, self.suffix = xml[:start], xml[end:]
        self.env, self.source = env, patch(xml[start:end])
        self.finish = finish  # docxtpl's last steps on the main part (parts.finish_main)
        try:
            self.template = env.from_string(self.source)
        except jinja2.TemplateSyntaxError as exc:
            message = exc.message or ""
            # At the end of the template no tag is to blame: the block left open is named in the message.
            where = "" if message.startswith("Unexpected end of template") else self.place(env.from_string)
            raise TemplateProblem(f"{what} có thẻ Jinja sai cú pháp: {jinja_syntax(message)}{where}") from None

    def place(self, attempt) -> str:
        """Where in the part ``attempt`` (compiling or rendering) fails: ", ở thẻ ... trong đoạn ...".

        The part's text is one line, so Jinja's line numbers tell nothing: the attempt is made
        again on a copy with each tag on a line of its own. "" if the place cannot be told.
        """
        marked, lines, spans = _one_tag_a_line(self.source)
        try:
            attempt(marked)
        except Exception as exc:  # any failure: only its line is wanted
            line = _template_line(exc)
        else:
            return ""
        index = bisect_right(lines, line) - 1 if line is not None else -1
        return _place(self.source, *spans[index]) if index >= 0 else ""

    def problem(self, exc: Exception, template: Path, context: dict) -> str:
        """The message for a failed render of this part, with the tag it failed at."""
        where = self.place(lambda marked: self.env.from_string(marked).render(context))
        return _problem(exc, template) + where

    def render(self, context: dict) -> str:
        """The part's XML text, with docxtpl's post-processing where it would change something."""
        xml = self.template.render(context)
        for marked, plain in _DOCX_ESCAPES:
            if marked in xml:
                xml = xml.replace(marked, plain)
        if any(ch in xml for ch in _LISTING_CHARS):
            xml = DocxTemplate.resolve_listing(None, xml)  # docxtpl's tabs, breaks, new paragraphs
        xml = self.prefix + xml + self.suffix
        return self.finish(xml) if self.finish is not None else xml


class CompiledTemplate:
    """A template ready to fill: ``render(context, properties)`` gives the .docx bytes."""

    def __init__(self, path: Path, env_factory):
        self.path = Path(path)
        raw = template_bytes(self.path)
        self.sha256 = hashlib.sha256(raw).hexdigest()
        what = f"mẫu {self.path}"
        document = open_document(raw, self.path)
        self.facts = StyleFacts.of(document)
        self.env: jinja2.Environment = env_factory(S.id_for_role(document.styles.element, S.COMPUTED))
        if not isinstance(self.env, ImmutableSandboxedEnvironment):
            raise TypeError("templates are filled only in Jinja's immutable sandbox")
        self.env.finalize = _refusing_package_objects(self.env.finalize)
        patch = DocxTemplate(io.BytesIO(raw)).patch_xml

        # The body is templated between <w:body> and </w:body> of the whole document, so the
        # result needs no namespace declarations of its own.
        xml = etree.tostring(document.element, encoding="unicode")
        start, end = xml.index("<w:body"), xml.rindex("</w:body>") + len("</w:body>")
        self._compile_parts(document, patch, xml, _Part(self.env, patch, xml, start, end, what,
                                                        finish=functools.partial(finish_main, what=what)))
        self._core = copy.deepcopy(document.core_properties._element)
        self._properties = TemplateProperties(self.env, document.core_properties, what)
        self.label = template_label(self.path)
        self._provenance_part = add_provenance_part(document)

        # The package as python-docx writes it (so a template without core properties gets
        # them), each unchanged part compressed once.
        buffer = io.BytesIO()
        document.save(buffer)
        self._entries: list[tuple[str, Optional[ZipEntry]]] = []
        with zipfile.ZipFile(buffer) as package:
            for name in package.namelist():
                changes = name in self.parts or name in (_CORE_PART, self._provenance_part)
                fixed = None if changes else ZipEntry.deflate(name, package.read(name))
                self._entries.append((name, fixed))

    def _compile_parts(self, document, patch, main_xml: str, main: _Part) -> None:
        """The parts docxtpl fills, by name (the main part's from the package relationships),
        and the relationship ids each refers to in the template (parts.py)."""
        what = f"mẫu {self.path}"
        self.main = main_part_name(document)
        self.parts: dict[str, _Part] = {self.main: main}
        self._references = {self.main: References(main_xml)}
        self._labels: dict[str, str] = {}
        self._footnotes: list[str] = []
        for other in other_parts(document, what):
            self.parts[other.name] = _Part(self.env, patch, other.xml, 0, len(other.xml), what)
            self._references[other.name] = References(other.xml)
            self._labels[other.name] = other.label
            if other.footnotes:
                self._footnotes.append(other.name)

    def _check_rendered(self, rendered: dict[str, str]) -> None:
        """Refuse a draft whose parts refer to relationships that are not there, or whose
        footnotes docxtpl would have filled otherwise (parts.py)."""
        what = f"mẫu {self.path}"
        for name, xml in rendered.items():
            self._references[name].check(xml, what, self._labels.get(name, "phần thân"))
        check_footnotes(rendered[self.main], {name: rendered[name] for name in self._footnotes}, what)

    def render(self, context: dict, properties: dict, sheet_sha256: str = "") -> bytes:
        """The draft's bytes; ``properties`` are core document properties (title, author...),
        ``sheet_sha256`` the hash of the sheet recorded in the draft's provenance."""
        rendered = {}
        for name, part in self.parts.items():
            try:
                rendered[name] = part.render(context)
            except etree.XMLSyntaxError as exc:
                raise TemplateProblem(f"mẫu {self.path} cho ra XML hỏng: {exc}") from None
            except Exception as exc:  # Jinja's errors (SecurityError, UndefinedError), or an expression's: 1/0
                if not isinstance(exc, jinja2.TemplateError) and _template_line(exc) is None:
                    raise  # raised outside the template's expressions: drafting's own bug
                message = part.problem(exc, self.path, context)
                if name != self.main:
                    message += f" ({self._labels[name]})"
                raise TemplateProblem(message) from None
        document = fit_short_rules(rendered[self.main], self.facts)
        rendered[self.main] = document
        parts = {name: (_XML_DECLARATION + xml).encode("utf-8") for name, xml in rendered.items()}
        for data in parts.values():
            _check_well_formed(data, self.path)
        self._check_rendered(rendered)

        core = copy.deepcopy(self._core)
        self._properties.fill(core, context, properties, lambda exc: _problem(exc, self.path))
        write_core_properties(core, properties)

        done = {self.main: ZipEntry.deflate(self.main, parts[self.main])}
        parts[_CORE_PART] = _serialize(core)
        for name, fixed in self._entries:  # the parts the provenance fingerprints: all but itself
            if name != self._provenance_part:
                done[name] = fixed or done.get(name) or ZipEntry.deflate(name, parts[name])
        parts[self._provenance_part] = with_fingerprints(Provenance(
            version=__version__, sheet_sha256=sheet_sha256, template=self.label,
            template_sha256=self.sha256, pristine=parts[self.main],
        ), done.values()).to_xml(deflated=done[self.main].data)
        return write_zip([fixed or done.get(name) or ZipEntry.deflate(name, parts[name])
                          for name, fixed in self._entries])



def _check_well_formed(data: bytes, template: Path) -> None:
    # A template edited by hand can produce broken XML, which Word refuses to open: better to
    # say so than to write the file. expat checks without building a tree.
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as exc:
        raise TemplateProblem(
            f"mẫu {template} cho ra XML hỏng ({expat.ErrorString(exc.code)}, dòng {exc.lineno}, cột {exc.offset}): "
            "kiểm tra các thẻ {%p ... %}, {%tr ... %} trong mẫu"
        ) from None
