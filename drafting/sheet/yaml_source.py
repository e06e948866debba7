"""Safe YAML reading that remembers where every key came from.

The YAML is composed into nodes first, so that before any value is built we
can refuse object tags, merge keys and runaway aliases, and record the line
and column of each key for error messages. Sizes are bounded before any work
that grows with them: the file (MAX_SHEET_BYTES, read from its size first), the
number of values and their nesting (MAX_NODES, MAX_DEPTH, counted on the event
stream, which stops there), and each text value (MAX_TEXT_CHARS).

Two parsers read YAML: libyaml (ruamel.yaml.clib, when installed), ten times
faster, and the pure-Python one, which is the reference. A sheet is accepted or
refused alike whichever is installed: libyaml's verdict stands only when it
accepts a text without the few things it reads differently (tabs, directives, a
comment glued to a block scalar's header); anything else goes to the reference,
whose messages (translated in yaml_errors) the clerk is given.
"""

from __future__ import annotations

import codecs
import math
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
from ruamel.yaml.reader import ReaderError

from .._files import reason
from ..errors import Location, Problem, SheetError
from ..lang.numbers import format_number
from . import yaml_errors
from .yaml_errors import GENERIC, line_and_column, located, syntax_problem, unreadable_characters, value_problem

KeyPath = tuple  # of str keys and int list indexes

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
# Characters XML 1.0 cannot hold; a Word document containing one would not open. A lone
# surrogate comes from an escape (\ud800 in double quotes) and cannot even be written as UTF-8.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_ALIAS_USES = 100
# Values (scalars, lists, groups) in a sheet; a real one has a few hundred.
MAX_NODES = 20_000
# A real sheet is under 50 KB. At 2 MB libyaml reads any text in about two seconds; the pure
# parser, which reads a sheet with tabs, takes up to ten times longer.
MAX_SHEET_BYTES = 2 * 1024 * 1024
# One text value (a paragraph): far above any report's, far below what a draft can hold
# (lxml refuses a text node over 10 MB when a draft is read back).
MAX_TEXT_CHARS = 100_000
MAX_KEY_CHARS = 1024  # the longest key YAML allows without '?'
# A sheet nests five levels at most. Both parsers compose by recursion: a few hundred levels
# exhaust Python's stack, tens of thousands crash libyaml's, so nesting is measured first.
MAX_DEPTH = 50
_TOO_DEEP = f"các mục lồng nhau quá sâu (hơn {MAX_DEPTH} cấp): bảng chỉ tiêu chỉ cần vài cấp khóa"
_TOO_MANY_ALIASES = "quá nhiều tham chiếu (alias/anchor): bảng chỉ tiêu không được lồng tham chiếu"
_TOO_MANY_NODES = (f"bảng chỉ tiêu có quá nhiều mục (hơn {MAX_NODES:_} giá trị): một bảng chỉ tiêu chỉ có "
                   "vài trăm").replace("_", ".")


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
    values: dict = field(default_factory=dict)  # KeyPath -> (line, column) of a single value after its key

    def locate(self, path: KeyPath) -> Location:
        """The position of ``path``, or of its nearest ancestor that exists."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (None, None))
        return Location(self.file, line, col, format_path(path))

    def locate_value(self, path: KeyPath) -> Location:
        """Where ``path``'s value is written ("31/02/2026" in "ngay_ban_hanh: 31/02/2026"), else its key."""
        line, column = self.values.get(tuple(path), (None, None))
        return self.locate(path) if line is None else Location(self.file, line, column, format_path(path))

    def problem(self, path: KeyPath, message: str, at_value: bool = False) -> Problem:
        return Problem(self.locate_value(path) if at_value else self.locate(path), message)


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
        self.aliased = False
        self.visits = 0
        self.chars = 0  # of text values, an alias's each time it is used
        self.seen: set[int] = set()

    def fail(self, node: Node, path: KeyPath, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(Location(self.file, mark.line + 1, mark.column + 1, format_path(path)), message))

    def build(self, node: Node, path: KeyPath, stack: tuple = ()) -> Any:
        self.visits += 1
        if self.visits > MAX_NODES:  # the nodes were counted before composing: aliases repeat them
            raise _TooBig(node, path, _TOO_MANY_ALIASES if self.aliased else _TOO_MANY_NODES)
        if len(stack) > MAX_DEPTH:  # measured before composing; kept as the builder's own guard
            raise _TooBig(node, path, _TOO_DEEP)
        if id(node) in stack:
            self.fail(node, path, "tham chiếu (alias) vòng lặp vào chính nó: không được phép")
            return None
        self.aliased = self.aliased or id(node) in self.seen
        if id(node) in self.seen and not isinstance(node, ScalarNode):
            self.alias_uses += 1
            if self.alias_uses > MAX_ALIAS_USES:
                raise _TooBig(node, path, _TOO_MANY_ALIASES)
        self.seen.add(id(node))
        tag = _tag(node)
        if tag not in _STANDARD_TAGS:
            self.fail(node, path, f"thẻ YAML {tag!r} không được phép trong bảng chỉ tiêu")
            return None
        if not _tag_fits(node, tag):
            self.fail(node, path, f"thẻ YAML {tag!r} không hợp với giá trị này: hãy xóa thẻ")
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
            if len(str(key_node.value)) > MAX_KEY_CHARS:
                self.fail(key_node, path, f"khóa quá dài (hơn {MAX_KEY_CHARS} ký tự)")
                continue
            key = unicodedata.normalize("NFC", str(key_node.value))
            key_path = path + (key,)
            mark = key_node.start_mark
            if key in out:
                self.fail(key_node, key_path, "khóa bị lặp lại: mỗi khóa chỉ được ghi một lần")
                continue
            self.source.positions[key_path] = (mark.line + 1, mark.column + 1)
            if isinstance(value_node, ScalarNode) and value_node.value != "":
                self.source.values[key_path] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            out[key] = self.build(value_node, key_path, stack)
        return out

    def _scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError, KeyError, TypeError, OverflowError):  # "!!bool abc" is a KeyError
            self.fail(node, path, value_problem(_tag(node), str(node.value)))
            return None
        if isinstance(value, str):
            return self._text(node, path, value)
        if isinstance(value, float) and not node.style:  # plain: None in Python, "" in libyaml
            self.source.plain_floats[path] = node.value
        return value

    def _text(self, node: ScalarNode, path: KeyPath, value: str) -> Optional[str]:
        bad = NOT_IN_XML.search(value)
        if bad:
            self.fail(node, path, f"có ký tự điều khiển không in được (U+{ord(bad.group()):04X}): hãy xóa ký tự đó")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.fail(node, path, f"đoạn chữ quá dài ({format_number(len(value))} ký tự): mỗi giá trị không được "
                                  f"quá {format_number(MAX_TEXT_CHARS)} ký tự")
            return None
        self.chars += len(value)
        if self.chars > MAX_SHEET_BYTES:  # more than the file can hold: aliases repeat a long text
            raise _TooBig(node, path, _TOO_MANY_ALIASES)
        return unicodedata.normalize("NFC", value)


