"""Tables of figures: one row per locality, merged over a base sheet.

A statistics office sends one table (CSV or Excel) for all localities. Its
first row names what each column holds, as a key path of the sheet
("dia_ban.ten", "nguoi_ky.ho_ten") or as an indicator code ("ho_ngheo" for the
value, "ho_ngheo.cung_ky" for last year, "ho_ngheo.ke_hoach" for the plan).
Each row over the base sheet makes one locality's sheet; every value keeps the
cell it came from, so a problem is reported as "so-lieu.xlsx [SoLieu] ô D7".

Rows are read one at a time, so a table of ten thousand localities is never
held in memory.
"""

from __future__ import annotations

import csv
import difflib
import typing
import unicodedata
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from ..errors import Location, Problem, SheetError
from ..lang import to_decimal
from ..sheet.catalogue import Catalogue
from ..sheet.fields import CELL_NUMBER_HINT, NUMBER_HINT
from ..sheet.models import ChiTieu, Sheet
from ..sheet.vocabulary import SECTIONS
from ..sheet.yaml_errors import NOT_UTF8, UTF16, looks_utf16
from ..sheet.yaml_source import NOT_IN_XML, KeyPath, Source, format_path

NAME_COLUMN = ("dia_ban", "ten")
LEVEL_COLUMN = ("dia_ban", "cap")
TABLE_SUFFIXES = (".csv", ".xlsx")


