"""The manifest of a bulk run: one record per locality, beside the drafts.

It is written as the run goes, one record per line and flushed, so an
interrupted run leaves a readable manifest and the next run can skip what was
already drafted. The JSON form is an array with one record on each line; the
CSV form opens in Excel (UTF-8 with BOM).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import IO, Any, Optional

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
            value = [v for v in value.split(_CSV_JOIN) if v]
        values[key] = tuple(str(v) for v in (value or ()))
    return Record(**{k: v if k in _LISTS else str(v) for k, v in values.items()})  # type: ignore[arg-type]


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


@dataclass
class ManifestWriter:
    """Appends records as they come; ``close()`` finishes the file."""

    path: Path
    handle: IO[str] = field(init=False)
    _first: bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.handle = self.path.open("w", encoding="utf-8-sig" if self.csv else "utf-8", newline="")
        if self.csv:
            self._writer = csv.DictWriter(self.handle, fieldnames=KEYS)
            self._writer.writeheader()
        else:
            self.handle.write("[\n")

    @property
    def csv(self) -> bool:
        return self.path.suffix == ".csv"

    def write(self, record: Record) -> None:
        row = asdict(record)
        if self.csv:
            for key in _LISTS:
                row[key] = _CSV_JOIN.join(row[key])
            self._writer.writerow(row)
        else:
            row = {k: list(v) if k in _LISTS else v for k, v in row.items()}
            self.handle.write(("" if self._first else ",\n") + json.dumps(row, ensure_ascii=False))
        self._first = False
        self.handle.flush()

    def close(self) -> None:
        if not self.csv:
            self.handle.write(("" if self._first else "\n") + "]\n")
        self.handle.close()
