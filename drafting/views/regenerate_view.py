"""What ``drafting regenerate`` shows before writing (or instead, with --dry-run), and after."""

from __future__ import annotations

import difflib

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..cycle.regenerate import RegenerateResult, figures_told
from ..render.profiles import LAYOUTS
from ..render.templates import template_label


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


CONTEXT = 3  # words kept either side of a stretch that differs


def _stretches(words: list[str], spans: list[tuple[int, int]], limit: int) -> str:
    """The words of ``spans`` with a little context, "…" where words are left out."""
    merged: list[list[int]] = []
    for start, end in spans:
        start, end = max(0, start - CONTEXT), min(len(words), end + CONTEXT)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    shown = " … ".join(" ".join(words[start:end]) for start, end in merged)
    shown = ("…" if merged[0][0] > 0 else "") + shown + ("…" if merged[-1][1] < len(words) else "")
    return _short(shown, limit)


def differing(mine: str, theirs: str, limit: int = 160) -> tuple[str, str]:
    """The stretches where the clerk's text and the new one differ, each with a few words around
    it: two paragraphs that start alike show where they part, not their common opening."""
    a, b = mine.split(), theirs.split()
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops or not a or not b:
        return _short(mine, limit), _short(theirs, limit)
    return (_stretches(a, [(i1, i2) for _, i1, i2, _, _ in ops], limit),
            _stretches(b, [(j1, j2) for _, _, _, j1, j2 in ops], limit))


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
        mine, theirs = differing(conflict.mine, conflict.theirs)
        parts.append(Text.assemble((f"Xung đột {n}: ", "bold yellow"), "giữ: ", mine))
        if conflict.figures:
            parts.append(Text.assemble("   số liệu: ", (figures_told(conflict.figures), "green")))
        parts.append(Text.assemble("   ghi chú: ", (theirs or "(đoạn này không còn trong bản mới)", "green")))
    return Group(*parts)


def outcome(result: RegenerateResult) -> str:
    label = template_label(result.template)
    used = f"Mẫu đã dùng: {label} (mẫu có sẵn)" if label in LAYOUTS else f"Mẫu đã dùng: {label}"
    if result.written:
        return f"{used}\nĐã ghi {result.draft}; bản trước khi cập nhật: {result.backup}"
    return f"{used}\nChạy thử (--dry-run): chưa ghi tệp nào."
