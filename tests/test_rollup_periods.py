"""The roll-up of half-year and five-year sheets: totals and series summed, periods that must match,
and the indicators asked for the comparison table (-c) checked.

Each locality's figures are written by the test itself (the half-year example's indicators, with
the numbers of each locality); the expected sums are added up here, not by drafting.
"""

from __future__ import annotations

import copy
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import drafting
from drafting.cli import main

from conftest import EXAMPLES

HALF_YEAR = EXAMPLES / "xa-hung-nguyen-6-thang-2026.yaml"
COMMUNES = ["Hưng Nguyên", "Nam Đàn", "Đô Lương"]
COUNTS = ["van_ban_chi_dao", "hoi_nghi_quan_triet", "thu_ngan_sach", "so_ho", "ho_ngheo", "ho_so_tiep_nhan",
          "ho_so_dung_han", "tiep_dinh_ky", "don_tiep_nhan", "don_da_xu_ly", "mo_hinh_dan_van_kheo"]
REVIEW_YEARS = [2021, 2022, 2023, 2024, 2025]


def _load(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _dump(data: dict, path: Path) -> Path:
    out = StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _entries(data: dict) -> dict:
    return {code: entry for block in data["chi_tieu"].values() for code, entry in block.items()}


def _locality(base: dict, n: int, name: str) -> dict:
    """The base sheet as commune ``name``: every count, base and plan changed by the commune's number."""
    data = copy.deepcopy(base)
    data["dia_ban"]["ten"] = name
    for code, entry in _entries(data).items():
        for key in ("gia_tri", "cung_ky", "ke_hoach"):
            if code in COUNTS and entry.get(key) is not None:
                entry[key] = entry[key] * (n + 1) + n
    return data


def _upper(base: dict) -> dict:
    data = copy.deepcopy(base)
    data["dia_ban"] = {"ten": "Nghệ An", "cap": "tỉnh"}
    data["co_quan_ban_hanh"] = {"ten": "Ủy ban nhân dân tỉnh Nghệ An"}
    return data


def _review(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["nam"] = 2025
    data["ky_bao_cao"] = {"loai": "nhieu_nam", "tu_nam": 2020}
    return data


def _series(n: int) -> dict:
    """Commune n's documents by year (no gia_tri: the total is their sum), and its models."""
    return {"van_ban": {year: 3 + n + i for i, year in enumerate(REVIEW_YEARS)},
            "mo_hinh": {year: 2 * n + i for i, year in enumerate(REVIEW_YEARS)}}


def _draft_text(docx: Path) -> str:
    return unicodedata.normalize("NFC", drafting.read_draft(docx.read_bytes()).text())


@pytest.fixture(scope="module")
def half_year(tmp_path_factory):
    folder = tmp_path_factory.mktemp("half")
    base = _load(HALF_YEAR)
    parts = [_locality(base, n, name) for n, name in enumerate(COMMUNES)]
    (folder / "dia-ban").mkdir()
    for n, data in enumerate(parts):
        _dump(data, folder / "dia-ban" / f"xa-{n}.yaml")
    upper = _dump(_upper(base), folder / "cap-tren.yaml")
    out = folder / "tong-hop.docx"
    assert main(["rollup", str(folder / "dia-ban"), "-u", str(upper), "-o", str(out)]) == 0
    return parts, out


@pytest.fixture(scope="module")
def five_years(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    base = _review(_load(HALF_YEAR))
    parts = []
    for n, name in enumerate(COMMUNES):
        data = _locality(base, n, name)
        entries, series = _entries(data), _series(n)
        del entries["van_ban_chi_dao"]["gia_tri"]
        entries["van_ban_chi_dao"]["theo_nam"] = series["van_ban"]
        entries["mo_hinh_dan_van_kheo"]["theo_nam"] = {year: f"hơn {v}" for year, v in series["mo_hinh"].items()}
        parts.append((data, series))
    (folder / "dia-ban").mkdir()
    for n, (data, _) in enumerate(parts):
        _dump(data, folder / "dia-ban" / f"xa-{n}.yaml")
    upper = _upper(base)
    upper["noi_dung"]["lanh_dao"].append("Văn bản chỉ đạo: [van_ban_chi_dao.theo_nam]. Mô hình: "
                                          "[mo_hinh_dan_van_kheo.theo_nam].")
    upper_path = _dump(upper, folder / "cap-tren.yaml")
    out = folder / "tong-hop.docx"
    assert main(["rollup", str(folder / "dia-ban"), "-u", str(upper_path), "-o", str(out)]) == 0
    return parts, out


def test_a_half_year_rollup_sums_the_communes(half_year):
    parts, out = half_year
    total = _entries(_load(out.with_suffix(".yaml")))
    for code in COUNTS:
        for key in ("gia_tri", "cung_ky", "ke_hoach"):
            given = [_entries(p)[code].get(key) for p in parts]
            if given[0] is not None:
                assert total[code][key] == pytest.approx(sum(given)), (code, key)
    # 7, 15 and 23 documents this half-year.
    assert total["van_ban_chi_dao"]["gia_tri"] == 45


def test_a_half_year_rollup_reads_as_a_half_year(half_year):
    _, out = half_year
    text = _draft_text(out)
    assert "KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN 6 THÁNG ĐẦU NĂM 2026" in text.upper()
    assert "6 tháng đầu năm 2025 | 6 tháng đầu năm 2026 | So với cùng kỳ" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026" in text


def test_a_five_year_rollup_sums_totals_and_series(five_years):
    parts, out = five_years
    total = _entries(_load(out.with_suffix(".yaml")))
    documents = {year: sum(series["van_ban"][year] for _, series in parts) for year in REVIEW_YEARS}
    models = {year: sum(series["mo_hinh"][year] for _, series in parts) for year in REVIEW_YEARS}
    assert total["van_ban_chi_dao"]["theo_nam"] == documents
    assert total["van_ban_chi_dao"]["gia_tri"] == sum(documents.values())
    assert total["mo_hinh_dan_van_kheo"]["theo_nam"] == {year: f"hơn {v}" for year, v in models.items()}
    assert total["mo_hinh_dan_van_kheo"]["gia_tri"] == sum(_entries(p)["mo_hinh_dan_van_kheo"]["gia_tri"]
                                                          for p, _ in parts)
    text = _draft_text(out)
    said = ", ".join(f"năm {y} có {documents[y]} văn bản" for y in REVIEW_YEARS[:-1])
    assert f"Văn bản chỉ đạo: {said} và năm 2025 có {documents[2025]} văn bản." in text
    said = ", ".join(f"năm {y} có hơn {models[y]} mô hình" for y in REVIEW_YEARS[:-1])
    assert f"Mô hình: {said} và năm 2025 có hơn {models[2025]} mô hình." in text


def test_a_year_missing_somewhere_is_left_out_with_a_warning(tmp_path, capsys):
    base = _review(_load(HALF_YEAR))
    (tmp_path / "dia-ban").mkdir()
    for n, name in enumerate(COMMUNES):
        data = _locality(base, n, name)
        series = _series(n)["van_ban"]
        if n == 2:
            del series[2021]
        _entries(data)["van_ban_chi_dao"]["theo_nam"] = series
        _dump(data, tmp_path / "dia-ban" / f"xa-{n}.yaml")
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(tmp_path / "dia-ban"), "-u", str(upper), "-o", str(out)]) == 0
    assert ("chi_tieu: bỏ năm 2021 của 'van_ban_chi_dao'.theo_nam: chỉ 2/3 địa bàn có số của năm này"
            in capsys.readouterr().err)
    assert sorted(_entries(_load(out.with_suffix(".yaml")))["van_ban_chi_dao"]["theo_nam"]) == REVIEW_YEARS[1:]


def _folder_of(tmp_path: Path, sheets: list[dict]) -> Path:
    (tmp_path / "dia-ban").mkdir()
    for n, data in enumerate(sheets):
        _dump(data, tmp_path / "dia-ban" / f"xa-{n}.yaml")
    return tmp_path / "dia-ban"


def test_a_locality_of_another_period_is_named(tmp_path, capsys):
    base = _load(HALF_YEAR)
    sheets = [_locality(base, n, name) for n, name in enumerate(COMMUNES)]
    sheets[2]["nam"] = 2025
    folder = _folder_of(tmp_path, sheets)
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out)]) == 3
    line = (folder / "xa-2.yaml").read_text(encoding="utf-8").splitlines().index("nam: 2025") + 1
    err = capsys.readouterr().err
    assert (f"{folder / 'xa-2.yaml'}:{line}:1 nam: xã Đô Lương báo cáo 6 tháng đầu năm 2025, các địa bàn khác "
            "báo cáo 6 tháng đầu năm 2026: chỉ tổng hợp các bảng cùng kỳ báo cáo (nam và ky_bao_cao)") in err
    assert not out.exists() and not out.with_suffix(".yaml").exists()


