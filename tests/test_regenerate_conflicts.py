"""A regenerate conflict names the figures that changed ("187 → 180"), in the Word comment and in
the summary, so the clerk sees at once what to correct in the sentence they reworded."""

from __future__ import annotations

from conftest import COMMUNE
from docx import Document
from test_regenerate import clerk_edits, updated_sheet

import drafting
from drafting.cli import main
from drafting.cycle.regenerate import figure_changes, regenerate


def test_the_comment_names_the_old_and_new_figure(tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    result = regenerate(draft, updated_sheet(tmp_path))
    (conflict,) = result.conflicts
    # The poor households (187 → 180) and their rate (1,9% → 1,83%), with the changes drafting computed.
    assert conflict.figures == (("187", "180"), ("20,76%", "23,73%"), ("1,9%", "1,83%"), ("0,51", "0,58"))
    (comment,) = Document(str(draft)).comments
    assert comment.text == ("drafting: số liệu mới sinh ra cho đoạn này (187 → 180; 20,76% → 23,73%; 1,9% → 1,83%; "
                            "0,51 → 0,58): “" + conflict.theirs + "”")


def test_the_summary_lists_the_changed_figures_under_the_conflict(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    assert main(["regenerate", str(draft), "--sheet", str(updated_sheet(tmp_path)), "--dry-run"]) == 0
    lines = [" ".join(line.strip("│ ").split()) for line in capsys.readouterr().out.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Xung đột 1: giữ: "))
    told = next(i for i, line in enumerate(lines) if line.startswith("số liệu: "))
    note = next(i for i, line in enumerate(lines) if line.startswith("ghi chú: "))
    assert start < told < note
    assert lines[told] == "số liệu: 187 → 180; 20,76% → 23,73%; 1,9% → 1,83%; 0,51 → 0,58"


def test_figures_added_or_dropped_are_told_together():
    assert figure_changes("còn 43 hộ, giảm 2,5%", "còn 44 hộ, giảm 2,5%") == (("43", "44"),)
    assert figure_changes("tiếp 12 lượt với 30 người", "tiếp 12 lượt") == (("30", "—"),)
    assert figure_changes("đạt 6.420 hồ sơ", "đạt 6.500 hồ sơ, 98,5% đúng hạn, 3 quá hạn") == (
        ("6.420", "6.500"), ("—", "98,5%, 3"))
    assert figure_changes("không đổi 7", "không đổi 7") == ()
