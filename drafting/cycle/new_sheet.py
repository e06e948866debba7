"""A year's sheet to fill: next year's from last year's (its comments kept), or a blank one.

Last year's figures become ``cung_ky`` and its paragraphs comments above their emptied
keys; what is left to fill is what the real validation (``drafting check``) asks for.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
)
from ruamel.yaml.tokens import CommentToken

from .. import lang as vi
from .._files import write_atomic
from ..errors import DraftProblem, SheetError
from ..lang import parse_number
from ..sheet.catalogue import load_catalogue
from ..sheet.loading import LoadedSheet, load_sheet, parse_sheet
from ..sheet.series import roll_series
from ..sheet.vocabulary import LEVELS, PROFILES
from ..sheet.yaml_source import parse_yaml
from .blank_sheet import COLUMN, blank_sheet_text
from .conference_sheet import roll_conference

# Last year's text, emptied and kept as comments above the key (and every noi_dung.<section>).
TEXT_KEYS = ("can_cu", "han_che", "nguyen_nhan", "nhiem_vu_mo_dau", "nhiem_vu", "kien_nghi")
WIDTH = 90  # of the comment lines keeping last year's text


@dataclass(frozen=True)
class NewSheet:
    path: Path  # the file written
    year: int
    to_fill: tuple[str, ...]  # key paths the clerk must fill, e.g. "chi_tieu.kinh_te.ho_ngheo.gia_tri"


def new_sheet(output: Union[str, Path], *, from_sheet: Optional[Union[str, Path]] = None,
              profile: str = "nha-nuoc", level: str = "xã", year: Optional[int] = None,
              force: bool = False) -> NewSheet:
    """Write next year's sheet from ``from_sheet``, or a blank one for ``profile``, ``level``, ``year``.

    ``year`` (blank sheets only) defaults to this year. A ``profile`` or ``level`` not in
    PROFILES or LEVELS is a ValueError: the command line offers them as choices.
    """
    output = Path(output)
    if output.exists() and not force:
        raise DraftProblem(f"tệp {output} đã có: chọn tên khác hoặc dùng --force")
    if from_sheet is not None:
        loaded = load_sheet(from_sheet)  # a broken sheet raises its usual located errors
        year, text = loaded.sheet.nam + loaded.sheet.period.shift, _next_year(loaded, Path(from_sheet).name)
    else:
        if profile not in PROFILES or level not in LEVELS:
            raise ValueError(f"profile must be one of {PROFILES} and level one of {LEVELS}")
        year = date.today().year if year is None else year
        text = blank_sheet_text(profile, level, year)
    to_fill = _to_fill(text, output)
    write_atomic(output, text.encode("utf-8"))
    return NewSheet(output, year, to_fill)


def _to_fill(text: str, file: Path) -> tuple[str, ...]:
    """What ``drafting check`` complains about, but the rates that their counts will give; and the
    tasks, which a bulletin may go without but a new sheet has there to write."""
    source, problems = parse_yaml(text, file), []
    try:
        parse_sheet(text, file)
    except SheetError as exc:
        problems = list(exc.problems)
    if "nhiem_vu" in source.data and not source.data["nhiem_vu"]:
        problems.append(source.problem(("nhiem_vu",), ""))
    # A figure left blank is no error (the draft goes without it, with a warning), but it is to fill.
    problems += [source.problem(path, "") for path in _blank_figures(source.data.get("chi_tieu"))]
    paths = [p.location.path.split(".") for p in sorted(problems, key=lambda p: p.sort_key)]
    rates = _rates_from_counts(source.data.get("chi_tieu"))
    computed = [p[0] == "chi_tieu" and p[3:] == ["gia_tri"] and p[2] in rates for p in paths]
    return tuple(dict.fromkeys(".".join(p) for p, skip in zip(paths, computed) if not skip))


def _blank_figures(sections: Any) -> list[tuple]:
    """The key paths of the figures left blank: values, and the numbers of further plans."""
    out: list[tuple] = []
    for section, codes in (sections or {}).items():
        for code, entry in (codes or {}).items() if isinstance(codes, dict) else ():
            entry = entry if isinstance(entry, dict) else {}
            path = ("chi_tieu", section, code)
            if entry.get("gia_tri") is None and not entry.get("gom"):
                out.append(path + ("gia_tri",))
            plans = entry.get("ke_hoach_khac")
            out += [path + ("ke_hoach_khac", i, "ke_hoach") for i, plan in enumerate(plans or [])
                    if isinstance(plan, dict) and plan.get("ke_hoach") is None and plan.get("dat_ke_hoach") is None]
    return out


def _rates_from_counts(sections: Any) -> set[str]:
    """The rates of a sheet that its counts give (once they are filled)."""
    by_code = load_catalogue().by_code
    present = {code for codes in (sections or {}).values() if isinstance(codes, dict) for code in codes}
    return {c for c in present if c in by_code and {by_code[c].tu_so, by_code[c].mau_so} <= present}


def _next_year(loaded: LoadedSheet, source_name: str) -> str:
    """The next period of the same kind, whose "cùng kỳ" is this one: a half-year's sheet gives the
    same half of the next year, a review the review after it (shifted by its length)."""
    period = loaded.sheet.period
    old, new, shift = loaded.sheet.nam, loaded.sheet.nam + period.shift, period.shift
    ahead = replace(period, year=new, first_year=old if period.is_review else None)
    yaml = YAML()
    yaml.preserve_quotes, yaml.width = True, 4096  # the clerk's lines stay as they are
    text = loaded.text.replace("\r\n", "\n")  # ruamel keeps a Windows "\r" in its comments
    dash_under_key = re.search(r"^( *)[^\s#-][^\n]*:[ \t]*\n\1- ", text, re.M)
    yaml.indent(mapping=2, sequence=2 if dash_under_key else 4, offset=0 if dash_under_key else 2)
    data = yaml.load(text)
    data["nam"] = new
    if period.is_review and isinstance(data.get("ky_bao_cao"), CommentedMap):
        data["ky_bao_cao"]["tu_nam"] = old
        _add_comment(data, "ky_bao_cao", "# kỳ dự kiến: sửa lại cho đúng\n")
    if (day := loaded.sheet.ngay_ban_hanh) is not None:  # 29 February moves to the 28th
        day = date(day.year + shift, day.month, min(day.day, 28) if day.month == 2 else day.day)
        data["ngay_ban_hanh"] = day if isinstance(data["ngay_ban_hanh"], date) else day.strftime("%d/%m/%Y")
        _add_comment(data, "ngay_ban_hanh", "# ngày dự kiến: sửa lại cho đúng\n")
    if isinstance(data.get("so_van_ban"), CommentedMap) and data["so_van_ban"].get("so") is not None:
        data["so_van_ban"]["so"] = None
    if isinstance(title := data.get("trich_yeu"), str):
        renamed = _shift_years(title, old, shift)
        data["trich_yeu"] = type(title)(renamed) if isinstance(title, ScalarString) else renamed
    was = vi.upper_first(period.name)
    for key in TEXT_KEYS:
        _archive(data, key, was, 0)
    for key in list(data["noi_dung"]) if isinstance(data.get("noi_dung"), CommentedMap) else ():
        _archive(data["noi_dung"], key, was, 2)
    roll_conference(data, loaded.sheet, was, shift)
    rates = _rates_from_counts(data.get("chi_tieu"))
    for codes in (data.get("chi_tieu") or {}).values():
        for code, entry in list(codes.items()) if isinstance(codes, CommentedMap) else ():
            if isinstance(entry, CommentedMap) and entry:
                tail = _take_tail(codes, code)  # the comment lines above the next key
                _roll_indicator(entry, ahead.name, code in rates)
                _put_tail(codes, code, tail)
    out = io.StringIO()
    out.write(f"# Bảng chỉ tiêu {ahead.name}, tạo từ {source_name} bằng 'drafting new --from'.\n"
              f"# Điền các chỗ có ghi chú 'điền số {ahead.name}' rồi chạy 'drafting check'.\n"
              f"# Các đoạn văn {period.name} được giữ làm ghi chú ngay trên khóa của chúng.\n\n")
    yaml.dump(data, out)
    return out.getvalue()


def _shift_years(title: str, old: int, shift: int) -> str:
    """ "năm 2026" -> "năm 2027" in a subject, the tasks' year too ("quý IV năm 2026; ... quý I năm
    2027"); a review's "2015 - 2020" moves by its length."""
    def later(m: re.Match) -> str:
        return f"{m[1]}{int(m[2]) + shift}" if int(m[2]) in (old, old + 1) else m[0]

    title = re.sub(r"\b(năm\s+)(\d{4})\b", later, title, flags=re.IGNORECASE)
    if shift > 1:
        title = re.sub(rf"\b{old - shift}(\s*[-–]\s*){old}\b", lambda m: f"{old}{m[1]}{old + shift}", title)
    return title


