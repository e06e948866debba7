"""The news of a conference (the_thuc: hoi-nghi, template hoi-nghi), rebuilt from seed 003: Tam Điệp's
year-end conference on dân vận, 7 December 2023 (examples/tam-diep-hoi-nghi-2023.yaml).

The draft is read back from the rendered .docx: its paragraphs in the seed's order (title, lead,
attendance, a caption, the results, the discussion, a caption, the signing, a caption, the conclusion,
the requests, the name of the author), the captions in italics, the byline a name alone. The seed's
figures are counted as in tests/test_seed_examples.py (same helpers): each must be in the draft, and
raising the sheet's numbers by one must change them.
"""

from __future__ import annotations

import io
import shutil
import textwrap

import docx
import pytest
from docx.text.paragraph import Paragraph

import drafting
from drafting.cli import main
from drafting.docx import styles as S
from drafting.errors import SheetError
from docx_props import effective_para, effective_run
from test_seed_examples import Outcome, _count

from conftest import EXAMPLES, ROOT

TAM_DIEP = EXAMPLES / "tam-diep-hoi-nghi-2023.yaml"

# The seed's paragraphs in its order: the role of each and how it begins (whole, where short).
SEED_ORDER = [
    (S.NEWS_TITLE, "Hội nghị tổng kết công tác dân vận và hoạt động các Ban Chỉ đạo của Thành ủy năm 2023, "
                   "triển khai nhiệm vụ năm 2024"),
    (S.BODY, "Chiều 7-12, tại phòng hội thảo tầng 2, Nhà Văn hóa thành phố, Thành ủy tổ chức Hội nghị tổng kết "
             "công tác Dân vận"),
    (S.BODY, "Đồng chí Vũ Thành Tôn, Phó Bí thư Thường trực Thành ủy dự và chỉ đạo hội nghị; các đồng chí thành "
             "viên Ban Chỉ đạo"),
    (S.CAPTION, "Quang cảnh Hội nghị."),
    (S.BODY, "Trong năm 2023, các cấp ủy đảng, chính quyền"),
    (S.BODY, "Phong trào thi đua “Dân vận khéo” của thành phố"),
    (S.BODY, "Ban Chỉ đạo thực hiện QCDC thành phố"),
    (S.BODY, "Ban Chỉ đạo phối hợp vận động quần chúng"),
    (S.BODY, "Tại hội nghị, các đại biểu đã thảo luận"),
    (S.CAPTION, "Các đơn vị tham gia ký kết giao ước thi đua năm 2024."),
    (S.BODY, "Tại hội nghị, Ban Dân vận Thành ủy tổ chức ký kết giao ước thi đua năm 2024"),
    (S.CAPTION, "Đồng chí Vũ Thành Tôn, Phó Bí thư Thường trực Thành ủy phát biểu kết luận."),
    (S.BODY, "Kết luận hội nghị, đồng chí Phó Bí thư Thường trực Thành ủy ghi nhận"),
    (S.BODY, "Để nâng cao hiệu quả công tác dân vận trong thời gian tới, đồng chí Phó Bí thư Thường trực Thành ủy "
             "đề nghị Ban Dân vận Thành ủy tiếp tục"),
    (S.BYLINE_NAME, "Kim Dung"),
]

# Whole sentences of the seed that drafting writes from hoi_nghi.
SEED_LEAD = (
    "Chiều 7-12, tại phòng hội thảo tầng 2, Nhà Văn hóa thành phố, Thành ủy tổ chức Hội nghị tổng kết công "
    "tác Dân vận và hoạt động của các Ban Chỉ đạo thực hiện QCDC ở cơ sở, Ban Chỉ đạo phong trào thi đua "
    "“Dân vận khéo” và Ban Chỉ đạo phối hợp hoạt động VĐQC xây dựng và BVTQ thành phố năm 2023, triển khai "
    "nhiệm vụ công tác năm 2024."
)
SEED_ATTENDANCE = (
    "Đồng chí Vũ Thành Tôn, Phó Bí thư Thường trực Thành ủy dự và chỉ đạo hội nghị; các đồng chí thành viên "
    "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở; thành viên Ban Chỉ đạo phong trào thi đua “Dân vận khéo”; "
    "thành viên Ban Chỉ đạo phối hợp hoạt động VĐQC xây dựng và BVTQ thành phố; chuyên viên Ban Dân vận Tỉnh "
    "ủy; lãnh đạo Ban Dân vận Thành ủy; Văn phòng Thành ủy; các đồng chí Phó Bí thư Thường trực Đảng ủy các "
    "xã, phường dự hội nghị."
)

