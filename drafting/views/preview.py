"""A console view of a draft, built from the rendered document read back."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from rich import box
from rich.console import Group, JustifyMethod, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..docx import styles as S
from ..docx.readback import DraftView, Grid, Line, read_draft
from ..errors import Problem
from ..lang.phrase import Segment
from ..render.draft import render_bytes
from ..render.templates import resolve_template
from ..sheet.loading import load_sheet

COMPUTED_STYLE = "bold cyan"

_LOOK = {
    S.SUPERIOR: "",
    S.ISSUER: "bold",
    S.NATIONAL: "bold",
    S.MOTTO: "bold underline",
    S.PLACE_DATE: "italic",
    S.KIND: "bold",
    S.SUBJECT: "bold",
    S.NEWS_TITLE: "bold",
    S.HEADING1: "bold",
    S.HEADING2: "bold",
    S.RECIPIENTS_TITLE: "bold italic",
    S.AUTHORITY: "bold",
    S.TITLE_LINE: "bold",
    S.SIGNER: "bold",
    S.BYLINE_NAME: "bold",
    S.CAPTION: "italic",
}
_CENTRED = {S.SUPERIOR, S.ISSUER, S.STAR, S.NUMBER, S.NATIONAL, S.MOTTO, S.PLACE_DATE, S.KIND,
            S.SUBJECT, S.DASHES, S.NEWS_TITLE, S.AUTHORITY, S.TITLE_LINE, S.SIGNER, S.RULE, S.CAPTION}
_RIGHT = {S.BYLINE_NAME, S.BYLINE_TITLE}


def _text(segments: Iterable[Segment], style: str = "") -> Text:
    text = Text(style=style)
    for seg in segments:
        text.append(seg.text, style=COMPUTED_STYLE if seg.computed else None)
    return text


def _line(line: Line) -> Optional[Text]:
    if line.style == S.RULE:
        return Text("────────", justify="center")
    if line.style == S.SIGN_SPACE or not line.text.strip():
        return None
    text = _text(line.segments, _LOOK.get(line.style, ""))
    if line.style in _CENTRED:
        text.justify = "center"
    elif line.style in _RIGHT:
        text.justify = "right"
    elif line.style in (S.BODY, S.TO, S.TO_ITEM):
        text = Text("    ") + text
    return text


def _column(lines: list[Line]) -> Group:
    return Group(*[t for t in (_line(ln) for ln in lines) if t is not None])


def _two_columns(left: list[Line], right: list[Line]) -> Table:
    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=2)
    grid.add_column(ratio=3)
    grid.add_row(_column(left), _column(right))
    return grid


_FIGURE = re.compile(r"^(-|-?[\d.]+(,\d+)?%?)$")


def _is_figures(rows: list, column: int) -> bool:
    cells = ["".join(seg.text for seg in row[column]).strip() for row in rows if column < len(row)]
    return any(cells) and all(_FIGURE.match(c) for c in cells if c)


def _grid(grid: Grid) -> Table:
    table = Table(box=box.SQUARE, show_lines=False, header_style="bold")
    head, *rows = grid.rows
    for i, cell in enumerate(head):
        # Figures are right-aligned as in the document; the first column numbers the rows.
        justify: JustifyMethod = "right" if i > 0 and _is_figures(rows, i) else "left"
        table.add_column(_text(cell), justify=justify)
    for row in rows:
        table.add_row(*[_text(cell) for cell in row])
    return table


def draft_view_renderable(view: DraftView) -> RenderableType:
    parts: list[RenderableType] = []
    if view.header_left or view.header_right:
        parts += [_two_columns(view.header_left, view.header_right), Text("")]
    for block in view.body:
        if isinstance(block, Grid):
            parts.append(Padding(_grid(block), (0, 0, 1, 0)))
            continue
        text = _line(block)
        if text is not None:
            parts.append(text)
    if view.signature_left or view.signature_right:
        parts += [Text(""), _two_columns(view.signature_left, view.signature_right)]
    legend = Text.assemble(("Chú thích: ", "dim"), ("số tô màu", COMPUTED_STYLE),
                           (" là số drafting tự tính từ bảng chỉ tiêu.", "dim"))
    return Group(*parts, Rule(style="dim"), legend)


@dataclass(frozen=True)
class Preview:
    renderable: RenderableType
    view: DraftView
    warnings: tuple[Problem, ...]


def preview_sheet(sheet_path: Union[str, Path], template: Optional[Union[str, Path]] = None) -> Preview:
    """Render the sheet in memory and read the document back for display; writes nothing."""
    loaded = load_sheet(sheet_path)
    data = render_bytes(loaded, resolve_template(template, loaded.sheet.the_thuc))
    view = read_draft(data)
    return Preview(draft_view_renderable(view), view, loaded.warnings)
