"""Generated sentences read as a careful clerk writes them: each rule with its exact Vietnamese."""

from __future__ import annotations

import json
import re

import pytest

import drafting
from conftest import EXAMPLES, MINIMAL_STATE_SHEET
from drafting.cli import main
from drafting.lang import lower_first, without_repeats
from drafting.lang.phrase import Phrase
from drafting.report.context import build_context


def sentences_of(tmp_path, indicators: str, level: str = "xã") -> str:
    path = tmp_path / "bang.yaml"
    text = MINIMAL_STATE_SHEET.replace("cap: xã", f"cap: {level}") + "chi_tieu:\n" + indicators
    path.write_text(text, encoding="utf-8")
    context = build_context(drafting.load_sheet(path))
    return " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])


def test_the_whole_area_is_named_by_its_level(tmp_path):
    figures = "  kinh_te:\n    so_ho:\n      gia_tri: 9850\n"
    assert sentences_of(tmp_path, figures, "xã") == "Toàn xã có 9.850 hộ dân cư."
    assert sentences_of(tmp_path, figures, "tỉnh") == "Toàn tỉnh có 9.850 hộ dân cư."


def test_cac_cap_only_where_there_are_levels_below(tmp_path):
    figures = "  cai_cach_hanh_chinh:\n    ho_so_tiep_nhan:\n      gia_tri: 6420\n"
    assert sentences_of(tmp_path, figures, "xã") == "Bộ phận một cửa đã tiếp nhận 6.420 hồ sơ thủ tục hành chính."
    assert sentences_of(tmp_path, figures, "tỉnh") == (
        "Bộ phận một cửa các cấp đã tiếp nhận 6.420 hồ sơ thủ tục hành chính.")


def test_con_only_with_a_decrease(tmp_path):
    down = "  kinh_te:\n    ho_ngheo:\n      gia_tri: 187\n      cung_ky: 236\n"
    up = "  kinh_te:\n    ho_ngheo:\n      gia_tri: 236\n      cung_ky: 187\n"
    assert sentences_of(tmp_path, down) == "Cuối năm 2025, toàn xã còn 187 hộ nghèo, giảm 20,76% so với cùng kỳ."
    assert sentences_of(tmp_path, up) == "Cuối năm 2025, toàn xã có 236 hộ nghèo, tăng 26,2% so với cùng kỳ."


def test_a_rate_against_a_rate_target_is_in_points(tmp_path):
    figures = ("  cai_cach_hanh_chinh:\n    ty_le_ho_so_truc_tuyen:\n      gia_tri: 52.3\n"
               "      ke_hoach: 50\n      cung_ky: 38.7\n")
    assert sentences_of(tmp_path, figures) == (
        "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt 52,3%, vượt 2,3 điểm phần trăm so với kế hoạch, "
        "tăng 13,6 điểm phần trăm so với cùng kỳ.")
    below = figures.replace("ke_hoach: 50", "ke_hoach: 55")
    assert "đạt 52,3%, thấp hơn kế hoạch 2,7 điểm phần trăm," in sentences_of(tmp_path, below)


def test_a_change_is_computed_from_the_figures_as_printed(tmp_path):
    # 1,514% -> 1,536% prints as 1,51 -> 1,54: the sentence says 0,03, as the table shows.
    figures = "  kinh_te:\n    ty_le_ho_ngheo:\n      gia_tri: 1.536\n      cung_ky: 1.514\n"
    assert sentences_of(tmp_path, figures) == "Tỷ lệ hộ nghèo là 1,54%, tăng 0,03 điểm phần trăm so với cùng kỳ."


def test_received_and_handled_do_not_contradict(tmp_path):
    figures = "  tiep_dan:\n    don_tiep_nhan:\n      gia_tri: 1613\n      cung_ky: 1847\n    don_da_xu_ly:\n      gia_tri: 1587\n"
    assert sentences_of(tmp_path, figures) == "Tiếp nhận 1.613 đơn, giảm 12,67% so với cùng kỳ; đã xử lý 1.587 đơn."
    # "Tiếp nhận, xử lý" only where every petition received was handled.
    handled = figures.replace("gia_tri: 1587", "gia_tri: 1613")
    assert sentences_of(tmp_path, handled) == "Tiếp nhận, xử lý 1.613 đơn, giảm 12,67% so với cùng kỳ."


def test_so_voi_cung_ky_is_not_said_in_two_sentences_running():
    sentences = [Phrase([s]) for s in ("A tăng 5% so với cùng kỳ.", "B giảm 3% so với cùng kỳ.",
                                       "C tăng 2% so với cùng kỳ.", "D bằng 100%.", "E tăng 1% so với cùng kỳ.")]
    assert [str(s) for s in without_repeats(sentences)] == [
        "A tăng 5% so với cùng kỳ.", "B giảm 3%.", "C tăng 2% so với cùng kỳ.", "D bằng 100%.",
        "E tăng 1% so với cùng kỳ."]


@pytest.mark.parametrize(("task", "expected"), [
    ("Ban Dân vận Thành ủy tiếp tục tham mưu", "Ban Dân vận Thành ủy tiếp tục tham mưu"),
    ("Ủy ban nhân dân xã tăng cường đối thoại", "Ủy ban nhân dân xã tăng cường đối thoại"),
    ("Mặt trận Tổ quốc các cấp giám sát", "Mặt trận Tổ quốc các cấp giám sát"),
    ("Ban hành kế hoạch thực hiện", "ban hành kế hoạch thực hiện"),
    ("Tiếp tục quán triệt các văn bản", "tiếp tục quán triệt các văn bản"),
    ("UBND xã duy trì tiếp công dân", "UBND xã duy trì tiếp công dân"),
])
def test_a_task_keeps_the_capital_of_a_proper_noun(task, expected):
    assert lower_first(task) == expected


def test_none_of_the_thirty_communes_has_the_defects(tmp_path, capsys):
    folder = EXAMPLES / "nghe-an-2025" / "dia-ban"
    assert main(["bulk", str(folder), "-o", str(tmp_path), "-q", "-j", "1"]) == 0
    capsys.readouterr()
    records = json.loads((tmp_path / "bang-ke.json").read_text(encoding="utf-8"))
    assert len(records) == 30
    all_handled = 0
    for record in records:
        text = drafting.read_draft(tmp_path / record["tep"]).text()
        sheet = drafting.load_sheet(folder / record["tep"].replace(".docx", ".yaml"))
        figures = {ind.code: ind.value for ind in sheet.indicators}
        assert not re.search(r"iếp nhận, xử lý[^\n]*[Đđ]ã xử lý", text), record["tep"]
        if figures["don_da_xu_ly"] == figures["don_tiep_nhan"]:
            all_handled += 1
            assert f"Tiếp nhận, xử lý {figures['don_tiep_nhan']} đơn" in text, record["tep"]
        else:
            assert "Tiếp nhận, xử lý" not in text, record["tep"]
            assert f"; đã xử lý {figures['don_da_xu_ly']} đơn." in text, record["tep"]
        assert "toàn địa bàn" not in text, record["tep"]
        assert "các cấp" not in text, record["tep"]  # a commune or ward has no level below it
        for sentence in text.split(". "):
            assert not re.search(r"\bcòn\b.*\btăng \d", sentence), sentence
            assert not re.search(r"\bđạt [\d.,]+[^,;]*, đạt [\d.,]+%", sentence), sentence
    assert 0 < all_handled < 30  # both wordings are read
