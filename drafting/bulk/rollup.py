"""The report of the level above: its localities' figures added up, and a table comparing them.

Counts and amounts are summed; so are last year's figures and the plans, but
only where every locality gave them, so that "tăng x% so với cùng kỳ" compares
like with like. Rates are never averaged: a rate whose numerator and
denominator are in the catalogue is left blank in the roll-up sheet, and the
usual rule works it out from the summed counts; a rate without them is left
out, with a warning. The roll-up sheet is written beside the draft, keeping the
comments of the sheet it started from, and the draft is rendered from that
file exactly as ``drafting render`` would.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Optional, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import lang as vi
from .._files import write_atomic
from ..docx.guard import refuse_to_overwrite
from ..errors import Location, OutputError, Problem, SheetError
from ..lang.periods import Period
from ..render.draft import render_bytes
from ..render.templates import resolve_template
from ..sheet.catalogue import Catalogue, load_catalogue
from ..sheet.indicators import iter_entries
from ..sheet.loading import parse_sheet
from ..sheet.vocabulary import MAX_COMPARED, SECTIONS
from ..sheet.yaml_source import Source, parse_yaml, read_text
from .localities import LocalitySource, open_localities
from .rollup_checks import add_series, check_compared, check_upper_period, common_period, summed_series

SUMMED = ("gia_tri", "cung_ky", "ke_hoach")
SERIES = "theo_nam"  # summed year by year
_HEADER = "# Bảng chỉ tiêu tổng hợp từ"
_AMBIGUOUS = re.compile(r"^-?\d{1,3}\.\d{3}$")
# Copied from a locality when the upper sheet says nothing of an indicator of its own.
_DESCRIPTIVE = ("ten", "don_vi", "loai", "cau", "chu_so", "so_voi", "cach_so_sanh", "chu_so_phan_tram")


@dataclass
class _Total:
    """One indicator across localities."""

    section: str
    kind: str
    entry: dict  # descriptive keys from the first locality that has it
    present: int = 0
    sums: dict = field(default_factory=lambda: {key: Decimal(0) for key in SUMMED})
    given: dict = field(default_factory=lambda: dict.fromkeys(SUMMED, 0))
    series: dict = field(default_factory=dict)  # year -> (sum, localities giving it, words before)
    mixed_bases: bool = False  # the localities' cung_ky are of different bases (so_voi)
    changes_only: int = 0  # localities that state only its change: nothing to add up


@dataclass(frozen=True)
class RollupResult:
    sheet: Path
    draft: Path
    localities: int
    warnings: tuple[Problem, ...]


def _plain_number(value: Decimal):
    """YAML without tags: whole numbers as int, others as float with their shortest text.

    A number like 3.029 would read back as ambiguous (Vietnamese "3.029" is 3029), so it
    is written as the quoted Vietnamese "3,029".
    """
    value = value.normalize()
    if value == value.to_integral_value():
        return int(value)
    text = format(value, "f")
    return text.replace(".", ",") if _AMBIGUOUS.match(text) else float(text)


def _default_compared(totals: dict, catalogue: Catalogue) -> list[str]:
    main = [entry.ma for entry in catalogue.chi_tieu if entry.chinh and entry.ma in totals]
    return main[:MAX_COMPARED]


def rollup(
    source: Union[LocalitySource, str, Path],
    upper: Union[str, Path],
    output: Union[str, Path],
    *,
    table: Optional[Union[str, Path]] = None,
    sheet_output: Optional[Union[str, Path]] = None,
    template: Optional[Union[str, Path]] = None,
    compared: Optional[list[str]] = None,
    force: bool = False,
) -> RollupResult:
    """Sum the localities of ``source`` into the sheet ``upper`` and render its draft to ``output``.

    ``upper`` is the level above's own sheet (issuer, text, tasks, signature);
    its figures are replaced by the totals. Nothing is written if any locality
    is invalid: a total must be the sum of all its parts.
    """
    catalogue = load_catalogue()
    if isinstance(source, (str, Path)):
        source = open_localities(source, table)
    upper, output = Path(upper), Path(output)
    sheet_output = Path(sheet_output) if sheet_output is not None else output.with_suffix(".yaml")
    if sheet_output.resolve() == upper.resolve():
        raise OutputError(f"bảng chỉ tiêu tổng hợp sẽ ghi đè lên bảng cấp trên {upper}: chọn tên khác cho -o")
    totals, rows, period = _collect(source)
    upper_text = read_text(upper)
    if not isinstance(parse_yaml(upper_text, upper).data, dict):  # safe parse first: located errors
        raise SheetError([Problem(Location(upper, 1, 1, ""), "bảng chỉ tiêu phải là các dòng 'khóa: giá trị'")])
    figures, warnings = _figures(totals, len(rows), catalogue, Location(upper, None, None, "chi_tieu"))
    kept = {code for section in figures.values() for code in section}
    codes = check_compared(compared, kept) if compared else \
        [c for c in _default_compared(totals, catalogue) if c in kept][:MAX_COMPARED]
    text = _rollup_yaml(upper_text, figures, codes, rows)
    loaded = parse_sheet(text, sheet_output)
    check_upper_period(loaded, period)
    data = render_bytes(loaded, resolve_template(template, loaded.sheet.the_thuc))
    if not force:
        refuse_to_overwrite(output, sheet_output)
    write_atomic(sheet_output, text.encode("utf-8"))
    write_atomic(output, data)
    return RollupResult(sheet_output, output, len(rows), tuple(warnings) + loaded.warnings)


def _collect(source: LocalitySource) -> tuple[dict[str, _Total], list[tuple[str, str, dict]], Period]:
    """Every locality's figures added up, each locality's own values (for the comparison), and
    their common period."""
    totals: dict[str, _Total] = {}
    rows: list[tuple[str, str, dict]] = []
    problems: list[Problem] = []
    periods: list[tuple[str, Source, Period]] = []
    for job in source.jobs():
        try:
            loaded = source.load(job)
        except SheetError as exc:
            problems += exc.problems
            continue
        sheet = loaded.sheet
        entries = {code: entry for _, code, entry in iter_entries(sheet)}
        for ind in loaded.indicators:
            entry = entries[ind.code]
            total = totals.get(ind.code)
            if total is None:
                descriptive = {k: getattr(entry, k) for k in _DESCRIPTIVE if getattr(entry, k) is not None}
                total = totals[ind.code] = _Total(ind.section, ind.kind, descriptive)
            total.present += 1
            total.mixed_bases |= entry.so_voi != total.entry.get("so_voi")
            if not ind.value_known:
                total.changes_only += 1
                continue
            for key, value in (("gia_tri", ind.value), ("cung_ky", entry.cung_ky), ("ke_hoach", entry.ke_hoach)):
                if value is not None:
                    total.sums[key] += value
                    total.given[key] += 1
            add_series(total.series, entry.theo_nam)
        periods.append((sheet.dia_ban.full_name, loaded.source, sheet.period))
        rows.append((sheet.dia_ban.ten, sheet.dia_ban.cap, {ind.code: ind.value for ind in loaded.indicators}))
    if problems:
        raise SheetError(problems)
    if not rows:
        raise SheetError([Problem(Location(None, None, None, ""), "không có địa bàn nào để tổng hợp")])
    return totals, rows, common_period(periods)


def _figures(totals: dict[str, _Total], count: int, catalogue: Catalogue,
             where: Location) -> tuple[dict[str, dict[str, dict]], list[Problem]]:
    """The roll-up's chi_tieu entries by section, in catalogue order, and what was left out."""
    warnings: list[Problem] = []
    figures: dict[str, dict[str, dict]] = {}
    order = {entry.ma: i for i, entry in enumerate(catalogue.chi_tieu)}
    for code, total in sorted(totals.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        std = catalogue.by_code.get(code)
        if total.changes_only:
            warnings.append(Problem(where, f"bỏ '{code}': {total.changes_only}/{count} địa bàn chỉ ghi mức tăng, "
                                           "giảm (thay_doi), không có số để cộng"))
            continue
        if total.kind == vi.KIND_RATE:
            parts = (std.tu_so, std.mau_so) if std and std.tu_so and std.mau_so else None
            if parts is None or any(p not in totals or totals[p].given["gia_tri"] < count for p in parts):
                warnings.append(Problem(where, f"bỏ tỷ lệ '{code}': không có đủ tử số và mẫu số ở mọi địa bàn "
                                               "để tính lại (không lấy trung bình các tỷ lệ)"))
                continue
            figures.setdefault(total.section, {})[code] = dict(total.entry)  # worked out from the summed parts
            continue
        entry = dict(total.entry)
        entry["gia_tri"] = _plain_number(total.sums["gia_tri"])
        if total.mixed_bases and total.given["cung_ky"]:
            warnings.append(Problem(where, f"bỏ cung_ky của '{code}': các địa bàn so với các mốc khác nhau (so_voi)"))
            total.given["cung_ky"] = 0
            entry.pop("so_voi", None)
        if total.present < count:
            warnings.append(Problem(where, f"chỉ tiêu '{code}' chỉ có ở {total.present}/{count} địa bàn: "
                                           "tổng cộng chỉ gồm các địa bàn đó"))
        for key in ("cung_ky", "ke_hoach"):
            if total.given[key] == total.present:
                entry[key] = _plain_number(total.sums[key])
            elif total.given[key]:
                warnings.append(Problem(where, f"bỏ {key} của '{code}': chỉ {total.given[key]}/{total.present} "
                                               "địa bàn có số này nên không so sánh được"))
        if total.series:
            entry[SERIES], left_out = summed_series(total.series, total.present, _plain_number)
            warnings += [Problem(where, f"bỏ năm {year} của '{code}'.theo_nam: chỉ {given}/{total.present} "
                                        "địa bàn có số của năm này") for year, given in left_out]
        figures.setdefault(total.section, {})[code] = entry
    return figures, warnings


def _rollup_yaml(upper_text: str, figures: dict, codes: list[str], rows: list) -> str:
    """The upper sheet with its figures replaced, as YAML text that keeps the sheet's comments."""
    yaml = YAML()
    yaml.width = 100
    if upper_text.startswith(_HEADER):  # a roll-up sheet used again as the upper sheet
        upper_text = upper_text.split("\n", 1)[1]
    data = yaml.load(upper_text)
    settings = data.get("chi_tieu") or {}
    chi_tieu = CommentedMap()
    # The standard sections in their order, then the localities' own (the upper sheet's muc orders the report).
    for section in sorted(figures, key=lambda s: SECTIONS.index(s) if s in SECTIONS else len(SECTIONS)):
        block = CommentedMap()
        for code, entry in figures[section].items():
            merged = CommentedMap()
            own = (settings.get(section) or {}).get(code) or {}
            for key, value in {**entry, **{k: v for k, v in own.items() if k not in SUMMED + (SERIES,)}}.items():
                merged[key] = value
            block[code] = merged
        chi_tieu[section] = block
    data["chi_tieu"] = chi_tieu
    if codes:
        table = CommentedMap()
        table["chi_tieu"] = CommentedSeq(codes)
        table["dia_ban"] = CommentedSeq()
        # In the table's order, so the sheet reads like the draft whatever order the inputs came in.
        for name, level, values in sorted(rows, key=lambda r: (vi.sort_key(r[0]), vi.sort_key(r[1]))):
            row = CommentedMap()
            row["ten"] = name
            row["cap"] = level
            row["gia_tri"] = CommentedMap(
                (code, _plain_number(vi.round_half_up(values[code], vi.DEFAULT_DIGITS)))
                for code in codes if values.get(code) is not None
            )
            table["dia_ban"].append(row)
        data["so_sanh_dia_ban"] = table
    out = io.StringIO()
    out.write(f"{_HEADER} {len(rows)} địa bàn, do 'drafting rollup' ghi; "
              "số liệu ở chi_tieu và so_sanh_dia_ban sẽ được ghi lại khi chạy lại lệnh.\n")
    yaml.dump(data, out)
    return out.getvalue()