def test_a_year_sheet_among_half_year_sheets_is_named(tmp_path, capsys):
    base = _load(HALF_YEAR)
    sheets = [_locality(base, n, name) for n, name in enumerate(COMMUNES)]
    del sheets[0]["ky_bao_cao"]
    folder = _folder_of(tmp_path, sheets)
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(tmp_path / "t.docx")]) == 3
    assert ("nam: xã Hưng Nguyên báo cáo năm 2026, các địa bàn khác báo cáo 6 tháng đầu năm 2026"
            in capsys.readouterr().err)


def test_the_upper_sheet_must_report_on_the_same_period(tmp_path, capsys):
    base = _load(HALF_YEAR)
    folder = _folder_of(tmp_path, [_locality(base, n, name) for n, name in enumerate(COMMUNES)])
    upper = _upper(base)
    upper["ky_bao_cao"] = {"loai": "9_thang"}
    upper_path = _dump(upper, tmp_path / "cap-tren.yaml")
    assert main(["rollup", str(folder), "-u", str(upper_path), "-o", str(tmp_path / "t.docx")]) == 3
    assert ("ky_bao_cao: bảng cấp trên báo cáo 9 tháng năm 2026, các địa bàn báo cáo 6 tháng đầu năm 2026: "
            "chỉ tổng hợp các bảng cùng kỳ báo cáo (nam và ky_bao_cao)") in capsys.readouterr().err


