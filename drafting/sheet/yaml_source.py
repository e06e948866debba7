"""Safe YAML reading that remembers where every key came from.

The YAML is composed into nodes first, so that before any value is built we
can refuse object tags, merge keys and runaway aliases, and record the line
and column of each key for error messages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Location, Problem, SheetError

KeyPath = tuple  # of str keys and int list indexes

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
# Characters XML 1.0 cannot hold; a Word document containing one would not open.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_ALIAS_USES = 100
MAX_NODES = 20_000
# A sheet nests five levels at most. Both parsers compose by recursion: a few hundred levels
# exhaust Python's stack, tens of thousands crash libyaml's, so nesting is measured first.
MAX_DEPTH = 50
_TOO_DEEP = f"các mục lồng nhau quá sâu (hơn {MAX_DEPTH} cấp): bảng chỉ tiêu chỉ cần vài cấp khóa"
_TOO_MANY_ALIASES = "quá nhiều tham chiếu (alias/anchor): bảng chỉ tiêu không được lồng tham chiếu"
# The leading run of a line that can open nested block collections: indentation and "- ", "? ", ": ".
_BLOCK_PREFIX = re.compile(r"^[ \t?:-]*", re.MULTILINE)


def format_path(path: KeyPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Source:
    """A parsed YAML document: plain Python data plus key positions."""

    file: Optional[Path]
    data: Any
    positions: dict = field(default_factory=dict)  # KeyPath -> (line, column), 1-based
    plain_floats: dict = field(default_factory=dict)  # KeyPath -> text of unquoted floats

    def locate(self, path: KeyPath) -> Location:
        """The position of ``path``, or of its nearest ancestor that exists."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (None, None))
        return Location(self.file, line, col, format_path(path))

    def problem(self, path: KeyPath, message: str) -> Problem:
        return Problem(self.locate(path), message)


def _tag(node: Node) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


class _Builder:
    def __init__(self, yaml: YAML, file: Optional[Path]):
        self.constructor = yaml.constructor
        self.file = file
        self.source = Source(file, None)
        self.problems: list[Problem] = []
        self.alias_uses = 0
        self.visits = 0
        self.seen: set[int] = set()

    def fail(self, node: Node, path: KeyPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(Location(self.file, mark.line + 1, mark.column + 1, format_path(path)), message)
        )

    def build(self, node: Node, path: KeyPath, stack: tuple = ()) -> Any:
        self.visits += 1
        if self.visits > MAX_NODES:
            raise _TooBig(node, path, _TOO_MANY_ALIASES)
        if len(stack) > MAX_DEPTH:  # measured before composing; kept as the builder's own guard
            raise _TooBig(node, path, _TOO_DEEP)
        if id(node) in stack:
            self.fail(node, path, "tham chiếu (alias) vòng lặp vào chính nó: không được phép")
            return None
        if id(node) in self.seen and not isinstance(node, ScalarNode):
            self.alias_uses += 1
            if self.alias_uses > MAX_ALIAS_USES:
                raise _TooBig(node, path, _TOO_MANY_ALIASES)
        self.seen.add(id(node))
        tag = _tag(node)
        if tag not in _STANDARD_TAGS:
            self.fail(node, path, f"thẻ YAML {tag!r} không được phép trong bảng chỉ tiêu")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path, stack + (id(node),))
        if isinstance(node, SequenceNode):
            return [
                self._item(child, path + (i,), stack + (id(node),))
                for i, child in enumerate(node.value)
            ]
        assert isinstance(node, ScalarNode)  # the three kinds of YAML node
        return self._scalar(node, path)

    def _item(self, child: Node, path: KeyPath, stack: tuple) -> Any:
        mark = child.start_mark
        self.source.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        return self.build(child, path, stack)

    def _mapping(self, node: MappingNode, path: KeyPath, stack: tuple) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if _tag(key_node) == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, "khóa gộp '<<' không được phép: hãy viết đầy đủ các khóa")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, path, "khóa phải là một từ (chuỗi), không phải danh sách hay nhóm")
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            key_path = path + (key,)
            mark = key_node.start_mark
            if key in out:
                self.fail(key_node, key_path, "khóa bị lặp lại: mỗi khóa chỉ được ghi một lần")
                continue
            self.source.positions[key_path] = (mark.line + 1, mark.column + 1)
            out[key] = self.build(value_node, key_path, stack)
        return out

    def _scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError) as exc:
            self.fail(node, path, f"không đọc được giá trị {node.value!r} ({exc})")
            return None
        if isinstance(value, str):
            bad = NOT_IN_XML.search(value)
            if bad:
                self.fail(node, path, f"có ký tự điều khiển không in được (U+{ord(bad.group()):04X}): hãy xóa ký tự đó")
                return None
            return unicodedata.normalize("NFC", value)
        if isinstance(value, float) and not node.style:  # plain: None in Python, "" in libyaml
            self.source.plain_floats[path] = node.value
        return value


