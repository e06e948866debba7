"""The roll-up: totals are the sum of the parts, rates are recomputed, localities in Vietnamese order."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

import drafting
from drafting.cli import main
from drafting.sheet.indicators import iter_entries

from conftest import ROOT

NGHE_AN = ROOT / "examples" / "nghe-an-2025"
FOLDER = NGHE_AN / "dia-ban"
UPPER = NGHE_AN / "tong-hop.yaml"

# The 30 communes and wards in Vietnamese dictionary order: Đ after every D, "An" before "Anh",
# Hùng before Hưng, Quế before Quỳ before Quỳnh, Thanh before Thành, Vinh before Vĩnh.
IN_ORDER = [
    "Xã An Châu", "Xã Anh Sơn", "Xã Bạch Ngọc", "Xã Châu Tiến", "Phường Cửa Lò", "Xã Diễn Châu",
    "Xã Đại Huệ", "Xã Đô Lương", "Xã Đông Thành", "Xã Đức Châu", "Xã Hùng Châu", "Xã Hưng Nguyên",
    "Xã Kim Liên", "Xã Lam Thành", "Xã Nam Đàn", "Xã Nghi Lộc", "Xã Quế Phong", "Xã Quỳ Châu",
    "Xã Quỳ Hợp", "Xã Quỳnh Anh", "Xã Quỳnh Lưu", "Xã Thanh Chương", "Phường Thành Vinh",
    "Phường Trường Vinh", "Phường Vinh Hưng", "Phường Vinh Lộc", "Phường Vinh Phú", "Xã Vĩnh Tường",
    "Xã Yên Thành", "Xã Yên Trung",
]


@pytest.fixture(scope="module")
def parts():
    return [drafting.load_sheet(p) for p in sorted(FOLDER.glob("*.yaml"))]


@pytest.fixture(scope="module")
def rolled(tmp_path_factory):
    out = tmp_path_factory.mktemp("rollup") / "tong-hop.docx"
    assert main(["rollup", str(FOLDER), "-u", str(UPPER), "-o", str(out)]) == 0
    return out


def _entries(loaded) -> dict:
    return {code: entry for _, code, entry in iter_entries(loaded.sheet)}


def test_totals_are_the_sum_of_the_parts(parts, rolled):
    total = drafting.load_sheet(rolled.with_suffix(".yaml"))
    entries = _entries(total)
    counts = ["van_ban_chi_dao", "hoi_nghi_quan_triet", "thu_ngan_sach", "so_ho", "ho_ngheo",
              "ho_so_tiep_nhan", "ho_so_dung_han", "tiep_dinh_ky", "don_tiep_nhan", "don_da_xu_ly",
              "mo_hinh_dan_van_kheo"]
    for code in counts:
        assert entries[code].gia_tri == sum(_entries(p)[code].gia_tri for p in parts), code
    assert entries["ho_ngheo"].cung_ky == sum(_entries(p)["ho_ngheo"].cung_ky for p in parts)
    assert entries["thu_ngan_sach"].ke_hoach == sum(_entries(p)["thu_ngan_sach"].ke_hoach for p in parts)
    # Not every commune counted last year's meetings held on schedule: no comparison then.
    assert entries["tiep_dinh_ky"].cung_ky is None


def test_rates_are_recomputed_from_summed_counts_never_averaged(parts, rolled):
    total = drafting.load_sheet(rolled.with_suffix(".yaml"))
    rate = next(i for i in total.indicators if i.code == "ty_le_ho_ngheo")
    poor = sum(_entries(p)["ho_ngheo"].gia_tri for p in parts)
    households = sum(_entries(p)["so_ho"].gia_tri for p in parts)
    assert rate.value == poor / households * 100 and rate.value_computed
    last_poor = sum(_entries(p)["ho_ngheo"].cung_ky for p in parts)
    last_households = sum(_entries(p)["so_ho"].cung_ky for p in parts)
    assert rate.last_year == last_poor / last_households * 100
    average = sum(next(i.value for i in p.indicators if i.code == "ty_le_ho_ngheo") for p in parts) / len(parts)
    assert drafting.render  # the draft states the recomputed rate, not the average
    assert round(average, 2) != round(rate.value, 2)
    text = drafting.read_draft(rolled.read_bytes()).text()
    assert "toàn tỉnh còn 4.826 hộ nghèo (giảm 15,88% so với cùng kỳ), chiếm tỷ lệ 2%, giảm 0,41 điểm phần trăm." in text


def test_the_comparison_table_is_in_vietnamese_order_with_totals(rolled):
    table = next(t for t in Document(str(rolled)).tables if t.rows[0].cells[1].text == "Địa bàn")
    # Cells as written (python-docx's row.cells repeats a cell once per grid column it spans).
    rows = [[_text(tc) for tc in row._tr.tc_lst] for row in table.rows]
    assert rows[0] == ["STT", "Địa bàn", "Thu ngân sách nhà nước", "Tỷ lệ hộ nghèo",
                       "Tỷ lệ hồ sơ giải quyết đúng hẹn", "Đơn thư tiếp nhận", "Mô hình, điển hình “Dân vận khéo”"]
    assert rows[1] == ["", "", "(tỷ đồng)", "(%)", "(%)", "(đơn)", "(mô hình)"]
    assert [r[1] for r in rows[2:-1]] == IN_ORDER
    assert [r[0] for r in rows[2:-1]] == [str(i) for i in range(1, 31)]
    # Each column with one number of decimals: the total rate 2 reads "2,00" under "1,97".
    assert rows[-1] == ["", "Tổng cộng", "1.750,0", "2,00", "99,82", "1.613", "254"]
    totals = table.rows[-1]._tr.tc_lst[1]
    assert all(r.rPr is not None and r.rPr.b is not None for r in totals.iter(qn("w:r")))


def _text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def test_folder_and_table_give_the_same_rollup(rolled, tmp_path):
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(NGHE_AN / "co-so.yaml"), "-b", str(NGHE_AN / "so-lieu.xlsx"),
                 "-u", str(UPPER), "-o", str(out)]) == 0
    assert out.read_bytes() == rolled.read_bytes()


def test_a_rate_without_its_counts_is_left_out_with_a_warning(tmp_path, capsys):
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    for name in ("xa-an-chau.yaml", "xa-anh-son.yaml"):
        head, figures = (FOLDER / name).read_text(encoding="utf-8").split("\nchi_tieu:\n")
        figures = figures.replace("  cai_cach_hanh_chinh:\n", "  cai_cach_hanh_chinh:\n"
                                  "    ty_le_ho_so_truc_tuyen:\n      gia_tri: 61.5\n", 1)
        (folder / name).write_text(head + "\nchi_tieu:\n" + figures, encoding="utf-8")
    shutil.copy(FOLDER / "xa-do-luong.yaml", folder)
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(folder), "-u", str(UPPER), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert (f"cảnh báo: {UPPER} chi_tieu: bỏ tỷ lệ 'ty_le_ho_so_truc_tuyen': không có đủ tử số và mẫu số "
            "ở mọi địa bàn để tính lại (không lấy trung bình các tỷ lệ)") in err.splitlines()
    total = drafting.load_sheet(out.with_suffix(".yaml"))
    assert "ty_le_ho_so_truc_tuyen" not in _entries(total)


def test_an_invalid_locality_stops_the_rollup(tmp_path, capsys):
    out = tmp_path / "tong-hop.docx"
    code = main(["rollup", str(NGHE_AN / "co-so.yaml"), "-b", "tests/fixtures/so-lieu-loi.csv",
                 "-u", str(UPPER), "-o", str(out)])
    assert code == 3
    assert capsys.readouterr().err.splitlines()[-1] == "Bảng chỉ tiêu có 2 lỗi; chưa ghi tệp nào."
    assert not out.exists() and not out.with_suffix(".yaml").exists()


def test_sums_are_exact_decimals():
    # 0.1 + 0.2 must be 0.3 in a total of amounts, as a clerk adds them.
    from drafting.bulk.rollup import _plain_number

    assert _plain_number(Decimal("0.1") + Decimal("0.2")) == 0.3
    assert _plain_number(Decimal("3.029")) == "3,029"
    assert _plain_number(Decimal("1750.0")) == 1750


def test_the_rollup_sheet_never_replaces_the_upper_sheet(tmp_path, capsys):
    upper = tmp_path / "tong-hop.yaml"
    shutil.copy(UPPER, upper)
    before = upper.read_bytes()
    assert main(["rollup", str(FOLDER), "-u", str(upper), "-o", str(tmp_path / "tong-hop.docx")]) == 6
    assert capsys.readouterr().err == (
        f"lỗi: bảng chỉ tiêu tổng hợp sẽ ghi đè lên bảng cấp trên {upper}: chọn tên khác cho -o\n")
    assert upper.read_bytes() == before


def test_a_rollup_sheet_can_serve_again_as_the_upper_sheet(rolled, tmp_path):
    again = tmp_path / "lan-hai.docx"
    assert main(["rollup", str(FOLDER), "-u", str(rolled.with_suffix(".yaml")), "-o", str(again)]) == 0
    assert again.with_suffix(".yaml").read_text(encoding="utf-8") == rolled.with_suffix(".yaml").read_text(
        encoding="utf-8")
    assert again.read_bytes() == rolled.read_bytes()
