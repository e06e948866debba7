"""The engine on templates nobody here wrote: each is filled exactly as plain docxtpl fills it,
or refused with a TemplateProblem that names what drafting does not support; none is written wrong.

The templates and their contexts are built by tests/conformance/make_templates.py (one per
feature of docxtpl). docxtpl fills them in the same Jinja environment as drafting's, and the
two packages are compared part by part in exclusive canonical form, leaving out what only
drafting writes: its provenance part and the core properties drafting sets.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from datetime import datetime

import pytest
from conformance.make_templates import CASES, Case
from conftest import COMMUNE
from docx import Document
from docx.opc.packuri import PackURI
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_engine import _docxtpl

import drafting
from drafting.docx.layout import StyleFacts, fit_short_rules
from drafting.docx.package import core_properties, normalise_zip
from drafting.errors import TemplateProblem
from drafting.render.draft import jinja_environment
from drafting.render.engine import CompiledTemplate
from drafting.render.parts import tables_may_change

PROPERTIES = core_properties(title="Báo cáo", subject="Kết quả", author="UBND xã", when=datetime(2025, 12, 31))
# The core properties drafting leaves as the template (docxtpl fills some of them).
KEPT_PROPERTIES = ("category", "content_status", "identifier", "language", "version")
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def main_part(parts: dict[str, bytes]) -> str:
    """The main part's name, as the package relationships give it."""
    rels = etree.fromstring(parts["_rels/.rels"])
    return next(rel.get("Target").lstrip("/") for rel in rels if rel.get("Type") == _OFFICE_DOCUMENT)


def _c14n(xml: bytes) -> bytes:
    # Exclusive canonical form: the same XML whatever namespace declarations each writer chose.
    return etree.tostring(etree.fromstring(xml), method="c14n", exclusive=True)


def _relationships(data: bytes, folder: str, drop: set[str]) -> set[tuple]:
    """A .rels part as a set, leaving out the relationships to parts in ``drop``."""
    out = set()
    for rel in etree.fromstring(data).iter(_RELS):
        target = rel.get("Target")
        if rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")
        if target not in drop:
            out.add((rel.get("Id"), rel.get("Type"), target, rel.get("TargetMode")))
    return out


def _content_types(data: bytes, drop: set[str]) -> set[tuple]:
    return {(el.tag, el.get("Extension") or el.get("PartName"), el.get("ContentType"))
            for el in etree.fromstring(data) if (el.get("PartName") or "").lstrip("/") not in drop}


def _kept_properties(docx: bytes) -> dict[str, str]:
    props = Document(io.BytesIO(docx)).core_properties
    return {name: getattr(props, name) for name in KEPT_PROPERTIES}


def assert_same_package(engine: bytes, expected: bytes, facts: StyleFacts) -> None:
    """``engine`` holds every part of ``expected`` alike; only drafting's provenance is more."""
    ours, theirs = _parts(engine), _parts(expected)
    extra = set(ours) - set(theirs)
    assert all(name.startswith("customXml/") for name in extra), extra  # the provenance part
    assert set(theirs) <= set(ours)
    main = main_part(theirs)
    assert main_part(ours) == main
    for name, data in theirs.items():
        if name == "docProps/core.xml":
            continue
        if name == main:
            data = fit_short_rules(data.decode("utf-8"), facts).encode("utf-8")
        if name == "[Content_Types].xml":
            assert _content_types(ours[name], extra) == _content_types(data, extra), name
        elif name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            assert _relationships(ours[name], folder, extra) == _relationships(data, folder, extra), name
        elif name.endswith(".xml"):
            assert _c14n(ours[name]) == _c14n(data), name
        else:
            assert ours[name] == data, name
    assert _kept_properties(engine) == _kept_properties(expected)
    assert Document(io.BytesIO(engine)).core_properties.title == PROPERTIES["title"]


def _reference(case: Case) -> tuple[bytes, dict]:
    tpl = DocxTemplate(str(case.path))
    context = case.context(tpl)
    return _docxtpl(case.path, context, tpl), context


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_engine_fills_a_template_as_docxtpl_does_or_refuses_it(case):
    if case.needs:
        pytest.importorskip(case.needs)
    expected, context = _reference(case)
    if case.refused is not None:
        with pytest.raises(TemplateProblem) as caught:
            CompiledTemplate(case.path, jinja_environment).render(context, PROPERTIES)
        assert case.refused in str(caught.value)
        return
    engine = CompiledTemplate(case.path, jinja_environment).render(context, PROPERTIES)
    assert_same_package(engine, expected, StyleFacts.of(Document(str(case.path))))


