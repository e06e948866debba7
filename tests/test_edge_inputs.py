"""Inputs at the edges (numbers no report can hold, very long titles, templates without a page
size, files that are not drafts, deeply nested YAML, a dying bulk worker): each ends in a
Vietnamese message and a documented exit code, never in an internal error."""

from __future__ import annotations

import os
import zipfile
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

import docx
import pytest
import ruamel.yaml
from conftest import COMMUNE, EXAMPLES, ROOT, VINH
from docx.oxml.ns import qn
from docx.shared import Emu, Mm
from hypothesis import settings

import drafting
from drafting import lang as vi
from drafting.bulk import run as bulk_run
from drafting.cli import main
from drafting.docx import readback
from drafting.docx.layout import StyleFacts
from drafting.errors import EXIT_DRAFT, EXIT_INVALID_SHEET, EXIT_OK, EXIT_OUTPUT, DraftingError, OutputError, SheetError
from drafting.lang import numbers
from drafting.sheet import yaml_source

NOT_FINITE = "phải là số hữu hạn"
TOO_LARGE = "số quá lớn (tối đa 15 chữ số"


def _sheet_with(tmp_path, old: str, new: str, source=COMMUNE, name="bang.yaml"):
    """A copy of ``source`` with the one line ``old`` replaced; the path and that line's number."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.rstrip("\n") == old]
    lines[index] = new + "\n"
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path, index + 1


# 1. Numbers: finite, and below 10^15 in absolute value, wherever a number goes.

BAD_NUMBERS = [
    (".nan", NOT_FINITE),
    (".inf", NOT_FINITE),
    ("-.inf", NOT_FINITE),
    ("1e300", TOO_LARGE),
    ("123456789012345678901234567", TOO_LARGE),
    ('"1.000.000.000.000.000"', TOO_LARGE),
    ("-1000000000000000", TOO_LARGE),
]
FIGURE_LINES = {"gia_tri": "      gia_tri: 38.6", "cung_ky": "      cung_ky: 31.2", "ke_hoach": "      ke_hoach: 35"}


@pytest.mark.parametrize("command", ["check", "render"])
@pytest.mark.parametrize("key", sorted(FIGURE_LINES))
@pytest.mark.parametrize(("value", "message"), BAD_NUMBERS, ids=[v for v, _ in BAD_NUMBERS])
def test_a_number_no_report_can_hold_exits_3_with_a_located_message(
        tmp_path, capsys, command, key, value, message):
    sheet, line = _sheet_with(tmp_path, FIGURE_LINES[key], f"      {key}: {value}")
    out = tmp_path / "ra.docx"
    args = ["check", str(sheet)] if command == "check" else ["render", str(sheet), "-o", str(out)]
    assert main(args) == EXIT_INVALID_SHEET
    err = capsys.readouterr().err
    column = 7 + len(f"{key}: ")  # at the value, not its key
    assert f"lỗi: {sheet}:{line}:{column} chi_tieu.kinh_te.thu_ngan_sach.{key}: {message}" in err
    assert "Lỗi nội bộ" not in err and "Input should" not in err
    assert not out.exists()


def test_a_stated_change_too_large_exits_3(tmp_path, capsys):
    sheet, line = _sheet_with(tmp_path, FIGURE_LINES["cung_ky"], "      thay_doi: tăng 10000000000000000%")
    assert main(["check", str(sheet)]) == EXIT_INVALID_SHEET
    assert f"{sheet}:{line}:17 chi_tieu.kinh_te.thu_ngan_sach.thay_doi: {TOO_LARGE}" in capsys.readouterr().err


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("  so:                        # để trống cho văn thư điền số", "  so: .nan", "so_van_ban.so", NOT_FINITE),
    ("  so:                        # để trống cho văn thư điền số", "  so: 1e300", "so_van_ban.so", TOO_LARGE),
    ("nam: 2025                    # năm báo cáo", "nam: .inf", "nam", NOT_FINITE),
], ids=["so-nan", "so-1e300", "nam-inf"])
def test_whole_number_keys_refuse_what_no_sheet_holds_in_vietnamese(tmp_path, capsys, old, new, where, message):
    sheet, line = _sheet_with(tmp_path, old, new)
    assert main(["check", str(sheet)]) == EXIT_INVALID_SHEET
    err = capsys.readouterr().err
    assert f"{sheet}:{line}:" in err and f"{where}: {message}" in err
    assert "Input should" not in err


def test_the_largest_figure_and_a_tiny_last_year_still_render(tmp_path, capsys):
    text = COMMUNE.read_text(encoding="utf-8")
    text = text.replace("      gia_tri: 38.6\n", '      gia_tri: "999.999.999.999.999,99"\n')
    text = text.replace("      cung_ky: 31.2\n", "      cung_ky: 1e-300\n")
    text = text.replace("      ke_hoach: 35\n", '      ke_hoach: "0,000000000000000000000000000001"\n')
    sheet = tmp_path / "bien.yaml"
    sheet.write_text(text, encoding="utf-8")
    out = tmp_path / "bien.docx"
    assert main(["render", str(sheet), "-o", str(out)]) == EXIT_OK
    body = drafting.read_draft(out).text()
    assert "999.999.999.999.999,99 tỷ đồng" in body
    # Changes are computed from the figures as printed: a last year of 1e-300 prints as 0,
    # and a change against 0 is not stated (nor a plan that prints as 0).
    assert "so với cùng kỳ" not in body.split("999.999.999.999.999,99 tỷ đồng")[1].split(".")[0]


def test_sheet_number_is_the_one_bound():
    assert numbers.sheet_number(10**15 - 1) == Decimal(999999999999999)
    assert numbers.sheet_number(-6044.8) == Decimal("-6044.8")
    for value in (10**15, -(10**15), 1e15, Decimal("1E+27")):
        with pytest.raises(numbers.NumberRangeError, match="số quá lớn"):
            numbers.sheet_number(value)
    for value in (float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")):
        with pytest.raises(numbers.NumberRangeError, match=NOT_FINITE):
            numbers.sheet_number(value)
    with pytest.raises(numbers.NumberRangeError):
        vi.parse_number("1.000.000.000.000.000")
    assert vi.parse_number("999.999.999.999.999,99") == Decimal("999999999999999.99")


def test_formatting_never_runs_out_of_precision():
    # Figures stay below 10^15, but a ratio to a tiny last year's figure does not.
    assert vi.format_number(Decimal("123456789012345678901234567.891")) == "123.456.789.012.345.678.901.234.567,89"
    assert vi.format_number(Decimal("1E+40"), 0) == "10" + ".000" * 13
    assert vi.format_percent(Decimal(10**15) / Decimal("1E-300") * 100).startswith("100.000.000.")
    assert vi.round_half_up(Decimal("50.125"), 40) == Decimal("50.125")
    assert vi.change_short(Decimal("999999999999999"), Decimal("1E-30"), vi.KIND_AMOUNT) is not None


# 2. Core properties are cut to 255 characters; the document's text keeps them whole.

def test_a_long_subject_is_cut_in_the_core_properties_and_whole_in_the_body(tmp_path):
    subject = ("Kết quả công tác dân vận chính quyền năm 2025 và việc thực hiện quy chế dân chủ ở cơ sở "
               * 4)[:300].strip()
    assert len(subject) > 290
    issuer = "Ủy ban nhân dân xã Hưng Nguyên" + " Hưng Nguyên" * 25
    text = COMMUNE.read_text(encoding="utf-8")
    text = text.replace("trich_yeu: Kết quả công tác dân vận chính quyền năm 2025", f"trich_yeu: {subject}")
    text = text.replace("  ten: Ủy ban nhân dân xã Hưng Nguyên     #", f"  ten: {issuer} #")
    sheet = tmp_path / "dai.yaml"
    sheet.write_text(text, encoding="utf-8")
    out = tmp_path / "dai.docx"
    assert main(["render", str(sheet), "-o", str(out)]) == EXIT_OK
    core = docx.Document(str(out)).core_properties
    for value in (core.title, core.subject, core.author, core.last_modified_by):
        assert len(value) <= 255
    assert core.title.endswith("…") and subject.startswith(core.title[:-1])
    assert subject in drafting.read_draft(out).text()


def test_a_short_title_is_kept_as_it_is(tmp_path):
    out = tmp_path / "vinh.docx"
    assert main(["render", str(VINH), "-o", str(out)]) == EXIT_OK
    assert docx.Document(str(out)).core_properties.title == drafting.load_sheet(VINH).sheet.subject


# 3. A template without a page size (or margins, or section properties) is taken as A4.

def _template_without(tmp_path, *tags: str, whole_section: bool = False):
    document = docx.Document(str(ROOT / "templates" / "nha-nuoc.docx"))
    for section in list(document.element.body.iter(qn("w:sectPr"))):
        if whole_section:
            section.getparent().remove(section)
            continue
        for tag in tags:
            for child in section.findall(qn(tag)):
                section.remove(child)
    path = tmp_path / "mau.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(("tags", "whole_section"), [
    (("w:pgSz",), False), (("w:pgMar",), False), (("w:pgSz", "w:pgMar"), False), ((), True),
], ids=["no-pgSz", "no-pgMar", "neither", "no-sectPr"])
def test_a_template_without_a_page_size_renders_on_a4(tmp_path, capsys, tags, whole_section):
    template = _template_without(tmp_path, *tags, whole_section=whole_section)
    out = tmp_path / "ra.docx"
    assert main(["render", str(COMMUNE), "-t", str(template), "-o", str(out)]) == EXIT_OK, capsys.readouterr().err
    expected = drafting.read_draft(drafting.render_bytes(
        drafting.load_sheet(COMMUNE), drafting.resolve_template(None, "nha-nuoc"))).text()
    assert drafting.read_draft(out).text() == expected


def test_the_page_width_falls_back_to_a4_with_the_templates_own_margins(tmp_path):
    template = _template_without(tmp_path, "w:pgSz")
    original = docx.Document(str(ROOT / "templates" / "nha-nuoc.docx")).sections[-1]
    facts = StyleFacts.of(docx.Document(str(template)))
    expected = Emu(Mm(210) - original.left_margin - original.right_margin).pt
    assert facts.page_text_width_pt == pytest.approx(expected)


# 4. read_draft raises drafting's own error, in Vietnamese, for what is not a draft.

def _not_drafts(tmp_path) -> dict:
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải tệp Word", encoding="utf-8")
    plain_zip = tmp_path / "nen.docx"
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("a.txt", "x")
    whole = (ROOT / "templates" / "nha-nuoc.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    return {"text": text, "zip": plain_zip, "cut": cut, "folder": tmp_path}


def test_read_draft_of_a_missing_file_says_so(tmp_path):
    missing = tmp_path / "khong-co.docx"
    with pytest.raises(readback.DraftReadError) as caught:
        drafting.read_draft(missing)
    assert isinstance(caught.value, DraftingError) and caught.value.exit_code == EXIT_DRAFT
    assert str(caught.value) == f"không tìm thấy tệp '{missing}'"


@pytest.mark.parametrize("kind", ["text", "zip", "cut", "folder"])
def test_read_draft_of_a_file_that_is_not_a_docx_says_so(tmp_path, kind):
    path = _not_drafts(tmp_path)[kind]
    with pytest.raises(DraftingError) as caught:
        drafting.read_draft(path)
    assert isinstance(caught.value, readback.DraftReadError)
    assert f"'{path}'" in str(caught.value)
    assert "không phải tệp Word .docx" in str(caught.value) or "không đọc được tệp" in str(caught.value)


def test_read_draft_of_bytes_that_are_not_a_docx_says_so():
    with pytest.raises(readback.DraftReadError, match=r"không phải tệp Word \.docx"):
        drafting.read_draft(b"PK\x03\x04 cut short")


def test_diff_of_a_file_that_is_not_a_docx_still_exits_3(tmp_path, capsys):
    draft = tmp_path / "that.docx"
    assert main(["render", str(COMMUNE), "-o", str(draft)]) == EXIT_OK
    text = _not_drafts(tmp_path)["text"]
    assert main(["diff", str(draft), str(text)]) == EXIT_INVALID_SHEET
    assert "không phải tệp Word .docx" in capsys.readouterr().err


# 5. Nesting deeper than MAX_DEPTH is refused before either parser recurses into it.

LIMIT = 50  # yaml_source.MAX_DEPTH: the messages and positions below are written for it


def _flow(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _block_sequences(depth: int) -> str:
    return "a:\n  " + "- " * depth + "x\n"


def _block_mappings(depth: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "x\n"


SHAPES = {"flow": (_flow, 1, 4 + LIMIT - 1, "a"),
          "block-sequences": (_block_sequences, 2, 3 + 2 * (LIMIT - 1), "a"),
          "block-mappings": (_block_mappings, LIMIT + 1, LIMIT + 1, "k0")}
PARSERS = ["fast", pytest.param("pure", marks=pytest.mark.skipif(
    ruamel.yaml.main.CParser is None, reason="without ruamel.yaml.clib there is only the pure parser"))]


def _pure(monkeypatch):
    real = yaml_source.YAML
    monkeypatch.setattr(yaml_source, "YAML", lambda typ, pure: real(typ=typ, pure=True))


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("depth", [400, 5000])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_deep_nesting_is_refused_with_a_located_message(monkeypatch, parser, depth, shape):
    make, line, column, key = SHAPES[shape]
    if len(make(depth)) > yaml_source.MAX_SHEET_BYTES:  # 5,000 indented levels take 12 MB: refused by size
        depth = 1500
    if parser == "pure":
        _pure(monkeypatch)
    with pytest.raises(SheetError) as caught:
        yaml_source.parse_yaml(make(depth), ROOT / "sau.yaml")
    (problem,) = caught.value.problems
    assert str(problem) == (f"{ROOT / 'sau.yaml'}:{line}:{column} {key}: các mục lồng nhau quá sâu "
                            f"(hơn {LIMIT} cấp): bảng chỉ tiêu chỉ cần vài cấp khóa")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_deep_nesting_exits_3_from_the_command_line(tmp_path, capsys, shape):
    make = SHAPES[shape][0]
    sheet = tmp_path / "sau.yaml"
    sheet.write_text(make(400), encoding="utf-8")
    assert main(["check", str(sheet)]) == EXIT_INVALID_SHEET
    assert "các mục lồng nhau quá sâu" in capsys.readouterr().err


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_nesting_up_to_the_limit_is_read(shape):
    make = SHAPES[shape][0]
    depth = LIMIT - 1 if shape != "block-mappings" else LIMIT
    assert yaml_source.parse_yaml(make(depth)).data


def test_the_limit_is_the_modules():
    assert yaml_source.MAX_DEPTH == LIMIT


def test_the_cheap_bound_never_misses_deep_nesting():
    # Each shape at the limit plus one must be caught by the bound, whatever the indentation.
    for text in (_flow(51), _block_sequences(50), _block_mappings(51), "- " * 51 + "x\n",
                 "".join(" " * i + "- " + "\n" for i in range(51)) + " " * 51 + "x\n"):
        assert yaml_source._may_nest_deeper(text, LIMIT)
    assert not yaml_source._may_nest_deeper(COMMUNE.read_text(encoding="utf-8"), LIMIT)


# 6. Hypothesis examples have no deadline (a timing assertion).

def test_hypothesis_runs_without_a_deadline():
    assert settings().deadline is None


# 7. A bulk worker that dies says what happened, with the output exit code, not "internal error".

class _DyingPool(ProcessPoolExecutor):
    """A pool whose every task kills its worker process, as the kernel's OOM killer would."""

    def submit(self, fn, /, *args, **kwargs):
        return super().submit(os._exit, 9)


def test_a_bulk_worker_that_dies_exits_6_and_says_what_happened(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(bulk_run, "ProcessPoolExecutor", _DyingPool)
    code = main(["bulk", str(EXAMPLES / "nghe-an-2025" / "dia-ban"), "-o", str(tmp_path / "ra"), "-q", "-j", "2"])
    err = capsys.readouterr().err
    assert code == EXIT_OUTPUT, err
    assert "một tiến trình soạn bị dừng đột ngột (có thể do thiếu bộ nhớ: thử -j nhỏ hơn)" in err
    assert "chạy lại lệnh để làm tiếp" in err
    assert "Lỗi nội bộ" not in err


def test_a_broken_pool_is_an_output_error(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    def broken(*args, **kwargs):
        raise BrokenProcessPool("A child process terminated abruptly")

    monkeypatch.setattr(bulk_run, "_run_pool", broken)
    with pytest.raises(OutputError) as caught:
        bulk_run.bulk_draft(EXAMPLES / "nghe-an-2025" / "dia-ban", bulk_run.BulkOptions(tmp_path, jobs=2))
    assert caught.value.exit_code == EXIT_OUTPUT
    assert "dừng đột ngột" in str(caught.value)
    assert (tmp_path / "bang-ke.json").exists()
