"""Comparisons that real reports state: a named base, the change as an amount or from one figure to
the other, a change without its value, a fraction, a rate's change in per cent."""

from __future__ import annotations

import re

import pytest

import drafting
from conftest import MINIMAL_STATE_SHEET
from drafting.cli import main
from drafting.report.context import build_context


def _sheet(tmp_path, indicators: str, text: str = ""):
    path = tmp_path / "bang.yaml"
    path.write_text(MINIMAL_STATE_SHEET + text + "chi_tieu:\n" + indicators, encoding="utf-8")
    return path


def _context(tmp_path, indicators: str, text: str = "") -> dict:
    return build_context(drafting.load_sheet(_sheet(tmp_path, indicators, text)))


def _text(tmp_path, indicators: str, text: str = "") -> str:
    return " ".join(str(p) for s in _context(tmp_path, indicators, text)["ket_qua"] for p in s["doan"])


def _problems(tmp_path, indicators: str, capsys, text: str = "") -> tuple[str, list[str]]:
    path = _sheet(tmp_path, indicators, text)
    assert main(["check", str(path)]) == 3  # a sheet with errors
    return str(path), path.read_text(encoding="utf-8").splitlines()


STAFF = """\
  cai_cach_hanh_chinh:
    bien_che:
      ten: Biên chế công chức, viên chức
      don_vi: người
      gia_tri: 60059
      cung_ky: 67936
"""


def test_a_named_base_instead_of_last_year(tmp_path):
    text = _text(tmp_path, STAFF + "      so_voi: năm 2015\n")
    assert text == "Biên chế công chức, viên chức: 60.059 người, giảm 11,59% so với năm 2015."


def test_a_named_base_may_be_written_with_its_so_voi(tmp_path):
    text = _text(tmp_path, STAFF + "      so_voi: so với trước khi sắp xếp\n")
    assert text == "Biên chế công chức, viên chức: 60.059 người, giảm 11,59% so với trước khi sắp xếp."


def test_a_review_still_compares_with_its_first_year(tmp_path):
    path = _sheet(tmp_path, STAFF)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "nam: 2025\n", "nam: 2020\nky_bao_cao:\n  loai: nhieu_nam\n  tu_nam: 2015\n"), encoding="utf-8")
    context = build_context(drafting.load_sheet(path))
    text = " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])
    assert text == "Biên chế công chức, viên chức: 60.059 người, giảm 11,59% so với năm 2015."


def test_the_change_as_an_amount(tmp_path):
    text = _text(tmp_path, """\
  cai_cach_hanh_chinh:
    can_bo_xa:
      ten: Cán bộ, công chức cấp xã
      don_vi: người
      gia_tri: 10042
      cung_ky: 11002
      cach_so_sanh: so
      so_voi: trước khi sắp xếp
""")
    assert text == "Cán bộ, công chức cấp xã: 10.042 người, giảm 960 người so với trước khi sắp xếp."


def test_a_named_base_is_not_last_years_column_of_the_table(tmp_path):
    row = _context(tmp_path, STAFF + "      so_voi: trước khi sắp xếp\n")["bang"][0]
    assert (row["cung_ky"], str(row["gia_tri"]), str(row["so_sanh"])) == (
        "-", "60.059", "giảm 11,59% so với trước khi sắp xếp")


def test_the_amount_in_the_clerks_own_sentence(tmp_path):
    text = _text(tmp_path, """\
  cai_cach_hanh_chinh:
    can_bo_xa:
      ten: Cán bộ, công chức cấp xã
      don_vi: người
      gia_tri: 10042
      cung_ky: 11002
      cach_so_sanh: so
""", "noi_dung:\n  cai_cach_hanh_chinh: 'Cán bộ, công chức cấp xã: [can_bo_xa] ([can_bo_xa.thay_doi]).'\n")
    assert text == "Cán bộ, công chức cấp xã: 10.042 người (giảm 960 người)."