@pytest.fixture
def communes(tmp_path):
    base = _load(HALF_YEAR)
    folder = _folder_of(tmp_path, [_locality(base, n, name) for n, name in enumerate(COMMUNES)])
    return folder, _dump(_upper(base), tmp_path / "cap-tren.yaml"), tmp_path / "tong-hop.docx"


def test_an_unknown_code_to_compare_is_an_error_with_a_suggestion(communes, capsys):
    folder, upper, out = communes
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out), "-c", "ho_ngheo,don_tiep_nhanh"]) == 3
    err = capsys.readouterr().err
    assert ("tùy chọn -c (--compare): không có chỉ tiêu 'don_tiep_nhanh' trong số liệu tổng hợp của các địa bàn "
            "(có phải 'don_tiep_nhan'?)") in err
    assert not out.exists()


def test_more_codes_to_compare_than_fit_is_an_error(communes, capsys):
    folder, upper, out = communes
    codes = ",".join(COUNTS[:8])
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out), "-c", codes]) == 3
    assert ("tùy chọn -c (--compare): bảng so sánh địa bàn có tối đa 6 chỉ tiêu (vừa trang dọc), đã ghi 8: "
            "bỏ bớt 2 mã") in capsys.readouterr().err
    assert not out.exists()


def test_codes_to_compare_in_the_order_asked(communes):
    folder, upper, out = communes
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out), "-c", "don_tiep_nhan,ho_ngheo"]) == 0
    assert _load(out.with_suffix(".yaml"))["so_sanh_dia_ban"]["chi_tieu"] == ["don_tiep_nhan", "ho_ngheo"]


def _with_staff(base: dict, n: int, name: str, **extra) -> dict:
    """Commune n with its staff now and before the merger, compared with that base in people."""
    data = _locality(base, n, name)
    data["chi_tieu"]["cai_cach_hanh_chinh"]["can_bo_xa"] = {
        "ten": "Cán bộ, công chức xã", "don_vi": "người", "gia_tri": 20 + n, "cung_ky": 25 + 2 * n,
        "so_voi": "trước khi sắp xếp", "cach_so_sanh": "so", **extra}
    return data


def test_a_named_base_and_its_way_are_carried_to_the_rollup(tmp_path, capsys):
    base = _load(HALF_YEAR)
    folder = _folder_of(tmp_path, [_with_staff(base, n, name) for n, name in enumerate(COMMUNES)])
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out)]) == 0
    staff = _entries(_load(out.with_suffix(".yaml")))["can_bo_xa"]
    now, before = 20 + 21 + 22, 25 + 27 + 29
    assert (staff["gia_tri"], staff["cung_ky"], staff["so_voi"], staff["cach_so_sanh"]) == (
        now, before, "trước khi sắp xếp", "so")
    assert f"giảm {before - now} người so với trước khi sắp xếp" in _draft_text(out)


def test_bases_that_differ_are_not_added_up(tmp_path, capsys):
    base = _load(HALF_YEAR)
    sheets = [_with_staff(base, n, name) for n, name in enumerate(COMMUNES)]
    sheets[1]["chi_tieu"]["cai_cach_hanh_chinh"]["can_bo_xa"]["so_voi"] = "năm 2020"
    folder = _folder_of(tmp_path, sheets)
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out)]) == 0
    assert ("chi_tieu: bỏ cung_ky của 'can_bo_xa': các địa bàn so với các mốc khác nhau (so_voi)"
            in capsys.readouterr().err)
    staff = _entries(_load(out.with_suffix(".yaml")))["can_bo_xa"]
    assert "cung_ky" not in staff and "so_voi" not in staff and staff["gia_tri"] == 63


def test_a_figure_known_only_by_its_change_is_left_out(tmp_path, capsys):
    base = _load(HALF_YEAR)
    sheets = [_with_staff(base, n, name) for n, name in enumerate(COMMUNES)]
    sheets[2]["chi_tieu"]["cai_cach_hanh_chinh"]["can_bo_xa"] = {
        "ten": "Cán bộ, công chức xã", "don_vi": "người", "thay_doi": "giảm 4%"}
    folder = _folder_of(tmp_path, sheets)
    upper = _dump(_upper(base), tmp_path / "cap-tren.yaml")
    out = tmp_path / "tong-hop.docx"
    assert main(["rollup", str(folder), "-u", str(upper), "-o", str(out)]) == 0
    assert ("chi_tieu: bỏ 'can_bo_xa': 1/3 địa bàn chỉ ghi mức tăng, giảm (thay_doi), không có số để cộng"
            in capsys.readouterr().err)
    assert "can_bo_xa" not in _entries(_load(out.with_suffix(".yaml")))