def _roll_indicator(entry: CommentedMap, when: str, from_counts: bool) -> None:
    """Last year's gia_tri becomes cung_ky; gia_tri and ke_hoach wait for this year's figures."""
    entry.fa.set_block_style()  # comments need block style
    series_total = roll_series(entry)
    if series_total is not None:  # last period's total was its years' sum
        if "gia_tri" in entry:
            entry["gia_tri"] = _plain_sum(series_total)
        else:
            entry.insert(0, "gia_tri", _plain_sum(series_total))
    last = entry.get("gia_tri")
    if last is None and isinstance(entry.get("gom"), dict) and entry["gom"]:
        last = sum(_plain(v) for v in entry["gom"].values())  # last year's total was its parts' sum
        entry.insert(0, "gia_tri", None)
    _roll_extensions(entry, when)
    if "dat_ke_hoach" in entry and "ke_hoach" not in entry:
        entry.insert(list(entry).index("dat_ke_hoach"), "ke_hoach", None)
    # They describe last year. A rate left blank stays blank: its cung_ky comes from its counts'.
    kept = _kept_comparisons(entry, last is None, when)
    dropped = [key for key in ("thay_doi", "dat_ke_hoach") + (("cung_ky",) if last is None else ())
               if key in entry and key not in kept]
    notes = [entry.ca.items.pop(key, [None] * 4)[2] for key in dropped]
    for key in dropped:
        del entry[key]
    if last is not None:
        entry["gia_tri"] = None
        if "cung_ky" not in entry and "so_voi" not in entry:
            entry.insert(list(entry).index("gia_tri") + 1, "cung_ky", None)
        if "so_voi" not in entry:  # a named base keeps its own figure (_kept_comparisons)
            entry["cung_ky"] = last
        blank = " hoặc bỏ trống để drafting cộng các phần" if entry.get("gom") else \
            " hoặc bỏ trống để tự tính" * from_counts
        _add_comment(entry, "gia_tri", f"# điền số {when}{blank}\n")
    if "ke_hoach" in entry:
        entry["ke_hoach"] = None
        _add_comment(entry, "ke_hoach", f"# điền số {when} (kế hoạch, nếu có)\n")
    for note in notes:  # their end-of-line comments go with gia_tri
        if note is not None and note.value.startswith("#") and entry:
            _add_comment(entry, "gia_tri" if "gia_tri" in entry else next(iter(entry)), note.value, first=False)
    if not entry:
        entry.fa.set_flow_style()  # "ty_le_ho_ngheo: {}", as a rate left blank is written