def test_the_change_from_one_figure_to_the_other(tmp_path):
    context = _context(tmp_path, STAFF + "      cach_so_sanh: tu_den\n      chu_so_phan_tram: 1\n")
    text = " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])
    assert text == ("Biên chế công chức, viên chức giảm từ 67.936 người xuống còn 60.059 người "
                    "(giảm 7.877 người), tương đương 11,6%.")
    assert str(context["bang"][0]["so_sanh"]) == "giảm 11,6%"  # a table cell has no room for it


def test_the_from_to_change_in_the_clerks_text(tmp_path):
    text = _text(tmp_path, STAFF + "      cach_so_sanh: tu_den\n      chu_so_phan_tram: 1\n",
                 "noi_dung:\n  cai_cach_hanh_chinh: 'Biên chế trong toàn tỉnh [bien_che.so_sanh].'\n")
    assert text == ("Biên chế trong toàn tỉnh giảm từ 67.936 người xuống còn 60.059 người (giảm 7.877 người), "
                    "tương đương 11,6%.")


COMPLAINTS = """\
  tiep_dan:
    vu_khieu_nai:
      ten: vụ việc khiếu nại
      don_vi: vụ việc
      thay_doi: giảm 13,6%
"""


def test_a_change_without_its_value(tmp_path):
    context = _context(tmp_path, COMPLAINTS)
    text = " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])
    assert text == "Vụ việc khiếu nại giảm 13,6% so với cùng kỳ."
    assert context["bang"] == []  # no figure to put in the table


def test_a_change_without_its_value_is_no_warning(tmp_path):
    loaded = drafting.load_sheet(_sheet(tmp_path, COMPLAINTS))
    assert [w.message for w in loaded.warnings] == []


def test_the_change_alone_in_the_clerks_text(tmp_path):
    text = _text(tmp_path, COMPLAINTS, "noi_dung:\n  tiep_dan: 'Trong đó vụ việc khiếu nại [vu_khieu_nai.thay_doi].'\n")
    assert text == "Trong đó vụ việc khiếu nại giảm 13,6%."


def test_the_value_of_a_change_without_value_is_a_located_error(tmp_path, capsys):
    path, lines = _problems(tmp_path, COMPLAINTS, capsys, "noi_dung:\n  tiep_dan: 'Có [vu_khieu_nai] trong năm.'\n")
    line = next(i for i, ln in enumerate(lines, 1) if "[vu_khieu_nai]" in ln)
    column = lines[line - 1].index("[vu_khieu_nai]") + 1
    assert (f"{path}:{line}:{column} noi_dung.tiep_dan: chỉ tiêu 'vu_khieu_nai' chỉ có mức tăng, giảm (thay_doi), "
            "chưa có gia_tri: dùng [vu_khieu_nai.thay_doi] hoặc [vu_khieu_nai.so_sanh]") in capsys.readouterr().err


def test_a_fraction_of_a_stated_total_with_its_share(tmp_path):
    text = _text(tmp_path, """\
  kinh_te:
    xa_nong_thon_moi:
      ten: Xã đạt chuẩn nông thôn mới
      don_vi: xã
      gia_tri: 245
      chu_so_phan_tram: 1
      cau: "Toàn tỉnh có {gia_tri}."
      phan_so:
        tren: 411
        dien_giai: đạt chuẩn nông thôn mới
        ty_le: chiếm tỷ lệ
""")
    assert text == "Toàn tỉnh có 245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%."


CASES = """\
  tiep_dan:
    vu_viec_da_giai_quyet:
      ten: Vụ việc đã giải quyết
      don_vi: vụ việc
      gia_tri: 38
      chu_so_phan_tram: 1
      cau: "Đến nay đã giải quyết được {gia_tri}."
      phan_so:
        tren: vu_viec_phai_giai_quyet
    vu_viec_phai_giai_quyet:
      ten: Vụ việc khiếu nại, tố cáo phải giải quyết
      don_vi: vụ việc
      gia_tri: 45
"""


