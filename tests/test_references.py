"""Figures referenced inside the clerk's own text, as a clerk writes them and a reader sees them."""

from __future__ import annotations

import pytest

import drafting
from conftest import MINIMAL_STATE_SHEET
from drafting.cli import main
from drafting.report.context import build_context

FIGURES = """\
chi_tieu:
  kinh_te:
    doanh_nghiep_moi:
      gia_tri: 596
      cung_ky: 549
      ke_hoach: 593
    ho_kinh_doanh_moi:
      gia_tri: 4036
  tiep_dan:
    vu_viec_thuoc_tham_quyen:
      gia_tri: 45
    vu_viec_da_giai_quyet:
      gia_tri: 38
    ty_le_giai_quyet: {}
"""


def sheet_with(tmp_path, text: str):
    path = tmp_path / "bang.yaml"
    path.write_text(MINIMAL_STATE_SHEET + FIGURES + text, encoding="utf-8")
    return path


def context_of(tmp_path, text: str) -> dict:
    return build_context(drafting.load_sheet(sheet_with(tmp_path, text)))


def section_text(context: dict, code: str) -> list[str]:
    return [str(p) for s in context["ket_qua"] if s["ma"] == code for p in s["doan"]]


def test_two_figures_woven_into_the_clerks_sentence(tmp_path):
    context = context_of(tmp_path, """\
noi_dung:
  kinh_te: >-
    Năm 2022, trên địa bàn thành phố đã có [doanh_nghiep_moi] và [ho_kinh_doanh_moi]
    cá thể đăng ký thành lập mới.
""")
    assert section_text(context, "kinh_te") == [
        "Năm 2022, trên địa bàn thành phố đã có 596 doanh nghiệp và 4.036 hộ kinh doanh cá thể "
        "đăng ký thành lập mới."
    ]  # and neither figure is said again in a generated sentence


@pytest.mark.parametrize(("reference", "expected"), [
    ("[doanh_nghiep_moi]", "596 doanh nghiệp"),
    ("[doanh_nghiep_moi.so]", "596"),
    ("[doanh_nghiep_moi.cung_ky]", "549 doanh nghiệp"),
    ("[doanh_nghiep_moi.so_sanh]", "tăng 8,56% so với cùng kỳ"),
    ("[doanh_nghiep_moi.ke_hoach]", "đạt 100,51% kế hoạch"),
    ("[ty_le_giai_quyet.ty_le]", "38/45 vụ việc, đạt 84,44%"),
])
def test_each_part_of_an_indicator(tmp_path, reference, expected):
    context = context_of(tmp_path, f"noi_dung:\n  kinh_te: Có {reference} trong năm.\n")
    assert section_text(context, "kinh_te")[0] == f"Có {expected} trong năm."


def test_a_figure_named_in_the_text_is_not_repeated_and_the_rest_go_where_the_clerk_says(tmp_path):
    context = context_of(tmp_path, """\
noi_dung:
  kinh_te:
    - Mở đầu mục.
    - "[cac_chi_tieu]"
    - Thành lập mới [doanh_nghiep_moi].
""")
    assert section_text(context, "kinh_te") == [
        "Mở đầu mục.",
        "Có 4.036 hộ kinh doanh cá thể đăng ký thành lập mới.",
        "Thành lập mới 596 doanh nghiệp.",
    ]


def test_the_figures_table_still_lists_a_referenced_indicator(tmp_path):
    context = context_of(tmp_path, "noi_dung:\n  kinh_te: Có [doanh_nghiep_moi].\n")
    assert "Doanh nghiệp đăng ký thành lập mới" in [row["ten"] for row in context["bang"]]


def test_references_in_tasks_and_limits_are_filled(tmp_path):
    context = context_of(tmp_path, "han_che: Còn [vu_viec_thuoc_tham_quyen.so] vụ việc.\n"
                                   .replace("han_che", "kien_nghi"))
    assert context["kien_nghi"] == ["Còn 45 vụ việc."]


def test_ordinary_brackets_are_left_alone(tmp_path):
    context = context_of(tmp_path, "noi_dung:\n  kinh_te: Theo Phụ lục [1] và [Phụ lục 2].\n")
    assert section_text(context, "kinh_te")[0] == "Theo Phụ lục [1] và [Phụ lục 2]."


def test_an_unknown_code_is_located_at_the_reference_with_a_suggestion(tmp_path, capsys):
    path = sheet_with(tmp_path, "noi_dung:\n  kinh_te: >-\n    Năm nay có\n    thêm [doanh_nghiep_mo] mới.\n")
    line = path.read_text(encoding="utf-8").splitlines().index("    thêm [doanh_nghiep_mo] mới.") + 1
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    assert code == 3
    assert (f"{path}:{line}:10 noi_dung.kinh_te: không có chỉ tiêu 'doanh_nghiep_mo' trong chi_tieu của bảng "
            "(có phải là doanh_nghiep_moi?)") in err


def test_a_part_the_indicator_cannot_give_is_an_error(tmp_path, capsys):
    path = sheet_with(tmp_path, "noi_dung:\n  kinh_te: Có [ho_kinh_doanh_moi.so_sanh].\n")
    assert main(["check", str(path)]) == 3
    assert ("[ho_kinh_doanh_moi.so_sanh] cần số cùng kỳ (cung_ky) hoặc mức tăng, giảm (thay_doi) "
            "của chỉ tiêu 'ho_kinh_doanh_moi'") in capsys.readouterr().err


def test_an_unknown_part_lists_the_parts(tmp_path, capsys):
    path = sheet_with(tmp_path, "noi_dung:\n  kinh_te: Có [doanh_nghiep_moi.nam].\n")
    assert main(["check", str(path)]) == 3
    assert ("không có phần 'nam' của chỉ tiêu; dùng: [doanh_nghiep_moi], [doanh_nghiep_moi.so], "
            "[doanh_nghiep_moi.cung_ky], [doanh_nghiep_moi.so_sanh], [doanh_nghiep_moi.ke_hoach], "
            "[doanh_nghiep_moi.ty_le]") in capsys.readouterr().err


def test_a_referenced_figure_is_marked_computed_in_the_draft(tmp_path):
    path = sheet_with(tmp_path, "noi_dung:\n  kinh_te: Đạt [doanh_nghiep_moi.ke_hoach].\n")
    view = drafting.preview_sheet(path).view
    line = next(ln for ln in view.lines if ln.text.startswith("Đạt "))
    assert [(s.text, s.computed) for s in line.segments] == [
        ("Đạt đạt ", False), ("100,51%", True), (" kế hoạch.", False)]
