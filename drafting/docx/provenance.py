"""What made a draft, kept inside it: hashes, the drafting version, the pristine text.

Every draft carries a custom XML part (customXml/itemN.xml) in drafting's own
namespace. Word keeps such parts, and so does LibreOffice (tests/test_libreoffice.py
saves a draft through it and reads the part back). It records the hashes of the
sheet and template, the version of drafting, and the generated document.xml as
it was written, so that drafting can later tell whether a clerk edited the draft
and merge new figures into it (regenerate.py).
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Optional

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .zip_writer import deflate_raw

NAMESPACE = "urn:drafting:nguon-goc:1"
# A fixed data-store id: the same draft must be the same bytes on any machine.
_ITEM_ID = "{6F1D5C2A-8B3E-4D7A-9C41-2E5B7A0D9F13}"
_ITEM = re.compile(r"^customXml/item(\d+)\.xml$")
_PLACEHOLDER = b"<drafting/>"


@dataclass(frozen=True)
class Provenance:
    version: str  # of drafting
    sheet_sha256: str  # of the sheet's content (see drafting.sheet.digest)
    template: str  # a built-in template's name, or the path it was given as
    template_sha256: str
    pristine: bytes  # word/document.xml as generated

    def to_xml(self, deflated: Optional[bytes] = None) -> bytes:
        """The part's XML; ``deflated`` is ``pristine`` already deflated (raw), if at hand."""
        root = etree.Element(f"{{{NAMESPACE}}}drafting", nsmap={None: NAMESPACE})
        root.set("phien_ban_drafting", self.version)
        root.set("sha256_bang_chi_tieu", self.sheet_sha256)
        root.set("mau", self.template)
        root.set("sha256_mau", self.template_sha256)
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
            )
    return None