# (figure as the seed writes it, the figure with the words beside it in the draft), in the seed's
# order. Years, the date (7-12) and the floor ("tầng 2") are not counted (as in test_seed_examples).
TAM_DIEP_FIGURES = [
    ("25", "mới 25 mô hình"),
    ("18", "có 18 sản phẩm"),
    ("69", "tiếp nhận 69 đơn/"),
    ("68", "/68 vụ việc"),
    ("16", "chuyển sang 16 đơn"),
    ("09", "thành phố 09 đơn"),
    ("07", "cấp xã 07 đơn"),
    ("53", "trong kỳ 53 đơn"),
    ("17", "thành phố 17 đơn"),
    ("36", "cấp xã 36 đơn"),
    ("69", "tiếp nhận: 69/"),
    ("69", "/69 đơn."),
]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    loaded = drafting.load_sheet(TAM_DIEP)
    return drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))


@pytest.fixture(scope="module")
def view(rendered):
    return drafting.read_draft(rendered)


def lines(view) -> list[tuple[str, str]]:
    return [(line.style, line.text) for line in view.lines if line.text.strip()]


def test_drafting_templates_lists_the_conference_news(capsys):
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "hoi-nghi   Tin hội nghị đăng trang thông tin điện tử\n" in out
    assert out.splitlines()[-1] == "hoi-nghi   Tin hội nghị đăng trang thông tin điện tử"


