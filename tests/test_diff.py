"""drafting diff: what changed between two sheets, or between the two drafts they render to."""

import io
import json

import pytest
from docx import Document
from rich.console import Console

from drafting.views.diff_view import diff_renderable
from drafting.cycle.diff import DiffError, FigureChange, SentenceChange, diff_paths, diff_sentences, split_sentences
from drafting.errors import EXIT_INVALID_SHEET, DraftingError, SheetError
from drafting.sheet.loading import load_sheet
from drafting.render.draft import render_bytes
from drafting.render.templates import resolve_template

from conftest import COMMUNE

EDITS = [  # three figures and one word of a paragraph
    ("    ho_ngheo:\n      gia_tri: 187\n", "    ho_ngheo:\n      gia_tri: 180\n"),
    ("      gia_tri: 38.6\n", "      gia_tri: 40.1\n"),
    ("    don_tiep_nhan:\n      gia_tri: 46\n", "    don_tiep_nhan:\n      gia_tri: 50\n"),
    ("bám sát cơ sở", "bám sát thôn"),
]

LABELS = ["Thu ngân sách nhà nước", "Hộ nghèo", "Tỷ lệ hộ nghèo", "Đơn thư tiếp nhận"]

# Worked out by hand: 40,1/35 = 114,57%, 40,1/31,2 = +28,53%; 180/236 = -23,73%;
# 180/9.850 = 1,83% (2,41 - 1,83 = 0,58 points); 50/58 = -13,79%.
SHEET_FIGURES = [
    FigureChange("thu_ngan_sach", "Thu ngân sách nhà nước", "tỷ đồng", "38,6", "40,1",
                 "đạt 110,29% dự toán Hội đồng nhân dân xã giao, tăng 23,72% so với cùng kỳ",
                 "đạt 114,57% dự toán Hội đồng nhân dân xã giao, tăng 28,53% so với cùng kỳ"),
    FigureChange("ho_ngheo", "Hộ nghèo", "hộ", "187", "180",
                 "giảm 20,76% so với cùng kỳ", "giảm 23,73% so với cùng kỳ"),
    FigureChange("ty_le_ho_ngheo", "Tỷ lệ hộ nghèo", "%", "1,9", "1,83",
                 "giảm 0,51 điểm phần trăm so với cùng kỳ", "giảm 0,58 điểm phần trăm so với cùng kỳ"),
    FigureChange("don_tiep_nhan", "Đơn thư tiếp nhận", "đơn", "46", "50",
                 "giảm 20,69% so với cùng kỳ", "giảm 13,79% so với cùng kỳ"),
]

# The table shows the change to last year only, without "so với cùng kỳ".
DRAFT_FIGURES = [
    FigureChange("", "Thu ngân sách nhà nước", "tỷ đồng", "38,6", "40,1", "tăng 23,72%", "tăng 28,53%"),
    FigureChange("", "Hộ nghèo", "hộ", "187", "180", "giảm 20,76%", "giảm 23,73%"),
    FigureChange("", "Tỷ lệ hộ nghèo", "%", "1,9", "1,83", "giảm 0,51 điểm phần trăm", "giảm 0,58 điểm phần trăm"),
    FigureChange("", "Đơn thư tiếp nhận", "đơn", "46", "50", "giảm 20,69%", "giảm 13,79%"),
]

SENTENCES = [
    SentenceChange(
        "phân công lãnh đạo phụ trách từng thôn, bám sát cơ sở, nắm bắt tâm tư, nguyện vọng của nhân dân.",
        "phân công lãnh đạo phụ trách từng thôn, bám sát thôn, nắm bắt tâm tư, nguyện vọng của nhân dân.",
    ),
    SentenceChange(
        "Thu ngân sách nhà nước năm 2025 ước thực hiện 38,6 tỷ đồng, đạt 110,29% dự toán Hội đồng nhân dân "
        "xã giao, tăng 23,72% so với cùng kỳ.",
        "Thu ngân sách nhà nước năm 2025 ước thực hiện 40,1 tỷ đồng, đạt 114,57% dự toán Hội đồng nhân dân "
        "xã giao, tăng 28,53% so với cùng kỳ.",
    ),
    SentenceChange(
        "Cuối năm 2025, toàn xã còn 187 hộ nghèo (giảm 20,76% so với cùng kỳ), chiếm tỷ lệ 1,9%, "
        "giảm 0,51 điểm phần trăm.",
        "Cuối năm 2025, toàn xã còn 180 hộ nghèo (giảm 23,73% so với cùng kỳ), chiếm tỷ lệ 1,83%, "
        "giảm 0,58 điểm phần trăm.",
    ),
    SentenceChange(
        # All 46 petitions were handled; of the 50 received, 46 (a clause of its own).
        "Tiếp nhận, xử lý 46 đơn, giảm 20,69% so với cùng kỳ.",
        "Tiếp nhận 50 đơn, giảm 13,79% so với cùng kỳ;",
    ),
    SentenceChange(None, "đã xử lý 46 đơn."),
]


