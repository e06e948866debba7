"""What made a draft, kept inside it: hashes, the drafting version, the pristine text.

Every draft carries a custom XML part (customXml/itemN.xml) in drafting's own
namespace. Word keeps such parts, and so does LibreOffice (tests/test_libreoffice.py
saves a draft through it and reads the part back). It records the hashes of the
sheet and template, the version of drafting, the generated document.xml as it
was written, and two fingerprints of the whole draft as written (its parts, and
how it looks: guard.py), so that drafting can later tell whether a clerk edited
the draft (guard.py) and merge new figures into it (regenerate.py).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .zip_writer import ZipEntry, deflate_raw

NAMESPACE = "urn:drafting:nguon-goc:1"
# A fixed data-store id: the same draft must be the same bytes on any machine.
_ITEM_ID = "{6F1D5C2A-8B3E-4D7A-9C41-2E5B7A0D9F13}"
_ITEM = re.compile(r"^customXml/item(\d+)\.xml$")
_PLACEHOLDER = b"<drafting/>"
# The parts drafting fills from a template's Jinja text, which python-docx, saving a draft
# unchanged, writes its own way; every other part drafting copies as python-docx wrote it
# for the template, and python-docx writes it again byte for byte.
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# XML parts read as python-docx reads them: whitespace between tags dropped (not inside w:t).
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)


@dataclass(frozen=True)
class Provenance:
    version: str  # of drafting
    sheet_sha256: str  # of the sheet's content (see drafting.sheet.digest)
    template: str  # a built-in template's name, or the path it was given as
    template_sha256: str
    pristine: bytes  # word/document.xml as generated
    # Of the draft as written, provenance left out (guard.py); "" in drafts made before them.
    parts_sha256: str = ""  # every part but docProps/ (the body, headers, footers as python-docx writes them)
    look_sha256: str = ""  # what a reader sees: text, formatting, comments, pictures, margins

    def to_xml(self, deflated: Optional[bytes] = None) -> bytes:
        """The part's XML; ``deflated`` is ``pristine`` already deflated (raw), if at hand."""
        root = etree.Element(f"{{{NAMESPACE}}}drafting", nsmap={None: NAMESPACE})
        root.set("phien_ban_drafting", self.version)
        root.set("sha256_bang_chi_tieu", self.sheet_sha256)
        root.set("mau", self.template)
        root.set("sha256_mau", self.template_sha256)
        if self.parts_sha256:
            root.set("sha256_cac_phan", self.parts_sha256)
        if self.look_sha256:
            root.set("sha256_dien_mao", self.look_sha256)
        original = etree.SubElement(root, f"{{{NAMESPACE}}}ban_goc")
        original.set("ma_hoa", "deflate+base64")
        packed = deflated if deflated is not None else deflate_raw(self.pristine)
        original.text = base64.b64encode(packed).decode("ascii")
        return etree.tostring(root, encoding="UTF-8", standalone=True)


def is_provenance_part(part) -> bool:
    """Whether a python-docx part is drafting's provenance item."""
    return bool(_ITEM.match(str(part.partname).lstrip("/"))) and NAMESPACE.encode() in part.blob


def add_provenance_part(document) -> str:
    """Give a template's package an (empty) provenance part; returns its zip name.

    Done once per compiled template, so that python-docx writes the relationship and
    content type; each draft then only replaces the part's bytes.
    """
    package = document.part.package
    for part in package.parts:
        if is_provenance_part(part):
            part._blob = _PLACEHOLDER  # a template made from a draft: reuse its part
            return str(part.partname).lstrip("/")
    taken = {int(m.group(1)) for m in (_ITEM.match(str(p.partname).lstrip("/")) for p in package.parts) if m}
    n = max(taken, default=0) + 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), CT.XML, _PLACEHOLDER, package)
    props = Part(
        PackURI(f"/customXml/itemProps{n}.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        (
            "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
            '<ds:datastoreItem ds:itemID="' + _ITEM_ID + '" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
        ).encode("utf-8"),
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)
    return f"customXml/item{n}.xml"


def read_provenance(docx: bytes) -> Optional[Provenance]:
    """The provenance a .docx carries, or None (not made by drafting, or the part was lost)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(docx))
    except zipfile.BadZipFile:
        return None
    with package:
        for name in package.namelist():
            if not _ITEM.match(name):
                continue
            data = package.read(name)
            if NAMESPACE.encode() not in data:
                continue
            try:
                root = etree.fromstring(data)
                original = root.find(f"{{{NAMESPACE}}}ban_goc")
                pristine = zlib.decompress(base64.b64decode(original.text or ""), -15)
            except (etree.XMLSyntaxError, AttributeError, ValueError, zlib.error):
                return None
            return Provenance(
                version=root.get("phien_ban_drafting", ""),
                sheet_sha256=root.get("sha256_bang_chi_tieu", ""),
                template=root.get("mau", ""),
                template_sha256=root.get("sha256_mau", ""),
                pristine=pristine,
                parts_sha256=root.get("sha256_cac_phan", ""),
                look_sha256=root.get("sha256_dien_mao", ""),
            )
    return None


def draft_parts(docx: bytes) -> Optional[dict[str, bytes]]:
    """Every part of a .docx by name but drafting's provenance; None if the zip cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            parts = {info.filename: package.read(info) for info in package.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, zlib.error, ValueError, NotImplementedError, EOFError):
        return None
    return {name: data for name, data in parts.items()
            if not (_ITEM.match(name) and NAMESPACE.encode() in data)}


def parts_sha256(parts: Mapping[str, bytes]) -> str:
    """The SHA-256 over every part of a package (its provenance left out); the body, headers and
    footers read and written again as python-docx does, so that its saving them unchanged is no change."""
    return _combine({name: _part_sha256(name, data) for name, data in parts.items()})


def entries_sha256(entries: Iterable[ZipEntry]) -> str:
    """parts_sha256 of a package being written, from its zip entries."""
    return _combine({entry.name: _entry_sha256(entry) for entry in entries})


# A template's unchanged parts are the same entries draft after draft: done once for them.
@functools.lru_cache(maxsize=64)
def inflate(entry: ZipEntry) -> bytes:
    return zlib.decompress(entry.data, -15)


@functools.lru_cache(maxsize=64)
def _entry_sha256(entry: ZipEntry) -> str:
    return _part_sha256(entry.name, inflate(entry))


def relationships(parts: Mapping[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships ("" for the package's): id -> (the type's last word, e.g.
    "styles", and the target part's name, or the address of an external target)."""
    folder, name = posixpath.split(part)
    data = parts.get(posixpath.join(folder, "_rels", name + ".rels"))
    out = {}
    for rel in [] if data is None else parse_part(data):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], target)
    return out


@functools.lru_cache(maxsize=16)
def parse_part(data: bytes):
    """An XML part's tree, read as python-docx reads it; shared, so never to be changed."""
    return etree.fromstring(data, PARSER)


def _combine(digests: Mapping[str, str]) -> str:
    # docProps/ (title, author, statistics, thumbnail) is metadata that Word rewrites on any save.
    digest = hashlib.sha256()
    for name in sorted(digests):
        if not name.startswith("docProps/"):
            digest.update(f"{name}\0{digests[name]}\n".encode())
    return digest.hexdigest()


def _part_sha256(name: str, data: bytes) -> str:
    if _RENDERED_PART.match(name):
        try:
            data = etree.tostring(parse_part(data), encoding="UTF-8", standalone=True)
        except etree.XMLSyntaxError:
            pass  # not well-formed: its bytes as they are
    return hashlib.sha256(data).hexdigest()