def test_the_sheet_picks_the_conference_template_and_renders_without_warnings(tmp_path, capsys):
    loaded = drafting.load_sheet(TAM_DIEP)
    assert (loaded.sheet.the_thuc, loaded.warnings) == ("hoi-nghi", ())
    assert drafting.resolve_template(None, "hoi-nghi") == ROOT / "templates" / "hoi-nghi.docx"
    out = tmp_path / "tin.docx"
    assert main(["render", str(TAM_DIEP), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert out.read_bytes() == drafting.render_bytes(loaded, ROOT / "templates" / "hoi-nghi.docx")


def test_the_draft_follows_the_seeds_order(view):
    found = lines(view)
    assert len(found) == len(SEED_ORDER), found
    assert [(style, text[:len(start)]) for (style, text), (_, start) in zip(found, SEED_ORDER)] == SEED_ORDER


def test_the_lead_and_the_attendance_read_as_the_seed(view):
    found = lines(view)
    assert found[1] == (S.BODY, SEED_LEAD)
    assert found[2] == (S.BODY, SEED_ATTENDANCE)


def test_the_requests_follow_their_lead_in_one_paragraph(view):
    requests = lines(view)[-2][1]
    assert requests.startswith("Để nâng cao hiệu quả công tác dân vận trong thời gian tới, đồng chí Phó Bí thư "
                               "Thường trực Thành ủy đề nghị Ban Dân vận Thành ủy tiếp tục tham mưu cho cấp ủy")
    assert "về công tác dân vận; phát huy vai trò, trách nhiệm của cả hệ thống chính trị" in requests
    assert "; quan tâm tới đồi Ba Mào, đảm bảo giao thông, xây dựng ở xã Đông Sơn; giải quyết những việc" in requests
    assert requests.endswith("xây dựng chính quyền vững mạnh toàn diện.")


def _paragraphs(rendered: bytes) -> list[Paragraph]:
    document = docx.Document(io.BytesIO(rendered))
    return [p for p in document.paragraphs if p.text.strip()]


def _role(p: Paragraph) -> str:
    return S.ROLE_BY_NAME.get(p.style.name, "")


def test_captions_are_italic_and_centred_and_nothing_else_is(rendered):
    paragraphs = _paragraphs(rendered)
    captions = [p for p in paragraphs if _role(p) == S.CAPTION]
    assert [p.text for p in captions] == [text for style, text in SEED_ORDER if style == S.CAPTION]
    for p in paragraphs:
        italic = {bool(effective_run(p, run).get("italic")) for run in p.runs if run.text.strip()}
        assert italic == {_role(p) == S.CAPTION}, p.text[:50]
    for p in captions:
        assert effective_para(p)["alignment"] == "center", p.text
        # A caption never ends a page apart from the part it stands before.
        assert p.style.paragraph_format.keep_with_next and p.paragraph_format.keep_with_next is None, p.text


def test_the_byline_is_the_name_alone_right_aligned_and_no_closing_mark(rendered, view):
    paragraphs = _paragraphs(rendered)
    assert (paragraphs[-1].text, _role(paragraphs[-1])) == ("Kim Dung", S.BYLINE_NAME)
    assert effective_para(paragraphs[-1])["alignment"] == "right"
    assert not [line for line in view.lines if line.style == S.BYLINE_TITLE]
    assert "./." not in view.text()


# --- the seed's figures come from the sheet -------------------------------------------------


@pytest.fixture(scope="module")
def outcome() -> Outcome:
    return Outcome(TAM_DIEP, TAM_DIEP_FIGURES)


def test_at_least_95_percent_of_the_seeds_figures_are_in_the_draft(outcome):
    assert len(TAM_DIEP_FIGURES) == 12
    present = [needle for figure, needle in TAM_DIEP_FIGURES if figure in needle and _count(outcome.text, needle)]
    assert len(present) / len(TAM_DIEP_FIGURES) >= 0.95, {n for _, n in TAM_DIEP_FIGURES} - set(present)


def test_at_least_90_percent_of_the_figures_change_with_the_sheets_numbers(outcome):
    assert len(outcome.numbers) == 11
    typed = [needle for (_, needle), sources in zip(TAM_DIEP_FIGURES, outcome.sources) if not sources]
    assert (len(TAM_DIEP_FIGURES) - len(typed)) / len(TAM_DIEP_FIGURES) >= 0.90, typed


def test_each_figure_follows_its_own_number(outcome):
    sources = dict(zip((needle for _, needle in TAM_DIEP_FIGURES), outcome.sources))
    assert sources["tiếp nhận: 69/"] == [("dan_chu_co_so", "don_da_xu_ly", "gia_tri")]
    assert sources["/69 đơn."] == [("dan_chu_co_so", "don_tiep_nhan", "gia_tri")]
    assert sources["thành phố 09 đơn"] == [("dan_chu_co_so", "don_ky_truoc_thanh_pho", "gia_tri")]


# --- variants and the rules of the sheet ----------------------------------------------------

BASE = textwrap.dedent("""\
    phien_ban: 1
    nam: 2024
    the_thuc: hoi-nghi
    dia_ban: {ten: Hưng Nguyên, cap: xã}
    hoi_nghi:
      ngay: 15/1/2025
      dia_diem: hội trường Ủy ban nhân dân xã
      to_chuc: Đảng ủy xã
      ten: Hội nghị tổng kết công tác dân vận năm 2024
      chu_tri:
        - {ho_ten: Nguyễn Văn An, chuc_vu: Bí thư Đảng ủy xã}
        - {ho_ten: Trần Thị Bình, chuc_vu: Chủ tịch Ủy ban nhân dân xã}
      ket_luan: Kết luận hội nghị, đồng chí Bí thư Đảng ủy xã biểu dương các tập thể.
    noi_dung:
      lanh_dao: Công tác dân vận được quan tâm.
    nhiem_vu:
      - tăng cường đối thoại với nhân dân
      - đẩy mạnh cải cách hành chính
    tac_gia: {ho_ten: Thu Hằng}
    """)


def view_of(text: str):
    loaded = drafting.parse_sheet(text)
    return drafting.read_draft(drafting.render_bytes(loaded, drafting.resolve_template(None, "hoi-nghi")))


def test_a_conference_of_two_officials_without_a_part_of_the_day_and_with_the_default_lead_in():
    assert lines(view_of(BASE)) == [
        (S.NEWS_TITLE, "Hội nghị tổng kết công tác dân vận năm 2024"),
        (S.BODY, "Ngày 15-1, tại hội trường Ủy ban nhân dân xã, Đảng ủy xã tổ chức Hội nghị tổng kết công tác "
                 "dân vận năm 2024."),
        (S.BODY, "Đồng chí Nguyễn Văn An, Bí thư Đảng ủy xã và đồng chí Trần Thị Bình, Chủ tịch Ủy ban nhân dân "
                 "xã chủ trì hội nghị."),
        (S.BODY, "Công tác dân vận được quan tâm."),
        (S.BODY, "Kết luận hội nghị, đồng chí Bí thư Đảng ủy xã biểu dương các tập thể."),
        (S.BODY, "Để nâng cao hiệu quả công tác dân vận trong thời gian tới, đồng chí Bí thư Đảng ủy xã đề nghị "
                 "tăng cường đối thoại với nhân dân; đẩy mạnh cải cách hành chính."),
        (S.BYLINE_NAME, "Thu Hằng"),
    ]


def test_numbered_requests():
    text = BASE.replace("  ket_luan:", "  danh_so_de_nghi: true\n  ket_luan:")
    assert lines(view_of(text))[-4:] == [
        (S.BODY, "Để nâng cao hiệu quả công tác dân vận trong thời gian tới, đồng chí Bí thư Đảng ủy xã đề nghị:"),
        (S.BODY, "Một là, tăng cường đối thoại với nhân dân;"),
        (S.BODY, "Hai là, đẩy mạnh cải cách hành chính."),
        (S.BYLINE_NAME, "Thu Hằng"),
    ]


def problems_of(text: str) -> list[str]:
    with pytest.raises(SheetError) as info:
        drafting.parse_sheet(text)
    return [f"{p.location.path}: {p.message}" for p in info.value.problems]


def test_the_conference_block_goes_with_its_profile_and_the_profile_needs_it():
    assert problems_of(BASE.replace("the_thuc: hoi-nghi", "the_thuc: ban-tin")) == [
        "hoi_nghi: hoi_nghi chỉ dùng với thể thức 'hoi-nghi' (tin hội nghị): bỏ hoi_nghi, hoặc sửa the_thuc "
        "thành hoi-nghi"]
    without = TAM_DIEP.read_text(encoding="utf-8")
    without = without[:without.index("hoi_nghi:\n")] + without[without.index("# Kết quả năm 2023"):]
    assert problems_of(without) == [
        "hoi_nghi: thiếu hoi_nghi (ngay, dia_diem, to_chuc, ten, chu_tri): bắt buộc với thể thức 'hoi-nghi'"]
    assert problems_of(BASE.replace("tac_gia: {ho_ten: Thu Hằng}\n", "")) == [
        "tac_gia: thiếu tác giả (ho_ten, có thể thêm chuc_danh) hoặc nguồn bài (nguon): bắt buộc với thể thức "
        "'hoi-nghi'"]


@pytest.mark.parametrize("change, expected", [
    (("  to_chuc:", "  vai_tro_x: chủ trì\n  to_chuc:"),
     "hoi_nghi.vai_tro_x: khóa không có trong bảng chỉ tiêu (có phải 'vai_tro'?)"),
    (("  ngay: 15/1/2025", "  ngay: 15/1/2025\n  buoi: đêm"),
     "hoi_nghi.buoi: phải là một trong: 'sáng', 'trưa', 'chiều', 'tối'"),
    (("biểu dương các tập thể.", "biểu dương [khong_co]."),
     "hoi_nghi.ket_luan: không có chỉ tiêu 'khong_co' trong chi_tieu của bảng"),
])
def test_a_mistake_in_the_conference_block_is_located(change, expected):
    assert problems_of(BASE.replace(*change)) == [expected]


def test_a_copy_of_the_conference_template_is_known_as_one(tmp_path, capsys):
    copy = tmp_path / "tin-hoi-nghi.docx"
    shutil.copy(ROOT / "templates" / "hoi-nghi.docx", copy)
    assert main(["render", str(EXAMPLES / "vinh-2022.yaml"), "-t", str(copy), "-o", str(tmp_path / "x.docx")]) == 5
    assert capsys.readouterr().err == (
        f"lỗi: bảng chỉ tiêu có thể thức 'ban-tin' nhưng mẫu '{copy}' là mẫu tin hội nghị (dùng biến hoi_nghi của "
        "tin hội nghị): dùng một mẫu bản tin (bỏ -t để dùng mẫu có sẵn 'ban-tin'), hoặc sửa the_thuc\n")
    assert main(["render", str(TAM_DIEP), "-t", str(copy), "-o", str(tmp_path / "y.docx")]) == 0


def test_the_web_preview_shows_the_captions(rendered):
    from drafting.web.draft_html import draft_html

    html = str(draft_html(drafting.read_draft(rendered)))
    assert '<p class="BCChuThichAnh">Quang cảnh Hội nghị.</p>' in html
    assert '<p class="BCTacGia">Kim Dung</p>' in html


def test_a_blank_conference_sheet_asks_for_the_conference(tmp_path):
    out = tmp_path / "tin.yaml"
    result = drafting.new_sheet(out, profile="hoi-nghi", level="thành phố", year=2024)
    assert {"hoi_nghi.ngay", "hoi_nghi.dia_diem", "hoi_nghi.to_chuc", "hoi_nghi.ten", "hoi_nghi.chu_tri[0].ho_ten",
            "hoi_nghi.chu_tri[0].chuc_vu", "tac_gia.ho_ten"} <= set(result.to_fill)
    assert "the_thuc: hoi-nghi" in out.read_text(encoding="utf-8")


def test_next_years_sheet_moves_the_conference_on_and_keeps_what_was_said_as_comments(tmp_path):
    out = tmp_path / "2024.yaml"
    drafting.new_sheet(out, from_sheet=TAM_DIEP)
    text = out.read_text(encoding="utf-8")
    assert "  ngay: 2024-12-07           # ngày dự kiến: sửa lại cho đúng\n" in text
    assert "  #   - Kết luận hội nghị, đồng chí Phó Bí thư Thường trực Thành ủy ghi nhận và đánh giá\n" in text
    assert "    # Năm 2023:\n    #   Quang cảnh Hội nghị.\n    ket_qua:\n" in text
    conference = drafting.load_sheet(out).sheet.hoi_nghi
    assert conference is not None and conference.ten.endswith("BVTQ thành phố năm 2024, triển khai nhiệm vụ công "
                                                              "tác năm 2025")
    assert (conference.thao_luan, conference.su_kien, conference.ket_luan, conference.anh.ket_qua) == ([], [], [], [])
    assert [person.ho_ten for person in conference.chu_tri] == ["Vũ Thành Tôn"] and len(conference.dai_bieu) == 7
