"""New figures into a draft the clerk has edited, without losing the clerk's work.

A three-way merge of paragraphs and table cells. The base is the text drafting
generated (kept in the draft's provenance), "mine" the draft as the clerk left
it, "theirs" a fresh render of the updated sheet:

- untouched by the clerk and changed in the new render: takes the new text;
- edited by the clerk, unchanged in the new render: the clerk's text stays;
- edited by the clerk and changed in the new render: the clerk's text stays, with
  the new generated text attached as a Word comment, and the conflict is listed;
- paragraphs the clerk added stay where they are, deleted ones stay deleted.

The clerk's paragraph formatting is kept: only the runs of an updated paragraph
are replaced, with style ids mapped by style name (Word and LibreOffice rename ids).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from .._files import write_atomic
from ..docx.blocks import Block, blocks, pair
from ..docx.package import normalise_zip
from ..docx.provenance import Provenance, is_provenance_part, read_provenance
from ..docx.splice import raw_text, splice_text
from ..docx.text import element_text
from ..errors import DraftProblem, OutputError, Problem, TemplateProblem
from ..render.draft import render_bytes
from ..render.profiles import LAYOUTS
from ..render.templates import resolve_template
from ..sheet.loading import LoadedSheet, load_sheet

AUTHOR = "drafting"
_P, _PPR, _TCPR, _BODY = qn("w:p"), qn("w:pPr"), qn("w:tcPr"), qn("w:body")
_STYLE_REFS = tuple(qn(t) for t in ("w:pStyle", "w:rStyle", "w:tblStyle"))
_STYLE_ID, _STYLE_NAME, _VAL = qn("w:styleId"), qn("w:name"), qn("w:val")


@dataclass(frozen=True)
class Conflict:
    mine: str  # the clerk's text, kept
    theirs: str  # the new generated text, attached as a comment
    figures: tuple[tuple[str, str], ...] = ()  # (old, new) of each figure the new render changed


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")  # "6.500", "23,73%", as drafting.lang writes them


def figure_changes(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The figures that differ between two generated texts, in order: (("187", "180"),)."""
    before, after = _FIGURE.findall(old), _FIGURE.findall(new)
    changes: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        both = min(i2 - i1, j2 - j1)
        changes += zip(before[i1:i1 + both], after[j1:j1 + both])
        if i2 - i1 != j2 - j1:  # figures added or dropped: told together
            changes.append((", ".join(before[i1 + both:i2]) or "—", ", ".join(after[j1 + both:j2]) or "—"))
    return tuple(changes)


def figures_told(figures: tuple[tuple[str, str], ...]) -> str:
    """How a conflict's comment and summary name the changed figures: "187 → 180; 20,76% → 23,73%"."""
    return "; ".join(f"{old} → {new}" for old, new in figures)


@dataclass(frozen=True)
class RegenerateResult:
    draft: Path
    template: Path  # the template the new figures were filled into
    backup: Optional[Path]  # the draft as it was, kept beside it (None with dry_run)
    updated: int  # paragraphs and cells that took the new figures
    kept: int  # paragraphs and cells the clerk edited, kept as they were
    added: int  # the clerk's own paragraphs, kept
    deleted: int  # paragraphs the clerk deleted, still deleted
    inserted: int  # new generated paragraphs put in
    conflicts: tuple[Conflict, ...]
    warnings: tuple[Problem, ...]
    written: bool


def _style_names(document) -> dict[str, str]:
    out = {}
    for style in document.styles.element.iter(qn("w:style")):
        name = style.find(_STYLE_NAME)
        if name is not None:
            out[style.get(_STYLE_ID)] = name.get(_VAL)
    return out