def column_letter(index: int) -> str:
    """1 -> "A", 27 -> "AA", as spreadsheets name columns."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int  # 1-based
    header: str
    path: KeyPath
    is_list: bool


@dataclass(frozen=True)
class Row:
    number: int  # the spreadsheet's row number (the header is row 1)
    values: dict  # column index -> value; empty cells are absent


class UncomputedFormula(str):
    """A cell holding a formula whose value Excel never computed (the text is the formula)."""


def _xlsx_row(cells: tuple, formula_cells: tuple) -> Optional[Row]:
    values: dict[int, Any] = {}
    number = None
    for cell, formula in zip(cells, formula_cells):
        if getattr(cell, "row", None) is None:
            continue
        value = cell.value
        if value is None and isinstance(formula.value, str) and formula.value.startswith("="):
            value = UncomputedFormula(formula.value)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        number = cell.row
        if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
            value = to_decimal(value) * 100  # 68,5% is stored as 0.685
        values[cell.column] = value
    return Row(number, values) if number is not None else None


@dataclass
class _CellSource(Source):
    """A base sheet with some values replaced from one row of a table."""

    cells: dict = field(default_factory=dict)  # KeyPath -> Location of its cell

    def locate(self, path: KeyPath) -> Location:
        probe = tuple(path)
        while probe:
            if probe in self.cells:
                cell = self.cells[probe]
                return Location(cell.file, cell.line, cell.column, format_path(path), cell.cell, cell.table_sheet)
            if probe in self.positions:
                break
            probe = probe[:-1]
        return super().locate(path)

    def problem(self, path: KeyPath, message: str, at_value: bool = False) -> Problem:
        found = super().problem(path, message, at_value)
        if found.location.cell is None:
            return found
        return Problem(found.location, message.replace(NUMBER_HINT, CELL_NUMBER_HINT))  # no quotes in a cell


def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    return info.annotation if info is not None else None


def _unwrap(annotation: Any) -> Any:
    # Optional[X] and Annotated[X, ...] down to X.
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _sheet_field(path: KeyPath) -> tuple[bool, bool]:
    """(is a key of the sheet, holds a list) for a dotted path outside chi_tieu."""
    model: Any = Sheet
    for name in path:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return False, False
        annotation = _field_type(model, name)
        if annotation is None:
            return False, False
        model = _unwrap(annotation)
    return True, typing.get_origin(model) is list


def _indicator_path(parts: tuple, base: dict, catalogue: Catalogue) -> Optional[KeyPath]:
    code, rest = parts[0], parts[1:]
    if len(rest) > 1 or (rest and rest[0] not in ChiTieu.model_fields):
        return None
    fieldname = rest[0] if rest else "gia_tri"
    chi_tieu = base.get("chi_tieu")
    sections: dict = chi_tieu if isinstance(chi_tieu, dict) else {}
    # A base sheet may move a catalogue indicator, or define its own, in any section (its own too).
    section = next((s for s, codes in sections.items() if isinstance(codes, dict) and code in codes), None)
    if section is None and code in catalogue.by_code:
        section = catalogue.by_code[code].muc
    return ("chi_tieu", section, code, fieldname) if section else None


def map_header(header: str, base: dict, catalogue: Catalogue) -> tuple[Optional[KeyPath], bool]:
    """The key path a column header names, and whether it holds a list; (None, False) if none."""
    parts = tuple(p.strip() for p in header.split("."))
    if not all(parts):
        return None, False
    if parts[0] == "chi_tieu":
        chi_tieu = base.get("chi_tieu")
        own: dict = chi_tieu if isinstance(chi_tieu, dict) else {}
        if len(parts) == 4 and (parts[1] in SECTIONS or parts[1] in own) and parts[3] in ChiTieu.model_fields:
            return parts, False
        return None, False
    known, is_list = _sheet_field(parts)
    if known and parts[0] != "phien_ban":
        return parts, is_list
    if parts[0] in Sheet.model_fields:
        return None, False
    return _indicator_path(parts, base, catalogue), False


def _header_hint(header: str, catalogue: Catalogue) -> str:
    choices = sorted(set(catalogue.by_code) | set(Sheet.model_fields) | {"dia_ban.ten", "dia_ban.cap"})
    hint = difflib.get_close_matches(header.split(".")[0], choices, n=1)
    return f" (có phải '{hint[0]}'?)" if hint else ""


class Table:
    """A CSV or Excel table of figures, its header checked against the sheet."""

    def __init__(self, path: Path, base: dict, catalogue: Catalogue):
        self.path = Path(path)
        self.sheet_name: Optional[str] = None
        suffix = self.path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            raise SheetError([self._problem(None, None, "bảng số liệu phải là tệp .csv hoặc .xlsx")])
        if not self.path.is_file():
            raise SheetError([self._problem(None, None, "không tìm thấy tệp")])
        self._is_csv = suffix == ".csv"
        reader = self._rows()
        header = next(reader, None)
        reader.close()
        if header is None:
            raise SheetError([self._problem(None, None, "bảng số liệu trống: hàng 1 phải là tên các cột")])
        self.columns = self._columns(header, base, catalogue)
        self.catalogue_order = {entry.ma: i for i, entry in enumerate(catalogue.chi_tieu)}

    def _problem(self, row: Optional[int], column: Optional[int], message: str, path: str = "") -> Problem:
        cell = f"{column_letter(column)}{row}" if row and column else None
        return Problem(Location(self.path, row, column, path, cell, self.sheet_name), message)

    def _columns(self, header: Row, base: dict, catalogue: Catalogue) -> list[Column]:
        problems: list[Problem] = []
        columns: list[Column] = []
        seen: dict[KeyPath, int] = {}
        for index, raw in sorted(header.values.items()):
            text = unicodedata.normalize("NFC", str(raw)).strip()
            path, is_list = map_header(text, base, catalogue)
            if path is None:
                problems.append(self._problem(
                    1, index, f"cột '{text}' không phải khóa của bảng chỉ tiêu hay mã chỉ tiêu"
                    + _header_hint(text, catalogue)))
            elif path in seen:
                problems.append(self._problem(1, index, f"cột '{text}' trùng với cột {column_letter(seen[path])}"))
            else:
                seen[path] = index
                columns.append(Column(index, text, path, is_list))
        if NAME_COLUMN not in seen:
            problems.append(self._problem(None, None, "thiếu cột 'dia_ban.ten' (tên địa bàn)"))
        if problems:
            raise SheetError(problems)
        return columns

    def _rows(self) -> Generator[Row, None, None]:
        return self._read_csv() if self._is_csv else self._read_xlsx()

    def rows(self) -> Iterator[Row]:
        """The data rows, skipping wholly empty ones."""
        reader = self._rows()
        next(reader, None)
        try:
            for row in reader:
                if row.values:
                    yield row
        finally:
            reader.close()

    def count(self) -> Optional[int]:
        """How many rows hold data (None when an Excel file does not say cheaply)."""
        if self._is_csv:
            return sum(1 for _ in self.rows())
        from openpyxl import load_workbook

        book = load_workbook(self.path, read_only=True)
        try:
            last = book.worksheets[0].max_row
        finally:
            book.close()
        return last - 1 if last else None

    def _read_csv(self) -> Generator[Row, None, None]:
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                first = handle.readline()
                # Excel in a Vietnamese locale saves CSV with ";" since "," is the decimal mark.
                delimiter = max((",", ";", "\t"), key=first.count)
                handle.seek(0)
                for number, record in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                    yield Row(number, {i: v for i, v in enumerate(record, start=1) if v.strip()})
        except UnicodeDecodeError:
            with self.path.open("rb") as raw:
                message = UTF16 if looks_utf16(raw.read(200)) else NOT_UTF8
            raise SheetError([self._problem(None, None, message)]) from None
        except csv.Error as exc:
            raise SheetError([self._problem(None, None, f"không đọc được tệp CSV: {exc}")]) from None

    def _read_xlsx(self) -> Generator[Row, None, None]:
        from openpyxl import load_workbook  # only tables in Excel need it

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
            # The formulas themselves, to tell an empty cell from a formula whose value was
            # never computed (a workbook written by a program other than Excel).
            formulas = load_workbook(self.path, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise SheetError([self._problem(None, None, f"không mở được tệp Excel ({exc})")]) from None
        try:
            sheet = book.worksheets[0]
            self.sheet_name = sheet.title
            for cells, formula_cells in zip(sheet.iter_rows(), formulas.worksheets[0].iter_rows()):
                row = _xlsx_row(cells, formula_cells)
                if row is not None:
                    yield row
        finally:
            book.close()
            formulas.close()

    def cell(self, row: Row, column: Column) -> Location:
        return Location(self.path, row.number, column.index, format_path(column.path),
                        f"{column_letter(column.index)}{row.number}", self.sheet_name)

    def text(self, row: Row, path: KeyPath) -> Optional[str]:
        """A row's value for ``path`` as text, or None."""
        for column in self.columns:
            if column.path == path and column.index in row.values:
                return unicodedata.normalize("NFC", str(row.values[column.index])).strip()
        return None


