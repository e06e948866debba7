"""Related figures share one sentence, as the seeds write them (drafting/sheet/data/cau_gop.yaml)."""

from __future__ import annotations

import pytest

import drafting
from conftest import MINIMAL_STATE_SHEET
from drafting.report.context import build_context
from drafting.sheet.catalogue import load_catalogue
from drafting.sheet.sentence_groups import MEMBER_PARTS, SHARED_FIELDS, SentenceGroup, fields_of, load_groups

RECEIVED = ("  tiep_dan:\n    don_tiep_nhan:\n      gia_tri: 1413\n      cung_ky: 1478\n"
            "    don_da_xu_ly:\n      gia_tri: 1413\n    vu_viec_thuoc_tham_quyen:\n      gia_tri: 989\n")
SOLVED = ("  tiep_dan:\n    vu_viec_thuoc_tham_quyen:\n      gia_tri: 612\n"
          "    vu_viec_da_giai_quyet:\n      gia_tri: 587\n    ty_le_giai_quyet: {}\n")


def paragraphs(tmp_path, indicators: str, level: str = "xã", text: str = ""):
    path = tmp_path / "bang.yaml"
    sheet = MINIMAL_STATE_SHEET.replace("cap: xã", f"cap: {level}") + text + "chi_tieu:\n" + indicators
    path.write_text(sheet, encoding="utf-8")
    return [p for s in build_context(drafting.load_sheet(path))["ket_qua"] for p in s["doan"]]


def sentences_of(tmp_path, indicators: str, level: str = "xã", text: str = "") -> str:
    return " ".join(str(p) for p in paragraphs(tmp_path, indicators, level, text))


def test_two_indicators_with_one_predicate(tmp_path):
    figures = ("  kinh_te:\n    doanh_nghiep_moi:\n      gia_tri: 596\n"
               "    ho_kinh_doanh_moi:\n      gia_tri: 4036\n")
    assert sentences_of(tmp_path, figures, "thành phố") == (
        "Năm 2025, toàn thành phố có 596 doanh nghiệp và 4.036 hộ kinh doanh cá thể đăng ký thành lập mới.")


def test_each_figure_keeps_its_comparison_in_brackets(tmp_path):
    figures = ("  kinh_te:\n    doanh_nghiep_moi:\n      gia_tri: 596\n      cung_ky: 549\n"
               "    ho_kinh_doanh_moi:\n      gia_tri: 4036\n      cung_ky: 4000\n")
    # "so với cùng kỳ" is said once in the sentence: the second bracket leaves it understood.
    assert sentences_of(tmp_path, figures) == (
        "Năm 2025, toàn xã có 596 doanh nghiệp (tăng 8,56% so với cùng kỳ) và 4.036 hộ kinh doanh cá thể "
        "(tăng 0,9%) đăng ký thành lập mới.")


def test_a_figure_with_its_comparison_in_brackets_then_a_related_one(tmp_path):
    assert sentences_of(tmp_path, RECEIVED) == (
        "Tiếp nhận, xử lý 1.413 đơn (giảm 4,4% so với cùng kỳ) với 989 vụ việc thuộc thẩm quyền.")


def test_received_but_not_all_handled_is_said_as_two_clauses(tmp_path):
    figures = RECEIVED.replace("gia_tri: 1413\n    vu_viec", "gia_tri: 1400\n    vu_viec")
    assert sentences_of(tmp_path, figures) == (
        "Tiếp nhận 1.413 đơn (giảm 4,4% so với cùng kỳ) với 989 vụ việc thuộc thẩm quyền; đã xử lý 1.400 đơn.")


def test_a_rate_and_its_counts_in_one_sentence(tmp_path):
    assert sentences_of(tmp_path, SOLVED) == "Đã giải quyết 587/612 vụ việc, đạt 95,92%."


def test_the_computed_rate_stays_marked_computed(tmp_path):
    (paragraph,) = paragraphs(tmp_path, SOLVED)
    assert [s.text for s in paragraph.segments if s.computed] == ["95,92%"]


def test_received_then_solved(tmp_path):
    figures = RECEIVED.replace("gia_tri: 989", "gia_tri: 612") + SOLVED.split("\n", 3)[3]
    assert sentences_of(tmp_path, figures) == (
        "Tiếp nhận, xử lý 1.413 đơn (giảm 4,4% so với cùng kỳ) với 612 vụ việc thuộc thẩm quyền. "
        "Đã giải quyết 587/612 vụ việc, đạt 95,92%.")