class _Merge:
    def __init__(self, mine_doc, theirs_doc, base_body):
        self.doc = mine_doc
        self.base = blocks(base_body)
        self.theirs = blocks(theirs_doc.element.body)
        self.mine = blocks(mine_doc.element.body)
        by_name = {name: sid for sid, name in _style_names(mine_doc).items()}
        self.style_ids = {sid: by_name.get(name, sid) for sid, name in _style_names(theirs_doc).items()}
        self.updated = self.kept = self.inserted = 0
        self.conflicts: list[Conflict] = []

    def _adopt(self, element):
        """A copy of a new-render element with its style ids as the clerk's file names them."""
        element = copy.deepcopy(element)
        for ref in element.iter(*_STYLE_REFS):
            ref.set(_VAL, self.style_ids.get(ref.get(_VAL), ref.get(_VAL)))
        return element

    def _replace_runs(self, target, source) -> None:
        """``target`` (a paragraph or a cell) says what ``source`` says, keeping its own properties."""
        own = _PPR if target.tag == _P else _TCPR
        for child in list(target):
            if child.tag != own:
                target.remove(child)
        for child in source:
            if child.tag != own:
                target.append(self._adopt(child))

    def _take_new_text(self, mine, base, theirs) -> None:
        """``mine`` (a paragraph or cell the clerk did not reword) gets ``theirs``' words.

        Untouched, it becomes the new render exactly; formatted or commented by the clerk,
        only the changed characters are written into the clerk's own runs; a change that
        cannot be carried that way (a tab or a break) is a conflict."""
        if _same_xml(mine, base):
            self._replace_runs(mine, theirs)
        elif not splice_text(mine, raw_text(theirs)):
            self._comment(mine, element_text(mine), element_text(theirs), element_text(base))
            return
        self.updated += 1

    def _comment(self, element, mine: str, theirs: str, base: str = "") -> None:
        paragraph = element if element.tag == _P else next(element.iter(_P))
        para = Paragraph(paragraph, self.doc._body)
        runs = para.runs or [para.add_run("")]
        figures = figure_changes(base, theirs) if theirs else ()
        changed = f" ({figures_told(figures)})" if figures else ""
        note = f"drafting: số liệu mới sinh ra cho đoạn này{changed}: “{theirs}”" if theirs else \
            "drafting: đoạn này không còn trong bản mới sinh ra"
        self.doc.add_comment(runs, text=note, author=AUTHOR, initials="DR")
        self.conflicts.append(Conflict(mine, theirs, figures))

    def _cells(self, base: Block, mine: Block, theirs: Block) -> None:
        if not (base.shape == mine.shape == theirs.shape):
            first = next(mine.element.iter(qn("w:tc")))
            self._comment(first, *(b.text.replace("\x1f", " | ") for b in (mine, theirs, base)))
            return
        for b_row, m_row, t_row in zip(base.cells, mine.cells, theirs.cells):
            for b, m, t in zip(b_row, m_row, t_row):
                b_text, m_text, t_text = element_text(b), element_text(m), element_text(t)
                if t_text == b_text:
                    self.kept += m_text != b_text
                elif m_text == b_text:
                    self._take_new_text(m, b, t)
                else:
                    self._comment(m, m_text, t_text, b_text)

    def run(self) -> tuple[int, int]:
        to_theirs = pair(self.base, self.theirs, masked=True)
        to_mine = pair(self.base, self.mine, masked=False)
        for i, base in enumerate(self.base):
            t, m = to_theirs.get(i), to_mine.get(i)
            if m is None:
                continue  # deleted by the clerk: stays deleted
            mine = self.mine[m]
            edited = mine.text != base.text
            if t is not None and self.theirs[t].text == base.text:
                self.kept += edited
                continue
            if t is None:  # the new render no longer has it
                if edited:
                    self._comment(mine.element, mine.text, "")
                else:
                    mine.element.getparent().remove(mine.element)
                continue
            theirs = self.theirs[t]
            if not edited:
                if base.kind == "t" and _same_xml(mine.element, base.element):
                    mine.element.getparent().replace(mine.element, self._adopt(theirs.element))
                    self.updated += 1
                elif base.kind == "t":  # reformatted, not reworded: new figures cell by cell
                    before = self.updated
                    self._cells(base, mine, theirs)
                    self.updated = min(self.updated, before + 1)  # still one table updated
                else:
                    self._take_new_text(mine.element, base.element, theirs.element)
            elif base.kind == "t":
                self._cells(base, mine, theirs)
            else:
                self._comment(mine.element, mine.text, theirs.text, base.text)
        self._insert_new(to_theirs, to_mine)
        matched = {m for m in to_mine.values() if m is not None}
        deleted = sum(1 for m in to_mine.values() if m is None)
        return len(self.mine) - len(matched), deleted

    def _insert_new(self, to_theirs: dict, to_mine: dict) -> None:
        """Generated blocks the base did not have, after the clerk's block for the one before."""
        base_of = {t: i for i, t in to_theirs.items() if t is not None}
        anchor = None
        for t, theirs in enumerate(self.theirs):
            if t in base_of:
                m = to_mine.get(base_of[t])
                if m is not None:
                    anchor = self.mine[m].element
                continue
            element = self._adopt(theirs.element)
            if anchor is not None and anchor.getparent() is not None:
                anchor.addnext(element)
            else:
                self.doc.element.body.insert(0, element)
            anchor = element
            self.inserted += 1


