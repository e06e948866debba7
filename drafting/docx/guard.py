"""The overwrite guard: a draft at the target is written over only if nothing in it is a clerk's work.

A draft's provenance keeps two fingerprints of the draft as drafting wrote it. The
parts: a SHA-256 over every part but docProps/ and the provenance (the body, headers
and footers as python-docx writes them); any edit changes it, a bold run or a margin
as much as a word. The look: a SHA-256 over what a reader sees, that is the text in
stretches of one effective formatting, paragraphs' alignment, indents, spacing and
numbering, tables' shapes, comments and notes, pictures by their bytes' hash, each
section's page size, margins, headers and footers (field results, page numbers, left out).

A draft is untouched if its parts are as written, or, last saved by LibreOffice
(docProps/app.xml says so), if it looks as written: LibreOffice rewrites every
part, renames styles and splits runs, but keeps what a reader sees, as shown for
the built-in templates (tests/test_overwrite_guard.py). Word's saving is not shown
harmless, so a draft Word saved counts as edited. Drafts made before the
fingerprints were kept are compared by the body's text, as they were then.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Optional, Union

from lxml import etree

from .._files import read_bytes
from ..errors import DraftProblem, OutputError
from .blocks import same_text
from .provenance import (
    Provenance,
    draft_parts,
    entries_sha256,
    inflate,
    parse_part,
    parts_sha256,
    read_provenance,
    relationships,
)
from .zip_writer import ZipEntry

_APPLICATION = re.compile(rb"<(?:\w+:)?Application>\s*LibreOffice", re.IGNORECASE)


def with_fingerprints(provenance: Provenance, entries: Iterable[ZipEntry]) -> Provenance:
    """``provenance`` with the fingerprints of the draft being written (its zip entries but this)."""
    entries = list(entries)
    look = look_sha256({entry.name: inflate(entry) for entry in entries})
    return replace(provenance, parts_sha256=entries_sha256(entries), look_sha256=look)


def saved_by_libreoffice(parts: Mapping[str, bytes]) -> bool:
    """Whether LibreOffice saved the package last (it names itself in docProps/app.xml)."""
    return bool(_APPLICATION.search(parts.get("docProps/app.xml", b"")))


def edited_since_generated(docx: bytes) -> Optional[bool]:
    """True if the draft is no longer what drafting generated; None without provenance."""
    provenance = read_provenance(docx)
    if provenance is None:
        return None
    parts = draft_parts(docx)
    if parts is None:
        return True  # a damaged package: nothing shows that it is untouched
    if not provenance.parts_sha256:  # made by a drafting that kept only the text
        try:
            current = etree.fromstring(parts["word/document.xml"]).find(_BODY)
        except (KeyError, etree.XMLSyntaxError):
            return True
        return not same_text(etree.fromstring(provenance.pristine).find(_BODY), current)
    if parts_sha256(parts) == provenance.parts_sha256:
        return False
    if provenance.look_sha256 and saved_by_libreoffice(parts):
        return look_sha256(parts) != provenance.look_sha256
    return True


def refuse_to_overwrite(target: Path, sheet_path: Optional[Union[str, Path]]) -> None:
    """Raise DraftProblem if ``target`` holds work that writing over it would lose."""
    if not Path(target).is_file():
        return  # nothing there, or a folder: writing will say what is wrong
    existing = read_bytes(target, lambda why: OutputError(f"{target}: {why}"))
    edited = edited_since_generated(existing)
    if edited is None:
        raise DraftProblem(f"{target} đã có và không phải bản dự thảo do drafting tạo: "
                           "chọn tên khác, hoặc dùng --force để ghi đè")
    if edited:
        command = f"drafting regenerate {target} --sheet {sheet_path or 'BẢNG.yaml'}"
        raise DraftProblem(
            f"{target} đã được sửa sau khi drafting tạo: dùng '{command}' để cập nhật số liệu "
            "mà giữ phần đã sửa, hoặc --force để ghi đè"
        )


# --- The look: what a reader sees, whatever the XML that says it -------------------------

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}".__add__  # _w("p"): w:p's tag
_BODY, _P, _R_, _PPR, _RPR, _TBL, _TR, _TC = (_w(t) for t in ("body", "p", "r", "pPr", "rPr", "tbl", "tr", "tc"))
_SDT_CONTENT, _FLD_SIMPLE, _FLD_CHAR = _w("sdtContent"), _w("fldSimple"), _w("fldChar")
_SECT_PR, _VAL, _PSTYLE, _T, _BR, _FLD_TYPE = (_w(t) for t in ("sectPr", "val", "pStyle", "t", "br", "fldCharType"))
_TC_PR, _V_MERGE = _w("tcPr"), _w("vMerge")
_CONTAINERS = {_w("sdt"), _SDT_CONTENT, _w("customXml"), _w("smartTag"), _w("ins"), _w("hyperlink")}
_HIDDEN = {f"{{{_MC}}}Fallback", _w("txbxContent"), _w("del"), _w("moveFrom"), _FLD_SIMPLE}
_OBJECT = {_w("drawing"), _w("pict"), _w("object"), f"{{{_MC}}}AlternateContent"}
_NOTES = {_w("footnoteReference"): "footnotes", _w("endnoteReference"): "endnotes",
          _w("commentReference"): "comments"}
_CHARACTERS = {_w("tab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "\u2011", _w("softHyphen"): "\u00ad"}
_IMAGES = ("{http://schemas.openxmlformats.org/drawingml/2006/main}blip", "{urn:schemas-microsoft-com:vml}imagedata")
_IMAGE_REFS = (f"{{{_R}}}embed", f"{{{_R}}}link", f"{{{_R}}}id")
_FIELD, _OBJECT_MARK = "\u2318", "\ufffc"
_STORIES = {_w("headerReference"): "header", _w("footerReference"): "footer"}

_TOGGLES = {"b", "i", "strike", "dstrike", "caps", "smallCaps", "vanish"}
_RUN_DEFAULTS = {**dict.fromkeys(_TOGGLES, False), "u": "none", "color": "auto", "highlight": "none",
                 "vertAlign": "baseline", "sz": "", "shd": "auto", "font": ""}
_RUN_KEYS = operator.itemgetter(*sorted(_RUN_DEFAULTS))
_RUN_TAGS = {_w(name): name for name in (*_RUN_DEFAULTS, "rFonts") if name != "font"}
_JC, _IND, _SPACING, _NUM_PR = _w("jc"), _w("ind"), _w("spacing"), _w("numPr")
_PARAGRAPH_TAGS, _RSTYLE = {_JC, _IND, _SPACING, _NUM_PR}, _w("rStyle")
_INDENTS = (("left", "left"), ("left", "start"), ("right", "right"), ("right", "end"))  # the latter win
_TRUE = ("1", "true", "on")
_JUSTIFY = {"start": "left", "end": "right"}


def look_sha256(parts: Mapping[str, bytes]) -> str:
    """The SHA-256 of what a reader sees of a package; "" if it cannot be read."""
    try:
        look = _Look(parts).package()
    except (etree.XMLSyntaxError, KeyError, ValueError, TypeError):
        return ""
    return hashlib.sha256(json.dumps(look, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _attrs(element, *names: str) -> dict[str, str]:
    values = {} if element is None else {name: element.get(_w(name)) for name in names}
    return {name: value for name, value in values.items() if value is not None}


class _Styles:
    """A styles part, for the effective formatting of paragraphs and runs: the styles' share
    is worked out once per style (and once per template, for drafts made from one)."""

    def __init__(self, root):
        self.styles = {(s.get(_w("type")), s.get(_w("styleId"))): s for s in root.iter(_w("style"))}
        self.default = next((sid for (kind, sid), s in self.styles.items() if kind == "paragraph"
                             and (s.get(_w("default")) or "").lower() in _TRUE), None)
        defaults = root.find(_w("docDefaults"))
        self.run_defaults = [] if defaults is None else defaults.findall(f"{_w('rPrDefault')}/{_RPR}")
        self.paragraph_defaults = [] if defaults is None else defaults.findall(f"{_w('pPrDefault')}/{_PPR}")
        self.bases: dict[tuple, tuple] = {}  # the styles' share: (look, its frozen form)

    def chain(self, kind: str, style_id: Optional[str], tag: str) -> list:
        """The style's properties ``tag`` and its bases', the base first."""
        found: list = []
        while style_id and (kind, style_id) in self.styles and len(found) < 32:
            style = self.styles[(kind, style_id)]
            found.append(style.find(tag))
            based = style.find(_w("basedOn"))
            style_id = None if based is None else based.get(_VAL)
        return [p for p in reversed(found) if p is not None]

    def paragraph(self, props) -> tuple[Optional[str], tuple]:
        """A paragraph's style id and effective look, from its own properties (pPr, or None)."""
        style_id, own = _split(props, _PSTYLE, _PARAGRAPH_TAGS)
        style_id = style_id or self.default
        return style_id, self.resolve(("p", style_id), own, lambda: self.paragraph_defaults + self.chain(
            "paragraph", style_id, _PPR))

    def run(self, paragraph_style: Optional[str], props) -> tuple:
        """A run's effective formatting, from its paragraph's style and its own properties (rPr)."""
        character, own = _split(props, _RSTYLE, _RUN_TAGS)
        return self.resolve(("r", paragraph_style, character), own, lambda: self.run_defaults + self.chain(
            "paragraph", paragraph_style, _RPR) + self.chain("character", character, _RPR))

    def resolve(self, key: tuple, own: list, layers) -> tuple:
        fold, freeze = (_fold_paragraph, lambda look: tuple(sorted(look.items()))) if key[0] == "p" \
            else (_fold_run, _RUN_KEYS)
        if key not in self.bases:
            look = {"jc": "left", "lineRule": "auto"} if key[0] == "p" else dict(_RUN_DEFAULTS)
            for layer in layers():
                fold(look, layer)
            self.bases[key] = (look, freeze(look))
        if not own:
            return self.bases[key][1]
        look = dict(self.bases[key][0])
        fold(look, own)
        return freeze(look)


