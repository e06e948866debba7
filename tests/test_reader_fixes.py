"""Small defects a clerk reading drafting for the first time found, each as the clerk sees it now."""

from __future__ import annotations

from pathlib import Path

from conftest import COMMUNE, EXAMPLES, ROOT
from docx import Document
from test_regenerate import updated_sheet

import drafting
from drafting.cli import main
from drafting.cycle.new_sheet import new_sheet
from drafting.cycle.regenerate import regenerate
from drafting.errors import EXIT_INVALID_SHEET
from drafting.views.regenerate_view import differing


def _reword_the_poor_households(draft) -> None:
    """The clerk rewrites the end of a long paragraph: 'Cuối năm 2025' becomes 'Đến cuối năm'."""
    doc = Document(str(draft))
    run = next(r for p in doc.paragraphs for r in p.runs if "Cuối năm 2025, toàn xã còn" in r.text)
    run.text = run.text.replace("Cuối năm 2025, toàn xã còn", "Đến cuối năm, toàn xã còn")
    doc.save(str(draft))


def test_a_regenerate_conflict_shows_where_the_two_texts_differ(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    _reword_the_poor_households(draft)
    (conflict,) = regenerate(draft, updated_sheet(tmp_path), dry_run=True).conflicts
    mine, theirs = differing(conflict.mine, conflict.theirs)
    # The paragraphs share their first 150 characters; what changed is the opening of the last
    # sentence (the clerk's) and the figures (the statistics office's).
    assert mine == ("…hộ dân cư. Đến cuối năm, toàn xã còn 187 hộ nghèo (giảm 20,76% so với cùng … "
                    "chiếm tỷ lệ 1,9%, giảm 0,51 điểm phần trăm.")
    assert theirs == ("…hộ dân cư. Cuối năm 2025, toàn xã còn 180 hộ nghèo (giảm 23,73% so với cùng … "
                      "chiếm tỷ lệ 1,83%, giảm 0,58 điểm phần trăm.")
    assert main(["regenerate", str(draft), "--sheet", str(tmp_path / "so-lieu-moi.yaml"), "--dry-run"]) == 0
    out = " ".join(" ".join(line.strip("│ ").split()) for line in capsys.readouterr().out.splitlines())
    assert f"Xung đột 1: giữ: {mine}" in out and f"ghi chú: {theirs}" in out


def _check(tmp_path, capsys, text: str, name: str = "bang.yaml") -> tuple[int, list[str], Path]:
    sheet = tmp_path / name
    sheet.write_text(text, encoding="utf-8")
    code = main(["check", str(sheet)])
    return code, capsys.readouterr().err.splitlines(), sheet


def _commune(*edits: tuple[str, str]) -> str:
    text = COMMUNE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


SAYS = "  tiep_dan:\n    - >-\n"


def test_a_plan_of_zero_says_why_there_is_no_share(tmp_path, capsys):
    text = _commune(("      ke_hoach: 35\n", "      ke_hoach: 0\n"),
                    (SAYS, SAYS + "      Thu ngân sách [thu_ngan_sach.ke_hoach].\n"))
    code, err, _sheet = _check(tmp_path, capsys, text)
    assert code == EXIT_INVALID_SHEET
    assert any(line.endswith(
        "noi_dung.tiep_dan[0]: [thu_ngan_sach.ke_hoach]: kế hoạch (ke_hoach) của chỉ tiêu 'thu_ngan_sach' bằng 0 "
        "thì không tính được tỷ lệ đạt: hãy sửa số kế hoạch, hoặc ghi tỷ lệ đạt (dat_ke_hoach)") for line in err)


def test_a_count_asked_for_its_rate_names_the_rate_to_use(tmp_path, capsys):
    text = _commune(("  tiep_dan:\n    tiep_dinh_ky:\n",
                     "  tiep_dan:\n    vu_viec_da_giai_quyet:\n      gia_tri: 38\n    tiep_dinh_ky:\n"),
                    (SAYS, SAYS + "      Đã giải quyết [vu_viec_da_giai_quyet.ty_le].\n"))
    code, err, _ = _check(tmp_path, capsys, text)
    assert code == EXIT_INVALID_SHEET
    assert any(line.endswith(
        "[vu_viec_da_giai_quyet.ty_le]: 'vu_viec_da_giai_quyet' là số đếm, không phải tỷ lệ; tỷ lệ tính từ nó là "
        "chỉ tiêu 'ty_le_giai_quyet': dùng [ty_le_giai_quyet.ty_le] (thêm 'ty_le_giai_quyet: {}' vào chi_tieu "
        "để drafting tự tính)") for line in err)


def test_a_date_that_does_not_exist_is_shown_at_the_date(tmp_path, capsys):
    text = _commune(("ngay_ban_hanh: 2025-12-10 ", "ngay_ban_hanh: 31/02/2026 "))
    code, err, sheet = _check(tmp_path, capsys, text)
    line = text[:text.index("31/02/2026")].count("\n") + 1
    assert code == EXIT_INVALID_SHEET
    assert err[0] == f"lỗi: {sheet}:{line}:16 ngay_ban_hanh: ngày không có thật"


def test_a_misspelt_key_is_still_shown_at_the_key(tmp_path, capsys):
    text = _commune(("trich_yeu: Kết quả", "trich_yeuu: Kết quả"))
    _code, err, sheet = _check(tmp_path, capsys, text)
    line = text[:text.index("trich_yeuu")].count("\n") + 1
    assert _code == EXIT_INVALID_SHEET
    assert err[0] == f"lỗi: {sheet}:{line}:1 trich_yeuu: khóa không có trong bảng chỉ tiêu (có phải 'trich_yeu'?)"


def test_a_syntax_error_is_told_in_the_readme_format_with_its_key(tmp_path, capsys):
    code, err, sheet = _check(tmp_path, capsys, "phien_ban: 1\nnam: 2026\ndia_ban:\n\tten: Nghi Lộc\n  cap: xã\n")
    assert code == EXIT_INVALID_SHEET
    assert err[0] == (f"lỗi: {sheet}:4:1 dia_ban.ten: dấu tab không dùng được ở đây (YAML lùi dòng và ngăn cách "
                      "bằng dấu cách): hãy thay bằng dấu cách")


def test_a_sheet_saved_as_unicode_in_notepad_says_how_to_save_it_again(tmp_path, capsys):
    sheet = tmp_path / "u16.yaml"
    sheet.write_bytes("phien_ban: 1\nnam: 2026\n".encode("utf-16"))  # Notepad's "Unicode": UTF-16 with a BOM
    assert main(["check", str(sheet)]) == EXIT_INVALID_SHEET
    assert capsys.readouterr().err.splitlines()[0] == (
        f"lỗi: {sheet}: tệp đang lưu dạng Unicode (UTF-16); mở bằng Notepad, Lưu thành…, chọn Mã hóa UTF-8 "
        "rồi lưu lại")


def test_render_with_pdf_prints_both_files_as_typed(in_tmp, capsys, monkeypatch):
    import drafting.render.pdf as pdf

    monkeypatch.setattr(pdf, "convert_to_pdf", lambda drafts: [Path(drafts[0]).resolve().with_suffix(".pdf")])
    assert main(["render", str(COMMUNE), "-o", "nl-pdf.docx", "--pdf"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Đã ghi bản dự thảo: nl-pdf.docx" in out and "Đã ghi bản PDF: nl-pdf.pdf" in out


def test_new_sheets_point_to_the_catalogue_and_say_a_blank_figure_is_left_out(tmp_path):
    blank = new_sheet(tmp_path / "trong.yaml").path.read_text(encoding="utf-8")
    assert "# Chỉ tiêu theo mục. Mã chỉ tiêu lấy trong danh mục (docs/danh-muc-chi-tieu.md); chỉ\n" in blank
    assert "#   gia_tri   số năm nay (ghi số kiểu 4036 hoặc 6044.8; để trống: chưa đưa vào bản dự thảo)\n" in blank
    assert (ROOT / "docs" / "danh-muc-chi-tieu.md").exists()
    rolled = new_sheet(tmp_path / "moi.yaml", from_sheet=EXAMPLES / "nghe-an-kl114-2020.yaml").path
    text = rolled.read_text(encoding="utf-8")
    start = text.index("    don_tiep_nhan:\n")
    assert text[start:].splitlines()[1].endswith("hoặc bỏ trống để drafting cộng các phần")


def test_the_example_sheet_names_every_template():
    assert "# nha-nuoc (NĐ 30/2020), dang (HD 36), ban-tin hoặc hoi-nghi" in COMMUNE.read_text(encoding="utf-8")

