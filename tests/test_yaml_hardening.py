"""The YAML reader at its limits: sizes refused before the work grows with them, and every syntax
error in Vietnamese at its line and column, with none of ruamel.yaml's English."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
import ruamel.yaml.composer
import ruamel.yaml.parser
import ruamel.yaml.scanner
from conftest import COMMUNE, MINIMAL_STATE_SHEET
from ruamel.yaml.error import MarkedYAMLError

import drafting
from drafting.cli import main
from drafting.errors import EXIT_INVALID_SHEET, EXIT_OK, SheetError
from drafting.sheet import yaml_errors, yaml_source
from drafting.sheet.yaml_source import MAX_NODES, MAX_SHEET_BYTES, MAX_TEXT_CHARS

# Words of ruamel.yaml's messages; none may reach the clerk.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|character|token|mapping|allowed|stream|could|"
                     r"not|here|unacceptable|special|position|document|scalar|but|line|column|in)\b")


def _check(tmp_path, capsys, content, name="bang.yaml"):
    sheet = tmp_path / name
    sheet.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code = main(["check", str(sheet)])
    return code, sheet, [line for line in capsys.readouterr().err.splitlines() if line.startswith("lỗi: ")]


# 1. Sizes ------------------------------------------------------------------------------------

TOO_LARGE = "bảng chỉ tiêu không được lớn hơn 2 MB (một bảng thường dưới 50 KB)"


def test_a_sheet_over_the_size_limit_is_refused_from_its_size_unread(tmp_path, capsys, monkeypatch):
    sheet = tmp_path / "to.yaml"
    with sheet.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024 + 300 * 1024)  # sparse: 65.3 MB on paper, nothing on disk

    real_open, real_read = Path.open, Path.read_bytes

    def guarded(real):
        def call(self, *args, **kwargs):
            assert self != sheet, "the sheet was opened"
            return real(self, *args, **kwargs)
        return call

    monkeypatch.setattr(Path, "open", guarded(real_open))
    monkeypatch.setattr(Path, "read_bytes", guarded(real_read))
    assert main(["check", str(sheet)]) == EXIT_INVALID_SHEET
    assert f"lỗi: {sheet}: tệp quá lớn (65,3 MB): {TOO_LARGE}" in capsys.readouterr().err


def test_a_sheet_at_the_size_limit_is_read(tmp_path):
    text = COMMUNE.read_text(encoding="utf-8")
    padding = MAX_SHEET_BYTES - len(text.encode("utf-8"))
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(text + ("# " + "x" * 97 + "\n") * (padding // 100) + "#" * (padding % 100), encoding="utf-8")
    assert sheet.stat().st_size == MAX_SHEET_BYTES
    assert drafting.load_sheet(sheet).sheet.dia_ban.ten == "Hưng Nguyên"
    with sheet.open("ab") as handle:
        handle.write(b"#")
    with pytest.raises(SheetError) as caught:
        drafting.load_sheet(sheet)
    assert [str(p) for p in caught.value.problems] == [f"{sheet}: tệp quá lớn (2,1 MB): {TOO_LARGE}"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_file_without_a_size_is_read_no_further_than_the_limit():
    with pytest.raises(SheetError) as caught:
        yaml_source.read_text(Path("/dev/zero"))
    assert [p.message for p in caught.value.problems] == [f"tệp quá lớn (hơn 2 MB): {TOO_LARGE}"]


def test_a_text_over_the_size_limit_is_refused_before_parsing():
    text = "nam: 2025\n" + "# ưưư\n" * (MAX_SHEET_BYTES // 9 + 1000)  # fewer characters than the limit, more bytes
    assert len(text) < MAX_SHEET_BYTES
    with pytest.raises(SheetError) as caught:
        yaml_source.parse_yaml(text, Path("bang.yaml"))
    assert [str(p) for p in caught.value.problems] == [f"bang.yaml: tệp quá lớn (2,1 MB): {TOO_LARGE}"]


def test_a_text_value_over_the_length_limit_is_refused_at_its_key(tmp_path, capsys):
    text = COMMUNE.read_text(encoding="utf-8").replace(
        "ho_ten: Lê Văn Minh", "ho_ten: " + "Minh " * (MAX_TEXT_CHARS // 5) + "x")
    code, sheet, errors = _check(tmp_path, capsys, text)
    line = text[: text.index("ho_ten: Minh")].count("\n") + 1
    assert code == EXIT_INVALID_SHEET
    assert errors == [f"lỗi: {sheet}:{line}:11 nguoi_ky.ho_ten: đoạn chữ quá dài (100.001 ký tự): mỗi giá trị "
                      "không được quá 100.000 ký tự"]


def test_a_paragraph_at_the_length_limit_is_drafted_and_read_back(tmp_path):
    paragraph = ("Nhân dân hiến đất làm đường & <cầu> " * 3000)[:MAX_TEXT_CHARS - 1] + "x"
    text = COMMUNE.read_text(encoding="utf-8").replace(
        "can_cu: >-", f"can_cu: '{paragraph}'\ncan_cu_cu: >-")
    text = re.sub(r"can_cu_cu: >-\n(  .*\n)+", "", text)
    sheet = tmp_path / "bang.yaml"
    sheet.write_text(text, encoding="utf-8")
    drafting.render_draft(sheet, tmp_path / "bang.docx")
    assert paragraph in drafting.read_draft(tmp_path / "bang.docx").text()


def test_aliases_repeating_a_long_text_are_refused():
    long = "x" * (MAX_TEXT_CHARS - 10)
    text = MINIMAL_STATE_SHEET.replace("nhiem_vu:\n", f"nhiem_vu:\n  - &dai '{long}'\n" + "  - *dai\n" * 30)
    with pytest.raises(SheetError) as caught:
        yaml_source.parse_yaml(text, Path("bang.yaml"))
    assert [p.message for p in caught.value.problems] == [
        "quá nhiều tham chiếu (alias/anchor): bảng chỉ tiêu không được lồng tham chiếu"]


def test_too_many_values_are_counted_before_composing_and_not_called_aliases():
    text = "nam: 2025\nnhiem_vu:\n" + "  - x\n" * (MAX_NODES + 100)
    with pytest.raises(SheetError) as caught:
        yaml_source.parse_yaml(text, Path("bang.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        f"bang.yaml:{MAX_NODES - 2}:5 nhiem_vu: bảng chỉ tiêu có quá nhiều mục (hơn 20.000 giá trị): "
        "một bảng chỉ tiêu chỉ có vài trăm"]


def test_the_cheap_node_bound_never_undercounts():
    for sheet in (COMMUNE, *sorted(COMMUNE.parent.glob("*.yaml"))):
        text = sheet.read_text(encoding="utf-8")
        nodes = sum(1 for e in ruamel.yaml.YAML(typ="safe", pure=True).parse(text)
                    if type(e).__name__ in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"))
        assert nodes <= yaml_source._node_bound(text) < MAX_NODES
    for text in ("a: [1, 2, {b: c, d}, [e], f]\n", "? a\n? b\n: c\n", "- - - x\n- &a y\n- *a\n", "{a, b, c}\n"):
        nodes = sum(1 for e in ruamel.yaml.YAML(typ="safe", pure=True).parse(text)
                    if type(e).__name__ in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"))
        assert nodes <= yaml_source._node_bound(text), text


# 2. Syntax errors: Vietnamese, at their line and column ---------------------------------------

BASE = COMMUNE.read_text(encoding="utf-8")


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def _at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    index = text.index(needle) + offset
    line = text[:index].count("\n") + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


SYNTAX_CASES = {
    "nul-byte": (_edit("ky_hieu: BC-UBND", "ky_hieu: BC\x00UBND"), "BC\x00", 2,
                 "có ký tự NUL (U+0000): tệp bị hỏng hoặc không lưu mã UTF-8; hãy xóa ký tự đó hoặc lưu lại "
                 "với mã UTF-8"),
    "tab-indentation": (_edit("  cap: xã", "\tcap: xã"), "\tcap", 0, yaml_errors._TAB),
    "tab-on-a-blank-line": (_edit("\ndia_ban:", " \t\ndia_ban:"), " \t", 1, yaml_errors._TAB),
    "unclosed-quote": (_edit("  - \"Lưu: VT, VP\"", "  - \"Lưu: VT, VP"), "\"Lưu", 0,
                       "dấu ngoặc mở ở đây chưa được đóng: thiếu dấu ngoặc kép (hoặc ngoặc đơn) ở cuối giá trị"),
    "unclosed-bracket": (_edit("ty_le_ho_so_dung_han: {}", "ty_le_ho_so_dung_han: [1, 2"), "[1, 2", 0,
                         "ngoặc vuông '[' mở ở đây chưa được đóng: thiếu ']' hoặc thiếu dấu ',' giữa các mục"),
    "bad-mapping-indentation": (_edit("  cap: xã", " cap: xã"), " cap: xã", 1, yaml_errors._INDENT),
    "colon-in-plain-value": (_edit("chuc_vu: Phó Chủ tịch", "chuc_vu: Phó Chủ tịch: UBND"), ": UBND", 0,
                             "dấu ':' không đứng ở đây được: giá trị có ': ' phải đặt trong ngoặc kép (hoặc hãy "
                             "kiểm tra số dấu cách lùi đầu dòng)"),
    "bom-in-the-middle": (_edit("\ndia_ban:", "\n\ufeffdia_ban:"), "\ufeff", 0,
                          "có dấu BOM (U+FEFF) ở giữa tệp, thường do ghép hai tệp: hãy xóa ký tự ẩn này"),
    "line-separator": (_edit("ho_ten: Lê Văn Minh", "ho_ten: Lê Văn\u2028Minh"), "\u2028", 0,
                       "có ký tự xuống dòng lạ (U+2028): hãy xóa nó và xuống dòng bằng phím Enter"),
    "comment-glued-to-a-block-header": (_edit("can_cu: >-", "can_cu: >-#"), ">-#", 2, yaml_errors._BLOCK_HEADER),
    "at-sign-starting-a-value": (_edit("ky_hieu: BC-UBND", "ky_hieu: @BC-UBND"), "@BC", 0,
                                 "ký tự '@' không đứng đầu một giá trị được: hãy đặt cả giá trị trong ngoặc kép"),
    "undefined-alias": (_edit("ky_hieu: BC-UBND", "ky_hieu: *BC-UBND"), "*BC", 0,
                        "tham chiếu '*' chưa được khai báo bằng '&' ở phía trên: nếu đây là nội dung thì hãy đặt "
                        "cả giá trị trong ngoặc kép"),
    "a-second-document": (_edit("\ndia_ban:", "\n---\ndia_ban:"), "---\ndia_ban:", 0,
                          "tệp có hơn một phần YAML (tách bằng dòng '---' hoặc '...'): bảng chỉ tiêu chỉ có một "
                          "phần, hãy xóa dòng tách đó"),
}


@pytest.mark.parametrize("case", sorted(SYNTAX_CASES))
def test_a_syntax_error_is_vietnamese_at_its_line_and_column(tmp_path, capsys, case):
    text, needle, offset, message = SYNTAX_CASES[case]
    line, column = _at(text, needle, offset)
    code, sheet, errors = _check(tmp_path, capsys, text)
    assert code == EXIT_INVALID_SHEET
    # Told like every other error, "tệp:dòng:cột khóa: lý do", with the key the line belongs to.
    (error,) = errors
    assert re.fullmatch(rf"lỗi: {re.escape(str(sheet))}:{line}:{column} [a-z_][a-z0-9_.]*: {re.escape(message)}", error)
    assert not ENGLISH.search(errors[0].replace(str(sheet), ""))


def test_a_duplicate_key_is_reported_at_the_second_one(tmp_path, capsys):
    text = _edit("  ho_ten: Lê Văn Minh", "  ho_ten: Lê Văn Minh\n  ho_ten: Lê Văn Nam")
    code, sheet, errors = _check(tmp_path, capsys, text)
    line, _ = _at(text, "ho_ten: Lê Văn Nam")
    assert code == EXIT_INVALID_SHEET
    assert errors == [f"lỗi: {sheet}:{line}:3 nguoi_ky.ho_ten: khóa bị lặp lại: mỗi khóa chỉ được ghi một lần"]


def test_invalid_utf8_is_reported_at_its_line_and_column(tmp_path, capsys):
    raw = "phien_ban: 1\nnam: 2025\ndia_ban:\n  ten: Hưng Nguy".encode() + b"\xea\n"
    code, sheet, errors = _check(tmp_path, capsys, b"\xef\xbb\xbf" + raw)
    assert code == EXIT_INVALID_SHEET
    assert errors == [f"lỗi: {sheet}:4:17 dia_ban.ten: tệp không phải mã UTF-8: hãy lưu lại với mã UTF-8"]


def test_a_windows_sheet_with_crlf_lines_is_read(tmp_path, capsys):
    code, _, errors = _check(tmp_path, capsys, BASE.replace("\n", "\r\n"))
    assert (code, errors) == (EXIT_OK, [])


@pytest.mark.parametrize(("value", "message"), [
    ("!!bool abc", "giá trị 'abc' phải là true (có) hoặc false (không)"),
    ("!!int 0x", "giá trị '0x' không phải số nguyên"),
    ("2025-13-45", "giá trị '2025-13-45' không phải ngày hợp lệ (ví dụ 2025-12-10)"),
    ('"\\ud800"', "có ký tự điều khiển không in được (U+D800): hãy xóa ký tự đó"),
    ('"\\ud83d\\ude00"', "có ký tự điều khiển không in được (U+D83D): hãy xóa ký tự đó"),
    ("!!map x", "thẻ YAML 'tag:yaml.org,2002:map' không hợp với giá trị này: hãy xóa thẻ"),
    ("!!str [1]", "thẻ YAML 'tag:yaml.org,2002:str' không hợp với giá trị này: hãy xóa thẻ"),
])
def test_a_value_its_tag_cannot_read_is_located_in_vietnamese(tmp_path, capsys, value, message):
    text = _edit("ngay_ban_hanh: 2025-12-10", f"ngay_ban_hanh: {value}")
    code, sheet, errors = _check(tmp_path, capsys, text)
    line, column = _at(text, value)
    assert code == EXIT_INVALID_SHEET
    assert errors == [f"lỗi: {sheet}:{line}:{column} ngay_ban_hanh: {message}"]


# 3. Every message ruamel.yaml's scanner, parser and composer can raise is translated ----------

def _raised_messages() -> list[tuple[str, str]]:
    """(context, problem) of each ``raise ...Error(...)`` in ruamel's scanner, parser and composer,
    with each formatted value written as a quoted character."""
    def literal(node) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):  # {name!s} names what was scanned; a value shown with !r is quoted
            return "".join(literal(v) if isinstance(v, ast.Constant) else "{name}" if v.conversion == ord("s")
                           else "'x'" for v in node.values)
        if isinstance(node, ast.BinOp):
            return literal(node.left) + literal(node.right)
        return ""

    found = []
    for module in (ruamel.yaml.scanner, ruamel.yaml.parser, ruamel.yaml.composer):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                name = getattr(node.exc.func, "id", "")
                if name.endswith("Error") and name not in ("YAMLStreamError",):
                    args = [literal(a) for a in node.exc.args]
                    found.append((args[0], args[2] if len(args) > 2 else ""))
    return found


def test_every_error_ruamel_raises_has_a_vietnamese_message():
    messages = _raised_messages()
    assert len(messages) > 40  # the scan found them
    for context, problem in messages:
        for name in ("directive", "tag", "anchor", "alias"):  # what scan_anchor, scan_tag_uri... are given
            exc = MarkedYAMLError(context=context.replace("{name}", name), problem=problem.replace("{name}", name))
            message, _ = yaml_errors._translate(exc)
            assert message != yaml_errors.GENERIC, (context, problem)
            assert not ENGLISH.search(message), message


def test_an_unknown_error_falls_back_to_a_located_generic_message():
    mark = type("Mark", (), {"line": 4, "column": 2})()
    exc = MarkedYAMLError(context="while doing something new", problem="something new", problem_mark=mark)
    assert str(yaml_errors.syntax_problem(exc, Path("bang.yaml"))) == "bang.yaml:5:3: cú pháp YAML sai ở đây"


def test_the_limits_are_the_ones_the_readme_gives():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    user_part = readme[readme.index("## Điền bảng chỉ tiêu"):readme.index("## Soạn hàng loạt")]
    assert f"không được lớn hơn {MAX_SHEET_BYTES // 1024 // 1024} MB" in user_part
    assert f"dài nhiều nhất {MAX_TEXT_CHARS:_} ký tự".replace("_", ".") in user_part
