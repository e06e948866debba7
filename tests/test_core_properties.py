"""A draft's core properties (docProps/core.xml) stay right when docxcompose is installed.

docxtpl imports docxcompose whenever it is installed, and docxcompose rebinds the prefix "cp"
of python-docx's global namespace map to the custom-properties namespace; python-docx then
writes cp:lastModifiedBy, cp:revision and cp:keywords a second time in that namespace, which
Word reports as a damaged file. The rebinding is done here as docxcompose does it.
"""

from __future__ import annotations

import io
import zipfile

import docx.oxml.ns
import pytest
from conftest import COMMUNE, PARTY
from lxml import etree

import drafting

CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _draft(sheet) -> bytes:
    loaded = drafting.load_sheet(sheet)
    return drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))


@pytest.mark.parametrize("sheet", [COMMUNE, PARTY], ids=["nha-nuoc", "dang"])
def test_the_draft_is_the_same_file_when_docxcompose_rebinds_cp(sheet, monkeypatch):
    expected = _draft(sheet)
    monkeypatch.setitem(docx.oxml.ns.nsmap, "cp", CUSTOM)
    assert _draft(sheet) == expected


def test_core_xml_holds_each_property_once_in_its_namespace(monkeypatch):
    monkeypatch.setitem(docx.oxml.ns.nsmap, "cp", CUSTOM)
    core = etree.fromstring(zipfile.ZipFile(io.BytesIO(_draft(COMMUNE))).read("docProps/core.xml"))
    assert {child.tag.split("}")[0][1:] for child in core} <= {
        CORE, "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"}
    texts = {child.tag.split("}")[1]: child.text for child in core}
    assert len(texts) == len(core), "a property is written twice"
    assert texts["lastModifiedBy"] == texts["creator"] == "Ủy ban nhân dân xã Hưng Nguyên"
    assert texts["revision"] == "1"
