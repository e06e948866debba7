"""The sheet as a form: one field per key, built from the YAML text, writing back into it.

The form and the YAML tab edit one text. Opening the form reads the text (a plain YAML
read: the form shows what is there even while the sheet has mistakes); each field the
clerk changes is set into the text by :func:`drafting.sheet.yaml_edit.set_value`, which
keeps the comments and the rest as written, and the page checks the new text as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..render.profiles import LAYOUTS
from ..sheet.catalogue import load_catalogue
from ..sheet.vocabulary import LEVELS, SECTION_TITLES, SECTIONS
from .guard import MAX_BODY

__all__ = ["form_routes"]

FIGURES = (("gia_tri", "Năm nay"), ("cung_ky", "Cùng kỳ"), ("ke_hoach", "Kế hoạch"))


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    value: str
    kind: str = "text"  # text, number, select, lines (one paragraph a line), area (one paragraph)
    options: tuple[str, ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Row:
    """One indicator of a section's grid."""

    code: str
    label: str
    unit: str
    values: tuple[tuple[str, str], ...]  # (path, value) for gia_tri, cung_ky, ke_hoach
    own: bool = False  # the sheet's own indicator, not the catalogue's


@dataclass
class Group:
    title: str
    fields: list[Field] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # the indicators the sheet has
    more: list[Row] = field(default_factory=list)  # the rest of the section's catalogue, folded away


def _at(data: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_shown(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _field(data: dict, path: str, label: str, kind: str = "text", **extra: Any) -> Field:
    return Field(path, label, _shown(_at(data, path)), kind, **extra)


def _identity(data: dict) -> Group:
    return Group("Thông tin chung", [
        _field(data, "nam", "Năm báo cáo", "number"),
        _field(data, "the_thuc", "Thể thức", "select", options=tuple(LAYOUTS)),
        _field(data, "dia_ban.ten", "Tên địa bàn"),
        _field(data, "dia_ban.cap", "Cấp", "select", options=tuple(LEVELS)),
        _field(data, "co_quan_ban_hanh.ten", "Cơ quan ban hành"),
        _field(data, "so_van_ban.ky_hieu", "Ký hiệu văn bản", hint="ví dụ BC-UBND"),
        _field(data, "noi_ban_hanh", "Nơi ban hành"),
        _field(data, "ngay_ban_hanh", "Ngày ban hành", hint="NĂM-THÁNG-NGÀY hoặc 10/12/2025"),
        _field(data, "kinh_gui", "Kính gửi", "lines", hint="mỗi dòng một nơi"),
        _field(data, "can_cu", "Căn cứ (câu mở đầu)", "area"),
    ])


def _section(data: dict, section: str, catalogue) -> Group:
    group = Group(SECTION_TITLES[section], [
        _field(data, f"noi_dung.{section}", "Đoạn văn của mục", "lines", hint="mỗi dòng một đoạn"),
    ])
    given = _at(data, f"chi_tieu.{section}") or {}
    given = given if isinstance(given, dict) else {}
    known = [e for e in catalogue.chi_tieu if e.muc == section]
    for entry in known:  # about 120 in all: those the sheet has first, the others folded
        row = _row(given, section, entry.ma, entry.ten, entry.don_vi, False)
        (group.rows if entry.ma in given else group.more).append(row)
    for code, own in given.items():
        if code not in {e.ma for e in known} and isinstance(own, dict):
            group.rows.append(_row(given, section, str(code), _shown(own.get("ten")) or str(code),
                                   _shown(own.get("don_vi")), True))
    return group


def _row(given: dict, section: str, code: str, label: str, unit: str, own: bool) -> Row:
    entry = given.get(code) if isinstance(given.get(code), dict) else {}
    values = tuple((f"chi_tieu.{section}.{code}.{key}", _shown((entry or {}).get(key))) for key, _ in FIGURES)
    return Row(code, label, unit, values, own)


def _closing(data: dict) -> list[Group]:
    return [
        Group("Hạn chế, nhiệm vụ, kiến nghị", [
            _field(data, "han_che", "Hạn chế", "lines", hint="mỗi dòng một đoạn"),
            _field(data, "nguyen_nhan", "Nguyên nhân", "lines"),
            _field(data, "nhiem_vu", "Nhiệm vụ, giải pháp", "lines"),
            _field(data, "kien_nghi", "Kiến nghị, đề xuất", "lines"),
        ]),
        Group("Người ký, nơi nhận", [
            _field(data, "nguoi_ky.chuc_vu", "Chức vụ người ký"),
            _field(data, "nguoi_ky.ho_ten", "Họ tên người ký"),
            _field(data, "noi_nhan", "Nơi nhận", "lines", hint="mỗi dòng một nơi"),
        ]),
    ]


def form_groups(text: str) -> Optional[list[Group]]:
    """The form's groups for the sheet ``text``; None when the text is not YAML yet."""
    from ..errors import DraftingError
    from ..sheet.yaml_source import parse_yaml

    try:
        data = parse_yaml(text, None).data if text.strip() else {}
    except DraftingError:
        return None
    if not isinstance(data, dict):
        return None
    catalogue = load_catalogue()
    return [_identity(data), *(_section(data, s, catalogue) for s in SECTIONS), *_closing(data)]


async def ui_form(request: Request) -> Response:
    """POST /ui/form: the form for the editor's text."""
    from .pages import render_template

    async with request.form(max_fields=4, max_part_size=MAX_BODY) as form:
        text = str(form.get("text", ""))
    return render_template(request, "_form.html", {"groups": form_groups(text), "figures": FIGURES})


async def ui_field(request: Request) -> Response:
    """POST /ui/field: the editor's text with one field set; JSON ``{"text": ...}``."""
    from ..sheet.yaml_edit import field_value, set_value

    async with request.form(max_fields=8, max_part_size=MAX_BODY) as form:
        fields = {k: str(v) for k, v in form.items()}
    path = tuple(fields.get("path", "").split("."))
    value = field_value(fields.get("value", ""), paragraphs=fields.get("kind") in ("lines",))
    return JSONResponse({"text": set_value(fields.get("text", ""), path, value)})


def form_routes() -> list[Route]:
    return [
        Route("/ui/form", ui_form, methods=["POST"]),
        Route("/ui/field", ui_field, methods=["POST"]),
    ]