class _TooBig(Exception):
    def __init__(self, node: Node, path: KeyPath, message: str):
        self.node, self.path, self.message = node, path, message


def _may_nest_deeper(text: str, limit: int) -> bool:
    """Whether ``text`` might nest collections more than ``limit`` deep (cheap; never a false no).

    Each flow collection opens with "[" or "{". Nested block collections indent further, at
    least every second level, and start where a line's indentation and "- " run ends.
    """
    flow = text.count("[") + text.count("{")
    if flow > limit:
        return True
    block = max((len(m.group()) for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return flow + 2 * (block + 1) > limit


def _too_deep(text: str) -> Optional[tuple[Any, KeyPath]]:
    """Where ``text`` first nests deeper than MAX_DEPTH (mark, top-level key), read as events.

    The parsers read events without recursion, and the reading stops at the first level
    too deep. None when it nests no deeper, or stops on a syntax error before that.
    """
    depth, expect_key = 0, False  # expect_key: the next node at depth 1 is a key of the root
    top_key: KeyPath = ()
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
                continue
            if depth == 1 and isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                if expect_key:
                    top_key = (unicodedata.normalize("NFC", event.value),) if isinstance(event, ScalarEvent) else ()
                expect_key = not expect_key
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark, top_key
                if depth == 1:
                    expect_key = isinstance(event, MappingStartEvent)
    except YAMLError:
        return None  # reported by the composer, with its own message
    return None


def _refuse_deep_nesting(text: str, file: Optional[Path]) -> None:
    if not _may_nest_deeper(text, MAX_DEPTH):
        return
    found = _too_deep(text)
    if found is not None:
        mark, path = found
        location = Location(file, mark.line + 1, mark.column + 1, format_path(path))
        raise SheetError([Problem(location, _TOO_DEEP)])


def parse_yaml(text: str, file: Optional[Path] = None) -> Source:
    """Parse ``text`` safely; raise SheetError with located problems when it cannot be read."""
    _refuse_deep_nesting(text, file)
    yaml = YAML(typ="safe", pure=False)
    try:
        root = yaml.compose(text)
    except YAMLError:
        # libyaml (ruamel.yaml.clib, when installed) is ten times faster, which a folder of
        # thousands of sheets needs; its messages differ, so a sheet that does not parse is
        # read again by the pure-Python parser, whose messages the clerk is given.
        yaml = YAML(typ="safe", pure=True)
        root = None
    try:
        root = yaml.compose(text) if root is None else root
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        reason = exc.problem or exc.context or "lỗi cú pháp"
        raise SheetError(
            [Problem(Location(file, line, col, ""), f"lỗi cú pháp YAML: {reason}")]
        ) from None
    except YAMLError as exc:
        raise SheetError([Problem(Location(file, None, None, ""), f"lỗi cú pháp YAML: {exc}")]) from None
    except RecursionError:  # not expected after _refuse_deep_nesting; the clerk's message all the same
        raise SheetError([Problem(Location(file, None, None, ""), _TOO_DEEP)]) from None
    if root is None:
        raise SheetError([Problem(Location(file, 1, 1, ""), "tệp trống: chưa có nội dung")])
    builder = _Builder(yaml, file)
    try:
        data = builder.build(root, ())
    except _TooBig as big:
        builder.fail(big.node, big.path, big.message)
        raise SheetError(builder.problems) from None
    if builder.problems:
        raise SheetError(builder.problems)
    builder.source.data = data
    builder.source.positions[()] = (1, 1)
    return builder.source


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM, as Notepad writes, is accepted)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SheetError([Problem(Location(path, None, None, ""), "không tìm thấy tệp")]) from None
    except OSError as exc:
        raise SheetError(
            [Problem(Location(path, None, None, ""), f"không đọc được tệp ({exc.strerror})")]
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetError(
            [Problem(Location(path, line, None, ""), "tệp không phải mã UTF-8: hãy lưu lại với mã UTF-8")]
        ) from None
