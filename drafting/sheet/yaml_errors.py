"""Vietnamese, located messages for everything the YAML reader refuses.

ruamel.yaml's pure-Python scanner, parser and composer explain a syntax error in English
(``problem``, with ``context`` naming what was being read). Each message they can raise is
translated here; one not listed falls back to "cú pháp YAML sai ở đây", still located.
Characters neither parser reads alike (controls, NUL, a BOM past the start, the Unicode line
separators) are found before parsing, each at its line and column.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml.error import MarkedYAMLError

from ..errors import Location, Problem

__all__ = ["GENERIC", "NOT_UTF8", "UTF16", "at_line", "key_path_at", "located", "looks_utf16", "syntax_problem",
           "unreadable_characters", "value_problem"]

GENERIC = "cú pháp YAML sai ở đây"
_QUOTE_IT = "nếu đây là nội dung thì hãy đặt cả giá trị trong ngoặc kép"
_TAB = "dấu tab không dùng được ở đây (YAML lùi dòng và ngăn cách bằng dấu cách): hãy thay bằng dấu cách"
_DIRECTIVE = "dòng bắt đầu bằng '%' là chỉ thị YAML, bảng chỉ tiêu không dùng: hãy xóa dòng này, hoặc " + _QUOTE_IT
_TAG = "thẻ YAML (bắt đầu bằng '!') viết sai: " + _QUOTE_IT
_ANCHOR = "tên tham chiếu sau '&' hoặc '*' viết sai: " + _QUOTE_IT
_BLOCK_HEADER = ("sau dấu '|' hoặc '>' (đoạn văn nhiều dòng) chỉ được ghi '-' hoặc '+' rồi xuống dòng; "
                 "ghi chú '#' phải cách ra một dấu cách")
_ESCAPE = ("trong ngoặc kép, dấu '\\' mở đầu một mã đặc biệt: hãy viết '\\\\' cho một dấu '\\', "
           "hoặc dùng ngoặc đơn")
_INDENT = "số dấu cách lùi đầu dòng không khớp với các dòng phía trên: các khóa cùng cấp phải thẳng cột"

# (field searched, pattern, message, located at the start of the construct rather than the fault)
# Context rules come first: they name the construct whatever its problem was.
_RULES: tuple[tuple[str, re.Pattern, str, bool], ...] = tuple(
    (where, re.compile(pattern), message, at_start) for where, pattern, message, at_start in (
        ("context", r"\bdirective\b", _DIRECTIVE, False),
        ("context", r"\b(anchor|alias)\b", _ANCHOR, False),
        ("context", r"\btag\b", _TAG, False),
        ("context", r"more indented follow up line", "đoạn văn nhiều dòng: dòng trống ở đầu đoạn có nhiều dấu "
         "cách hơn dòng chữ đầu tiên: hãy xóa các dấu cách thừa", True),
        ("context", r"block scalar", _BLOCK_HEADER, False),
        ("context", r"double-quoted scalar", _ESCAPE, False),
        ("problem", r"found unexpected end of stream", "dấu ngoặc mở ở đây chưa được đóng: thiếu dấu ngoặc "
         "kép (hoặc ngoặc đơn) ở cuối giá trị", True),
        ("problem", r"found unexpected document separator", "dấu ngoặc mở ở đây chưa được đóng trước dòng "
         "'---' hoặc '...'", True),
        ("problem", r"found unexpected ':'", "dấu ':' nằm trong ngoặc [ ] hoặc { }: hãy đặt giá trị có dấu ':' "
         "trong ngoặc kép", False),
        ("problem", r"could not find expected ':'", "thiếu dấu ':' sau khóa này (dòng viết tiếp một giá trị "
         "phải lùi vào bằng dấu cách)", True),
        ("problem", r"sequence entries are not allowed here", "không bắt đầu mục danh sách ('- ') ở đây được: "
         "hãy kiểm tra số dấu cách lùi đầu dòng", False),
        ("problem", r"mapping keys are not allowed here", "dấu '?' không đứng ở đây được: " + _QUOTE_IT, False),
        ("problem", r"mapping values are not allowed here", "dấu ':' không đứng ở đây được: giá trị có ': ' "
         "phải đặt trong ngoặc kép (hoặc hãy kiểm tra số dấu cách lùi đầu dòng)", False),
        ("problem", r"expected '<document start>'", "thiếu dòng '---' trước nội dung này: hãy xóa dòng '...' "
         "hoặc dòng bắt đầu bằng '%' ở phía trên", False),
        ("problem", r"content after document end marker", "sau dấu kết thúc '...' không được ghi gì thêm", False),
        ("problem", r"undefined tag handle", _TAG, False),
        ("problem", r"YAML directive|YAML document|tag handle", _DIRECTIVE, False),
        ("problem", r"expected the node content", "thiếu giá trị ở đây", False),
        ("problem", r"expected <block end>, but found '<scalar>'", "có chữ thừa ở đây (sau dấu ngoặc đóng, hoặc "
         "một dòng lùi sai): hãy đặt cả giá trị trong ngoặc kép, hoặc kiểm tra số dấu cách lùi đầu dòng", False),
        ("problem", r"expected <block end>", _INDENT, False),
        ("problem", r"expected ',' or '\]'", "ngoặc vuông '[' mở ở đây chưa được đóng: thiếu ']' hoặc thiếu "
         "dấu ',' giữa các mục", True),
        ("problem", r"expected ',' or '\}'", "ngoặc nhọn '{' mở ở đây chưa được đóng: thiếu '}' hoặc thiếu "
         "dấu ',' giữa các mục", True),
        ("problem", r"found another document", "tệp có hơn một phần YAML (tách bằng dòng '---' hoặc '...'): "
         "bảng chỉ tiêu chỉ có một phần, hãy xóa dòng tách đó", False),
        ("problem", r"found undefined alias", "tham chiếu '*' chưa được khai báo bằng '&' ở phía trên: "
         + _QUOTE_IT, False),
        ("problem", r"maximum depth", "các mục lồng nhau quá sâu: bảng chỉ tiêu chỉ cần vài cấp khóa", False),
    )
)
_CANNOT_START = re.compile(r"found character (?P<char>'.*'|\".*\") that cannot start any token")


def _cannot_start(problem: str) -> Optional[str]:
    found = _CANNOT_START.search(problem)
    if found is None:
        return None
    char = found.group("char")[1:-1]  # as repr() shows it
    if char == "\\t":
        return _TAB
    return f"ký tự '{char}' không đứng đầu một giá trị được: hãy đặt cả giá trị trong ngoặc kép"


def _translate(exc: MarkedYAMLError) -> tuple[str, bool]:
    """The Vietnamese message for ``exc``, and whether it is located where the construct began."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    special = _cannot_start(problem)
    if special is not None:
        return special, False
    for where, pattern, message, at_start in _RULES:
        if pattern.search(context if where == "context" else problem):
            return message, at_start
    return GENERIC, False


