"""Bulk drafting: a folder of sheets or a base sheet with a table, one draft per locality."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import drafting
from drafting import errors
from drafting.cli import main
from drafting.bulk.manifest import read_manifest

from conftest import MINIMAL_STATE_SHEET, ROOT

NGHE_AN = ROOT / "examples" / "nghe-an-2025"
BASE = NGHE_AN / "co-so.yaml"
CSV_TABLE = NGHE_AN / "so-lieu.csv"
XLSX_TABLE = NGHE_AN / "so-lieu.xlsx"
FOLDER = NGHE_AN / "dia-ban"
BROKEN = Path("tests/fixtures/so-lieu-loi.csv")
EXPECTED_NAMES = sorted(p.stem + ".docx" for p in FOLDER.glob("*.yaml"))


@pytest.fixture(autouse=True)
def from_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def drafts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.docx"))}


def one_more_poor_household(table: Path, row: int) -> None:
    """The statistics office corrects one locality's figure."""
    rows = list(csv.reader(table.open(encoding="utf-8-sig", newline="")))
    column = rows[0].index("ho_ngheo")
    rows[row][column] = str(int(rows[row][column]) + 1)
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def summary_lines(out: str) -> list[str]:
    """The summary table's rows as "label value" pairs, box characters dropped."""
    rows = []
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 2 and all(cells):
            rows.append(f"{cells[0]}: {cells[1]}")
    return rows


def test_folder_csv_and_excel_give_the_same_drafts_as_render(capsys, tmp_path):
    code, out, err = run(capsys, "bulk", FOLDER, "-o", tmp_path / "folder", "-j", "1")
    assert (code, err) == (0, "")
    assert summary_lines(out)[:4] == ["Đã soạn: 30", "Bỏ qua (không đổi từ lần trước): 0", "Lỗi: 0", "Cảnh báo: 0"]
    code, out, err = run(capsys, "bulk", BASE, "--table", CSV_TABLE, "-o", tmp_path / "csv", "-j", "2")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "bulk", BASE, "-b", XLSX_TABLE, "-o", tmp_path / "xlsx", "-j", "1", "--quiet")
    assert (code, err) == (0, "")

    from_folder = drafts(tmp_path / "folder")
    assert sorted(from_folder) == EXPECTED_NAMES
    assert drafts(tmp_path / "csv") == from_folder
    assert drafts(tmp_path / "xlsx") == from_folder
    # Byte for byte what the single-draft path makes of the same sheet.
    for sheet in sorted(FOLDER.glob("*.yaml")):
        loaded = drafting.load_sheet(sheet)
        single = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
        assert from_folder[sheet.stem + ".docx"] == single, sheet.name


def test_a_broken_row_is_reported_at_its_cells_and_the_others_are_drafted(capsys, tmp_path):
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "bulk", BASE, "-b", BROKEN, "-o", out_dir, "-j", "2")
    assert code == errors.EXIT_PARTIAL == 4
    assert err.splitlines() == [
        "lỗi: so-lieu-loi.csv hàng 6 (phường Vinh Lộc):",
        f"  {BROKEN} ô Q6 chi_tieu.kinh_te.ho_ngheo.gia_tri: phải là số (ví dụ 4036, 6044.8 hoặc 6.044,8)",  # no quotes in a cell
        f"  {BROKEN} ô Z6 chi_tieu.tiep_dan.don_da_xu_ly.gia_tri: phải là số không âm",
    ]
    assert summary_lines(out)[:3] == ["Đã soạn: 29", "Bỏ qua (không đổi từ lần trước): 0", "Lỗi: 1"]
    made = drafts(out_dir)
    assert len(made) == 29 and "phuong-vinh-loc.docx" not in made
    records = {r.tep: r for r in read_manifest(out_dir / "bang-ke.json")}
    assert len(records) == 30
    broken = records["phuong-vinh-loc.docx"]
    assert broken.trang_thai == "loi" and broken.nguon == "so-lieu-loi.csv hàng 6" and len(broken.loi) == 2
    assert {r.trang_thai for name, r in records.items() if name != "phuong-vinh-loc.docx"} == {"da_soan"}


def test_a_rerun_skips_what_did_not_change_and_force_drafts_again(capsys, tmp_path):
    table = tmp_path / "so-lieu.csv"
    shutil.copy(CSV_TABLE, table)
    out_dir = tmp_path / "out"
    assert run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1")[0] == 0
    first = drafts(out_dir)

    code, out, _ = run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1")
    assert code == 0 and summary_lines(out)[:2] == ["Đã soạn: 0", "Bỏ qua (không đổi từ lần trước): 30"]
    assert drafts(out_dir) == first

    # One locality's figure changes: only that draft is made again.
    one_more_poor_household(table, row=3)
    code, out, _ = run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1")
    assert summary_lines(out)[:2] == ["Đã soạn: 1", "Bỏ qua (không đổi từ lần trước): 29"]
    changed = [name for name, data in drafts(out_dir).items() if data != first[name]]
    assert changed == ["phuong-vinh-hung.docx"]

    code, out, _ = run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1", "--force")
    assert summary_lines(out)[:2] == ["Đã soạn: 30", "Bỏ qua (không đổi từ lần trước): 0"]


