"""Changing one value of a sheet held as YAML text, keeping everything else as the clerk wrote it.

The web page's form edits the same text its YAML tab shows: each field sets one key path
(``chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri``) and the rest of the text, comments and
order included, stays as it was (ruamel.yaml's round trip).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..errors import Location, Problem, SheetError

__all__ = ["field_value", "set_value"]

Key = Union[str, int]
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")  # "6044.8": a dot and not three digits after it ("3.029" is 3029)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096  # a paragraph stays on its line
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # as the examples and `drafting new` write sheets
    return yaml


def field_value(text: str, paragraphs: bool = False) -> Any:
    """What a form field's text stands for: a number when it is one, the lines as paragraphs, or the text.

    Empty means "not filled" (None). A number in Vietnamese writing ("6.044,8") stays text:
    the sheet reads it so, and a wrong one gets the sheet's own message.
    """
    if paragraphs:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines or None
    text = text.strip()
    if not text:
        return None
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text) and not re.match(r"^-?\d{1,3}\.\d{3}$", text):
        return float(text)
    return text


def set_value(text: str, path: Sequence[Key], value: Any) -> str:
    """``text`` with the value at ``path`` set to ``value`` (None: the key removed).

    Maps on the way are made when missing, and a map left empty by a removal goes too.
    SheetError (located) when the text is not YAML or the path runs through something else.
    """
    yaml = _yaml()
    try:
        data = yaml.load(text) if text.strip() else CommentedMap()
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise SheetError([Problem(Location(None, line, column, ""), "sửa bảng ở thẻ YAML trước: "
                                  "văn bản chưa đúng cú pháp YAML")]) from None
    if not isinstance(data, CommentedMap) or not path:
        raise SheetError([Problem(Location(None, 1, 1, ""), "bảng chỉ tiêu phải là các dòng 'khóa: giá trị'")])
    _set(data, list(path), value, ".".join(map(str, path)))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set(node: Any, path: list[Key], value: Any, where: str) -> None:
    key, rest = path[0], path[1:]
    if isinstance(node, CommentedSeq) and isinstance(key, int):
        if not rest and 0 <= key < len(node):
            node[key] = value
            return
    if not isinstance(node, CommentedMap):
        raise SheetError([Problem(Location(None, None, None, where), "chỗ này không phải các dòng 'khóa: giá trị': "
                                  "sửa ở thẻ YAML")])
    if not rest:
        if value is None:
            node.pop(key, None)
        else:
            node[key] = CommentedSeq(value) if isinstance(value, list) else value
        return
    child = node.get(key)
    if child is None:
        if value is None:
            return
        child = node[key] = CommentedMap()
    _set(child, rest, value, where)
    if isinstance(child, CommentedMap) and not child and value is None:
        node.pop(key, None)