def test_a_count_with_a_comparison_is_not_hidden_in_a_fraction(tmp_path):
    figures = SOLVED.replace("gia_tri: 587\n", "gia_tri: 587\n      cung_ky: 500\n")
    assert sentences_of(tmp_path, figures) == (
        "Số vụ việc khiếu nại, tố cáo thuộc thẩm quyền là 612 vụ việc, đã giải quyết 587 vụ việc "
        "(tăng 17,4% so với cùng kỳ), đạt tỷ lệ 95,92%.")


def test_the_verb_follows_the_direction_of_every_figure(tmp_path):
    down = ("  kinh_te:\n    so_ho:\n      gia_tri: 9850\n      cung_ky: 9800\n      vao_bang: false\n"
            "    ho_ngheo:\n      gia_tri: 187\n      cung_ky: 236\n    ty_le_ho_ngheo: {}\n")
    assert sentences_of(tmp_path, down) == (
        "Toàn xã có 9.850 hộ dân cư, tăng 0,51% so với cùng kỳ. Cuối năm 2025, toàn xã còn 187 hộ nghèo "
        "(giảm 20,76%), chiếm tỷ lệ 1,9%, giảm 0,51 điểm phần trăm.")
    # Fewer poor households of fewer households: the rate rose, so no "còn".
    rate_up = down.replace("gia_tri: 9850\n      cung_ky: 9800", "gia_tri: 5000\n      cung_ky: 9800")
    assert "Cuối năm 2025, toàn xã có 187 hộ nghèo (giảm 20,76%), chiếm tỷ lệ 3,74%, tăng 1,33 điểm phần trăm." in (
        sentences_of(tmp_path, rate_up))


def test_the_joint_sentence_follows_the_level(tmp_path):
    figures = ("  cai_cach_hanh_chinh:\n    ho_so_tiep_nhan:\n      gia_tri: 6420\n"
               "    ho_so_dung_han:\n      gia_tri: 6398\n    ty_le_ho_so_dung_han: {}\n")
    assert sentences_of(tmp_path, figures, "xã") == (
        "Bộ phận một cửa đã tiếp nhận 6.420 hồ sơ thủ tục hành chính, giải quyết đúng hẹn 6.398 hồ sơ, "
        "đạt tỷ lệ 99,66%.")
    assert sentences_of(tmp_path, figures, "tỉnh").startswith("Bộ phận một cửa các cấp đã tiếp nhận")


def test_a_figure_in_the_clerks_text_is_not_joined(tmp_path):
    text = "noi_dung:\n  tiep_dan:\n    - Trong năm đã thụ lý [vu_viec_thuoc_tham_quyen] thuộc thẩm quyền.\n"
    assert sentences_of(tmp_path, RECEIVED, text=text) == (
        "Trong năm đã thụ lý 989 vụ việc thuộc thẩm quyền. Tiếp nhận, xử lý 1.413 đơn, giảm 4,4% so với cùng kỳ.")


def test_a_sentence_the_clerk_wrote_is_not_joined(tmp_path):
    figures = RECEIVED.replace("gia_tri: 989\n", "gia_tri: 989\n      cau: \"Thụ lý {gia_tri}.\"\n")
    assert sentences_of(tmp_path, figures) == (
        "Tiếp nhận, xử lý 1.413 đơn, giảm 4,4% so với cùng kỳ. Thụ lý 989 vụ việc.")


def test_so_voi_cung_ky_is_not_said_in_the_next_sentence_running(tmp_path):
    figures = ("  tiep_dan:\n    tiep_dinh_ky:\n      gia_tri: 94\n      cung_ky: 204\n" + RECEIVED.split("\n", 1)[1])
    assert sentences_of(tmp_path, figures) == (
        "Người đứng đầu cấp ủy, chính quyền đã tiếp công dân định kỳ 94 lượt người, giảm 53,92% so với cùng kỳ. "
        "Tiếp nhận, xử lý 1.413 đơn (giảm 4,4%) với 989 vụ việc thuộc thẩm quyền.")


