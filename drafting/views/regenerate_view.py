"""What ``drafting regenerate`` shows before writing (or instead, with --dry-run), and after."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..cycle.regenerate import RegenerateResult, figures_told
from ..render.profiles import LAYOUTS
from ..render.templates import template_label


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def regenerate_renderable(result: RegenerateResult) -> RenderableType:
    counts = Table(title=f"Cập nhật {result.draft}", title_justify="left", show_header=False)
    counts.add_column("", style="bold")
    counts.add_column("", justify="right")
    counts.add_row("Đoạn, ô được cập nhật số liệu mới", str(result.updated))
    counts.add_row("Đoạn, ô người soạn đã sửa, giữ nguyên", str(result.kept))
    counts.add_row("Đoạn người soạn thêm, giữ nguyên", str(result.added))
    counts.add_row("Đoạn người soạn đã xóa, vẫn xóa", str(result.deleted))
    counts.add_row("Đoạn mới sinh ra, thêm vào", str(result.inserted))
    counts.add_row("Xung đột (giữ chữ người soạn, kèm ghi chú)", str(len(result.conflicts)),
                   style="yellow" if result.conflicts else None)
    parts: list[RenderableType] = [counts]
    for n, conflict in enumerate(result.conflicts, start=1):
        parts.append(Text.assemble((f"Xung đột {n}: ", "bold yellow"), "giữ: ", _short(conflict.mine)))
        if conflict.figures:
            parts.append(Text.assemble("   số liệu: ", (figures_told(conflict.figures), "green")))
        parts.append(Text.assemble("   ghi chú: ", (_short(conflict.theirs) or "(đoạn này không còn trong bản mới)",
                                                  "green")))
    return Group(*parts)


def outcome(result: RegenerateResult) -> str:
    label = template_label(result.template)
    used = f"Mẫu đã dùng: {label} (mẫu có sẵn)" if label in LAYOUTS else f"Mẫu đã dùng: {label}"
    if result.written:
        return f"{used}\nĐã ghi {result.draft}; bản trước khi cập nhật: {result.backup}"
    return f"{used}\nChạy thử (--dry-run): chưa ghi tệp nào."
