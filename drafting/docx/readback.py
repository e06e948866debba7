"""Reading a rendered draft back into its parts, by the role of each paragraph's style.

The preview is built from this, so what the clerk sees in the console is
what the .docx holds, not what drafting meant to write.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from ..errors import DraftProblem
from ..lang.phrase import Segment
from . import styles as S
from .text import run_text

# What opening a file that is not a Word document raises, depending on how it is not one.
_NOT_A_DOCX = (zipfile.BadZipFile, zlib.error, EOFError, PackageNotFoundError, KeyError, ValueError,
               XMLSyntaxError)


class DraftReadError(DraftProblem, ValueError):
    """A draft that cannot be read: no such file, unreadable, or not a Word .docx.

    Also a ValueError, so that a caller which caught the parsers' own errors
    (``ValueError`` among them) still catches this one.
    """


@dataclass(frozen=True)
class Line:
    """One paragraph: its style id and its text in segments (computed or not)."""

    style: str
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Grid:
    """A table of figures: rows of cells, each cell a tuple of segments."""

    rows: tuple[tuple[tuple[Segment, ...], ...], ...]


@dataclass
class DraftView:
    header_left: list[Line] = field(default_factory=list)
    header_right: list[Line] = field(default_factory=list)
    body: list[Union[Line, Grid]] = field(default_factory=list)
    signature_left: list[Line] = field(default_factory=list)
    signature_right: list[Line] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [b for b in self.body if isinstance(b, Line)]

    @property
    def tables(self) -> list[Grid]:
        return [b for b in self.body if isinstance(b, Grid)]

    def text(self) -> str:
        """All the draft's text, one paragraph or table row a line."""
        out = [ln.text for ln in self.header_left + self.header_right]
        for block in self.body:
            if isinstance(block, Line):
                out.append(block.text)
            else:
                out += [" | ".join("".join(s.text for s in cell) for cell in row) for row in block.rows]
        out += [ln.text for ln in self.signature_left + self.signature_right]
        return "\n".join(out)


def _segments(p, roles: dict[str, str]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for run in p.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        style = rpr.find(qn("w:rStyle")) if rpr is not None else None
        computed = style is not None and roles.get(style.get(qn("w:val"))) == S.COMPUTED
        text = run_text(run)
        if text:
            if out and out[-1].computed == computed:
                out[-1] = Segment(out[-1].text + text, computed)
            else:
                out.append(Segment(text, computed))
    return tuple(out)


class _Reader:
    def __init__(self, roles: dict[str, str]):
        self.roles = roles

    def line(self, p) -> Line:
        """A paragraph, its style given by role where it has one (else by its own id)."""
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        sid = style.get(qn("w:val")) if style is not None else "Normal"
        return Line(self.roles.get(sid, sid), _segments(p, self.roles))

    def cell_lines(self, tc) -> list[Line]:
        return [self.line(p) for p in tc.findall(qn("w:p"))]


def _cells(tbl) -> list[list]:
    return [list(tr.findall(qn("w:tc"))) for tr in tbl.findall(qn("w:tr"))]


def _open(source: Union[bytes, str, Path]) -> tuple[DocumentObject, dict[str, str]]:
    """The document and its style roles; DraftReadError when ``source`` is not a readable .docx."""
    name = "bản dự thảo" if isinstance(source, bytes) else f"'{source}'"
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except FileNotFoundError:
        raise DraftReadError(f"không tìm thấy tệp {name}") from None
    except OSError as exc:
        raise DraftReadError(f"không đọc được tệp {name} ({exc.strerror})") from None
    try:
        document = Document(io.BytesIO(data))
        return document, S.roles_by_id(document.styles.element)
    except _NOT_A_DOCX:
        raise DraftReadError(f"{name} không phải tệp Word .docx đọc được (tệp hỏng hoặc sai định dạng)") from None


def read_draft(source: Union[bytes, str, Path]) -> DraftView:
    """The draft's text by role; raises DraftReadError when it is missing or not a .docx."""
    document, style_roles = _open(source)
    reader = _Reader(style_roles)
    view = DraftView()
    for child in document.element.body:
        if child.tag == qn("w:p"):
            view.body.append(reader.line(child))
        elif child.tag == qn("w:tbl"):
            rows = _cells(child)
            roles = {ln.style for row in rows for tc in row for ln in reader.cell_lines(tc)}
            if roles & S.HEADER_STYLES:
                view.header_left, view.header_right = _columns(reader, rows)
            elif roles & S.SIGNATURE_STYLES:
                view.signature_left, view.signature_right = _columns(reader, rows)
            else:
                grid = tuple(
                    tuple(tuple(seg for ln in reader.cell_lines(tc) for seg in ln.segments) for tc in row)
                    for row in rows
                )
                view.body.append(Grid(grid))
    return view


def _columns(reader: _Reader, rows: list[list]) -> tuple[list[Line], list[Line]]:
    """The lines of a two-column block (header or signature), left column then right."""
    left: list[Line] = []
    right: list[Line] = []
    for row in rows:
        left += reader.cell_lines(row[0])
        if len(row) > 1:
            right += reader.cell_lines(row[-1])
    return left, right