def test_every_group_names_catalogue_figures_of_one_section():
    catalogue = load_catalogue().by_code
    for group in load_groups().cau_gop:
        assert all(code in catalogue for code in group.chi_tieu), group.chi_tieu
        assert len({catalogue[code].muc for code in group.chi_tieu}) == 1, group.chi_tieu
        for sentence in filter(None, (group.cau, group.cau_khi_tang)):
            assert all(code in catalogue and part in MEMBER_PARTS for code, part in fields_of(sentence)), sentence
            assert sentence.endswith("."), sentence
        assert set(group.khi_bang) <= set(group.chi_tieu)
    assert "toan" in SHARED_FIELDS and "cac_cap" in SHARED_FIELDS


def test_an_unknown_part_is_refused():
    with pytest.raises(ValueError, match=r"phần không có: don_tiep_nhan\.tong"):
        SentenceGroup(chi_tieu=("don_tiep_nhan", "don_da_xu_ly"), cau="Tiếp nhận {don_tiep_nhan.tong}.")


def test_a_share_of_communes_as_the_seed_writes_it(tmp_path):
    figures = ("  kinh_te:\n    tong_so_xa:\n      gia_tri: 411\n    xa_dat_chuan_nong_thon_moi:\n      gia_tri: 245\n"
               "    ty_le_xa_dat_chuan_nong_thon_moi:\n      chu_so: 1\n")
    assert sentences_of(tmp_path, figures, "tỉnh") == (
        "Toàn tỉnh có 245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%.")


def test_mediation_with_comparisons_keeps_them_in_clauses(tmp_path):
    figures = ("  dan_chu_co_so:\n    vu_viec_hoa_giai:\n      gia_tri: 120\n      cung_ky: 100\n"
               "    vu_viec_hoa_giai_thanh:\n      gia_tri: 102\n    ty_le_hoa_giai_thanh: {}\n")
    assert sentences_of(tmp_path, figures) == (
        "Tổ chức hòa giải 120 vụ việc ở cơ sở (tăng 20% so với cùng kỳ), hòa giải thành 102 vụ việc, "
        "đạt tỷ lệ 85%.")
    without = figures.replace("      cung_ky: 100\n", "")
    assert sentences_of(tmp_path, without) == "Các tổ hòa giải ở cơ sở đã hòa giải thành 102/120 vụ việc, đạt 85%."


def test_a_figure_known_only_by_its_change_keeps_its_own_sentence(tmp_path):
    figures = ("  kinh_te:\n    doanh_nghiep_moi:\n      thay_doi: giảm 13,6%\n"
               "    ho_kinh_doanh_moi:\n      gia_tri: 4036\n")
    assert sentences_of(tmp_path, figures) == (
        "Doanh nghiệp đăng ký thành lập mới giảm 13,6% so với cùng kỳ. "
        "Có 4.036 hộ kinh doanh cá thể đăng ký thành lập mới.")


def test_a_qualified_figure_is_not_cut_to_its_number(tmp_path):
    figures = ("  tiep_dan:\n    vu_viec_thuoc_tham_quyen:\n      gia_tri: 612\n"
               "    vu_viec_da_giai_quyet:\n      gia_tri: 587\n      tu_truoc: hơn\n    ty_le_giai_quyet: {}\n")
    # "Đã giải quyết 587/612" would drop "hơn": the variant that says the whole figure is used.
    assert sentences_of(tmp_path, figures) == (
        "Số vụ việc khiếu nại, tố cáo thuộc thẩm quyền là 612 vụ việc, đã giải quyết hơn 587 vụ việc, "
        "đạt tỷ lệ 95,92%.")


def test_a_breakdown_is_said_whole_without_a_second_bracket(tmp_path):
    figures = RECEIVED.replace("      gia_tri: 1413\n      cung_ky: 1478\n",
                               "      gom:\n        khiếu nại: 571\n        tố cáo: 63\n", 1)
    figures = figures.replace("don_da_xu_ly:\n      gia_tri: 1413", "don_da_xu_ly:\n      gia_tri: 634")
    assert sentences_of(tmp_path, figures) == (
        "Tiếp nhận, xử lý 634 đơn (gồm: khiếu nại 571 đơn, tố cáo 63 đơn). "
        "Số vụ việc khiếu nại, tố cáo thuộc thẩm quyền là 989 vụ việc.")