def _tag_fits(node: Node, tag: str) -> bool:
    kind = tag.rsplit(":", 1)[-1]
    if isinstance(node, MappingNode):
        return kind == "map"
    if isinstance(node, SequenceNode):
        return kind == "seq"
    return kind not in ("map", "seq")


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
    # A prefix of ``run`` characters is enough when flow + 2 * (run + 1) > limit; one search
    # for it, rather than a match per line (two million blank lines took 17 s).
    run = (limit - flow) // 2
    return re.search(rf"^[ \t?:-]{{{run},}}", text, re.MULTILINE) is not None


def _node_bound(text: str) -> int:
    """At least the number of nodes in ``text`` (cheap): the root, and for each mapping entry
    (two nodes) a ':', '?', ',' or '{', for each sequence entry a '-', ',' or '['."""
    entries = text.count(":") + text.count("?") + text.count(",") + text.count("{")
    return 1 + 2 * entries + text.count("-") + text.count("[")


def _walk(events: Any) -> Optional[tuple[Any, KeyPath, str]]:
    """Where the event stream first has too many nodes or nests too deep: mark, top-level key, message.

    Reading stops there, so a huge or deep text costs no more than the limit.
    """
    depth, nodes, expect_key = 0, 0, False  # expect_key: the next node at depth 1 is a key of the root
    top_key: KeyPath = ()
    for event in events:
        if isinstance(event, CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
            continue
        nodes += 1
        if nodes > MAX_NODES:
            return event.start_mark, top_key, _TOO_MANY_NODES
        if depth == 1:
            if expect_key:
                top_key = (unicodedata.normalize("NFC", event.value),) if isinstance(event, ScalarEvent) else ()
            expect_key = not expect_key
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark, top_key, _TOO_DEEP
            if depth == 1:
                expect_key = isinstance(event, MappingStartEvent)
    return None


def _refuse_big_structures(text: str, file: Optional[Path]) -> None:
    """Refuse too many nodes or too deep a nesting, counted on events before composing.

    Both parsers compose by recursion (a few hundred levels exhaust Python's stack, tens of
    thousands libyaml's) and keep every node (a flow list of 700,000 items takes a minute).
    """
    if not (_may_nest_deeper(text, MAX_DEPTH) or _node_bound(text) > MAX_NODES):
        return
    for pure in _parsers(text):
        try:
            found = _walk(YAML(typ="safe", pure=pure).parse(text))
        except YAMLError:
            continue  # a syntax error before any limit: composing reports it, with its message
        if found is not None:
            mark, path, message = found
            raise SheetError([located(file, mark, message, format_path(path))])
        return


# What libyaml reads otherwise than the pure parser: tabs (libyaml takes them as spaces in
# places), directives (libyaml ignores "%YAML 1.1", which changes what "yes" and "010" mean),
# and a comment right after a block scalar's header ("|#", which the pure parser refuses).
_LIBYAML_DIFFERS = re.compile(r"\t|^%|[|>][-+0-9]*#", re.MULTILINE)


def _parsers(text: str) -> tuple[bool, ...]:
    """The parsers to try on ``text``, as YAML's ``pure`` flag, in order; the last one decides."""
    return (True,) if _LIBYAML_DIFFERS.search(text) else (False, True)


def _compose(text: str, file: Optional[Path]) -> tuple[YAML, Optional[Node]]:
    *quick, reference = _parsers(text)
    for pure in quick:
        yaml = YAML(typ="safe", pure=pure)
        try:
            return yaml, yaml.compose(text)
        except (YAMLError, RecursionError):
            pass  # libyaml refused it: the reference parser decides, with its messages
    yaml = YAML(typ="safe", pure=reference)
    try:
        return yaml, yaml.compose(text)
    except MarkedYAMLError as exc:
        raise SheetError([syntax_problem(exc, file, text)]) from None
    except ReaderError as exc:  # characters are checked before parsing; located all the same
        line, column = line_and_column(text, exc.position)
        raise SheetError([yaml_errors.at_line(file, text, line, column, GENERIC)]) from None
    except YAMLError:
        raise SheetError([Problem(Location(file, None, None, ""), GENERIC)]) from None
    except RecursionError:  # not expected after _refuse_big_structures; the clerk's message all the same
        raise SheetError([Problem(Location(file, None, None, ""), _TOO_DEEP)]) from None


def _too_large(file: Optional[Path], size: Optional[int]) -> Problem:
    limit = MAX_SHEET_BYTES // 1024 // 1024
    shown = f"hơn {limit} MB" if size is None else f"{math.ceil(size * 10 / 1024 / 1024) / 10:.1f} MB".replace(".", ",")
    message = f"tệp quá lớn ({shown}): bảng chỉ tiêu không được lớn hơn {limit} MB (một bảng thường dưới 50 KB)"
    return Problem(Location(file, None, None, ""), message)


def _refuse_unreadable(text: str, file: Optional[Path]) -> None:
    """Refuse a text too large, or holding characters no sheet holds, before parsing it."""
    if len(text) > MAX_SHEET_BYTES // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_SHEET_BYTES:
            raise SheetError([_too_large(file, size)])
    problems = unreadable_characters(text, file)
    if problems:
        raise SheetError(problems)


def parse_yaml(text: str, file: Optional[Path] = None) -> Source:
    """Parse ``text`` safely; raise SheetError with located problems when it cannot be read."""
    _refuse_unreadable(text, file)
    _refuse_big_structures(text, file)
    yaml, root = _compose(text, file)
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
    """Read a UTF-8 file (a BOM, as Notepad writes, is accepted).

    A file over MAX_SHEET_BYTES is refused from its size, unread; one whose size the system
    does not know (a device, a pipe) is read no further than that.
    """
    try:
        size = path.stat().st_size
        if size > MAX_SHEET_BYTES:
            raise SheetError([_too_large(path, size)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_SHEET_BYTES + 1)
    except OSError as exc:
        raise SheetError([Problem(Location(path, None, None, ""), reason(exc))]) from None
    if len(raw) > MAX_SHEET_BYTES:
        raise SheetError([_too_large(path, None)])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if yaml_errors.looks_utf16(raw):  # the whole file, not one place in it
            raise SheetError([Problem(Location(path, None, None, ""), yaml_errors.UTF16)]) from None
        good = raw[: exc.start].decode("utf-8")
        line, column = line_and_column(good, len(good))
        raise SheetError([yaml_errors.at_line(path, good, line, column, yaml_errors.NOT_UTF8)]) from None
