"""Small holes a hostile or careless user found: each closed, each with what the user sees."""

from __future__ import annotations

import csv
import json
import os
import time

import pytest
from openpyxl import Workbook

from conftest import COMMUNE, EXAMPLES, MINIMAL_STATE_SHEET
from drafting._files import STALE_AFTER_SECONDS
from drafting.bulk.manifest import ManifestWriter, Record, read_manifest
from drafting.cli import main
from drafting.errors import OutputError


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_empty_required_value_says_it_must_not_be_empty(tmp_path, capsys):
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(MINIMAL_STATE_SHEET.replace("ho_ten: Lê Văn Minh", "ho_ten:"), encoding="utf-8")
    assert "ho_ten:\n" in sheet.read_text(encoding="utf-8")
    code, _, err = run(capsys, "check", sheet)
    assert code == 3
    assert "nguoi_ky.ho_ten: không được để trống" in err


# --- the manifest --------------------------------------------------------------------------

HOSTILE = Record(dia_ban="=HYPERLINK(\"http://x\")", nguon="+1+1", tep="a.docx", trang_thai="loi",
                 loi=("-2+3 sai", "@SUM(A1)"))


def test_csv_manifest_neutralises_formulas_and_reads_them_back(tmp_path):
    path = tmp_path / "bang-ke.csv"
    writer = ManifestWriter(path)
    writer.write(HOSTILE)
    writer.close()
    text = path.read_text(encoding="utf-8-sig")
    row = text.splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,a.docx,loi,")
    assert "\"'-2+3 sai\n@SUM(A1)\"" in text
    assert list(read_manifest(path)) == [HOSTILE]


def test_a_linked_manifest_is_replaced_not_written_through(tmp_path):
    outside = tmp_path / "ngoai.json"
    outside.write_text("giữ nguyên", encoding="utf-8")
    folder = tmp_path / "ra"
    folder.mkdir()
    link = folder / "bang-ke.json"
    link.symlink_to(outside)
    writer = ManifestWriter(link)
    writer.write(HOSTILE)
    writer.close()
    assert outside.read_text(encoding="utf-8") == "giữ nguyên"
    assert not link.is_symlink()
    assert list(read_manifest(link)) == [HOSTILE]


class _FullDisk:
    """A file that takes ``room`` bytes and then fails as a full disk does."""

    def __init__(self, handle, room: int):
        self.handle, self.room = handle, room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.handle.write(data[: self.room])  # a partial record reaches the disk
            self.handle.flush()
            self.room = 0
            raise OSError(28, "No space left on device")
        self.room -= len(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_full_disk_leaves_the_manifest_whole_up_to_the_last_record(tmp_path, fmt):
    path = tmp_path / f"bang-ke.{fmt}"
    writer = ManifestWriter(path)
    first = Record(dia_ban="xã A", nguon="a.yaml", tep="xa-a.docx", trang_thai="da_soan")
    writer.write(first)
    writer.handle = _FullDisk(writer.handle, room=10)  # type: ignore[assignment]
    with pytest.raises(OutputError, match="bảng kê còn nguyên đến bản dự thảo đã soạn cuối cùng"):
        writer.write(Record(dia_ban="xã B", nguon="b.yaml", tep="xa-b.docx", trang_thai="da_soan"))
    writer.handle.close()
    assert list(read_manifest(path)) == [first]
    if fmt == "json":
        assert path.read_text(encoding="utf-8").endswith('"phien_ban_drafting": ""}')


# --- files ---------------------------------------------------------------------------------


def test_leftover_temporary_files_of_a_killed_run_are_removed(tmp_path, capsys):
    old = tmp_path / ".x.docx.ab12cd34.tmp"
    fresh = tmp_path / ".y.docx.zz99yy88.tmp"  # another run writing right now
    mine = tmp_path / ".ghi-chu.tmp"  # not drafting's
    for path in (old, fresh, mine):
        path.write_bytes(b"")
    stale = time.time() - STALE_AFTER_SECONDS - 5
    os.utime(old, (stale, stale))
    os.utime(mine, (stale, stale))
    code, _, _ = run(capsys, "render", COMMUNE, "-o", tmp_path / "x.docx")
    assert code == 0
    assert not old.exists()
    assert fresh.exists() and mine.exists()


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_draft_gets_the_permissions_of_any_new_file(tmp_path, capsys):
    previous = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "render", COMMUNE, "-o", tmp_path / "x.docx")
    finally:
        os.umask(previous)
    assert code == 0
    assert (tmp_path / "x.docx").stat().st_mode & 0o777 == 0o644


