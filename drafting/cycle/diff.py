"""What changed between two versions of a report: two sheets, or two drafts.

Figures compare as the report writes them ("4.826", "giảm 15,88% so với cùng kỳ"), sentences
as the draft reads back (a sheet is rendered in memory), so a draft edited in Word compares by
its text only. The CLI prints :func:`drafting.diff_view.diff_renderable` or ``as_json()``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Optional, Union

from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from .._files import read_bytes
from .._pairing import likeness, pair_in_order
from ..docx.readback import DraftView, read_draft
from ..errors import EXIT_INVALID_SHEET, DraftingError
from ..render.draft import render_bytes
from ..render.templates import resolve_template
from ..sheet.indicators import Indicator
from ..sheet.loading import load_sheet

SHEET, DRAFT = "bang", "ban_nhap"
_KINDS = {".yaml": SHEET, ".yml": SHEET, ".docx": DRAFT}
_NAMES = {SHEET: "bảng chỉ tiêu", DRAFT: "bản dự thảo Word"}
_ONLY = "chỉ so sánh được hai bảng chỉ tiêu (.yaml) hoặc hai bản dự thảo Word (.docx)"


class DiffError(DraftingError):
    """Two files that cannot be compared: of different kinds, or not a sheet or a draft."""

    exit_code = EXIT_INVALID_SHEET


@dataclass(frozen=True)
class FigureChange:
    code: str  # "" when read from a draft's table
    label: str
    unit: str
    old: Optional[str]  # None: absent on that side
    new: Optional[str]
    old_comparison: str
    new_comparison: str


@dataclass(frozen=True)
class SentenceChange:
    old: Optional[str]  # None: a sentence added
    new: Optional[str]  # None: a sentence removed


@dataclass(frozen=True)
class DiffResult:
    a: Path
    b: Path
    kind: str  # SHEET or DRAFT
    figures: tuple[FigureChange, ...]
    sentences: tuple[SentenceChange, ...]

    @property
    def unchanged(self) -> bool:
        return not self.figures and not self.sentences

    def as_json(self) -> dict:
        """Vietnamese keys, for ``drafting diff --json``; None where a side has nothing."""
        figures = [{"ma": f.code, "ten": f.label, "don_vi": f.unit, "cu": f.old, "moi": f.new,
                    "so_sanh_cu": f.old_comparison, "so_sanh_moi": f.new_comparison} for f in self.figures]
        return {"a": str(self.a), "b": str(self.b), "loai": self.kind, "chi_tieu": figures,
                "cau": [{"cu": s.old, "moi": s.new} for s in self.sentences]}


def diff_paths(a: Union[str, Path], b: Union[str, Path]) -> DiffResult:
    """What changed from ``a`` to ``b``: two sheets (.yaml) or two drafts (.docx); figures, then sentences.

    Raises DiffError when the two cannot be compared (different kinds, unreadable files).
    """
    a, b = Path(a), Path(b)
    for path in (a, b):
        if path.suffix.lower() not in _KINDS:
            raise DiffError(f"không so sánh được '{path}': {_ONLY}")
    kind_a, kind_b = _KINDS[a.suffix.lower()], _KINDS[b.suffix.lower()]
    if kind_a != kind_b:
        raise DiffError(f"không so sánh được {_NAMES[kind_a]} '{a}' với {_NAMES[kind_b]} '{b}': {_ONLY}")
    if kind_a == SHEET:
        old, new = load_sheet(a), load_sheet(b)
        figures = _changes(*({i.code: _indicator(i) for i in s.indicators} for s in (old, new)))
        views = tuple(read_draft(render_bytes(s, resolve_template(None, s.sheet.the_thuc))) for s in (old, new))
    else:
        views = _read(a), _read(b)
        figures = _changes(*map(_table_figures, views))
    return DiffResult(a, b, kind_a, tuple(figures), tuple(diff_sentences(*map(sentences, views))))


def _read(path: Path) -> DraftView:
    data = read_bytes(path, lambda why: DiffError(f"{path}: {why}"))
    try:
        return read_draft(data)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError):
        raise DiffError(f"'{path}' không phải tệp Word .docx đọc được (tệp hỏng hoặc sai định dạng)") from None


class _Figure(NamedTuple):
    code: str
    label: str
    unit: str
    value: str
    comparison: str
    others: tuple  # what else changes a figure: last year's (and the plan's) figure


def _indicator(ind: Indicator) -> _Figure:
    others = tuple(None if v is None else ind.number_text(v) for v in (ind.last_year, ind.plan))
    return _Figure(ind.code, ind.label, ind.unit, ind.number_text(), ", ".join(map(str, ind.comparisons())), others)


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _table_figures(view: DraftView) -> dict[str, _Figure]:
    """The rows of the draft's figures tables (header STT | Chỉ tiêu | Đơn vị | Năm N-1 | Năm N | So với...)."""
    out: dict[str, _Figure] = {}
    for grid in view.tables:
        head = [_clean("".join(s.text for s in cell)) for cell in grid.rows[0]] if grid.rows else []
        if "Chỉ tiêu" not in head:
            continue
        years = [i for i, h in enumerate(head) if re.fullmatch(r"Năm \d{4}", h)]
        cols = (head.index("Chỉ tiêu"), head.index("Đơn vị") if "Đơn vị" in head else None,
                years[-1] if years else len(head) - 2, len(head) - 1 if head[-1].startswith("So với") else None,
                years[-2] if len(years) > 1 else None)
        for row in grid.rows[1:]:
            cells = [_clean("".join(s.text for s in cell)) for cell in row]
            label, unit, value, comparison, last = (cells[i] if i is not None and i < len(cells) else "" for i in cols)
            key, n = label, 1
            while key in out:  # the same label twice: keep both rows
                n += 1
                key = f"{label} ({n})"
            if label:
                out[key] = _Figure("", label, unit, value, comparison, (last,))
    return out


