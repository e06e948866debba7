"""Indicators that hold what real reports state: qualifiers, breakdowns, several plans, ranks, own style."""

from __future__ import annotations

import drafting
from conftest import MINIMAL_STATE_SHEET
from drafting.cli import main
from drafting.report.context import build_context


def _sheet(tmp_path, indicators: str):
    path = tmp_path / "bang.yaml"
    path.write_text(MINIMAL_STATE_SHEET + "chi_tieu:\n" + indicators, encoding="utf-8")
    return path


def _text(tmp_path, indicators: str) -> str:
    context = build_context(drafting.load_sheet(_sheet(tmp_path, indicators)))
    return " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])


def test_a_qualifier_before_the_figure(tmp_path):
    text = _text(tmp_path, "  dan_van_kheo:\n    mo_hinh_dan_van_kheo:\n      gia_tri: 294\n      tu_truoc: hơn\n")
    assert text == "Đã xây dựng hơn 294 mô hình, điển hình “Dân vận khéo”."


def test_a_breakdown_with_its_total_computed(tmp_path):
    text = _text(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gom:
        khiếu nại: 571
        tố cáo: 63
""")
    assert text == "Tiếp nhận 634 đơn (gồm: khiếu nại 571 đơn, tố cáo 63 đơn)."


def test_a_breakdown_that_does_not_add_up_is_a_warning_naming_both_places(tmp_path, capsys):
    path = _sheet(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gia_tri: 634
      gom:
        khiếu nại: 571
        tố cáo: 63
        kiến nghị, phản ánh: 520
""")
    lines = path.read_text(encoding="utf-8").splitlines()
    value_line, parts_line = lines.index("      gia_tri: 634") + 1, lines.index("      gom:") + 1
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert (f"{path}:{value_line}:7 chi_tieu.tiep_dan.don_tiep_nhan.gia_tri: Đơn thư tiếp nhận: gia_tri là 634 "
            f"nhưng các phần trong gom (dòng {parts_line}) cộng lại được 1.154") in err


def test_several_plans_share_one_verb(tmp_path):
    text = _text(tmp_path, """\
  kinh_te:
    thu_ngan_sach:
      gia_tri: 6044.8
      ke_hoach: 2075
      ten_ke_hoach: dự toán Tỉnh giao
      ke_hoach_khac:
        - ke_hoach: 3226
          ten_ke_hoach: dự toán HĐND Thành phố giao
""")
    assert ("6.044,8 tỷ đồng, đạt 291,32% dự toán Tỉnh giao, 187,38% dự toán HĐND Thành phố giao."
            in text)


def test_a_rank_and_its_move(tmp_path):
    text = _text(tmp_path, """\
  cai_cach_hanh_chinh:
    chi_so_par:
      ten: Chỉ số cải cách hành chính
      don_vi: "%"
      gia_tri: 84.5
      cau: "Chỉ số cải cách hành chính đạt {gia_tri}{so_sanh}."
      xep_hang:
        thu: 24
        tren: 63
        doi_tuong: tỉnh, thành phố
        cung_ky: 29
        nam_so_sanh: 2018
""")
    assert text == ("Chỉ số cải cách hành chính đạt 84,5%, xếp thứ 24/63 tỉnh, thành phố, tăng 5 bậc so với năm 2018.")


def test_each_figure_may_choose_its_leading_zero(tmp_path):
    text = _text(tmp_path, """\
  lanh_dao:
    van_ban_chi_dao:
      gia_tri: 5
      so_0_dau: true
    hoi_nghi_quan_triet:
      gia_tri: 8
""")
    assert "ban hành 05 văn bản" in text and "Tổ chức 8 hội nghị" in text


def test_next_years_sheet_carries_the_new_fields_forward(tmp_path, capsys):
    last = _sheet(tmp_path, """\
  tiep_dan:
    don_tiep_nhan:
      gom:
        khiếu nại: 571
        tố cáo: 63
  kinh_te:
    thu_ngan_sach:
      gia_tri: 6044.8
      ke_hoach: 2075
      ke_hoach_khac:
        - ke_hoach: 3226
          ten_ke_hoach: dự toán HĐND Thành phố giao
""")
    new = tmp_path / "nam-sau.yaml"
    result = drafting.new_sheet(new, from_sheet=last)
    text = new.read_text(encoding="utf-8")
    assert "cung_ky: 634" in text  # last year's total was the sum of its parts
    assert "khiếu nại:\n" in text and "tố cáo:\n" in text  # this year's parts to fill
    assert "- ke_hoach:\n" in text and "ten_ke_hoach: dự toán HĐND Thành phố giao" in text
    assert "chi_tieu.tiep_dan.don_tiep_nhan.gia_tri" in result.to_fill or any(
        p.startswith("chi_tieu.tiep_dan.don_tiep_nhan.gom") for p in result.to_fill)