def edited(text: str, edits) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write_draft(sheet, target):
    loaded = load_sheet(sheet)
    target.write_bytes(render_bytes(loaded, resolve_template(None, loaded.sheet.the_thuc)))
    return target


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """old.yaml (the example), new.yaml (edited), and the two drafts they render to."""
    root = tmp_path_factory.mktemp("diff")
    text = COMMUNE.read_text(encoding="utf-8")
    old, new = root / "old.yaml", root / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(edited(text, EDITS), encoding="utf-8")
    return old, new, write_draft(old, root / "old.docx"), write_draft(new, root / "new.docx")


def view_text(result, width=100) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(diff_renderable(result))
    return console.export_text()


def test_two_sheets(pair):
    old, new, _, _ = pair
    result = diff_paths(old, new)
    assert result.kind == "bang" and (result.a, result.b) == (old, new)
    assert list(result.figures) == SHEET_FIGURES
    assert list(result.sentences) == SENTENCES


def test_two_drafts(pair):
    _, _, old, new = pair
    result = diff_paths(old, new)
    assert result.kind == "ban_nhap"
    assert list(result.figures) == DRAFT_FIGURES
    assert [f.label for f in result.figures] == LABELS
    assert list(result.sentences) == SENTENCES


@pytest.mark.parametrize("which", [0, 2])
def test_identical_inputs(pair, which):
    result = diff_paths(pair[which], pair[which])
    assert result.figures == () and result.sentences == () and result.unchanged
    text = view_text(result)
    assert "Không có thay đổi." in text
    assert "Số liệu thay đổi" not in text and "Câu thay đổi" not in text


def test_json_round_trip(pair):
    old, new, _, _ = pair
    result = diff_paths(old, new)
    back = json.loads(json.dumps(result.as_json(), ensure_ascii=False))
    assert set(back) == {"a", "b", "loai", "chi_tieu", "cau"}
    assert back["a"] == str(old) and back["b"] == str(new) and back["loai"] == "bang"
    assert back["chi_tieu"][1] == {
        "ma": "ho_ngheo", "ten": "Hộ nghèo", "don_vi": "hộ", "cu": "187", "moi": "180",
        "so_sanh_cu": "giảm 20,76% so với cùng kỳ", "so_sanh_moi": "giảm 23,73% so với cùng kỳ",
    }
    assert back["cau"] == [{"cu": s.old, "moi": s.new} for s in SENTENCES]
    assert "Hộ nghèo" in json.dumps(result.as_json(), ensure_ascii=False)


def test_indicator_and_sentences_on_one_side_only(pair, tmp_path):
    old = pair[0]
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "new.yml"
    new.write_text(edited(text, [
        ("      gia_tri: 4.6\n", "      gia_tri: 4.6\n      vao_bang: false\n"),  # no change to the figure
        ("    tiep_dinh_ky:\n      gia_tri: 12\n      cung_ky: 12\n", ""),
        ("trả lời kịp thời, đúng quy định.\n",
         "trả lời kịp thời, đúng quy định.\n    - Tổ chức 2 buổi đối thoại với nhân dân.\n"),
    ]), encoding="utf-8")
    result = diff_paths(old, new)
    assert list(result.figures) == [
        FigureChange("tiep_dinh_ky", "Tiếp công dân định kỳ", "lượt người", "12", None, "bằng cùng kỳ", ""),
    ]
    # An unrelated sentence in the place of another is a removal and an addition, not a pair.
    assert list(result.sentences) == [
        SentenceChange("Người đứng đầu cấp ủy, chính quyền đã tiếp công dân định kỳ 12 lượt người, bằng cùng kỳ.",
                       None),
        SentenceChange(None, "Tổ chức 2 buổi đối thoại với nhân dân."),
    ]
    assert result.as_json()["chi_tieu"][0]["moi"] is None


def test_a_draft_edited_in_word_compares_by_text(pair, tmp_path):
    """Runs split differently, doubled spaces: the same text, so no change."""
    _, _, old, _ = pair
    document = Document(str(old))
    body = next(p for p in document.paragraphs if "bám sát cơ sở" in p.text)
    text = body.text
    for run in body.runs[1:]:
        run._r.getparent().remove(run._r)
    body.runs[0].text = text[:20]
    body.add_run(text[20:].replace(", ", ",  "))
    resaved = tmp_path / "sua-trong-word.docx"
    document.save(str(resaved))
    assert diff_paths(old, resaved).unchanged


