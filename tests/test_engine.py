"""The compiled-template engine fills a template exactly as docxtpl does, just once-compiled."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

import drafting
from drafting.report.context import build_context
from drafting.docx.package import normalise_zip
from drafting.render.engine import CompiledTemplate
from drafting.errors import TemplateProblem
from drafting.docx.layout import StyleFacts, fit_short_rules
from drafting.render.draft import compile_template, document_properties, jinja_environment, render_compiled
from drafting.docx.styles import COMPUTED, id_for_role

from conftest import COMMUNE, PARTY, VINH

W_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def _body(docx: bytes, facts=None) -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    if facts is not None:
        xml = fit_short_rules(xml.decode("utf-8"), facts).encode("utf-8")
    root = etree.fromstring(xml)
    # Exclusive canonical form: the same XML whatever namespace declarations each writer chose.
    return etree.tostring(root.find(W_BODY), method="c14n", exclusive=True)


def _docxtpl(template, context, tpl=None) -> bytes:
    """What plain docxtpl writes for ``template`` (through ``tpl``, if the context was made for it)."""
    tpl = tpl or DocxTemplate(str(template))
    style = id_for_role(tpl.get_docx().styles.element, COMPUTED)
    tpl.render(context, jinja_environment(style), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def test_the_engine_writes_the_body_docxtpl_writes_for_every_profile():
    for sheet in (COMMUNE, PARTY, VINH):
        loaded = drafting.load_sheet(sheet)
        template = drafting.resolve_template(None, loaded.sheet.the_thuc)
        context = build_context(loaded)
        engine = compile_template(template).render(context, document_properties(loaded))
        facts = StyleFacts.of(Document(str(template)))
        assert _body(engine) == _body(_docxtpl(template, context), facts), sheet.name


def test_one_compiled_template_gives_each_draft_as_if_compiled_alone():
    compiled = compile_template(drafting.resolve_template(None, "nha-nuoc"))
    for sheet in (COMMUNE, PARTY):
        loaded = drafting.load_sheet(sheet)
        alone = drafting.render_bytes(loaded, drafting.resolve_template(None, "nha-nuoc"))
        assert render_compiled(loaded, compiled) == alone


def _small_template(tmp_path, build) -> bytes:
    doc = Document()
    build(doc)
    path = tmp_path / "mau.docx"
    path.write_bytes(normalise_zip(_save(doc)))
    return path


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_column_loops_are_repaired_as_docxtpl_repairs_them(tmp_path):
    def build(doc):
        table = doc.add_table(rows=2, cols=4)
        for row, (label, value) in enumerate((("Tên", "{{ c }}"), ("Số", "{{ c|length }}"))):
            for col, text in enumerate((label, "{%tc for c in cot %}", value, "{%tc endfor %}")):
                table.cell(row, col).text = text

    template = _small_template(tmp_path, build)
    context = {"cot": ["một", "hai", "ba", "bốn", "năm"]}
    engine = CompiledTemplate(template, jinja_environment).render(context, {})
    expected = _body(_docxtpl(template, context))
    assert _body(engine) == expected
    grid = etree.fromstring(expected).find(".//{*}tblGrid")
    assert len(grid) == 6  # the label column and the loop's five, where the template had four


def test_tabs_and_line_breaks_in_values_become_word_tabs_and_breaks(tmp_path):
    template = _small_template(tmp_path, lambda doc: doc.add_paragraph("{{ chu }}"))
    context = {"chu": "Dòng một\nDòng hai\tcột"}
    engine = CompiledTemplate(template, jinja_environment).render(context, {})
    assert _body(engine) == _body(_docxtpl(template, context))
    assert b"<w:br></w:br>" in _body(engine) and b"<w:tab></w:tab>" in _body(engine)


def test_a_template_that_makes_broken_xml_is_refused_not_written(tmp_path):
    from markupsafe import Markup

    template = _small_template(tmp_path, lambda doc: doc.add_paragraph("{{ chu }}"))
    compiled = CompiledTemplate(template, jinja_environment)
    with pytest.raises(TemplateProblem) as caught:
        compiled.render({"chu": Markup("</w:t></w:r>")}, {})
    assert str(caught.value).startswith(f"mẫu {template} cho ra XML hỏng (mismatched tag, dòng 2, cột ")