def _same_xml(a, b) -> bool:
    return bool(etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n"))


def _backup_path(draft: Path) -> Path:
    n = 1
    while True:
        candidate = draft.with_name(f"{draft.stem}.truoc-cap-nhat-{n}{draft.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def _template_for(draft: Path, provenance: Provenance, choice: Optional[Union[str, Path]], profile: str) -> Path:
    """The template asked for, or else the one the draft records, if it can still be trusted.

    A built-in template is recorded by its name and used as is. A template given by path
    (perhaps relative, then read from the current folder) is used again only while its
    SHA-256 is the one recorded: a file put in its place since is refused.
    """
    if choice is not None:
        return resolve_template(choice, profile)
    recorded = provenance.template
    if recorded in LAYOUTS:
        return resolve_template(recorded, profile)
    path = Path(recorded)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if recorded else None
    except OSError:
        digest = None
    if digest is None:
        raise TemplateProblem(f"mẫu ghi trong {draft} ('{recorded}') không còn: hãy chỉ rõ mẫu bằng -t MẪU")
    if digest != provenance.template_sha256:
        raise TemplateProblem(
            f"mẫu ghi trong {draft} ('{recorded}') đã thay đổi kể từ khi tạo bản dự thảo nên không được dùng "
            "lại: hãy chỉ rõ mẫu bằng -t MẪU"
        )
    return resolve_template(path, profile)


def _merge(mine_bytes: bytes, provenance: Provenance, loaded: LoadedSheet, template_path: Path,
           draft: Path) -> tuple[RegenerateResult, Callable[[], bytes]]:
    """The merge's outcome, and how to get the merged draft's bytes (with the new provenance)."""
    theirs_bytes = render_bytes(loaded, template_path)
    mine_doc = Document(io.BytesIO(mine_bytes))
    base_body = etree.fromstring(provenance.pristine).find(_BODY)
    merge = _Merge(mine_doc, Document(io.BytesIO(theirs_bytes)), base_body)
    added, deleted = merge.run()
    result = RegenerateResult(
        draft=draft, template=template_path, backup=None, updated=merge.updated, kept=merge.kept, added=added,
        deleted=deleted, inserted=merge.inserted, conflicts=tuple(merge.conflicts), warnings=loaded.warnings,
        written=False,
    )

    def merged() -> bytes:
        # The new base is what drafting generated now; the clerk's edits stay edits against it.
        fresh = read_provenance(theirs_bytes)
        assert fresh is not None  # every render carries its provenance
        for part in mine_doc.part.package.parts:
            if is_provenance_part(part):
                part._blob = fresh.to_xml()
        buffer = io.BytesIO()
        mine_doc.save(buffer)
        return normalise_zip(buffer.getvalue())

    return result, merged


def _provenance(mine_bytes: bytes, draft: Union[str, Path]) -> Provenance:
    provenance = read_provenance(mine_bytes)
    if provenance is None:
        raise DraftProblem(
            f"{draft} không có thông tin nguồn gốc của drafting (không do drafting tạo, hoặc phần đó "
            "đã bị xóa): không biết đoạn nào do người soạn sửa; hãy dùng 'drafting render'"
        )
    return provenance


def regenerate(
    draft: Union[str, Path],
    sheet: Union[str, Path],
    *,
    template: Optional[Union[str, Path]] = None,
    dry_run: bool = False,
    before_writing: Optional[Callable[[RegenerateResult], None]] = None,
) -> RegenerateResult:
    """Merge a fresh render of ``sheet`` into ``draft``; keeps a backup of the draft first.

    ``before_writing`` is shown the merge's outcome before anything is written (also
    with ``dry_run``, where nothing is).
    """
    draft = Path(draft)
    try:
        mine_bytes = draft.read_bytes()
    except OSError as exc:
        raise OutputError(f"không đọc được {draft}: {exc.strerror}") from None
    provenance = _provenance(mine_bytes, draft)
    loaded = load_sheet(sheet)
    template_path = _template_for(draft, provenance, template, loaded.sheet.the_thuc)
    result, merged = _merge(mine_bytes, provenance, loaded, template_path, draft)
    if before_writing is not None:
        before_writing(result)
    if not dry_run:
        data = merged()
        backup = _backup_path(draft)
        try:
            shutil.copy2(draft, backup)
        except OSError as exc:
            raise OutputError(f"không sao lưu được {draft} sang {backup}: {exc.strerror}") from None
        write_atomic(draft, data)
        result = replace(result, backup=backup, written=True)
    return result


def regenerate_bytes(
    mine: bytes,
    loaded: LoadedSheet,
    *,
    template: Optional[Union[str, Path]] = None,
    name: str = "bản dự thảo",
) -> tuple[RegenerateResult, bytes]:
    """:func:`regenerate` in memory: an edited draft's bytes and the new sheet; the merged draft's bytes.

    For a draft that comes from elsewhere (a web page's upload): a template the draft records
    by path is not looked for on this machine; the draft's built-in template is used, or
    ``template``. ``name`` names the draft in messages. Nothing is written.
    """
    provenance = _provenance(mine, name)
    if template is None and provenance.template not in LAYOUTS:
        raise TemplateProblem(f"{name} được tạo bằng mẫu riêng '{provenance.template}': hãy chọn mẫu để cập nhật")
    template_path = resolve_template(template if template is not None else provenance.template,
                                     loaded.sheet.the_thuc)
    result, merged = _merge(mine, provenance, loaded, template_path, Path(name))
    return result, merged()
