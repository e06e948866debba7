"""`drafting lint` lists every mistake of a Word template at once, each where it is; a render with a
clerk's template runs the same check first; an expression that fails while filling is a located
template problem (exit 5), never an internal error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

import drafting
from drafting.cli import main
from drafting.render.lint import lint_template

from conftest import COMMUNE, ROOT

BUILT_INS = sorted((ROOT / "templates").glob("*.docx"))
STATE = ROOT / "templates" / "nha-nuoc.docx"
BODY_PARAGRAPHS = len(list(Document(str(STATE)).element.body.iter(qn("w:p"))))
SAFETY = "vì an toàn, mẫu chỉ được dùng dữ liệu của bảng chỉ tiêu và các bộ lọc của drafting"
STYLES_HINT = ("(drafting nhận ra các đoạn qua tên kiểu: đừng đổi tên hay xóa các kiểu có tên bắt đầu "
               "bằng “BC ”)")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def state_template_with(tmp_path: Path, *paragraphs: str, name: str = "mau.docx") -> Path:
    """The built-in state template with ``paragraphs`` added at the end of its body."""
    doc = Document(str(STATE))
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


THREE_MISTAKES = (
    "Tổng số hồ sơ năm {{ nam + }} đã giải quyết.",
    "Báo cáo của {{ co_quan_ban_hanh_ten }} gửi cấp trên.",
    "Tỷ lệ hồ sơ trực tuyến đạt {{ 68.5|phantram }} trong năm.",
)


def three_mistakes_lines(template: Path, shown: str) -> list[str]:
    n = BODY_PARAGRAPHS
    return [
        f"{shown}: đoạn {n + 1} “… số hồ sơ năm {{{{ nam + }}}} đã giải quyết.”: "
        "thẻ {{ nam + }} sai cú pháp: thiếu biểu thức",
        f"{shown}: đoạn {n + 2} “…áo của {{{{ co_quan_ban_hanh_ten }}}} gửi cấ…”: "
        "dùng biến 'co_quan_ban_hanh_ten' không có trong bảng chỉ tiêu (có phải 'co_quan_ban_hanh'?)",
        f"{shown}: đoạn {n + 3} “…tuyến đạt {{{{ 68.5|phantram }}}} trong năm.”: "
        "dùng bộ lọc 'phantram' không có (có phải 'phan_tram'?)",
    ]


# --- drafting lint --------------------------------------------------------------------------


@pytest.mark.parametrize("template", BUILT_INS, ids=lambda p: p.name)
def test_every_built_in_template_lints_clean(capsys, template):
    kind = {"nha-nuoc": "thể thức nhà nước", "dang": "thể thức Đảng", "ban-tin": "bản tin",
            "hoi-nghi": "tin hội nghị"}[template.stem]
    assert run(capsys, "lint", template) == (0, f"Mẫu {template} không có lỗi (mẫu {kind}).\n", "")


def test_built_in_templates_lint_by_name_too(capsys):
    code, out, _ = run(capsys, "lint", "nha-nuoc", "dang", "ban-tin")
    assert (code, out) == (0, "Mẫu nha-nuoc không có lỗi (mẫu thể thức nhà nước).\n"
                              "Mẫu dang không có lỗi (mẫu thể thức Đảng).\n"
                              "Mẫu ban-tin không có lỗi (mẫu bản tin).\n")


def test_three_mistakes_in_three_paragraphs_give_three_located_lines_and_exit_5(tmp_path, capsys):
    template = state_template_with(tmp_path, *THREE_MISTAKES)
    code, out, err = run(capsys, "lint", template)
    assert (code, err) == (5, "")
    assert out.splitlines() == [*three_mistakes_lines(template, str(template)), f"Mẫu {template} có 3 lỗi."]


def test_each_template_gets_its_own_lines_and_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state_template_with(tmp_path, *THREE_MISTAKES)
    code, out, _ = run(capsys, "lint", "mau.docx", STATE)
    assert code == 5
    assert out.splitlines() == [*three_mistakes_lines(tmp_path / "mau.docx", "mau.docx"), "Mẫu mau.docx có 3 lỗi.",
                                f"Mẫu {STATE} không có lỗi (mẫu thể thức nhà nước)."]


def test_an_unclosed_p_if_is_located(tmp_path, capsys):
    template = state_template_with(tmp_path, "{%p if han_che %}", "Có {{ han_che|length }} hạn chế.")
    code, out, _ = run(capsys, "lint", template)
    assert code == 5
    assert out.splitlines() == [
        f"{template}: đoạn {BODY_PARAGRAPHS + 1} “{{%p if han_che %}}”: "
        "thẻ {%p if han_che %} không được đóng (thiếu thẻ {%p endif %})",
        f"Mẫu {template} có 1 lỗi.",
    ]


def test_block_tags_are_matched_across_paragraphs(tmp_path):
    template = state_template_with(
        tmp_path, "{%p endif %}", "{%p for y in kien_nghi %}", "{{ y }}", "{% endfor %}",
        "Trước {% if nam %} giữa", "sau {% endif %}.", "{% else %}",
    )
    n = BODY_PARAGRAPHS
    assert lint_template(template).lines() == [
        f"{template}: đoạn {n + 1} “{{%p endif %}}”: thẻ {{%p endif %}} thừa: không có thẻ if nào đang mở",
        f"{template}: đoạn {n + 4} “{{% endfor %}}”: thẻ {{% endfor %}} và thẻ {{%p for y in kien_nghi %}} "
        f"(đoạn {n + 2}) phải cùng dạng: viết {{%p endfor %}}",
        f"{template}: đoạn {n + 6} “sau {{% endif %}}.”: thẻ {{% endif %}} và thẻ {{% if nam %}} (đoạn {n + 5}) "
        "phải nằm trong cùng một đoạn (muốn bao nhiều đoạn thì dùng {%p … %}, mỗi thẻ một đoạn riêng)",
        f"{template}: đoạn {n + 7} “{{% else %}}”: thẻ {{% else %}} không nằm trong thẻ if hay for nào",
    ]


def test_tags_docxtpl_cannot_place_are_named(tmp_path):
    template = state_template_with(tmp_path, "{%tr for d in bang %}", "{{ d.ten }}", "{%tr endfor %}",
                                   "{%tc for c in bang %}", "{%tc endfor %}", "Kính gửi {%p if kinh_gui %}",
                                   "{%p endif %}", "{% colspan 2 %}")
    n = BODY_PARAGRAPHS
    assert lint_template(template).lines() == [
        f"{template}: đoạn {n + 1} “{{%tr for d in bang %}}”: thẻ {{%tr for d in bang %}} phải nằm trong "
        "một hàng của bảng",
        f"{template}: đoạn {n + 3} “{{%tr endfor %}}”: thẻ {{%tr endfor %}} phải nằm trong một hàng của bảng",
        f"{template}: đoạn {n + 4} “{{%tc for c in bang %}}”: thẻ {{%tc for c in bang %}} phải nằm trong "
        "một ô của bảng",
        f"{template}: đoạn {n + 5} “{{%tc endfor %}}”: thẻ {{%tc endfor %}} phải nằm trong một ô của bảng",
        f"{template}: đoạn {n + 6} “Kính gửi {{%p if kinh_gui %}}”: đoạn có thẻ {{%p if kinh_gui %}} còn có chữ "
        "hay thẻ khác: docxtpl thay cả đoạn bằng thẻ nên chúng sẽ mất (để thẻ một mình một đoạn)",
        f"{template}: đoạn {n + 8} “{{% colspan 2 %}}”: thẻ {{% colspan 2 %}} phải nằm trong một ô của bảng",
    ]


def test_a_tag_in_a_table_cell_and_one_in_the_header_say_where_they_are(tmp_path):
    doc = Document(str(STATE))
    signature = doc.tables[-1]
    signature.cell(0, 1).paragraphs[-1].text = "{{ nguoi_ky.ho_ten|hoa }}"
    doc.sections[0].header.paragraphs[0].add_run("Trang {{ so_trang }}")
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    signer = list(doc.element.body.iter(qn("w:p"))).index(signature.cell(0, 1).paragraphs[-1]._p) + 1
    tables = len(list(doc.element.body.iter(qn("w:tbl"))))
    assert lint_template(template).lines() == [
        f"{template}: đoạn {signer} (bảng {tables}, hàng 1, ô 2) “{{{{ nguoi_ky.ho_ten|hoa }}}}”: "
        "dùng bộ lọc 'hoa' không có",
        f"{template}: đầu trang “2Trang {{{{ so_trang }}}}”: dùng biến 'so_trang' không có trong bảng chỉ tiêu",
    ]


def test_loop_variables_and_loop_are_known_inside_their_loop_only(tmp_path):
    template = state_template_with(tmp_path, "{%p for y in nhiem_vu %}", "{{ loop.index }}. {{ y }}",
                                   "{%p endfor %}", "Sau vòng lặp: {{ y }} {{ loop.index }}")
    n = BODY_PARAGRAPHS
    assert lint_template(template).lines() == [
        f"{template}: đoạn {n + 4} “Sau vòng lặp: {{{{ y }}}} {{{{ loop.index }}}}”: "
        "dùng biến 'y' không có trong bảng chỉ tiêu",
        f"{template}: đoạn {n + 4} “Sau vòng lặp: {{{{ y }}}} {{{{ loop.index }}}}”: "
        "dùng biến 'loop' không có trong bảng chỉ tiêu",
    ]


def test_a_tag_split_over_two_paragraphs_is_named(tmp_path):
    template = state_template_with(tmp_path, "Năm {{ nam", "}} xong.")
    assert lint_template(template).lines() == [
        f"{template}: đoạn {BODY_PARAGRAPHS + 1} “Năm {{{{ nam”: thẻ mở bằng “{{{{” không được đóng bằng “}}}}” "
        "trong cùng đoạn (một thẻ phải nằm trọn trong một đoạn)",
    ]


def test_a_renamed_role_style_is_missing(tmp_path, capsys):
    doc = Document(str(STATE))
    doc.styles["BC Mục"].name = "Tiêu đề mục"
    doc.styles["BC Số liệu tính toán"].name = "Số tự tính"
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    code, out, _ = run(capsys, "lint", template)
    assert code == 5
    assert out.splitlines() == [
        f"{template}: thiếu kiểu “BC Mục”, “BC Số liệu tính toán” mà mẫu thể thức nhà nước cần {STYLES_HINT}",
        f"Mẫu {template} có 1 lỗi.",
    ]


def test_a_template_without_the_results_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("Nhiệm vụ năm {{ nam + 1 }}: {{ nhiem_vu|length }}.")
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    result = lint_template(template)
    assert (result.profile, result.lines()) == (None, [
        f"{template}: mẫu không dùng biến 'ket_qua' (các mục kết quả): bản dự thảo sẽ thiếu phần này",
    ])


def test_what_the_sandbox_refuses_is_listed_by_lint_and_left_to_the_sandbox_when_rendering(tmp_path, capsys):
    tag = "{{ range(3)|list }}"
    template = state_template_with(tmp_path, f"Thêm: {tag} (hết).")
    assert lint_template(template).lines() == [
        f"{template}: đoạn {BODY_PARAGRAPHS + 1} “Thêm: {tag} (hết).”: "
        f"dùng 'range' của Jinja, không được phép ({SAFETY})",
    ]
    code, out, err = run(capsys, "render", COMMUNE, "-t", template, "-o", tmp_path / "x.docx")
    assert (code, out) == (5, "")
    assert err == (f"lỗi: mẫu {template} dùng 'range' của Jinja, không được phép ({SAFETY}), "
                   f"ở thẻ {tag} trong đoạn “Thêm: {tag} (hết).”\n")


def test_lint_of_a_file_that_is_no_docx_exits_5(tmp_path, capsys):
    not_docx = tmp_path / "mau.docx"
    not_docx.write_text("không phải Word", encoding="utf-8")
    code, out, err = run(capsys, "lint", not_docx)
    assert (code, out) == (5, "")
    assert err.startswith(f"lỗi: không mở được mẫu {not_docx}: không phải tệp Word .docx hợp lệ (")


def test_lint_needs_a_template(capsys):
    assert run(capsys, "lint") == (2, "", "lỗi: thiếu MẪU.docx...\nXem hướng dẫn: drafting lint --help\n")


# --- render runs the same check with a clerk's template --------------------------------------------


def test_render_with_the_bad_template_exits_5_listing_the_problems_and_writes_nothing(tmp_path, capsys):
    template = state_template_with(tmp_path, *THREE_MISTAKES)
    output = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "render", COMMUNE, "-t", template, "-o", output)
    assert (code, out) == (5, "")
    lines = [line.removeprefix(f"{template}: ") for line in three_mistakes_lines(template, str(template))]
    assert err.splitlines() == [f"lỗi: mẫu {template} có 3 lỗi:", *(f"  {line}" for line in lines)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.docx"]


def test_preview_and_the_library_run_the_check_too(tmp_path, capsys):
    template = state_template_with(tmp_path, *THREE_MISTAKES)
    code, out, err = run(capsys, "preview", COMMUNE, "-t", template)
    assert (code, out) == (5, "") and err.startswith(f"lỗi: mẫu {template} có 3 lỗi:\n")
    with pytest.raises(drafting.TemplateProblem, match="có 3 lỗi"):
        drafting.render_bytes(drafting.load_sheet(COMMUNE), template)


def test_a_clean_copy_of_a_built_in_template_renders_as_the_built_in_one(tmp_path):
    copy = tmp_path / "mau.docx"
    copy.write_bytes(STATE.read_bytes())
    loaded = drafting.load_sheet(COMMUNE)
    assert (drafting.read_draft(drafting.render_bytes(loaded, copy)).text()
            == drafting.read_draft(drafting.render_bytes(loaded, STATE)).text())


def test_rendering_with_a_built_in_template_does_not_load_the_checker(tmp_path):
    code = (
        "import sys\n"
        "from drafting.cli import main\n"
        f"assert main(['render', {str(COMMUNE)!r}, '-o', {str(tmp_path / 'x.docx')!r}]) == 0\n"
        "print('drafting.render.lint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.splitlines()[-1] == "False"


# --- an expression that fails while filling: exit 5, located ----------------------------------------

EXPRESSIONS = [
    ("{{ 1/0 }}", "có phép chia cho 0"),
    ("{{ 1 + 'a' }}", "có phép tính hay bộ lọc không dùng được với giá trị này (ví dụ cộng số với chữ)"),
    ("{{ nam + trich_yeu }}", "có phép tính hay bộ lọc không dùng được với giá trị này (ví dụ cộng số với chữ)"),
    ("{{ 2.0 ** 10000 }}", "có phép tính cho số quá lớn"),
    ("{{ nam|so(1, 2, 3) }}", "có phép tính hay bộ lọc không dùng được với giá trị này (ví dụ cộng số với chữ)"),
]


@pytest.mark.parametrize(("tag", "said"), EXPRESSIONS, ids=[tag for tag, _ in EXPRESSIONS])
def test_an_expression_that_fails_is_a_located_template_problem(tmp_path, capsys, tag, said):
    paragraph = f"Phép tính: {tag} (hết)."
    template = state_template_with(tmp_path, paragraph)
    output = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "render", COMMUNE, "-t", template, "-o", output)
    assert (code, out) == (5, "")
    assert err == f"lỗi: mẫu {template} {said}, ở thẻ {tag} trong đoạn “{paragraph}”\n"
    assert not output.exists()