def _plain_sum(value: Decimal) -> Any:
    return int(value) if value == value.to_integral_value() else float(value)


def _kept_comparisons(entry: CommentedMap, no_value: bool, when: str) -> set[str]:
    """A named base (so_voi: "năm 2015") stays with its figure, and a change against it waits for
    this year's; so does the change of a figure known only by its change (no gia_tri)."""
    kept: set[str] = set()
    if entry.get("so_voi") is not None:
        kept = {"cung_ky", "thay_doi"} & set(entry)
        _add_comment(entry, "so_voi", "# mốc so sánh giữ nguyên: sửa so_voi và cung_ky nếu đổi mốc\n")
    elif no_value and entry.get("thay_doi") is not None:
        kept = {"thay_doi"}
    if "thay_doi" in kept:
        entry["thay_doi"] = None
        _add_comment(entry, "thay_doi", f"# điền mức tăng, giảm {when} (ví dụ: giảm 13,6%)\n")
    return kept


def _plain(value: Any) -> Any:
    """A number as the sheet wrote it (4036, 6044.8 or "6.044,8")."""
    return parse_number(value) if isinstance(value, str) else value


def _roll_extensions(entry: CommentedMap, when: str) -> None:
    """A breakdown's parts, further plans and a rank wait for this year's figures too."""
    parts = entry.get("gom")
    if isinstance(parts, dict):
        for label in parts:
            parts[label] = None
        _add_comment(entry, "gom", f"# điền số {when} cho từng phần\n")
    for plan in entry.get("ke_hoach_khac") or []:
        if isinstance(plan, CommentedMap) and "dat_ke_hoach" in plan:  # last year's share: this year's plan
            if "ke_hoach" not in plan:
                plan.insert(list(plan).index("dat_ke_hoach"), "ke_hoach", None)
            del plan["dat_ke_hoach"]
        if isinstance(plan, dict) and "ke_hoach" in plan:
            plan["ke_hoach"] = None
    rank = entry.get("xep_hang")
    if isinstance(rank, dict) and rank.get("thu") is not None:
        rank["cung_ky"] = rank["thu"]
        rank["thu"] = None
        rank.pop("nam_so_sanh", None)
        _add_comment(entry, "xep_hang", f"# điền thứ hạng {when} (thu)\n")