# A key as a clerk writes it at the start of a line, after any "- " of a list item.
_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s#:'\"\[\]{}|>!&*%@`-][^:#]*?)[ \t]*:(?:[ \t]|$)")


def key_path_at(text: str, line: int) -> str:
    """The key path ("dia_ban.ten") a 1-based ``line`` of a sheet that may not parse belongs to,
    read from the keys and their indentation above it, so that a syntax error is told like any
    other ("tệp:dòng:cột khóa: lý do"); "" when no key is written at or above it."""
    keys: list[str] = []
    limit: Optional[int] = None  # a parent key is less indented than this
    for raw in reversed(text.splitlines()[:max(line, 0)]):
        found = _KEY_LINE.match(raw)
        if found is None:
            continue
        indent = len(found.group("indent"))
        if limit is None or indent < limit:
            keys.append(found.group("key").strip().lstrip("\ufeff"))
            limit = indent
            if indent == 0:
                break
    return ".".join(reversed(keys))


def located(file: Optional[Path], mark: Any, message: str, path: str = "", text: str = "") -> Problem:
    """A problem at a ruamel mark (0-based line and column), or unlocated when there is none.
    Without a ``path``, the key is read from ``text`` at the mark's line (key_path_at)."""
    if mark is None:
        return Problem(Location(file, None, None, path), message)
    path = path or key_path_at(text, mark.line + 1)
    return Problem(Location(file, mark.line + 1, mark.column + 1, path), message)