def _split(props, style_tag: str, wanted) -> tuple[Optional[str], list]:
    """From pPr or rPr: the style id, and the properties the look is made of."""
    style_id, own = None, []
    for child in () if props is None else props:
        if child.tag == style_tag:
            style_id = child.get(_VAL)
        elif child.tag in wanted:
            own.append(child)
    return style_id, own


def _fold_paragraph(look: dict, layer) -> None:
    """Lay one layer of paragraph properties (defaults, a style, the paragraph's own) over ``look``."""
    for child in layer:
        tag = child.tag
        if tag == _JC:
            value = child.get(_VAL) or "left"
            look["jc"] = _JUSTIFY.get(value, value)
        elif tag == _IND:
            ind = _attrs(child, "start", "left", "end", "right", "hanging", "firstLine")
            look.update((side, int(ind[name])) for side, name in _INDENTS if name in ind)
            if "hanging" in ind or "firstLine" in ind:
                look["first"] = -int(ind["hanging"]) if "hanging" in ind else int(ind["firstLine"])
        elif tag == _SPACING:
            look.update(_attrs(child, "before", "after", "line", "lineRule"))
        elif tag == _NUM_PR:
            number, level = child.find(_w("numId")), child.find(_w("ilvl"))
            numbered = number is not None and number.get(_VAL) not in (None, "0")
            look["num"] = (level.get(_VAL) if level is not None else "0") if numbered else None


