"""The yearly cycle's hard part: new figures into a draft the clerk edited, losing nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.table import _Cell

import drafting
from drafting import errors
from drafting.cli import main
from drafting import read_provenance
from drafting.docx.guard import edited_since_generated
from drafting.sheet.digest import sheet_digest
from drafting.cycle.regenerate import regenerate
from drafting.lang.typography import plain

from conftest import COMMUNE, ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REWORDED = "Ngay từ tháng Một, Ủy ban nhân dân xã đã ban hành kế hoạch công tác dân vận chính quyền năm 2025."
ADDED = "Đoạn văn do văn thư tự viết thêm."
DELETED = "Chủ tịch Ủy ban nhân dân xã duy trì tiếp công dân"
CLERK = "Theo số liệu của Chi cục Thống kê, "


@pytest.fixture(autouse=True)
def from_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _paragraph(doc, start):
    return next(p for p in doc.paragraphs if plain(p.text).startswith(start))


def written(table, row) -> list[_Cell]:
    """The row's cells as written (python-docx's row.cells repeats a cell per grid column it spans)."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def clerk_edits(draft: Path) -> None:
    """What a clerk does in Word: rewords, adds, deletes, and edits a sentence with a figure."""
    doc = Document(str(draft))
    reworded = _paragraph(doc, "Ngay từ đầu năm")
    reworded.runs[0].text = REWORDED
    for run in reworded.runs[1:]:
        run.text = ""
    reworded.insert_paragraph_before(ADDED)
    gone = _paragraph(doc, DELETED)
    gone._p.getparent().remove(gone._p)
    figures = _paragraph(doc, "Thu ngân sách nhà nước")
    first = next(run for run in figures.runs if run.text)
    first.text = CLERK + first.text[0].lower() + first.text[1:]
    doc.save(str(draft))


def updated_sheet(tmp_path: Path) -> Path:
    """Three corrected figures from the statistics office."""
    text = COMMUNE.read_text(encoding="utf-8")
    for old, new in (("gia_tri: 187", "gia_tri: 180"), ("gia_tri: 6420", "gia_tri: 6500"),
                     ("gia_tri: 46\n      cung_ky: 58", "gia_tri: 50\n      cung_ky: 58")):
        assert old in text
        text = text.replace(old, new)
    target = tmp_path / "so-lieu-moi.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def check_merge(draft: Path, result) -> None:
    doc = Document(str(draft))
    text = plain("\n".join(p.text for p in doc.paragraphs))
    # Two figures updated in sentences the clerk did not touch, and all three in the table.
    assert "đã tiếp nhận 6.500 hồ sơ thủ tục hành chính (tăng 27,35% so với cùng kỳ)" in text
    assert "Tiếp nhận 50 đơn, giảm 13,79% so với cùng kỳ; đã xử lý 46 đơn." in text
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    rows = {written(table, r)[1].text: [c.text for c in written(table, r)] for r in table.rows}
    assert rows["Hộ nghèo"][3:] == ["236", "180", "giảm 23,73%"]
    assert rows["Hồ sơ thủ tục hành chính tiếp nhận"][3:] == ["5.104", "6.500", "tăng 27,35%"]
    assert rows["Đơn thư tiếp nhận"][3:] == ["58", "50", "giảm 13,79%"]
    # The clerk's wording, addition and deletion are kept.
    assert REWORDED in text and ADDED in text and DELETED not in text
    assert text.index(ADDED) < text.index(REWORDED)
    # Both changed: the clerk's sentence stays (old figure), the new one rides along as a comment.
    kept = _paragraph(doc, CLERK)
    assert "còn 187 hộ nghèo" in plain(kept.text)
    assert [c.author for c in doc.comments] == ["drafting"]
    comment = next(iter(doc.comments)).text
    assert ("Cuối năm 2025, toàn xã còn 180 hộ nghèo (giảm 23,73% so với cùng kỳ), chiếm tỷ lệ 1,83%, "
            "giảm 0,58 điểm phần trăm.") in comment
    assert len(result.conflicts) == 1 and "còn 180 hộ nghèo" in result.conflicts[0].theirs
    assert (result.updated, result.kept, result.added, result.deleted) == (3, 1, 1, 1)
    # The backup is the draft as the clerk left it; the new provenance records the new sheet.
    assert result.backup is not None and result.backup.exists()
    provenance = read_provenance(draft.read_bytes())
    assert provenance.sheet_sha256 == sheet_digest(drafting.load_sheet(result_sheet(draft)).sheet)