def test_a_fraction_of_another_indicator(tmp_path):
    context = _context(tmp_path, CASES)
    text = " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])
    assert text == "Đến nay đã giải quyết được 38/45 vụ việc, đạt 84,4%."  # 45 is not said again
    assert [row["ten"] for row in context["bang"]] == [
        "Vụ việc đã giải quyết", "Vụ việc khiếu nại, tố cáo phải giải quyết"]


def test_a_fraction_in_the_clerks_text(tmp_path):
    text = _text(tmp_path, CASES,
                 "noi_dung:\n  tiep_dan: 'Đã giải quyết được [vu_viec_da_giai_quyet.phan_so] số vụ việc.'\n")
    assert text == "Đã giải quyết được 38/45 vụ việc, đạt 84,4% số vụ việc."


def test_a_pair_of_different_units_has_no_share(tmp_path):
    text = _text(tmp_path, """\
  tiep_dan:
    vu_an_tham_nhung:
      ten: Vụ án tham nhũng
      don_vi: vụ
      gia_tri: 13
      cau: "Khởi tố {gia_tri} đối với các tội phạm về tham nhũng, chức vụ."
      phan_so:
        tren: bi_can_tham_nhung
    bi_can_tham_nhung:
      ten: Bị can
      don_vi: bị can
      gia_tri: 47
""")
    assert text == "Khởi tố 13 vụ/47 bị can đối với các tội phạm về tham nhũng, chức vụ."


def test_a_pair_with_a_stated_total_of_another_unit(tmp_path):
    text = _text(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gia_tri: 69
      phan_so:
        tren: 68
        don_vi: vụ việc
""", "noi_dung:\n  tiep_dan: 'Toàn thành phố tiếp nhận [don_tiep_nhan.phan_so].'\n")
    assert text == "Toàn thành phố tiếp nhận 69 đơn/68 vụ việc."


def test_a_fraction_on_a_catalogue_indicator_in_its_own_sentence(tmp_path):
    text = _text(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gia_tri: 69
      phan_so:
        tren: 68
        don_vi: vụ việc
""")
    assert text == "Tiếp nhận 69 đơn/68 vụ việc."


def test_an_unknown_code_in_a_fraction_is_a_located_error_with_a_suggestion(tmp_path, capsys):
    path, lines = _problems(tmp_path, CASES.replace("tren: vu_viec_phai_giai_quyet", "tren: vu_viec_phai_giai_quyt"),
                            capsys)
    line = next(i for i, ln in enumerate(lines, 1) if "tren: vu_viec_phai_giai_quyt" in ln)
    assert (f"{path}:{line}:9 chi_tieu.tiep_dan.vu_viec_da_giai_quyet.phan_so.tren: không có chỉ tiêu "
            "'vu_viec_phai_giai_quyt' trong chi_tieu của bảng (có phải là vu_viec_phai_giai_quyet?)"
            ) in capsys.readouterr().err


