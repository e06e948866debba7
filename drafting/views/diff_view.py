"""A console view of what changed between two sheets or two drafts (the CLI prints it)."""

from __future__ import annotations

from typing import Optional

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..cycle.diff import DiffResult

OLD_STYLE = "red"
NEW_STYLE = "green"
NOTHING = "Không có thay đổi."


def _cell(value: Optional[str], style: str) -> Text:
    return Text("-", style="dim") if value is None else Text(value, style=style)


def _figures(result: DiffResult) -> Table:
    table = Table(title="Số liệu thay đổi", title_justify="left", title_style="bold",
                  box=box.SIMPLE_HEAD, header_style="bold", expand=True, padding=(0, 1))
    table.add_column("Chỉ tiêu", ratio=4, overflow="fold")
    table.add_column("Đơn vị", ratio=2, overflow="fold")
    table.add_column("Cũ", justify="right", ratio=2, overflow="fold")
    table.add_column("Mới", justify="right", ratio=2, overflow="fold")
    table.add_column("So sánh cũ", ratio=4, overflow="fold")
    table.add_column("So sánh mới", ratio=4, overflow="fold")
    for f in result.figures:
        table.add_row(
            f.label, f.unit,
            _cell(f.old, f"{OLD_STYLE} strike"), _cell(f.new, NEW_STYLE),
            Text(f.old_comparison, style=OLD_STYLE if f.old_comparison != f.new_comparison else ""),
            Text(f.new_comparison, style=NEW_STYLE if f.old_comparison != f.new_comparison else ""),
        )
    return table


def _sentences(result: DiffResult) -> Table:
    """"- old" and "+ new" lines; a long sentence wraps under its own text, not under the sign."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for i, change in enumerate(result.sentences):
        if i:
            grid.add_row("", "")
        for sign, text, style in (("-", change.old, OLD_STYLE), ("+", change.new, NEW_STYLE)):
            if text is not None:
                grid.add_row(Text(sign, style=style), Text(text, style=style))
    return grid


def diff_renderable(result: DiffResult) -> RenderableType:
    title = Text.assemble("So sánh ", (str(result.a), "bold"), " với ", (str(result.b), "bold"))
    parts: list[RenderableType] = [title, Text("")]
    if result.unchanged:
        return Group(*parts, Text(NOTHING))
    if result.figures:
        parts += [_figures(result), Text("")]
    if result.sentences:
        parts += [Text("Câu thay đổi", style="bold"), _sentences(result)]
    return Group(*parts)