def test_an_interrupted_run_resumes_from_its_manifest(capsys, tmp_path):
    out_dir = tmp_path / "out"
    assert run(capsys, "bulk", FOLDER, "-o", out_dir, "-j", "1")[0] == 0
    manifest = out_dir / "bang-ke.json"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    # As if the run had stopped while writing its 11th record.
    manifest.write_text("\n".join(lines[:11] + [lines[11][:40]]), encoding="utf-8")
    (out_dir / json.loads(lines[20].rstrip(","))["tep"]).unlink()
    code, out, _ = run(capsys, "bulk", FOLDER, "-o", out_dir, "-j", "1")
    assert summary_lines(out)[:2] == ["Đã soạn: 20", "Bỏ qua (không đổi từ lần trước): 10"]
    assert len(drafts(out_dir)) == 30


def test_manifest_as_csv_records_hashes(capsys, tmp_path):
    out_dir = tmp_path / "out"
    assert run(capsys, "bulk", FOLDER, "-o", out_dir, "-j", "1", "--manifest", "csv")[0] == 0
    with (out_dir / "bang-ke.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30
    row = next(r for r in rows if r["tep"] == "xa-do-luong.docx")
    assert row["dia_ban"] == "xã Đô Lương" and row["nguon"] == "xa-do-luong.yaml"
    assert row["trang_thai"] == "da_soan" and row["mau"] == "nha-nuoc"
    import hashlib

    assert row["sha256_nguon"] == hashlib.sha256((FOLDER / "xa-do-luong.yaml").read_bytes()).hexdigest()
    assert row["sha256_ban_nhap"] == hashlib.sha256((out_dir / "xa-do-luong.docx").read_bytes()).hexdigest()
    template = drafting.resolve_template("nha-nuoc", "")
    assert row["sha256_mau"] == hashlib.sha256(template.read_bytes()).hexdigest()
    assert row["phien_ban_drafting"] == drafting.__version__


def test_file_names_are_readable_distinct_and_stay_in_the_folder(capsys, tmp_path):
    base = tmp_path / "co-so.yaml"
    base.write_text(MINIMAL_STATE_SHEET, encoding="utf-8")
    table = tmp_path / "so-lieu.csv"
    table.write_text(
        "dia_ban.ten,co_quan_ban_hanh.ten,tiep_dinh_ky\n"
        "An Hòa,Ủy ban nhân dân xã An Hòa,12\n"
        "An Hoà,Ủy ban nhân dân xã An Hoà,11\n"   # the same name, another Unicode spelling
        "../../Đồng Văn,Ủy ban nhân dân xã Đồng Văn,7\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "bulk", base, "-b", table, "-o", out_dir, "-j", "1")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.rglob("*.docx")) == ["xa-an-hoa-2.docx", "xa-an-hoa.docx", "xa-dong-van.docx"]
    assert all(p.parent == out_dir for p in tmp_path.rglob("*.docx"))


def test_a_wrong_column_stops_the_run_before_anything_is_written(capsys, tmp_path):
    table = tmp_path / "so-lieu.csv"
    table.write_text("dia_ban.ten,ho_ngheoo,nguoi_ky.ho_tenn\nAn Hòa,5,Lê Văn A\n", encoding="utf-8")
    code, out, err = run(capsys, "bulk", BASE, "-b", table, "-o", tmp_path / "out")
    assert code == errors.EXIT_INVALID_SHEET
    assert err.splitlines() == [
        f"lỗi: {table} ô B1: cột 'ho_ngheoo' không phải khóa của bảng chỉ tiêu hay mã chỉ tiêu (có phải 'ho_ngheo'?)",
        f"lỗi: {table} ô C1: cột 'nguoi_ky.ho_tenn' không phải khóa của bảng chỉ tiêu hay mã chỉ tiêu "
        "(có phải 'nguoi_ky'?)",
        "Bảng chỉ tiêu có 2 lỗi; chưa ghi tệp nào.",
    ]
    assert not (tmp_path / "out").exists()


def test_excel_cells_are_located_with_their_worksheet(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(XLSX_TABLE)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=4, column=header.index("don_tiep_nhan") + 1, value="nhiều")
    broken = tmp_path / "so-lieu.xlsx"
    book.save(broken)
    summary = drafting.bulk_draft(BASE, drafting.BulkOptions(tmp_path / "out", table=broken, jobs=1))
    assert (summary.drafted, summary.failed) == (29, 1)
    letter = chr(ord("A") + header.index("don_tiep_nhan"))
    assert summary.failures[0].loi == (
        f"{broken} [SoLieu] ô {letter}4 chi_tieu.tiep_dan.don_tiep_nhan.gia_tri: "
        "phải là số (ví dụ 4036, 6044.8 hoặc 6.044,8)",
    )


def test_progress_bar_on_a_terminal_and_not_with_quiet(tmp_path):
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"}
    command = [sys.executable, "-m", "drafting", "bulk", str(FOLDER), "-j", "1"]
    shown = subprocess.run(command + ["-o", str(tmp_path / "a")], capture_output=True, text=True,
                           encoding="utf-8", env=env, cwd=ROOT)
    assert shown.returncode == 0
    assert "Đang soạn" in shown.stderr and "30/30" in shown.stderr and "bản/giây" in shown.stderr
    quiet = subprocess.run(command + ["-o", str(tmp_path / "b"), "--quiet"], capture_output=True, text=True,
                           encoding="utf-8", env=env, cwd=ROOT)
    assert quiet.returncode == 0 and quiet.stderr == ""
    piped = subprocess.run(command + ["-o", str(tmp_path / "c")], capture_output=True, text=True,
                           encoding="utf-8", env={k: v for k, v in os.environ.items() if k != "FORCE_COLOR"},
                           cwd=ROOT)
    assert piped.returncode == 0 and piped.stderr == ""
    assert "Đã soạn" in piped.stdout


def test_rows_never_change_the_shared_base_sheet():
    import copy

    from drafting.bulk.localities import open_localities

    source = open_localities(BASE, CSV_TABLE)
    before = copy.deepcopy(source.base.data)
    sheets = [source.load(job) for job in source.jobs()]
    assert source.base.data == before
    assert len({s.sheet.dia_ban.ten for s in sheets}) == 30


def test_a_damaged_draft_is_made_again_on_the_next_run(capsys, tmp_path):
    out_dir = tmp_path / "out"
    assert run(capsys, "bulk", FOLDER, "-o", out_dir, "-j", "1")[0] == 0
    good = (out_dir / "xa-nam-dan.docx").read_bytes()
    (out_dir / "xa-nam-dan.docx").write_bytes(good[:1000])  # as a power cut could leave it
    code, out, _ = run(capsys, "bulk", FOLDER, "-o", out_dir, "-j", "1")
    assert summary_lines(out)[:2] == ["Đã soạn: 1", "Bỏ qua (không đổi từ lần trước): 29"]
    assert (out_dir / "xa-nam-dan.docx").read_bytes() == good


def test_ctrl_c_stops_with_code_130_and_says_so(capsys, tmp_path, monkeypatch):
    import drafting.bulk.run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(drafting.bulk.run, "bulk_draft", interrupted)
    code, out, err = run(capsys, "bulk", FOLDER, "-o", tmp_path / "out")
    # click ends the "^C" line first.
    assert (code, out, err) == (errors.EXIT_INTERRUPTED, "", "\nĐã dừng.\n")


def test_bulk_does_not_write_over_a_draft_the_clerk_edited(capsys, tmp_path):
    from docx import Document

    table = tmp_path / "so-lieu.csv"
    shutil.copy(CSV_TABLE, table)
    out_dir = tmp_path / "out"
    assert run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1")[0] == 0
    draft = out_dir / "phuong-vinh-hung.docx"
    doc = Document(str(draft))
    doc.add_paragraph("Ý kiến của văn thư.")
    doc.save(str(draft))
    edited = draft.read_bytes()
    # The figures of that locality change: its draft would be made again.
    one_more_poor_household(table, row=3)
    code, out, err = run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1")
    assert code == errors.EXIT_PARTIAL
    assert err.splitlines() == [
        "lỗi: so-lieu.csv hàng 4 (phường Vinh Hưng):",
        f"  {draft} đã được sửa sau khi drafting tạo: dùng 'drafting regenerate {draft} --sheet BẢNG.yaml' "
        "để cập nhật số liệu mà giữ phần đã sửa, hoặc --force để ghi đè",
    ]
    assert draft.read_bytes() == edited
    assert run(capsys, "bulk", BASE, "-b", table, "-o", out_dir, "-j", "1", "--force")[0] == 0
    assert draft.read_bytes() != edited


def test_table_text_is_nfc_and_control_characters_are_located(tmp_path):
    import unicodedata

    from drafting.bulk.localities import open_localities

    base = tmp_path / "co-so.yaml"
    base.write_text(MINIMAL_STATE_SHEET, encoding="utf-8")
    table = tmp_path / "so-lieu.csv"
    decomposed = unicodedata.normalize("NFD", "Hưng Nguyên")
    table.write_text(f"dia_ban.ten,nguoi_ky.ho_ten\n{decomposed},Lê Văn A\nAn Hòa,Lê\x07Văn B\n", encoding="utf-8")
    source = open_localities(base, table)
    first, second = source.jobs()
    assert source.load(first).sheet.dia_ban.ten == unicodedata.normalize("NFC", "Hưng Nguyên")
    with pytest.raises(errors.SheetError) as caught:
        source.load(second)
    assert [str(p) for p in caught.value.problems] == [
        f"{table} ô B3 nguoi_ky.ho_ten: có ký tự điều khiển không in được (U+0007): hãy xóa ký tự đó"
    ]
