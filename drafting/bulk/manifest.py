"""The manifest of a bulk run: one record per locality, beside the drafts.

It is written as the run goes, one record per line and flushed, so an
interrupted run leaves a readable manifest and the next run can skip what was
already drafted. The JSON form is an array with one record on each line; the
CSV form opens in Excel (UTF-8 with BOM).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, BinaryIO, Optional

from ..errors import OutputError

FORMATS = ("json", "csv")
STEM = "bang-ke"

DRAFTED = "da_soan"
SKIPPED = "bo_qua"
FAILED = "loi"


@dataclass(frozen=True)
class Record:
    """What happened to one locality (the keys of the manifest)."""

    dia_ban: str
    nguon: str
    tep: str
    trang_thai: str
    canh_bao: tuple[str, ...] = ()
    loi: tuple[str, ...] = ()
    sha256_nguon: str = ""  # of the sheet file, or of the base sheet and the table row
    mau: str = ""
    sha256_mau: str = ""
    sha256_ban_nhap: str = ""
    phien_ban_drafting: str = ""


_LISTS = ("canh_bao", "loi")
_CSV_JOIN = "\n"
KEYS = tuple(f.name for f in fields(Record))


def manifest_path(folder: Path, fmt: str) -> Path:
    return Path(folder) / f"{STEM}.{fmt}"


def _record(raw: dict) -> Optional[Record]:
    if not isinstance(raw, dict) or not set(raw) <= set(KEYS) or "tep" not in raw:
        return None
    values: dict[str, Any] = {k: raw.get(k, "") for k in KEYS}
    for key in _LISTS:
        value = values[key]
        if isinstance(value, str):
            value = [v for v in _restore(value).split(_CSV_JOIN) if v]
        values[key] = tuple(str(v) for v in (value or ()))
    return Record(**{k: v if k in _LISTS else _restore(str(v)) for k, v in values.items()})  # type: ignore[arg-type]


def read_manifest(path: Path) -> Iterator[Record]:
    """Records of an earlier run; a line cut short by an interruption is ignored."""
    path = Path(path)
    if not path.is_file():
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if path.suffix == ".csv":
            for raw in csv.DictReader(handle):
                record = _record(raw)
                if record is not None:
                    yield record
            return
        for line in handle:
            line = line.strip().rstrip(",")
            if not line.startswith("{"):
                continue
            try:
                record = _record(json.loads(line))
            except json.JSONDecodeError:
                continue
            if record is not None:
                yield record


# A cell starting with one of these is a formula to Excel (OWASP, "CSV injection"): such a
# value (a place name, an error message) is written with a leading apostrophe, which Excel
# shows as text, and read back without it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


@dataclass
class ManifestWriter:
    """Appends records as they come; ``close()`` finishes the file.

    Each record is written whole or not at all: when the disk is full the file is cut
    back to the last whole record and OutputError is raised, so the manifest still lists
    every draft written. A link at the manifest's place is replaced, never written through.
    """

    path: Path
    handle: BinaryIO = field(init=False)
    _first: bool = field(init=False, default=True)
    _size: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if self.path.is_symlink():
            self.path.unlink()
        self.handle = self.path.open("wb")
        self._append(("\ufeff" + self._csv_line(dict(zip(KEYS, KEYS)))) if self.csv else "[\n")

    @property
    def csv(self) -> bool:
        return self.path.suffix == ".csv"

    def _csv_line(self, row: dict) -> str:
        buffer = io.StringIO(newline="")
        csv.DictWriter(buffer, fieldnames=KEYS).writerow(row)
        return buffer.getvalue()

    def _append(self, text: str) -> None:
        data = text.encode("utf-8")
        try:
            self.handle.write(data)
            self.handle.flush()
        except OSError as exc:
            self.handle = _cut_back(self.handle, self.path, self._size)
            raise OutputError(
                f"không ghi được {self.path}: {exc.strerror} (bảng kê còn nguyên đến bản dự thảo đã soạn cuối cùng)"
            ) from None
        self._size += len(data)

    def write(self, record: Record) -> None:
        row = asdict(record)
        if self.csv:
            for key in _LISTS:
                row[key] = _CSV_JOIN.join(row[key])
            self._append(self._csv_line({k: _neutralise(v) for k, v in row.items()}))
        else:
            row = {k: list(v) if k in _LISTS else v for k, v in row.items()}
            self._append(("" if self._first else ",\n") + json.dumps(row, ensure_ascii=False))
        self._first = False

    def close(self) -> None:
        try:
            if not self.csv:
                self._append(("" if self._first else "\n") + "]\n")
        finally:
            self.handle.close()


def _cut_back(handle: BinaryIO, path: Path, size: int) -> BinaryIO:
    """Drop what a failed write left after the last whole record; the file stays open for appending."""
    try:
        handle.close()  # flushing the rest fails again; the file is closed all the same
    except OSError:
        pass
    os.truncate(path, size)
    return path.open("ab")
