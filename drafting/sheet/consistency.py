"""Warnings about a valid sheet whose figures or names look wrong.

None of these stop a draft: the clerk may know better (a rate defined on a
different base, a report filed late), but each is worth a second look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .. import lang as vi
from ..errors import Problem
from .indicators import Indicator, unfilled
from .models import Sheet
from .vocabulary import DISTRICT_LEVELS
from .yaml_source import Source

TWO_LEVEL_REFORM_YEAR = 2025
_AMBIGUOUS_FLOAT = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")


def check_consistency(sheet: Sheet, indicators: list[Indicator], source: Source) -> list[Problem]:
    problems = list(_unfilled(sheet, indicators, source))
    problems += _figures(indicators, source)
    problems += _parts_add_up(indicators, source)
    problems += _names_and_dates(sheet, source)
    problems += ambiguous_numbers(source)
    return problems


def _unfilled(sheet: Sheet, indicators: list[Indicator], source: Source) -> Iterator[Problem]:
    """One warning for every figure not filled in yet (a sheet made by ``drafting new --from``):
    the draft is made without them, at the place of the first."""
    missing = unfilled(sheet, indicators)
    if missing:
        names = ", ".join(code for _, code in missing)
        yield source.problem(missing[0][0], f"còn {len(missing)} số chưa điền, bản dự thảo chưa có các số này: "
                                            f"{names}")


def _fmt(ind: Indicator, value: Decimal) -> str:
    return vi.format_number(value, ind.digits) + ("%" if ind.unit == "%" else "")


def _parts_add_up(indicators: list[Indicator], source: Source) -> Iterator[Problem]:
    """A stated total and its breakdown must agree ("634 đơn (gồm: 571, 63, 520)" does not)."""
    for ind in indicators:
        if not ind.parts or ind.parts_computed:
            continue
        total = sum((v for _, v in ind.parts), Decimal(0))
        if total != ind.value:
            parts_at = source.locate(ind.path + ("gom",))
            where = f"dòng {parts_at.line}" if parts_at.line else "gom"
            yield source.problem(
                ind.path + ("gia_tri",),
                f"{ind.label}: gia_tri là {_fmt(ind, ind.value)} nhưng các phần trong gom ({where}) "
                f"cộng lại được {_fmt(ind, total)}",
            )


def _figures(indicators: list[Indicator], source: Source) -> Iterator[Problem]:
    # A figure known only by its change (thay_doi without gia_tri) has no value to weigh.
    by_code = {ind.code: ind for ind in indicators if ind.value_known}
    for ind in by_code.values():
        other = by_code.get(ind.not_above) if ind.not_above else None
        if other is not None and ind.value > other.value:
            yield source.problem(
                ind.path + ("gia_tri",),
                f"{ind.label} ({_fmt(ind, ind.value)}) lớn hơn {other.label.lower()} "
                f"({_fmt(other, other.value)})",
            )
        top = by_code.get(ind.numerator) if ind.numerator else None
        bottom = by_code.get(ind.denominator) if ind.denominator else None
        if not ind.value_computed and top is not None and bottom is not None and bottom.value:
            computed = top.value / bottom.value * 100
            stated = ind.value
            exponent = stated.as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
            if vi.round_half_up(computed, places) != vi.round_half_up(stated, places):
                yield source.problem(
                    ind.path + ("gia_tri",),
                    f"tỷ lệ ghi {_fmt(ind, stated)} khác tỷ lệ tính từ số liệu "
                    f"{vi.format_number(top.value)}/{vi.format_number(bottom.value)} = "
                    f"{vi.format_percent(computed)}",
                )
        if ind.is_rate and not ind.may_be_negative:
            for key, value in (("gia_tri", ind.value), ("cung_ky", ind.last_year), ("ke_hoach", ind.plan)):
                if value is not None and not (0 <= value <= 100):
                    yield source.problem(
                        ind.path + (key,), f"tỷ lệ {_fmt(ind, value)} nằm ngoài khoảng 0-100%"
                    )
        if ind.plan is not None and ind.plan == 0:
            yield source.problem(
                ind.path + ("ke_hoach",), "kế hoạch bằng 0: bỏ qua phép so sánh với kế hoạch"
            )


def _names_and_dates(sheet: Sheet, source: Source) -> Iterator[Problem]:
    if sheet.nam >= TWO_LEVEL_REFORM_YEAR and sheet.dia_ban.cap in DISTRICT_LEVELS:
        yield source.problem(
            ("dia_ban", "cap"),
            f"từ ngày 01/7/{TWO_LEVEL_REFORM_YEAR} chính quyền địa phương chỉ còn hai cấp (tỉnh, xã): "
            f"không còn cấp '{sheet.dia_ban.cap}'",
        )
    yield from _merged_party_bodies(sheet, source)
    code = sheet.so_van_ban.ky_hieu if sheet.so_van_ban else None
    if code and sheet.the_thuc == "dang" and "/" not in code:
        yield source.problem(
            ("so_van_ban", "ky_hieu"),
            f"ký hiệu văn bản của Đảng có dấu gạch chéo, ví dụ 'BC/BDVTU' (đang ghi '{code}')",
        )
    if code and sheet.the_thuc == "nha-nuoc" and "/" in code:
        yield source.problem(
            ("so_van_ban", "ky_hieu"),
            f"ký hiệu văn bản nhà nước dùng dấu gạch nối, ví dụ 'BC-UBND' (đang ghi '{code}')",
        )
    if sheet.ngay_ban_hanh and sheet.ngay_ban_hanh.year not in (sheet.nam, sheet.nam + 1):
        yield source.problem(
            ("ngay_ban_hanh",),
            f"ngày ban hành năm {sheet.ngay_ban_hanh.year} trong khi báo cáo năm {sheet.nam}",
        )
    if sheet.is_report and sheet.noi_nhan:
        as_above = sheet.noi_nhan[0].lstrip("- ").startswith("Như trên")
        if sheet.kinh_gui and not as_above:
            yield source.problem(
                ("noi_nhan", 0), "có 'Kính gửi' nên nơi nhận đầu tiên là 'Như trên'"
            )
        if as_above and not sheet.kinh_gui:
            yield source.problem(("noi_nhan", 0), "không có 'Kính gửi' nên không ghi 'Như trên'")
        if not sheet.noi_nhan[-1].lstrip("- ").startswith("Lưu"):
            yield source.problem(
                ("noi_nhan", len(sheet.noi_nhan) - 1),
                "nơi nhận cuối cùng là nơi lưu văn bản ('Lưu: VT, ...' hoặc 'Lưu Văn phòng ...')",
            )


def _merged_party_bodies(sheet: Sheet, source: Source) -> Iterator[Problem]:
    """From 2025 the Ban Dân vận and Ban Tuyên giáo were merged: old names in a new report."""
    if sheet.nam < TWO_LEVEL_REFORM_YEAR or sheet.co_quan_ban_hanh is None:
        return
    name = sheet.co_quan_ban_hanh.ten
    if "Ban Dân vận" in name and "Tuyên giáo" not in name:
        yield source.problem(
            ("co_quan_ban_hanh", "ten"),
            f"từ năm {TWO_LEVEL_REFORM_YEAR} Ban Dân vận và Ban Tuyên giáo đã hợp nhất thành "
            "Ban Tuyên giáo và Dân vận: kiểm tra lại tên cơ quan",
        )
    code = sheet.so_van_ban.ky_hieu if sheet.so_van_ban else ""
    if code.endswith("/BDVTU"):
        yield source.problem(
            ("so_van_ban", "ky_hieu"),
            f"từ năm {TWO_LEVEL_REFORM_YEAR} ký hiệu của Ban Tuyên giáo và Dân vận Tỉnh ủy là BTGDVTU",
        )


def ambiguous_numbers(source: Source) -> Iterator[Problem]:
    for path, text in source.plain_floats.items():
        if _AMBIGUOUS_FLOAT.match(text):
            whole = text.replace(".", "")
            yield source.problem(
                path,
                f"số {text} được đọc là {text.replace('.', ',')} (có phần thập phân); "
                f"nếu là {vi.format_number(int(whole))} thì hãy ghi {whole}",
            )
