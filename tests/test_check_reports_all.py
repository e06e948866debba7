"""`drafting check` tells every problem of a sheet in one run, in the sheet's line order:
errors of the values, references to unknown codes in the text, and the warnings about numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VINH

from drafting import errors
from drafting.cli import main
from drafting.sheet.loading import parse_sheet


def _line(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def _sheet(tmp_path: Path, *changes: tuple[str, str]) -> tuple[Path, str]:
    text = VINH.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "bang.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


TYPO = ("gia_tri: 596", "gia_tri: -596")
UNKNOWN_CODE = ("[doanh_nghiep_moi] và", "[doanh_nghiep_mo] và")
AMBIGUOUS = ("gia_tri: 4036", "gia_tri: 4.036")


def _messages(path: Path, text: str) -> dict[str, str]:
    code, number = _line(text, "[doanh_nghiep_mo]"), _line(text, "gia_tri: 4.036")
    said = {
        "code": f"lỗi: {path}:{code[0]}:{code[1]} noi_dung.kinh_te[0]: không có chỉ tiêu 'doanh_nghiep_mo' "
                "trong chi_tieu của bảng (có phải là doanh_nghiep_moi?)",
        "number": f"cảnh báo: {path}:{number[0]}:7 chi_tieu.kinh_te.ho_kinh_doanh_moi.gia_tri: số 4.036 được "
                  "đọc là 4,036 (có phần thập phân); nếu là 4.036 thì hãy ghi 4036",
    }
    if "gia_tri: -596" in text:
        said["typo"] = (f"lỗi: {path}:{_line(text, 'gia_tri: -596')[0]}:7 chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri: "
                        "phải là số không âm")
    return said


def test_a_wrong_value_an_unknown_code_and_an_ambiguous_number_are_told_in_one_run(capsys, tmp_path):
    path, text = _sheet(tmp_path, TYPO, UNKNOWN_CODE, AMBIGUOUS)
    said = _messages(path, text)
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == errors.EXIT_INVALID_SHEET == 3
    assert out == ""
    assert err.splitlines() == [
        said["code"], said["typo"], said["number"],
        "Bảng chỉ tiêu có 2 lỗi; chưa ghi tệp nào.",
        "Có 1 cảnh báo: nên xem lại trước khi trình ký.",
    ]


def test_once_the_values_are_right_the_same_reference_error_and_warning_remain(capsys, tmp_path):
    path, text = _sheet(tmp_path, UNKNOWN_CODE, AMBIGUOUS)
    said = _messages(path, text)
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    assert code == 3
    assert err.splitlines() == [
        said["code"], said["number"],
        "Bảng chỉ tiêu có 1 lỗi; chưa ghi tệp nào.",
        "Có 1 cảnh báo: nên xem lại trước khi trình ký.",
    ]


def test_render_of_such_a_sheet_writes_nothing_and_says_the_same(capsys, tmp_path):
    path, text = _sheet(tmp_path, TYPO, UNKNOWN_CODE, AMBIGUOUS)
    code = main(["render", str(path), "-o", str(tmp_path / "ra.docx")])
    assert code == 3
    assert not (tmp_path / "ra.docx").exists()
    said = _messages(path, text)
    assert capsys.readouterr().err.splitlines()[:3] == [said["code"], said["typo"], said["number"]]


@pytest.mark.parametrize("changes", [(TYPO, UNKNOWN_CODE, AMBIGUOUS), (UNKNOWN_CODE, AMBIGUOUS)])
def test_the_library_hands_the_warnings_with_the_errors(tmp_path, changes):
    path, text = _sheet(tmp_path, *changes)
    with pytest.raises(errors.SheetError) as caught:
        parse_sheet(text, path)
    assert [w.location.path for w in caught.value.warnings] == ["chi_tieu.kinh_te.ho_kinh_doanh_moi.gia_tri"]
    assert "noi_dung.kinh_te[0]" in [p.location.path for p in caught.value.problems]


def test_the_web_page_gets_the_same_errors_and_warnings_in_one_check(tmp_path):
    from drafting.web.workbench import check_text

    _, text = _sheet(tmp_path, TYPO, UNKNOWN_CODE, AMBIGUOUS)
    checked = check_text(text)
    assert [(p.location.line, p.message) for p in checked.errors] == [
        (_line(text, "[doanh_nghiep_mo]")[0],
         "không có chỉ tiêu 'doanh_nghiep_mo' trong chi_tieu của bảng (có phải là doanh_nghiep_moi?)"),
        (_line(text, "gia_tri: -596")[0], "phải là số không âm"),
    ]
    assert [(w.location.line, w.location.path) for w in checked.warnings] == [
        (_line(text, "gia_tri: 4.036")[0], "chi_tieu.kinh_te.ho_kinh_doanh_moi.gia_tri")]
