"""A sheet is never filled into a template of another profile: a Party sheet under a state header, a
report in the bulletin template. Built-in templates are known by name; a clerk's template by its
tags, its role styles or the built-in template it was copied from. Whatever goes wrong filling a
template is said in Vietnamese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

import drafting
from drafting.cli import main
from drafting.render.profiles import BULLETIN

from conftest import COMMUNE, PARTY, ROOT, VINH

TEMPLATES = ROOT / "templates"
SHEETS = {"nha-nuoc": COMMUNE, "dang": PARTY, "ban-tin": VINH,
          "hoi-nghi": ROOT / "examples" / "tam-diep-hoi-nghi-2023.yaml"}
KINDS = {"nha-nuoc": "thể thức nhà nước", "dang": "thể thức Đảng", "ban-tin": "bản tin", "hoi-nghi": "tin hội nghị"}
MISMATCHES = [(sheet, template) for sheet in SHEETS for template in SHEETS if sheet != template]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def custom_message(sheet: str, template: str, theirs: str, why: str) -> str:
    return (f"lỗi: bảng chỉ tiêu có thể thức '{sheet}' nhưng mẫu '{template}' là mẫu {KINDS[theirs]} ({why}): "
            f"dùng một mẫu {KINDS[sheet]} (bỏ -t để dùng mẫu có sẵn '{sheet}'), hoặc sửa the_thuc\n")


@pytest.mark.parametrize(("sheet", "template"), MISMATCHES, ids=[f"{s}-vs-{t}" for s, t in MISMATCHES])
def test_a_built_in_template_of_another_profile_is_refused(tmp_path, capsys, sheet, template):
    output = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "render", SHEETS[sheet], "-t", template, "-o", output)
    assert (code, out) == (5, "")
    assert err == (f"lỗi: bảng chỉ tiêu có thể thức '{sheet}' nhưng mẫu '{template}' là mẫu {KINDS[template]}: "
                   f"bỏ -t để dùng mẫu '{sheet}', hoặc sửa the_thuc\n")
    assert not output.exists()


def test_the_party_sheet_with_the_state_template_says_so_exactly(tmp_path, capsys):
    code, _, err = run(capsys, "render", PARTY, "-t", "nha-nuoc", "-o", tmp_path / "x.docx")
    assert (code, err) == (5, "lỗi: bảng chỉ tiêu có thể thức 'dang' nhưng mẫu 'nha-nuoc' là mẫu thể thức nhà "
                              "nước: bỏ -t để dùng mẫu 'dang', hoặc sửa the_thuc\n")


def test_preview_refuses_it_too(capsys):
    code, out, err = run(capsys, "preview", COMMUNE, "-t", "ban-tin")
    assert (code, out) == (5, "")
    assert err == ("lỗi: bảng chỉ tiêu có thể thức 'nha-nuoc' nhưng mẫu 'ban-tin' là mẫu bản tin: "
                   "bỏ -t để dùng mẫu 'nha-nuoc', hoặc sửa the_thuc\n")


def test_the_same_profile_by_name_still_renders(tmp_path, capsys):
    for profile, sheet in SHEETS.items():
        code, _, _ = run(capsys, "render", sheet, "-t", profile, "-o", tmp_path / f"{profile}.docx")
        assert code == 0


def test_a_copy_of_the_party_template_is_known_by_its_document_number_tag(tmp_path, capsys):
    copy = tmp_path / "mau-rieng.docx"
    shutil.copy(TEMPLATES / "dang.docx", copy)
    output = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "render", COMMUNE, "-t", copy, "-o", output)
    assert (code, out) == (5, "")
    assert err == custom_message("nha-nuoc", str(copy), "dang", "có thẻ so_hieu('dang')")
    assert not output.exists()
    assert run(capsys, "render", PARTY, "-t", copy, "-o", output)[0] == 0


def test_a_copy_of_the_bulletin_is_known_by_its_author(tmp_path, capsys):
    copy = tmp_path / "tin.docx"
    shutil.copy(TEMPLATES / "ban-tin.docx", copy)
    code, _, err = run(capsys, "render", PARTY, "-t", copy, "-o", tmp_path / "x.docx")
    assert (code, err) == (5, custom_message("dang", str(copy), "ban-tin", "dùng biến tac_gia của bản tin"))


def test_a_party_template_without_its_number_tag_is_known_by_its_star_style(tmp_path, capsys):
    doc = Document(str(TEMPLATES / "dang.docx"))
    for paragraph in doc.tables[0].rows[1].cells[0].paragraphs:
        if "so_hieu" in paragraph.text:
            paragraph.text = "Số 15-BC/BDVTU"
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    code, _, err = run(capsys, "render", COMMUNE, "-t", template, "-o", tmp_path / "x.docx")
    assert (code, err) == (5, custom_message("nha-nuoc", str(template), "dang", "dùng kiểu “BC Dấu sao”"))


def test_a_template_with_nothing_else_to_tell_is_known_by_the_built_in_it_was_copied_from(tmp_path, capsys):
    doc = Document()
    doc.core_properties.title = f"Mẫu {BULLETIN.label}"
    for text in ("{%p for muc in ket_qua %}", "{{ muc.tieu_de }}", "{%p endfor %}", "{{ nhiem_vu|length }}"):
        doc.add_paragraph(text)
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    code, _, err = run(capsys, "render", COMMUNE, "-t", template, "-o", tmp_path / "x.docx")
    assert (code, err) == (5, custom_message("nha-nuoc", str(template), "ban-tin", "sao từ mẫu có sẵn 'ban-tin'"))


def test_an_empty_part_of_the_sheet_read_by_a_template_is_said_in_vietnamese(tmp_path, capsys):
    doc = Document()  # nothing tells its profile: it is filled, and fails on the bulletin's empty signer
    for text in ("{%p for muc in ket_qua %}", "{{ muc.tieu_de }}", "{%p endfor %}",
                 "Nhiệm vụ: {{ nhiem_vu|length }}; người ký: {{ nguoi_ky.ho_ten }}"):
        doc.add_paragraph(text)
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    output = tmp_path / "x.docx"
    code, out, err = run(capsys, "render", VINH, "-t", template, "-o", output)
    assert (code, out) == (5, "")
    assert err == (f"lỗi: mẫu {template} đọc 'ho_ten' của một mục để trống trong bảng chỉ tiêu (mẫu có hợp với "
                   "thể thức của bảng chỉ tiêu không?), ở thẻ {{ nguoi_ky.ho_ten }} trong đoạn "
                   "“Nhiệm vụ: {{ nhiem_vu|length }}; người ký: {{ nguoi_ky.ho_ten }}”\n")
    assert not output.exists()


def test_the_library_refuses_and_a_profile_left_unknown_refuses_nothing(tmp_path):
    with pytest.raises(drafting.TemplateProblem, match=r"^bảng chỉ tiêu có thể thức 'ban-tin' nhưng mẫu 'dang'"):
        drafting.render_draft(VINH, tmp_path / "x.docx", template="dang")
    assert not (tmp_path / "x.docx").exists()
    assert drafting.resolve_template("dang", "") == TEMPLATES / "dang.docx"


def test_bulk_with_a_template_of_another_profile_fails_each_locality(tmp_path, capsys):
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / "hung-nguyen.yaml")
    code, _, err = run(capsys, "bulk", folder, "-o", tmp_path / "ra", "-t", "dang", "-q")
    assert code == 4
    assert err.splitlines()[1] == ("  bảng chỉ tiêu có thể thức 'nha-nuoc' nhưng mẫu 'dang' là mẫu thể thức Đảng: "
                                   "bỏ -t để dùng mẫu 'nha-nuoc', hoặc sửa the_thuc")
    assert not list(Path(tmp_path / "ra").glob("*.docx"))