def at_line(file: Optional[Path], text: str, line: int, column: int, message: str) -> Problem:
    """A problem at a 1-based line and column of ``text``, with the key that line belongs to."""
    return Problem(Location(file, line, column, key_path_at(text, line)), message)


def syntax_problem(exc: MarkedYAMLError, file: Optional[Path], text: str = "") -> Problem:
    """The clerk's message for a syntax error of the pure-Python parser."""
    message, at_start = _translate(exc)
    mark = (exc.context_mark or exc.problem_mark) if at_start else (exc.problem_mark or exc.context_mark)
    return located(file, mark, message, text=text)


NOT_UTF8 = "tệp không phải mã UTF-8: hãy lưu lại với mã UTF-8"
UTF16 = ("tệp đang lưu dạng Unicode (UTF-16); mở bằng Notepad, Lưu thành…, chọn Mã hóa UTF-8 "
         "rồi lưu lại")


def looks_utf16(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-16, what Notepad's and Excel's "Unicode" writes: with its byte-order
    mark, or (without one) ASCII text with a NUL byte after or before every character."""
    head = raw[:200]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return len(head) >= 4 and max(head[1::2].count(0), head[0::2].count(0)) > len(head) // 4


_VALUE_KINDS = {
    "timestamp": "không phải ngày hợp lệ (ví dụ 2025-12-10)",
    "int": "không phải số nguyên",
    "float": "không phải số",
    "bool": "phải là true (có) hoặc false (không)",
}


def value_problem(tag: str, text: str) -> str:
    """The message for a scalar the constructor of ``tag`` could not read."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    reason = _VALUE_KINDS.get(tag.rsplit(":", 1)[-1], "không đọc được")
    return f"giá trị '{shown}' {reason}"


# Characters a sheet cannot hold: what YAML calls non-printable (C0 and C1 controls but tab and
# line breaks, surrogates, U+FFFE and U+FFFF), a BOM past the start (libyaml skips one at the
# start of any line, the pure parser only at the start of the file), and NEL, LS and PS, which
# the parsers count as line breaks where editors do not.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = {"\x85", "\u2028", "\u2029"}
MAX_REPORTED = 10


def _character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return (f"có ký tự NUL ({code}): tệp bị hỏng hoặc không lưu mã UTF-8; hãy xóa ký tự đó "
                "hoặc lưu lại với mã UTF-8")
    if char == "\ufeff":
        return f"có dấu BOM ({code}) ở giữa tệp, thường do ghép hai tệp: hãy xóa ký tự ẩn này"
    if char in _LINE_BREAKS:
        return f"có ký tự xuống dòng lạ ({code}): hãy xóa nó và xuống dòng bằng phím Enter"
    return f"có ký tự điều khiển không in được ({code}): hãy xóa ký tự đó"


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does (CR LF, LF, CR)."""
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - start + 1


def unreadable_characters(text: str, file: Optional[Path]) -> list[Problem]:
    """A problem at each character a sheet cannot hold (the first few), before parsing."""
    problems = []
    for found in _UNREADABLE.finditer(text):
        line, column = line_and_column(text, found.start())
        problems.append(at_line(file, text, line, column, _character_message(found.group())))
        if len(problems) == MAX_REPORTED:
            break
    return problems