def _archive(parent: CommentedMap, key: str, was: str, indent: int) -> None:
    """Empty ``key`` and write its old text as comment lines just above it."""
    value = parent.get(key)
    items = [value] if isinstance(value, str) else value if isinstance(value, CommentedSeq) else []
    paragraphs = [str(p) for p in items if isinstance(p, str) and p.strip()]
    if not paragraphs:
        return
    tail, kept, lines = _take_tail(parent, key), _inner_comments(value), [f"{was}:"]
    parent[key] = None
    for paragraph in paragraphs:
        mark = "- " if isinstance(value, list) else ""
        for part in paragraph.split("\n"):  # a folded scalar's blank line separates paragraphs
            lines += textwrap.wrap(" ".join(part.split()), WIDTH - indent - 4, break_on_hyphens=False,
                                   initial_indent="  " + mark, subsequent_indent="  " + " " * len(mark))
            mark = " " * len(mark)
    parent.yaml_set_comment_before_after_key(key, before="\n".join(lines + kept), indent=indent)
    _put_tail(parent, key, tail)


# ruamel hangs the comment lines standing above a key on the last value before it, so a value
# emptied or reshaped hands them on. A token reads "[# end-of-line comment]\n[following lines]".


def _slot(node: Any, key: Any) -> tuple[list, int]:
    return node.ca.items.setdefault(key, [None, None, None, None]), 2 if isinstance(node, CommentedMap) else 0


def _last(node: Any) -> Any:
    if isinstance(node, (CommentedMap, CommentedSeq)) and node and not node.fa.flow_style():
        return list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    return None


def _take_tail(node: Any, key: Any) -> Optional[CommentToken]:
    value, inner = node[key], _last(node[key])
    if inner is not None and (found := _take_tail(value, inner)) is not None:
        return found
    item, i = _slot(node, key)
    token, item[i] = item[i], None
    if token is not None and isinstance(value, (FoldedScalarString, LiteralScalarString)):
        # ">-" ends with its own line break: the comment's first line starts a line of its own.
        token.value = "\n" + (" " * token.column if token.value.startswith("#") else "") + token.value
    return token


def _put_tail(node: Any, key: Any, tail: Optional[CommentToken]) -> None:
    inner, (item, i) = _last(node[key]), _slot(node, key)
    if inner is not None:
        _put_tail(node[key], inner, tail)
    elif tail is not None and item[i] is None:
        item[i] = tail  # in its own column
    elif tail is not None:
        _add_comment(node, key, tail.value, first=False)


def _add_comment(node: Any, key: Any, text: str, first: bool = True) -> None:
    """Add to the comment after ``key``'s value: end-of-line parts joined by "; ", lines kept."""
    item, i = _slot(node, key)
    old = item[i].value if item[i] is not None else "\n"
    (a, _, rest_a), (b, _, rest_b) = (t.partition("\n") for t in ((text, old) if first else (old, text)))
    eol = "; ".join(x.strip().lstrip("#").strip() for x in (a, b) if x.strip())
    if not old.startswith("#"):  # no end-of-line comment to keep the column of
        item[i] = CommentToken("", CommentMark(COLUMN))
    item[i].value = (f"# {eol}" if eol else "") + "\n" + rest_a + rest_b


def _inner_comments(node: Any) -> list[str]:
    """Comment lines between the paragraphs of a list about to be emptied (its tail already taken)."""
    tokens = [t for item in node.ca.items.values() for t in item] if isinstance(node, CommentedSeq) else []
    return ["  " + ln.strip().lstrip("#").strip() for t in tokens if isinstance(t, CommentToken)
            for ln in t.value.splitlines() if ln.strip()]