def test_a_share_between_two_units_is_an_error(tmp_path, capsys):
    path, lines = _problems(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gia_tri: 69
      phan_so:
        tren: 68
        don_vi: vụ việc
        ty_le: chiếm tỷ lệ
""", capsys)
    line = next(i for i, ln in enumerate(lines, 1) if "ty_le: chiếm tỷ lệ" in ln)
    assert (f"{path}:{line}:9 chi_tieu.tiep_dan.don_tiep_nhan.phan_so.ty_le: 'đơn' và 'vụ việc' khác đơn vị "
            "nên không tính được tỷ lệ: bỏ ty_le, hoặc sửa đơn vị (phan_so.don_vi)") in capsys.readouterr().err


def test_a_whole_that_is_neither_number_nor_code(tmp_path, capsys):
    path, lines = _problems(tmp_path, CASES.replace("tren: vu_viec_phai_giai_quyet", "tren: 45 vụ"), capsys)
    line = next(i for i, ln in enumerate(lines, 1) if "tren: 45 vụ" in ln)
    assert (f"{path}:{line}:15 chi_tieu.tiep_dan.vu_viec_da_giai_quyet.phan_so.tren: phải là số (ví dụ 411) "
            "hoặc mã một chỉ tiêu trong bảng (ví dụ tong_so_xa)") in capsys.readouterr().err


POOR = """\
  kinh_te:
    ty_le_ho_ngheo:
      gia_tri: 0.16
      cung_ky: 0.17
"""


def test_a_rates_change_in_per_cent(tmp_path):
    text = _text(tmp_path, POOR + "      cach_so_sanh: phan_tram\n")
    assert text == "Tỷ lệ hộ nghèo còn 0,16%, giảm 0,01% so với cùng kỳ."


def test_a_rates_change_stays_in_points_by_default(tmp_path):
    assert _text(tmp_path, POOR) == "Tỷ lệ hộ nghèo còn 0,16%, giảm 0,01 điểm phần trăm so với cùng kỳ."


def test_a_stated_change_of_a_rate_in_per_cent(tmp_path):
    text = _text(tmp_path, "  kinh_te:\n    ty_le_ho_ngheo:\n      gia_tri: 0.16\n      thay_doi: giảm 0,01%\n"
                           "      cach_so_sanh: phan_tram\n")
    assert text == "Tỷ lệ hộ nghèo còn 0,16%, giảm 0,01% so với cùng kỳ."


@pytest.mark.parametrize(("entry", "key", "message"), [
    ("      gia_tri: 5\n      so_voi: năm 2015\n", "so_voi",
     "so_voi cần số liệu của mốc so sánh (cung_ky) hoặc mức tăng, giảm (thay_doi)"),
    ("      gia_tri: 5\n      cung_ky: 4\n      cach_so_sanh: diem\n", "cach_so_sanh",
     "cach_so_sanh: diem (điểm phần trăm) chỉ dùng cho tỷ lệ; số lượng, số tiền dùng phan_tram, so hoặc tu_den"),
    ("      gia_tri: 5\n      thay_doi: tăng 25%\n      cach_so_sanh: tu_den\n", "cach_so_sanh",
     "cach_so_sanh: tu_den cần số cùng kỳ (cung_ky); thay_doi chỉ cho biết mức tăng, giảm theo phần trăm"),
])
def test_combinations_that_cannot_be_written(tmp_path, capsys, entry, key, message):
    path, lines = _problems(tmp_path, "  lanh_dao:\n    hoi_nghi_quan_triet:\n" + entry, capsys)
    line = next(i for i, ln in enumerate(lines, 1) if ln.startswith(f"      {key}:"))
    assert f"{path}:{line}:7 chi_tieu.lanh_dao.hoi_nghi_quan_triet.{key}: {message}" in capsys.readouterr().err


def test_an_amount_is_not_for_a_rate(tmp_path, capsys):
    path, lines = _problems(tmp_path, POOR + "      cach_so_sanh: so\n", capsys)
    assert (f"{path}:{len(lines)}:7 chi_tieu.kinh_te.ty_le_ho_ngheo.cach_so_sanh: cach_so_sanh: so chỉ dùng cho "
            "số lượng, số tiền; tỷ lệ dùng diem, phan_tram hoặc tu_den") in capsys.readouterr().err


def test_next_years_sheet_keeps_a_named_base_and_a_figures_change_to_fill(tmp_path):
    last = _sheet(tmp_path, STAFF + """\
      so_voi: năm 2015
      cach_so_sanh: tu_den
      chu_so_phan_tram: 1
      phan_so:
        tren: 70000
""" + COMPLAINTS)
    new = tmp_path / "nam-sau.yaml"
    result = drafting.new_sheet(new, from_sheet=last)
    text = new.read_text(encoding="utf-8")
    assert "      cung_ky: 67936\n" in text  # the figure of 2015, not last year's 60.059
    assert re.search(r"\n      so_voi: năm 2015 +# mốc so sánh giữ nguyên: sửa so_voi và cung_ky nếu đổi mốc\n", text)
    assert "cach_so_sanh: tu_den\n" in text and "chu_so_phan_tram: 1\n" in text and "tren: 70000\n" in text
    assert re.search(r"\n      thay_doi: +# điền mức tăng, giảm năm 2026 \(ví dụ: giảm 13,6%\)\n", text)
    assert "chi_tieu.tiep_dan.vu_khieu_nai.gia_tri" in result.to_fill
    filled = re.sub(r"\n      gia_tri: +# điền số năm 2026\n", "\n      gia_tri: 59000\n", text, count=1)
    filled = re.sub(r"\n      thay_doi: +#", "\n      thay_doi: giảm 5%  #", filled)
    filled = re.sub(r"^can_cu:.*$", "can_cu: Thực hiện Hướng dẫn số 01", filled, flags=re.M)
    new.write_text(re.sub(r"^nhiem_vu:.*$", "nhiem_vu: tiếp tục", filled, flags=re.M), encoding="utf-8")
    context = build_context(drafting.load_sheet(new))
    assert " ".join(str(p) for s in context["ket_qua"] for p in s["doan"]) == (
        "Biên chế công chức, viên chức giảm từ 67.936 người xuống còn 59.000 người (giảm 8.936 người), "
        "tương đương 13,2%. Vụ việc khiếu nại giảm 5% so với cùng kỳ.")


REVENUE = """\
  kinh_te:
    thu_ngan_sach:
      gia_tri: 6044.8
      dat_ke_hoach: 291.3
      ten_ke_hoach: dự toán Tỉnh giao
      ke_hoach_khac:
        - dat_ke_hoach: 187.4
          ten_ke_hoach: dự toán HĐND Thành phố giao
"""


def test_stated_shares_of_several_plans(tmp_path):
    text = _text(tmp_path, REVENUE)
    assert "6.044,8 tỷ đồng, đạt 291,3% dự toán Tỉnh giao, 187,4% dự toán HĐND Thành phố giao." in text


def test_a_stated_share_beside_a_plan_given_as_a_number(tmp_path):
    text = _text(tmp_path, REVENUE.replace("        - dat_ke_hoach: 187.4", "        - ke_hoach: 3226"))
    assert "6.044,8 tỷ đồng, đạt 291,3% dự toán Tỉnh giao, 187,38% dự toán HĐND Thành phố giao." in text


def test_a_further_plan_with_both_its_number_and_its_share_is_an_error(tmp_path, capsys):
    path, lines = _problems(tmp_path, REVENUE.replace("        - dat_ke_hoach: 187.4",
                                                      "        - dat_ke_hoach: 187.4\n          ke_hoach: 3226"), capsys)
    line = next(i for i, ln in enumerate(lines, 1) if "- dat_ke_hoach: 187.4" in ln)
    assert (f"{path}:{line}:11 chi_tieu.kinh_te.thu_ngan_sach.ke_hoach_khac[0]: chỉ ghi một trong hai: ke_hoach "
            "(số kế hoạch) hoặc dat_ke_hoach (tỷ lệ đạt)") in capsys.readouterr().err


def test_next_years_sheet_asks_for_the_further_plans_number(tmp_path):
    new = tmp_path / "nam-sau.yaml"
    result = drafting.new_sheet(new, from_sheet=_sheet(tmp_path, REVENUE))
    text = new.read_text(encoding="utf-8")
    assert "dat_ke_hoach" not in text and "        - ke_hoach:\n          ten_ke_hoach: dự toán HĐND" in text
    assert "chi_tieu.kinh_te.thu_ngan_sach.ke_hoach_khac[0].ke_hoach" in result.to_fill


def test_a_figure_known_only_by_its_change_is_weighed_against_nothing(tmp_path):
    loaded = drafting.load_sheet(_sheet(tmp_path, """\
  kinh_te:
    so_ho:
      thay_doi: tăng 2%
    ho_ngheo:
      gia_tri: 187
"""))
    assert [w.message for w in loaded.warnings] == []  # not "187 hộ nghèo lớn hơn số hộ (0)"