def test_sheet_against_draft(pair):
    old, _, _, draft = pair
    with pytest.raises(DiffError) as info:
        diff_paths(old, draft)
    assert str(info.value) == (
        f"không so sánh được bảng chỉ tiêu '{old}' với bản dự thảo Word '{draft}': "
        "chỉ so sánh được hai bảng chỉ tiêu (.yaml) hoặc hai bản dự thảo Word (.docx)"
    )
    assert isinstance(info.value, DraftingError) and info.value.exit_code == EXIT_INVALID_SHEET == 3


def test_unknown_and_unreadable_files(pair, tmp_path):
    draft = pair[2]
    table = tmp_path / "so-lieu.xlsx"
    with pytest.raises(DiffError, match=r"^không so sánh được '.*so-lieu\.xlsx': chỉ so sánh được hai"):
        diff_paths(table, draft)
    fake = tmp_path / "gia.docx"
    fake.write_text("không phải Word", encoding="utf-8")
    with pytest.raises(DiffError, match=r"gia\.docx' không phải tệp Word \.docx đọc được"):
        diff_paths(draft, fake)
    with pytest.raises(DiffError, match="không tìm thấy tệp"):
        diff_paths(draft, tmp_path / "khong-co.docx")


def test_a_bad_sheet_is_a_sheet_error(pair, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited(pair[0].read_text(encoding="utf-8"), [("nam: 2025 ", "nam: hai nghìn ")]),
                   encoding="utf-8")
    with pytest.raises(SheetError) as info:
        diff_paths(pair[0], bad)
    assert [p.location.path for p in info.value.problems] == ["nam"]


def test_sentences_split_without_breaking_numbers():
    assert split_sentences("Có 4.826 hộ, tỷ lệ 0,41%. Ngày 01/7/2025 TP. Vinh có 12 xã; 3 phường.\nHết./.") == [
        "Có 4.826 hộ, tỷ lệ 0,41%.", "Ngày 01/7/2025 TP. Vinh có 12 xã;", "3 phường.", "Hết./.",
    ]
    assert split_sentences("I. KẾT QUẢ ĐẠT ĐƯỢC") == ["I. KẾT QUẢ ĐẠT ĐƯỢC"]
    assert split_sentences("1. Công tác lãnh đạo, chỉ đạo") == ["1. Công tác lãnh đạo, chỉ đạo"]


def test_replaced_sentences_pair_by_likeness():
    a = "Tiếp nhận, xử lý 46 đơn, giảm 20,69% so với cùng kỳ."
    b = "Tiếp nhận, xử lý 50 đơn, giảm 13,79% so với cùng kỳ."
    added = "Tổ chức 2 buổi đối thoại với nhân dân."
    gone = "Đã xử lý 46 đơn."
    assert diff_sentences(["Mở đầu.", a, gone, "Kết."], ["Mở đầu.", added, b, "Kết."]) == [
        SentenceChange(None, added), SentenceChange(a, b), SentenceChange(gone, None),
    ]
    assert diff_sentences([], [added]) == [SentenceChange(None, added)]
    assert diff_sentences([a], []) == [SentenceChange(a, None)]


def test_view(pair):
    old, new, _, _ = pair
    result = diff_paths(old, new)
    lines = [line.rstrip() for line in view_text(result).splitlines()]
    assert " ".join(lines[:2]).split() == ["So", "sánh", str(old), "với", str(new)]
    assert "Số liệu thay đổi" in lines and "Câu thay đổi" in lines
    header = next(line for line in lines if "Chỉ tiêu" in line)
    assert header.split() == ["Chỉ", "tiêu", "Đơn", "vị", "Cũ", "Mới", "So", "sánh", "cũ", "So", "sánh", "mới"]
    row = next(line for line in lines if "Hộ nghèo" in line and "Tỷ lệ" not in line)
    assert row.split()[:6] == ["Hộ", "nghèo", "hộ", "187", "180", "giảm"]
    assert "- Tiếp nhận, xử lý 46 đơn, giảm 20,69% so với cùng kỳ." in lines
    assert "+ Tiếp nhận 50 đơn, giảm 13,79% so với cùng kỳ;" in lines and "+ đã xử lý 46 đơn." in lines
    assert "Không có thay đổi." not in lines


def test_view_fits_80_columns(pair):
    result = diff_paths(pair[0], pair[1])
    text = view_text(result, width=80)
    assert all(len(line.rstrip()) <= 80 for line in text.splitlines())
    assert "bám sát thôn" in text and "28,53%" in text


def test_the_command_prints_json_for_machines(pair, capsys):
    from drafting.cli import main

    old, new = pair[0], pair[1]
    assert main(["diff", str(old), str(new), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["loai"] == "bang"
    assert {f["ma"] for f in out["chi_tieu"]} >= {"ho_ngheo", "thu_ngan_sach", "don_tiep_nhan"}
    assert main(["diff", str(old), str(pair[2])]) == EXIT_INVALID_SHEET