def _changes(old: dict[str, _Figure], new: dict[str, _Figure]) -> list[FigureChange]:
    out = []
    for key in list(old) + [k for k in new if k not in old]:
        o, n = old.get(key), new.get(key)
        if o is not None and n is not None and o[3:] == n[3:]:
            continue
        either = n or o
        assert either is not None  # key comes from old or new
        out.append(FigureChange(either.code, either.label, either.unit, o and o.value, n and n.value,
                                o.comparison if o else "", n.comparison if n else ""))
    return out


# A sentence ends at ". ", "; " (or "!", "?") before a space; "4.826" and "0,41" have none.
_BREAK = re.compile(r"(?<=[.;!?])\s+")
# Pieces that end like a sentence but are not one: "I." or "1." numbering, "TP. Vinh".
_NUMBERING = re.compile(r"(?:[IVXLCDM]+|\d{1,3}|[a-zđ])[.)]")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:TM|KT|TL|TUQ|Q|TP|Tp|ThS|TS|PGS|GS)\.$")



def split_sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    for line in paragraph.splitlines():
        pieces: list[str] = []
        for piece in _BREAK.split(_clean(line)):
            if pieces and (_NUMBERING.fullmatch(pieces[-1]) or _ABBREVIATION.search(pieces[-1])):
                pieces[-1] += " " + piece
            elif piece:
                pieces.append(piece)
        out += pieces
    return out


def sentences(view: DraftView) -> list[str]:
    """The body's paragraphs (not its tables), sentence by sentence."""
    return [s for line in view.lines for s in split_sentences(line.text)]


def diff_sentences(old: list[str], new: list[str]) -> list[SentenceChange]:
    out: list[SentenceChange] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out += _pair(old[i1:i2], new[j1:j2])
    return out


def _pair(old: list[str], new: list[str]) -> list[SentenceChange]:
    """Replaced sentences paired by likeness (of their words): a rewrite is (old, new), an
    unrelated sentence in the same place is a removal and an addition."""
    words_old, words_new = [o.split() for o in old], [n.split() for n in new]
    paired = pair_in_order(len(old), len(new), lambda i, k: likeness(words_old[i], words_new[k]))
    out: list[SentenceChange] = []
    j = 0
    for o, k in zip(old, paired):
        if k is None:
            out.append(SentenceChange(o, None))
            continue
        out += [SentenceChange(None, n) for n in new[j:k]] + [SentenceChange(o, new[k])]
        j = k + 1
    return out + [SentenceChange(None, n) for n in new[j:]]
