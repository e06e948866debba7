"""What a bulk run shows on the console: its progress bar and its closing summary."""

from __future__ import annotations

from typing import Optional

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from ..bulk.run import BulkSummary
from ..lang import format_number


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        text = f"{format_number(speed, digits=0)} bản/giây" if speed else ""
        return Text(text, style="progress.data.speed")


class BulkProgress:
    """A progress bar with counts and rate, shown only on a terminal and not when quiet.

    ``start`` and ``advance`` are the callbacks ``bulk_draft`` takes; use as a context
    manager so that the bar is always stopped.
    """

    def __init__(self, console: Console, quiet: bool = False):
        self.show = console.is_terminal and not quiet
        self.bar = Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            _RateColumn(), TimeElapsedColumn(), console=console,
        )
        self.task: Optional[TaskID] = None

    def start(self, total: Optional[int]) -> None:
        if self.show:
            self.bar.start()
            self.task = self.bar.add_task("Đang soạn", total=total)

    def advance(self, _record=None) -> None:
        if self.task is not None:
            self.bar.advance(self.task)

    def __enter__(self) -> BulkProgress:
        return self

    def __exit__(self, *exc) -> None:
        if self.task is not None:
            self.bar.stop()


def summary_table(summary: BulkSummary) -> Table:
    table = Table(title="Kết quả soạn hàng loạt", title_justify="left", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    table.add_row("Đã soạn", str(summary.drafted))
    table.add_row("Bỏ qua (không đổi từ lần trước)", str(summary.skipped))
    table.add_row("Lỗi", str(summary.failed), style="red" if summary.failed else None)
    table.add_row("Cảnh báo", str(summary.warnings), style="yellow" if summary.warnings else None)
    table.add_row("Bảng kê", str(summary.manifest))
    return table