def _fold_run(look: dict, layer) -> None:
    """Lay one layer of run properties over ``look``; toggles are taken as set, not flipped."""
    for child in layer:
        name = _RUN_TAGS.get(child.tag)
        if name in _TOGGLES:
            look[name] = (child.get(_VAL) or "true").lower() in _TRUE
        elif name == "shd":
            look["shd"] = (child.get(_w("fill")) or "auto").lower()
        elif name == "rFonts":
            look["font"] = child.get(_w("ascii")) or look["font"]
        elif name is not None:
            look[name] = (child.get(_VAL) or "").lower() or _RUN_DEFAULTS[name]


@functools.lru_cache(maxsize=8)
def _styles(data: bytes) -> _Styles:
    return _Styles(parse_part(data))


class _Look:
    """What a reader sees of a package, as plain data for a hash."""

    def __init__(self, parts: Mapping[str, bytes]):
        self.parts = parts
        self.main = self.related("", "officeDocument")[0]
        styles = self.related(self.main, "styles")
        self.styles = _styles(parts[styles[0]] if styles else b"<styles/>")
        self.notes: list = []  # footnotes, endnotes and comments, in the order of their marks
        self.looks: dict[tuple, int] = {}  # each formatting met, numbered

    def part(self, name: str):
        return parse_part(self.parts[name])

    def related(self, part: str, kind: str) -> list[str]:
        return [target for rel_kind, target in relationships(self.parts, part).values() if rel_kind == kind]

    def package(self) -> dict:
        body = self.part(self.main).find(_BODY)
        blocks = self.blocks(body, self.main)
        sections = [self.section(s) for s in body.iter(_SECT_PR)]
        return {"body": blocks, "sections": sections, "notes": self.notes, "looks": list(self.looks)}

    def blocks(self, container, part: str) -> list:
        out: list = []
        for child in container:
            if child.tag == _P:
                out.append(self.paragraph(child, part))
            elif child.tag == _TBL:
                rows = [[self.cell(tc, part) for tc in tr.findall(_TC)] for tr in child.findall(_TR)]
                out.append({"table": rows})
            elif child.tag in _CONTAINERS:
                out += self.blocks(child, part)
        return out

    def cell(self, tc, part: str) -> list:
        # Not how many grid columns it spans: LibreOffice drops the grid columns no row needs.
        merge = None
        for prop in tc[0] if len(tc) and tc[0].tag == _TC_PR else ():  # tcPr comes first
            if prop.tag == _V_MERGE:
                merge = prop.get(_VAL) or "continue"
        return [merge, self.blocks(tc, part)]

    def section(self, sect) -> dict:
        """A section's page: size, margins, and its headers and footers with what they say."""
        size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        edges = ["top", "right", "bottom", "left", "gutter"]
        refs = {f"{_STORIES[ref.tag]}:{ref.get(_w('type')) or 'default'}": ref.get(f"{{{_R}}}id") or ""
                for ref in sect if ref.tag in _STORIES}
        stories = {}
        for story in sorted(refs):  # in one order, whatever the order they are written in
            target = relationships(self.parts, self.main)[refs[story]][1]
            stories[story] = self.blocks(self.part(target), target)
            edges.append(story.split(":")[0])  # its distance from the page's edge shows only if there is one
        first_page = sect.find(_w("titlePg"))
        return {"page": {"orient": "portrait", **_attrs(size, "w", "h", "orient")},
                "margins": {edge: int(value) for edge, value in _attrs(margins, *set(edges)).items()},
                "first_page": first_page is not None and (first_page.get(_VAL) or "true").lower() in _TRUE,
                "stories": stories}

    def paragraph(self, p, part: str) -> list:
        props = p[0] if len(p) and p[0].tag == _PPR else None  # pPr comes first
        style_id, look = self.styles.paragraph(props)
        segments: list[list] = []  # [text, run formatting, or None for a mark]
        fields: list[str] = []  # open complex fields: "code" until separate, then "result"
        for run in p.iter(_R_, _FLD_SIMPLE):
            if run.getparent() is not p and _hidden(run, p):
                continue
            if run.tag == _FLD_SIMPLE:
                segments.append([_FIELD, None])
                continue
            own, formatting = None, None
            for child in run:
                tag = child.tag
                if tag == _RPR:  # comes first
                    own = child
                elif tag == _FLD_CHAR:
                    kind = child.get(_FLD_TYPE)
                    if kind == "begin":
                        segments += [] if fields else [[_FIELD, None]]
                        fields.append("code")
                    elif kind == "separate" and fields:
                        fields[-1] = "result"
                    elif kind == "end" and fields:
                        fields.pop()
                elif not fields:
                    formatting = formatting or self.styles.run(style_id, own)
                    _add(segments, *self.content(child, part, formatting))
        return [self.number(look), [[unicodedata.normalize("NFC", text), self.number(how)] for text, how in segments]]

    def number(self, look: Optional[tuple]) -> Optional[int]:
        """A formatting by the order it first appears in: the hashed data stays small."""
        return None if look is None else self.looks.setdefault(look, len(self.looks))

    def content(self, child, part: str, look: tuple) -> tuple[str, Optional[tuple]]:
        """What one child of a run shows, with the formatting it shows in (None: a mark)."""
        tag = child.tag
        if tag == _T:
            return child.text or "", look
        if tag in _CHARACTERS:
            return _CHARACTERS[tag], look
        if tag == _BR:
            return {"page": "\f", "column": "\v"}.get(child.get(_w("type")) or "", "\n"), look
        if tag == _w("sym"):
            return f"sym:{child.get(_w('font'))}:{child.get(_w('char'))}", look
        if tag in _OBJECT:
            return _OBJECT_MARK + ",".join(self.pictures(child, part)), None
        if tag in _NOTES:
            self.notes.append(self.note(_NOTES[tag], child.get(_w("id"))))
            return f"[{_NOTES[tag]}]", None
        return "", look

    def pictures(self, element, part: str) -> list[str]:
        """The hashes of the pictures an object shows (linked ones by their address)."""
        rels, out = relationships(self.parts, part), []
        for image in element.iter(*_IMAGES):
            if _hidden(image, element):
                continue
            rid = next((image.get(a) for a in _IMAGE_REFS if image.get(a)), None)
            _, target = rels.get(rid or "", ("", ""))
            data = self.parts.get(target)
            out.append(target if data is None else hashlib.sha256(data).hexdigest())
        return out

    def note(self, kind: str, note_id: Optional[str]) -> dict:
        """A footnote, endnote or comment: its author (comments) and what it says."""
        for part in self.related(self.main, kind):
            for element in self.part(part):
                if element.get(_w("id")) == note_id:
                    return {"kind": kind, "author": element.get(_w("author")), "blocks": self.blocks(element, part)}
        return {"kind": kind, "missing": True}


def _hidden(element, paragraph) -> bool:
    """Whether a run is out of sight: a field's cached result, a fallback copy, a text box, deleted."""
    parent = element.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _HIDDEN:
            return True
        parent = parent.getparent()
    return False


def _add(segments: list[list], text: str, look: Optional[tuple]) -> None:
    """Add text to the last stretch if it is formatted alike: runs split anywhere read the same."""
    if text and segments and look is not None and segments[-1][1] == look:
        segments[-1][0] += text
    elif text:
        segments.append([text, look])