def test_a_subdoc_is_refused_even_where_docxtpl_cannot_make_one(tmp_path):
    # docxtpl's Subdoc needs docxcompose, which drafting does not install: a stand-in of the same
    # name and module is refused alike, the engine knowing docxtpl's objects by their class.
    subdoc = next(case for case in CASES if case.name == "subdoc")
    stand_in = type("Subdoc", (), {"__module__": "docxtpl.subdoc", "__html__": lambda self: "<w:p/>"})
    with pytest.raises(TemplateProblem, match="Subdoc"):
        CompiledTemplate(subdoc.path, jinja_environment).render({"tai_lieu_con": stand_in()}, PROPERTIES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_committed_templates_are_what_the_script_builds(case):
    assert case.build() == case.path.read_bytes(), "run: python3 tests/conformance/make_templates.py"


def test_a_built_in_template_saved_with_document2_gives_the_same_draft(tmp_path):
    loaded = drafting.load_sheet(COMMUNE)
    template = drafting.resolve_template(None, loaded.sheet.the_thuc)
    document = Document(str(template))
    document.part.partname = PackURI("/word/document2.xml")
    renamed = tmp_path / "mau.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    renamed.write_bytes(normalise_zip(buffer.getvalue()))

    draft = _parts(drafting.render_bytes(loaded, renamed))
    usual = _parts(drafting.render_bytes(loaded, template))
    assert main_part(draft) == "word/document2.xml"
    assert _c14n(draft["word/document2.xml"]) == _c14n(usual["word/document.xml"])
    assert b"{{" not in draft["word/document2.xml"] and b"{%" not in draft["word/document2.xml"]


# --- When the engine skips docxtpl's fix_tables, fix_tables would have changed nothing ------------

_DOCUMENT = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>'


def _cell(span: int) -> str:
    spans = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f"<w:tc><w:tcPr>{spans}</w:tcPr><w:p/></w:tc>"


def _table(grid: int, rows: list[list[int]], inner: str = "", wrap: bool = False) -> str:
    cells = [[_cell(span) for span in row] for row in rows]
    if cells and cells[0]:
        cells[0][0] = cells[0][0].replace("<w:p/>", f"{inner}<w:p/>")
        if wrap:
            cells[0][0] = f"<w:sdt><w:sdtContent>{cells[0][0]}</w:sdtContent></w:sdt>"
    grid_xml = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid_xml}</w:tblGrid>" + "".join(
        f"<w:tr>{''.join(row)}</w:tr>" for row in cells) + "</w:tbl>"


_ROWS = st.lists(st.lists(st.integers(1, 3), min_size=1, max_size=5), max_size=3)


@settings(max_examples=300)
@given(grid=st.integers(1, 5), rows=_ROWS, inner=st.none() | st.tuples(st.integers(1, 4), _ROWS),
       wrap=st.booleans())
def test_the_engine_skips_fix_tables_only_where_it_changes_nothing(grid, rows, inner, wrap):
    nested = _table(*inner) if inner else ""
    xml = _DOCUMENT.format(_table(grid, rows, nested, wrap) + "<w:p/>")
    if not tables_may_change(xml):
        fixed = DocxTemplate.fix_tables(None, xml)
        assert etree.tostring(fixed, method="c14n") == etree.tostring(etree.fromstring(xml), method="c14n")


def test_a_table_whose_rows_fill_its_grid_is_left_alone_and_a_loop_of_columns_is_not():
    assert not tables_may_change(_DOCUMENT.format(_table(3, [[1, 2], [1, 1, 1]])))
    assert tables_may_change(_DOCUMENT.format(_table(3, [[1, 1, 1, 1]])))  # a column added
    assert tables_may_change(_DOCUMENT.format(_table(3, [[1, 1], [2]])))  # no row fills the grid
    assert tables_may_change(_DOCUMENT.format(_table(2, [[1, 1]], _table(2, [[1, 1]]))))  # nested
