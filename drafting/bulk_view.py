"""What a bulk run shows on the console: its progress bar and its closing summary."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .bulk import BulkSummary


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} bản/giây".replace(",", ".") if speed else "", style="progress.data.speed")


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


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
