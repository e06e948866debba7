"""Saving a .docx so that its bytes depend only on its content.

python-docx stamps each zip entry with the time of saving; templates and drafts
are rewritten with one fixed timestamp and fixed core properties, so the same
input gives the same file, byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml.ns import qn
from lxml import etree

from .zip_writer import ZipEntry, write_zip

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_WORD = "http://schemas.microsoft.com/office/word"
# Word 2013 and later lay a document out as themselves only in compatibility mode 15.
COMPATIBILITY_MODE = "15"
# The extended properties of a generated document: who made it, and nothing that would go
# stale (pages, words, lines: Word recounts them when it saves).
APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>drafting</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def normalise_zip(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return write_zip([ZipEntry.deflate(name, source.read(name)) for name in source.namelist()])


def document_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# python-docx refuses a core property text longer than this (and Word's own dialog stops there).
MAX_PROPERTY_CHARS = 255


def _property_text(value: str) -> str:
    """``value`` cut to fit a core property; the document's own text keeps it whole."""
    if len(value) <= MAX_PROPERTY_CHARS:
        return value
    return value[: MAX_PROPERTY_CHARS - 1].rstrip() + "…"


def core_properties(*, title: str, subject: str, author: str, when: datetime) -> dict:
    """The core properties of a generated document; nothing in them depends on the clock."""
    title, subject, author = (_property_text(v) for v in (title, subject, author))
    return {
        "title": title,
        "subject": subject,
        "author": author,
        "last_modified_by": author,
        "created": when,
        "modified": when,
        "revision": 1,
        "comments": "",
        "keywords": "",
    }


# python-docx finds a core property's element through its global prefix map, where docxcompose
# (which docxtpl imports whenever it is installed) rebinds "cp" to the custom-properties namespace:
# python-docx would then add cp:lastModifiedBy, cp:revision, cp:keywords... a second time, in that
# namespace, and Word reads the file as damaged. The cp: properties are written by their full names.
_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_CORE_BY_FULL_NAME = {"category": "category", "content_status": "contentStatus", "keywords": "keywords",
                      "last_modified_by": "lastModifiedBy", "revision": "revision", "version": "version"}


def write_core_properties(core: etree._Element, values: dict) -> None:
    """Set ``values`` (python-docx's names: title, author, revision...) in a docProps/core.xml root."""
    props = CoreProperties(core)
    for key, value in values.items():
        if key not in _CORE_BY_FULL_NAME:
            setattr(props, key, value)  # dc: and dcterms:, which nothing rebinds
            continue
        tag = f"{{{_CORE}}}{_CORE_BY_FULL_NAME[key]}"
        element = core.find(tag)
        if element is None:
            element = etree.SubElement(core, tag)
        element.text = str(value)


def set_properties(document: Document, **fields) -> None:
    write_core_properties(document.core_properties._element, core_properties(**fields))


def tidy_package(document: Document) -> None:
    """python-docx's starting package made as Word expects a new document today: no
    stylesWithEffects part (Word 2010's copy of the styles, which no longer matches them), no
    stock thumbnail, drafting's own extended properties (APP_PROPERTIES) and compatibility
    mode 15 (Word 2013 and later) instead of 14."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            part.drop_rel(rid)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_PROPERTIES
    settings = document.settings.element
    for preview in settings.findall(qn("w:savePreviewPicture")):  # the thumbnail Word would save
        settings.remove(preview)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and setting.get(qn("w:uri")) == _WORD:
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
