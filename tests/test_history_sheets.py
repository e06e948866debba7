"""Every sheet of format version 1 that the repository ever held still drafts.

tests/fixtures/history/ keeps one copy of each version that differs in what it says (comments
aside), named by the date and commit it first appeared in: the examples as they were, a
commune and a ward of the 30-locality example, the province's roll-up sheet, and the bulk
example's base sheet with its table (one folder per version). A clerk keeps last year's sheet
and drafts from it again, or makes next year's sheet from it (drafting new --from): it must
still give the same figures, or say exactly what to change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

import drafting
from drafting.bulk.localities import TableSource
from drafting.cli import main
from drafting.sheet.vocabulary import CURRENT_VERSION

HISTORY = ROOT / "tests" / "fixtures" / "history"
BROKEN = HISTORY / "2026-11-21_f3357df_nam-loi.yaml"  # five mistakes on purpose, one a line
SHEETS = sorted(p for p in HISTORY.glob("*.yaml") if p != BROKEN)
BULK = sorted(p for p in HISTORY.iterdir() if p.is_dir())


def _figures_drafted(loaded: drafting.LoadedSheet) -> None:
    """The draft opens and says every figure the sheet gives (in a sentence or the table)."""
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    text = drafting.read_draft(data).text()
    for ind in loaded.indicators:
        number = ind.number_text()
        assert number in text, f"{ind.code}: {number} is not in the draft"


def test_the_history_holds_every_kind_of_sheet():
    assert len(SHEETS) >= 10 and len(BULK) == 2
    for path in SHEETS + [BROKEN] + [d / "co-so.yaml" for d in BULK]:
        assert re.search(rf"^phien_ban: {CURRENT_VERSION}\b", path.read_text(encoding="utf-8"), re.M), path.name
    assert {drafting.load_sheet(p).sheet.the_thuc for p in SHEETS} >= {"nha-nuoc", "dang", "ban-tin"}


# The roll-up sheet holds no figures of its own: `drafting rollup` fills them in.
ROLLUP = HISTORY / "2026-11-21_b7a6306_tong-hop.yaml"
EXPECTED_WARNINGS = {
    ROLLUP.name: ["52:5 chi_tieu.kinh_te.thu_ngan_sach.gia_tri: còn 4 số chưa điền, bản dự thảo chưa có các số "
                  "này: thu_ngan_sach, so_ho, ty_le_ho_ngheo, ty_le_ho_so_dung_han"],
}


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
def test_an_old_sheet_still_drafts_every_figure(path):
    loaded = drafting.load_sheet(path)
    warnings = [str(w).removeprefix(f"{path}:") for w in loaded.warnings]
    assert warnings == EXPECTED_WARNINGS.get(path.name, [])
    assert loaded.indicators or path == ROLLUP, "the sheet's figures were all dropped"
    _figures_drafted(loaded)


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
def test_next_years_sheet_from_an_old_sheet_lists_all_it_lacks(path, tmp_path):
    old = drafting.load_sheet(path)
    made = drafting.new_sheet(tmp_path / "sau.yaml", from_sheet=path)
    assert made.year == old.sheet.nam + old.sheet.period.shift
    text = made.path.read_text(encoding="utf-8")
    assert all(f"    {ind.code}:" in text for ind in old.indicators), "an indicator was not carried"
    try:
        drafting.load_sheet(made.path)
    except drafting.SheetError as exc:
        # the only problems are the blanks the clerk was told to fill ("drafting new" lists them)
        assert {p.location.path for p in exc.problems} <= set(made.to_fill)


def test_the_old_roll_up_still_sums_the_old_localities(tmp_path):
    folder = HISTORY / "2026-11-21_b7a6306_nghe-an-2025"
    source = TableSource(folder / "co-so.yaml", folder / "so-lieu.csv")
    output = tmp_path / "tong-hop.docx"
    drafting.rollup(source, ROLLUP, output)
    text = drafting.read_draft(output).text()
    assert "Thu ngân sách nhà nước" in text and "các xã, phường" in text


@pytest.mark.parametrize("folder", BULK, ids=lambda p: p.name)
def test_an_old_base_sheet_and_its_table_still_draft(folder):
    source = TableSource(folder / "co-so.yaml", folder / "so-lieu.csv")
    jobs = list(source.jobs())
    assert len(jobs) == 30
    # a commune and a ward: their rows differ in the words of the plan ("xã", "phường")
    for job in (jobs[0], next(j for j in jobs if j.label.startswith("phường"))):
        loaded = source.load(job)
        assert loaded.warnings == (), [str(w) for w in loaded.warnings]
        _figures_drafted(loaded)


@pytest.mark.parametrize("name", ["2026-11-21_c5b2a63_vinh-2022.yaml",
                                  "2026-11-21_ab4a334_ban-dan-van-tinh-uy-2024.yaml",
                                  "2026-11-21_b7a6306_tong-hop.yaml"])
def test_drafting_check_passes_an_old_sheet(name, capsys):
    assert main(["check", str(HISTORY / name)]) == 0
    captured = capsys.readouterr()
    assert "lỗi" not in captured.err


def test_drafting_renders_the_first_example_into_word(tmp_path, capsys):
    output = tmp_path / "vinh.docx"
    assert main(["render", str(HISTORY / "2026-11-21_c5b2a63_vinh-2022.yaml"), "-o", str(output)]) == 0
    assert "Thu ngân sách nhà nước" in drafting.read_draft(output).text()


def test_the_first_broken_sheet_still_says_exactly_what_to_change(capsys):
    assert main(["check", str(BROKEN)]) == 3
    err = capsys.readouterr().err.splitlines()
    where = str(BROKEN)
    assert err == [
        f"lỗi: {where}:7:8 dia_ban.cap: phải là một trong: 'tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', "
        "'xã', 'phường', 'thị trấn', 'đặc khu'",
        f"lỗi: {where}:8:1 trich_yeuu: khóa không có trong bảng chỉ tiêu (có phải 'trich_yeu'?)",
        f"lỗi: {where}:12:7 chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri: phải là số không âm",
        f"lỗi: {where}:15:17 chi_tieu.kinh_te.ho_kinh_doanh_moi.thay_doi: phải có dạng 'tăng 8,56%' hoặc 'giảm 54%'",
        f"lỗi: {where}:16:5 chi_tieu.kinh_te.doanh_nghiep_giai_the: 'doanh_nghiep_giai_the' không có trong danh "
        "mục chỉ tiêu chuẩn (có phải 'doanh_nghiep_moi'?); chỉ tiêu riêng cần ghi 'ten' và 'don_vi'",
        "Bảng chỉ tiêu có 5 lỗi; chưa ghi tệp nào.",
    ]


def test_a_sheet_of_another_format_version_says_what_to_change(tmp_path, capsys):
    path = tmp_path / "bang.yaml"
    path.write_text(Path(SHEETS[0]).read_text(encoding="utf-8").replace("phien_ban: 1", "phien_ban: 2"),
                    encoding="utf-8")
    assert main(["check", str(path)]) == 3
    err = capsys.readouterr().err
    assert f"{path}:" in err and "phien_ban" in err
