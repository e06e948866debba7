"""Checking a Word template before it is filled: every mistake at once, each where it is.

As Word's mail merge "Check for errors" or docxtemplater's multi-error report: each tag is
compiled on its own, so that one bad tag hides no other; block tags are matched across
paragraphs; names and filters are checked against the template context
(:data:`drafting.report.reference.CONTEXT`) and the sandbox's filters; docxtpl's ``{%p``,
``{%tr`` and ``{%tc`` tags are checked where they stand; and a template whose profile can be
told must keep the role styles and the parts the built-in template of that profile has.

``drafting lint`` reports a :class:`LintResult`; every render with a clerk's template first
calls :func:`check_template`, which turns the mistakes into one :class:`TemplateProblem`.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Optional, Union

import jinja2
from jinja2 import nodes
from jinja2.defaults import DEFAULT_NAMESPACE

from ..docx import styles as S
from ..errors import TemplateProblem
from ..report.reference import CONTEXT
from .draft import jinja_environment
from .engine import SAFETY
from .profiles import LAYOUTS
from .template_tags import Tag, TemplateTags, jinja_syntax, open_document, read_tags, template_bytes
from .templates import PROFILE_KINDS, builtin_dir, builtin_name, resolve_template

__all__ = ["ESSENTIAL", "LintProblem", "LintResult", "check_template", "lint_template", "template_profile"]

KNOWN = frozenset(variable.name for variable in CONTEXT)
# Block tags and the tag that ends each; the tags allowed in between.
BLOCKS = {"if": "endif", "for": "endfor", "with": "endwith", "filter": "endfilter", "macro": "endmacro",
          "call": "endcall", "autoescape": "endautoescape", "block": "endblock", "raw": "endraw", "set": "endset"}
ENDS = {end: start for start, end in BLOCKS.items()}
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
_STUBS = {"if": "{% if true %}", "for": "{% for _ in () %}", "with": "{% with %}", "filter": "{% filter e %}",
          "macro": "{% macro _m() %}", "call": "{% call _m() %}", "autoescape": "{% autoescape true %}",
          "block": "{% block _b %}", "raw": "{% raw %}", "set": "{% set _s %}"}
_CELL_TAGS = ("colspan", "cellbg", "vm", "hm")  # docxtpl's own tags of a table cell
# Each docxtpl prefix: what the tag stands in place of, and where a block's tags must all be.
_REPLACES = {"p": "đoạn", "tr": "hàng", "tc": "ô"}
_TOGETHER = {"": "một đoạn (muốn bao nhiều đoạn thì dùng {%p … %}, mỗi thẻ một đoạn riêng)", "r": "một đoạn",
             "p": "một ô bảng (hoặc cùng ở ngoài bảng)", "tr": "một bảng", "tc": "một hàng"}
# The parts of the report every profile has, which only the sheet can fill: a template must use them.
ESSENTIAL = (("ket_qua", "các mục kết quả"), ("nhiem_vu", "các nhiệm vụ"))
# A role style only one profile's built-in template uses, and what it says of a clerk's template.
_PROFILE_STYLES = {S.NEWS_TITLE: "ban-tin", S.STAR: "dang", S.MOTTO: "nha-nuoc", S.CAPTION: "hoi-nghi"}
# The news of a conference is a bulletin with more: a sign of it outweighs the bulletin's own.
_OUTWEIGHED_BY = {"ban-tin": "hoi-nghi"}


@dataclass(frozen=True)
class LintProblem:
    """One mistake in a template, and where it is."""

    place: str  # "đoạn 12 “…text around the tag…”"; "" for the template as a whole
    message: str
    sandbox: bool = False  # Jinja's sandbox refuses it too when filling, saying where

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass(frozen=True)
class LintResult:
    """What :func:`lint_template` found in one template."""

    path: Path
    label: str  # the template as it was named: "nha-nuoc", "mau.docx"
    profile: Optional[str]  # the template's profile, when it can be told
    problems: tuple[LintProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """One line per mistake: "MẪU.docx: đoạn 12 “…”: …"."""
        return [f"{self.label}: {problem}" for problem in self.problems]

    def summary(self) -> str:
        if self.problems:
            return f"Mẫu {self.label} có {len(self.problems)} lỗi."
        kind = f" (mẫu {PROFILE_KINDS[self.profile]})" if self.profile else ""
        return f"Mẫu {self.label} không có lỗi{kind}."


def lint_template(template: Union[str, Path]) -> LintResult:
    """Every mistake in ``template`` (a built-in name or a path to a .docx), each where it is.

    TemplateProblem if the file is missing or no .docx.
    """
    path = resolve_template(template, "")
    found = _analysis(path)
    return LintResult(path, str(template), found.profile, found.problems)


def check_template(path: Path) -> None:
    """Refuse a clerk's template with mistakes before it is filled: one TemplateProblem lists them all.

    A template whose only mistakes are ones Jinja's sandbox refuses anyway is left to the
    sandbox, whose message says the same, where, when filling.
    """
    result = lint_template(path)
    if all(problem.sandbox for problem in result.problems):
        return
    lines = "".join(f"\n  {problem}" for problem in result.problems)
    raise TemplateProblem(f"mẫu {path} có {len(result.problems)} lỗi:{lines}")


def template_profile(path: Path) -> Optional[tuple[str, str]]:
    """The profile of the template at ``path`` and why it is thought so ("có thẻ so_hieu('dang')"),
    None if it cannot be told (or the file cannot be read: that is said when it is filled)."""
    try:
        found = _analysis(Path(path))
    except TemplateProblem:
        return None
    return (found.profile, found.why) if found.profile else None


@dataclass(frozen=True)
class _Analysis:
    profile: Optional[str]
    why: str
    problems: tuple[LintProblem, ...]


_CACHE: dict[tuple[str, Optional[str]], _Analysis] = {}


def _analysis(path: Path) -> _Analysis:
    """The template checked, once per content (a bulk run asks for each locality)."""
    raw = template_bytes(path)
    key = (hashlib.sha256(raw).hexdigest(), builtin_name(path))
    if key not in _CACHE:
        if len(_CACHE) >= 16:
            _CACHE.clear()
        _CACHE[key] = _analyse(read_tags(open_document(raw, path)), key[1])
    return _CACHE[key]


def _analyse(tags: TemplateTags, builtin: Optional[str]) -> _Analysis:
    checker = _Checker(tags)
    for part in tags.parts:
        checker.part(part)
    for tag in tags.unclosed:
        checker.report(tag, f"thẻ mở bằng “{tag.kind}” không được đóng bằng “{_closing(tag.kind)}” trong "
                            "cùng đoạn (một thẻ phải nằm trọn trong một đoạn)")
    profile, why = (builtin, "") if builtin else _profile(checker.evidence, tags)
    problems = [problem for _, problem in sorted(checker.problems, key=lambda found: found[0])]
    if profile:
        problems += _missing_styles(tags, profile)
    problems += [LintProblem("", f"mẫu không dùng biến '{name}' ({meaning}): bản dự thảo sẽ thiếu phần này")
                 for name, meaning in ESSENTIAL if name not in checker.loaded]
    return _Analysis(profile, why, tuple(problems))


def _closing(kind: str) -> str:
    return {"{{": "}}", "{%": "%}", "{#": "#}"}[kind]


def _profile(evidence: list[tuple[str, str]], tags: TemplateTags) -> tuple[Optional[str], str]:
    """The profile the tags, else the role styles, else the title (of a built-in's copy) point to."""
    by_style = [(_PROFILE_STYLES[p.role], f"dùng kiểu “{S.NAMES[p.role]}”")
                for p in tags.paragraphs if p.role in _PROFILE_STYLES]
    by_title = [(name, f"sao từ mẫu có sẵn '{name}'") for name, layout in LAYOUTS.items()
                if tags.title == f"Mẫu {layout.label}"]
    for found in (evidence, by_style, by_title):
        seen = {profile for profile, _ in found}
        found = [(profile, why) for profile, why in found if _OUTWEIGHED_BY.get(profile) not in seen]
        if len({profile for profile, _ in found}) == 1:
            return found[0]
        if found:
            return None, ""  # signs of two profiles: none is told
    return None, ""


@cache
def _needed_roles(profile: str) -> frozenset[str]:
    """The role styles the built-in template of ``profile`` gives its paragraphs, and the computed
    figures' character style."""
    path = builtin_dir() / f"{profile}.docx"
    tags = read_tags(open_document(template_bytes(path), path))
    return frozenset(p.role for p in tags.paragraphs if p.role) | {S.COMPUTED}


def _missing_styles(tags: TemplateTags, profile: str) -> list[LintProblem]:
    missing = [f"“{name}”" for role, name in S.NAMES.items() if role in _needed_roles(profile) - tags.styles]
    if not missing:
        return []
    return [LintProblem("", f"thiếu kiểu {', '.join(missing)} mà mẫu {PROFILE_KINDS[profile]} cần "
                            "(drafting nhận ra các đoạn qua tên kiểu: đừng đổi tên hay xóa các kiểu có tên "
                            "bắt đầu bằng “BC ”)")]


@dataclass
class _Frame:
    tag: Tag
    names: set[str] = field(default_factory=set)


class _Checker:
    """Walks a template's tags in order, block tags on a stack, names in scope."""

    def __init__(self, tags: TemplateTags):
        self.env = jinja_environment()
        self.problems: list[tuple[tuple[int, int, int], LintProblem]] = []
        self.loaded: set[str] = set()
        self.evidence: list[tuple[str, str]] = []  # (profile, why) the tags tell
        self.reported: set[tuple[int, str]] = set()
        self.text_of: dict[tuple[str, Optional[int]], str] = {}  # ("hàng", row) -> its text
        for p in tags.paragraphs:
            for key in (("đoạn", p.order), ("hàng", p.row), ("ô", p.cell_id)):
                self.text_of[key] = self.text_of.get(key, "") + p.text.strip()
        self.stack: list[_Frame] = []
        self.names: set[str] = set()

    def report(self, tag: Tag, message: str, sandbox: bool = False) -> None:
        if (id(tag), message) not in self.reported:
            self.reported.add((id(tag), message))
            key = (tag.paragraph.order, tag.start, len(self.problems))
            self.problems.append((key, LintProblem(tag.place, message, sandbox)))

    def part(self, tags: tuple[Tag, ...]) -> None:
        """One templated XML part (the body, a header): Jinja compiles each part on its own."""
        self.stack, self.names = [], set()
        for tag in tags:
            if self.stack and self.stack[-1].tag.keyword == "raw" and tag.keyword != "endraw":
                continue
            self.placement(tag)
            if tag.kind != "{#":
                self.statement(tag)
        for frame in self.stack:
            self.unclosed(frame.tag)

    def statement(self, tag: Tag) -> None:
        keyword = tag.keyword
        if keyword in ENDS:
            self.parse(tag, _STUBS[ENDS[keyword]] + tag.source)
            return self.close(tag)
        if keyword in ("vm", "hm"):
            return None
        opens = keyword in BLOCKS and not (keyword == "set" and "=" in tag.source)
        if keyword in MIDDLES:
            self.middle(tag)
            tree = self.parse(tag, "{% if true %}" + tag.source + "{% endif %}")
        elif keyword in ("colspan", "cellbg"):
            tree = self.parse(tag, "{{ " + tag.source[2:-2].strip(" -+").split(None, 1)[-1] + " }}")
        else:
            tree = self.parse(tag, tag.source + ("{% " + BLOCKS[keyword] + " %}" if opens else ""))
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} if tree else set()
        if tree is not None:
            self.names_of(tag, tree, stored)
        if opens and keyword != "set":
            extra = {"for": {"loop"}, "macro": {"varargs", "kwargs", "caller"}}.get(keyword, set())
            self.stack.append(_Frame(tag, stored | extra))
            return None
        (self.stack[-1].names if self.stack else self.names).update(stored)
        if opens:  # {% set x %}…{% endset %}: x is set where the block stands
            self.stack.append(_Frame(tag))
        return None

    def parse(self, tag: Tag, source: str) -> Optional[nodes.Template]:
        try:
            return self.env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            self.report(tag, f"thẻ {tag.shown} sai cú pháp: {jinja_syntax(exc.message or '')}")
            return None

    def names_of(self, tag: Tag, tree: nodes.Template, stored: set[str]) -> None:
        """Names, filters and tests the tag uses that the template cannot have, or the sandbox refuses."""
        known = KNOWN | self.names | stored | {n for frame in self.stack for n in frame.names}
        for name in (n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"):
            self.loaded.add(name)
            if name == "tac_gia":
                self.evidence.append(("ban-tin", "dùng biến tac_gia của bản tin"))
            elif name == "hoi_nghi":
                self.evidence.append(("hoi-nghi", "dùng biến hoi_nghi của tin hội nghị"))
            if name in DEFAULT_NAMESPACE or name == "self":
                self.report(tag, f"dùng '{name}' của Jinja, không được phép ({SAFETY})", sandbox=True)
            elif name not in known:
                self.report(tag, f"dùng biến '{name}' không có trong bảng chỉ tiêu{_guess(name, known)}")
        for node in tree.find_all(nodes.Filter):
            if node.name not in self.env.filters:
                self.report(tag, f"dùng bộ lọc '{node.name}' không có{_guess(node.name, self.env.filters)}")
            elif node.name == "so_hieu" and node.args and isinstance(node.args[0], nodes.Const):
                if node.args[0].value in LAYOUTS:
                    self.evidence.append((node.args[0].value, f"có thẻ so_hieu('{node.args[0].value}')"))
        for test in tree.find_all(nodes.Test):
            if test.name not in self.env.tests:
                self.report(tag, f"dùng phép thử '{test.name}' không có{_guess(test.name, self.env.tests)}")
        for attribute in tree.find_all(nodes.Getattr):
            if attribute.attr.startswith("_"):
                self.report(tag, f"dùng thuộc tính '{attribute.attr}' không được phép ({SAFETY})", sandbox=True)
        if any(tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))):
            self.report(tag, "muốn nạp tệp khác (vì an toàn, mẫu không được đọc tệp nào khác)", sandbox=True)

    def placement(self, tag: Tag) -> None:
        """docxtpl's tags where docxtpl cannot use them."""
        paragraph, prefix = tag.paragraph, tag.prefix
        if prefix == "tr" and paragraph.row is None:
            self.report(tag, f"thẻ {tag.shown} phải nằm trong một hàng của bảng")
        elif (prefix == "tc" or tag.keyword in _CELL_TAGS) and paragraph.cell_id is None:
            self.report(tag, f"thẻ {tag.shown} phải nằm trong một ô của bảng")
        elif prefix in _REPLACES:
            what = _REPLACES[prefix]
            holder = {"đoạn": paragraph.order, "hàng": paragraph.row, "ô": paragraph.cell_id}[what]
            if self.text_of[(what, holder)] != paragraph.text[tag.start:tag.end].strip():
                self.report(tag, f"{what} có thẻ {tag.shown} còn có chữ hay thẻ khác: docxtpl thay cả {what} "
                                 f"bằng thẻ nên chúng sẽ mất (để thẻ một mình một {what})")

    def close(self, tag: Tag) -> None:
        opener = ENDS[tag.keyword]
        depth = next((i for i in reversed(range(len(self.stack))) if self.stack[i].tag.keyword == opener), None)
        if depth is None:
            self.report(tag, f"thẻ {tag.shown} thừa: không có thẻ {opener} nào đang mở")
            return
        for frame in self.stack[depth + 1:]:
            self.unclosed(frame.tag)
        self.pair(self.stack[depth].tag, tag)
        del self.stack[depth:]

    def middle(self, tag: Tag) -> None:
        allowed = MIDDLES[tag.keyword]
        if not self.stack or self.stack[-1].tag.keyword not in allowed:
            self.report(tag, f"thẻ {tag.shown} không nằm trong thẻ {' hay '.join(allowed)} nào")
        else:
            self.pair(self.stack[-1].tag, tag)

    def pair(self, opener: Tag, tag: Tag) -> None:
        """``tag`` (endif, else...) belongs with ``opener``: the same docxtpl prefix, in the same place."""
        where = f"thẻ {tag.shown} và thẻ {opener.shown} ({opener.paragraph.where})"
        if opener.prefix != tag.prefix:
            same = "{%" + opener.prefix + " " + tag.keyword + " %}"
            self.report(tag, f"{where} phải cùng dạng: viết {same}")
        elif not (opener.trims or tag.trims) and _holder(opener) != _holder(tag):
            self.report(tag, f"{where} phải nằm trong cùng {_TOGETHER[tag.prefix]}")

    def unclosed(self, tag: Tag) -> None:
        end = "{%" + tag.prefix + " " + BLOCKS[tag.keyword] + " %}"
        self.report(tag, f"thẻ {tag.shown} không được đóng (thiếu thẻ {end})")


def _holder(tag: Tag) -> Optional[int]:
    """What a block's tags must share, by docxtpl prefix: the paragraph, its parent, table or row."""
    paragraph = tag.paragraph
    return {"p": paragraph.parent, "tr": paragraph.table, "tc": paragraph.row}.get(tag.prefix, paragraph.order)


def _guess(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.75)
    return f" (có phải '{close[0]}'?)" if close else ""