def result_sheet(draft: Path) -> Path:
    return draft.parent / "so-lieu-moi.yaml"


def test_regenerate_keeps_the_clerks_edits_and_updates_the_rest(tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    sheet = updated_sheet(tmp_path)
    result = regenerate(draft, sheet)
    check_merge(draft, result)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_regenerate_after_the_clerk_saved_in_libreoffice(tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), str(draft)],
                   check=True, capture_output=True, timeout=300)
    shutil.copy(tmp_path / "out" / draft.name, draft)
    # The provenance survived LibreOffice (a custom XML part; no sidecar file is needed).
    assert read_provenance(draft.read_bytes()) is not None
    sheet = updated_sheet(tmp_path)
    result = regenerate(draft, sheet)
    check_merge(draft, result)


def test_dry_run_reports_and_writes_nothing(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    before = draft.read_bytes()
    sheet = updated_sheet(tmp_path)
    code = main(["regenerate", str(draft), "--sheet", str(sheet), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert draft.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "bao-cao.docx", "so-lieu-moi.yaml"]
    lines = [" ".join(line.strip("│ ").split()) for line in out.splitlines()]
    assert "Đoạn, ô được cập nhật số liệu mới │ 3" in lines
    assert "Xung đột (giữ chữ người soạn, kèm ghi chú) │ 1" in lines
    assert any(line.startswith("Xung đột 1: giữ: Theo số liệu của Chi cục Thống kê, thu ngân sách") for line in lines)
    assert lines[-1] == "Chạy thử (--dry-run): chưa ghi tệp nào."


def test_render_refuses_to_overwrite_an_edited_draft(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    # Rendering again over an untouched draft is fine.
    assert main(["render", str(COMMUNE), "-o", str(draft)]) == 0
    assert edited_since_generated(draft.read_bytes()) is False
    clerk_edits(draft)
    edited = draft.read_bytes()
    capsys.readouterr()
    code = main(["render", str(COMMUNE), "-o", str(draft)])
    assert code == errors.EXIT_DRAFT == 7
    assert capsys.readouterr().err == (
        f"lỗi: {draft} đã được sửa sau khi drafting tạo: dùng 'drafting regenerate {draft} --sheet {COMMUNE}' "
        "để cập nhật số liệu mà giữ phần đã sửa, hoặc --force để ghi đè\n")
    assert draft.read_bytes() == edited
    assert main(["render", str(COMMUNE), "-o", str(draft), "--force"]) == 0
    assert edited_since_generated(draft.read_bytes()) is False


def test_render_will_not_write_over_a_file_drafting_did_not_make(tmp_path, capsys):
    other = tmp_path / "cong-van.docx"
    Document().save(str(other))
    before = other.read_bytes()
    assert main(["render", str(COMMUNE), "-o", str(other)]) == errors.EXIT_DRAFT
    assert "không phải bản dự thảo do drafting tạo" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_regenerate_needs_drafting_provenance(tmp_path, capsys):
    other = tmp_path / "cong-van.docx"
    Document().save(str(other))
    assert main(["regenerate", str(other), "--sheet", str(COMMUNE)]) == errors.EXIT_DRAFT
    assert capsys.readouterr().err.startswith(f"lỗi: {other} không có thông tin nguồn gốc của drafting")


def test_provenance_records_what_made_the_draft():
    loaded = drafting.load_sheet(COMMUNE)
    template = drafting.resolve_template(None, "nha-nuoc")
    data = drafting.render_bytes(loaded, template)
    provenance = read_provenance(data)
    import hashlib

    assert provenance.version == drafting.__version__
    assert provenance.template == "nha-nuoc"
    assert provenance.template_sha256 == hashlib.sha256(template.read_bytes()).hexdigest()
    assert provenance.sheet_sha256 == sheet_digest(loaded.sheet)
    import zipfile
    import io

    assert provenance.pristine == zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    # Rendering twice gives the same bytes, provenance included.
    assert drafting.render_bytes(loaded, template) == data


def test_an_untouched_draft_becomes_exactly_the_new_render(tmp_path):
    # New figures, a new section (phoi_hop) that shifts the numbering after it, and an
    # indicator dropped: with nothing edited by hand, the result reads as a fresh render.
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    text = COMMUNE.read_text(encoding="utf-8")
    text = text.replace("gia_tri: 187", "gia_tri: 150")
    text = text.replace("    tiep_dinh_ky:\n      gia_tri: 12\n      cung_ky: 12\n", "")
    text = text.replace("\nhan_che:", "  phoi_hop:\n    chuong_trinh_phoi_hop:\n      gia_tri: 5\n\nhan_che:", 1)
    sheet = tmp_path / "moi.yaml"
    sheet.write_text(text, encoding="utf-8")
    result = regenerate(draft, sheet)
    fresh = drafting.read_draft(drafting.render_bytes(drafting.load_sheet(sheet),
                                                      drafting.resolve_template(None, "nha-nuoc")))
    assert "còn 150 hộ nghèo" in fresh.text() and "Phối hợp với Mặt trận" in fresh.text()
    assert "tiếp công dân định kỳ 12 lượt" not in fresh.text()
    assert drafting.read_draft(draft.read_bytes()).text() == fresh.text()
    assert result.inserted >= 2 and result.conflicts == () and (result.kept, result.added, result.deleted) == (0, 0, 0)
    assert edited_since_generated(draft.read_bytes()) is False


def test_the_command_shows_the_summary_then_writes_and_keeps_a_backup(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    clerk_edits(draft)
    edited = draft.read_bytes()
    capsys.readouterr()
    assert main(["regenerate", str(draft), "--sheet", str(updated_sheet(tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    backup = tmp_path / "bao-cao.truoc-cap-nhat-1.docx"
    assert out[-1] == f"Đã ghi {draft}; bản trước khi cập nhật: {backup}"
    assert any("Xung đột 1: giữ: Theo số liệu của Chi cục Thống kê" in line for line in out)
    assert backup.read_bytes() == edited


def test_the_figures_table_merges_cell_by_cell(tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    doc = Document(str(draft))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    rows = {written(table, r)[1].text: written(table, r) for r in table.rows}
    # The clerk renames a label (its figures will change) and corrects a figure that also changes.
    label = rows["Hồ sơ thủ tục hành chính tiếp nhận"][1].paragraphs[0]
    label.runs[0].text = "Hồ sơ TTHC tiếp nhận"
    for run in label.runs[1:]:
        run.text = ""
    value = rows["Hộ nghèo"][4].paragraphs[0]
    value.runs[0].text = "186"
    for run in value.runs[1:]:
        run.text = ""
    doc.save(str(draft))
    result = regenerate(draft, updated_sheet(tmp_path))

    merged = next(t for t in Document(str(draft)).tables if t.rows[0].cells[0].text == "STT")
    cells = {written(merged, r)[0].text: [c.text for c in written(merged, r)] for r in merged.rows}
    assert cells["6"][1:] == ["Hồ sơ TTHC tiếp nhận", "hồ sơ", "5.104", "6.500", "tăng 27,35%"]
    assert cells["4"][1:] == ["Hộ nghèo", "hộ", "236", "186", "giảm 23,73%"]
    assert cells["11"][4:] == ["50", "giảm 13,79%"]
    assert [(c.mine, c.theirs) for c in result.conflicts] == [("186", "180")]
    comments = list(Document(str(draft)).comments)
    assert len(comments) == 1 and "“180”" in comments[0].text