def test_an_excel_formula_without_its_value_names_the_cell(tmp_path, capsys):
    with (EXAMPLES / "nghe-an-2025" / "so-lieu.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))[:3]
    book = Workbook()
    sheet = book.active
    sheet.title = "SoLieu"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    column = header.index("ho_ngheo") + 1
    sheet.cell(row=3, column=column, value="=B2*2")  # openpyxl saves no computed value
    book.save(tmp_path / "so-lieu.xlsx")
    letter = sheet.cell(row=3, column=column).column_letter
    code, _, err = run(capsys, "bulk", EXAMPLES / "nghe-an-2025" / "co-so.yaml", "-b", tmp_path / "so-lieu.xlsx",
                       "-o", tmp_path / "ra", "-q", "-j", "1")
    assert code == 4
    assert (f"so-lieu.xlsx [SoLieu] ô {letter}3 chi_tieu.kinh_te.ho_ngheo.gia_tri: ô có công thức =B2*2 nhưng chưa có "
            "giá trị tính sẵn: hãy mở bảng bằng Excel rồi lưu lại (drafting không tự tính công thức)") in err
    records = json.loads((tmp_path / "ra" / "bang-ke.json").read_text(encoding="utf-8"))
    assert [r["trang_thai"] for r in records] == ["da_soan", "loi"]


def test_a_name_without_letters_gets_a_readable_file_name_and_the_manifest_says_so(tmp_path, capsys):
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    source = EXAMPLES / "nghe-an-2025" / "dia-ban"
    for name, original in (("🎉.yaml", "xa-an-chau.yaml"), ("...yaml", "xa-anh-son.yaml")):
        (folder / name).write_bytes((source / original).read_bytes())
    code, _, _ = run(capsys, "bulk", folder, "-o", tmp_path / "ra", "-q", "-j", "1")
    assert code == 0
    records = json.loads((tmp_path / "ra" / "bang-ke.json").read_text(encoding="utf-8"))
    assert [(r["nguon"], r["tep"]) for r in records] == [("...yaml", "tep-1.docx"), ("🎉.yaml", "tep-2.docx")]
    assert records[1]["canh_bao"][0] == (
        "tên tệp '🎉.yaml' không có chữ để đặt tên bản dự thảo: đặt theo thứ tự tệp")


def test_a_table_row_named_without_letters_is_named_by_its_row(tmp_path, capsys):
    with (EXAMPLES / "nghe-an-2025" / "so-lieu.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, first, *_ = list(csv.reader(handle))
    first[header.index("dia_ban.ten")] = "🎉"
    table = tmp_path / "so-lieu.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, first])
    code, _, _ = run(capsys, "bulk", EXAMPLES / "nghe-an-2025" / "co-so.yaml", "-b", table,
                     "-o", tmp_path / "ra", "-q", "-j", "1")
    records = json.loads((tmp_path / "ra" / "bang-ke.json").read_text(encoding="utf-8"))
    assert code == 0
    assert records[0]["tep"] == "phuong-hang-2.docx"
    assert records[0]["canh_bao"][0] == "tên địa bàn '🎉' không có chữ để đặt tên bản dự thảo: đặt theo hàng 2"