def _cell_value(value: Any, is_list: bool) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        if is_list:
            return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def row_source(base: Source, table: Table, row: Row) -> Source:
    """One locality's sheet: the base with this row's values put in, each remembering its cell."""
    # The base is shared by every row: copy only the mappings on the way to a changed value.
    data = dict(base.data) if isinstance(base.data, dict) else {}
    copied = {id(data)}
    source = _CellSource(base.file, data, base.positions, {})
    problems = []
    for column in table.columns:
        if column.index not in row.values:
            continue
        value = row.values[column.index]
        where = table.cell(row, column)
        if isinstance(value, UncomputedFormula):
            problems.append(Problem(where, f"ô có công thức {value} nhưng chưa có giá trị tính sẵn: hãy mở bảng "
                                           "bằng Excel rồi lưu lại (drafting không tự tính công thức)"))
            continue
        bad_match = NOT_IN_XML.search(value) if isinstance(value, str) else None
        if bad_match is not None:
            bad = bad_match.group()
            problems.append(Problem(where, f"có ký tự điều khiển không in được (U+{ord(bad):04X}): hãy xóa ký tự đó"))
            continue
        target = data
        for key in column.path[:-1]:
            child = target.get(key)
            if not isinstance(child, dict):
                child = target[key] = {}
            elif id(child) not in copied:
                child = target[key] = dict(child)
            copied.add(id(child))
            target = child
        target[column.path[-1]] = _cell_value(value, column.is_list)
        source.cells[column.path] = where
    if problems:
        raise SheetError(problems)
    _catalogue_order(data, table.catalogue_order)
    return source


def _catalogue_order(data: dict, order: dict) -> None:
    # Indicators from columns land after the base's own; the report lists them in catalogue
    # order (the sheet's own indicators after), as a sheet written out by hand would.
    sections = data.get("chi_tieu")
    if not isinstance(sections, dict):
        return
    data["chi_tieu"] = {
        name: dict(sorted(entries.items(), key=lambda item: order.get(item[0], len(order))))
        if isinstance(entries, dict) else entries
        for name, entries in sections.items()
    }
