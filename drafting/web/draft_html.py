"""A draft as HTML, from the DraftView read back from the rendered .docx (as the console preview).

Each paragraph is a ``<p>`` whose class is its role's style id (``BCTrichYeu``...), styled by
``static/draft.css``; figures drafting computed are ``<mark class="computed">``; the table
of figures is an HTML table with its figures right-aligned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

from ..docx import styles as S
from ..docx.readback import DraftView, Grid, Line
from ..lang.phrase import Segment

__all__ = ["draft_html"]

_FIGURE = re.compile(r"^(-|-?[\d.]+(,\d+)?%?)$")
_SKIPPED = {S.PAGE_NUMBER}


def _segments(segments: Iterable[Segment]) -> Markup:
    out = Markup()
    for seg in segments:
        text = escape(seg.text)
        out += Markup('<mark class="computed">{}</mark>').format(text) if seg.computed else text
    return out


def _line(line: Line) -> Markup:
    if line.style in _SKIPPED:
        return Markup()
    if line.style == S.RULE:
        return Markup('<hr class="rule">')
    if line.style == S.SIGN_SPACE:
        return Markup('<div class="sign-space"></div>')
    return Markup('<p class="{}">{}</p>').format(line.style, _segments(line.segments))


def _cell_text(cell: tuple[Segment, ...]) -> str:
    return "".join(seg.text for seg in cell).strip()


def _numeric_columns(rows: tuple) -> set[int]:
    width = max((len(row) for row in rows), default=0)
    numeric = set()
    for column in range(1, width):  # the first column numbers or names the rows
        cells = [_cell_text(row[column]) for row in rows if column < len(row)]
        if any(cells) and all(_FIGURE.match(c) for c in cells if c):
            numeric.add(column)
    return numeric


def _grid(grid: Grid) -> Markup:
    if not grid.rows:
        return Markup()
    head, *rows = grid.rows
    numeric = _numeric_columns(tuple(rows))
    out = Markup('<table class="figures"><thead><tr>')
    for cell in head:
        out += Markup("<th>{}</th>").format(_segments(cell))
    out += Markup("</tr></thead><tbody>")
    for row in rows:
        out += Markup("<tr>")
        for i, cell in enumerate(row):
            out += Markup('<td class="{}">{}</td>').format("num" if i in numeric else "", _segments(cell))
        out += Markup("</tr>")
    return out + Markup("</tbody></table>")


def _columns(left: list[Line], right: list[Line], kind: str) -> Markup:
    if not left and not right:
        return Markup()
    cells = [Markup().join(_line(ln) for ln in column) for column in (left, right)]
    return Markup('<div class="columns {}"><div class="left">{}</div><div class="right">{}</div></div>').format(
        kind, cells[0], cells[1])


def draft_html(view: DraftView) -> Markup:
    """The draft as an ``<article class="draft">``: header, body, figures table, signature."""
    body = Markup().join(_grid(b) if isinstance(b, Grid) else _line(b) for b in view.body)
    return Markup('<article class="draft">{}{}{}</article>').format(
        _columns(view.header_left, view.header_right, "header"),
        body,
        _columns(view.signature_left, view.signature_right, "signature"),
    )
