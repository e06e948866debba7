"""Word refuses a .docx whose property elements are out of the schema's order
(LibreOffice does not mind, so a visual check cannot catch it). The sequences
below are from ECMA-376 Part 1 (CT_PPrBase, CT_RPr, CT_TblPr, CT_TrPr, CT_TcPr,
CT_SectPr, CT_Style)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import drafting

from conftest import ALL_EXAMPLES, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
           "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
           "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
           "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
           "rPr sectPr pPrChange",
    "rPr": "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline "
           "shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz "
           "szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
           "specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
             "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
            "tblCellSpacing jc hidden",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
            "vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
              "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
              "docGrid printerSettings",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
             "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
}
REPEATABLE = {"headerReference", "footerReference", "tblStylePr"}


def out_of_order(xml: bytes) -> list[str]:
    problems = []
    for parent, names in SEQUENCES.items():
        order = {name: i for i, name in enumerate(names.split())}
        for element in etree.fromstring(xml).iter(W + parent):
            seen = [c.tag[len(W):] for c in element if c.tag.startswith(W) and c.tag[len(W):] in order]
            ranks = [order[name] for name in seen]
            if ranks != sorted(ranks):
                problems.append(f"<w:{parent}> children out of order: {seen}")
            repeated = {n for n in seen if seen.count(n) > 1} - REPEATABLE
            if repeated:
                problems.append(f"<w:{parent}> repeats {sorted(repeated)}")
    return problems


def word_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n) for n in package.namelist()
                if n.startswith("word/") and n.endswith(".xml")}


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.docx")), ids=lambda p: p.stem)
def test_template_elements_are_in_schema_order(template):
    for name, xml in word_parts(template.read_bytes()).items():
        assert out_of_order(xml) == [], name


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_draft_elements_are_in_schema_order(example):
    loaded = drafting.load_sheet(example)
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    for name, xml in word_parts(data).items():
        assert out_of_order(xml) == [], name


def test_the_check_itself_catches_a_misplaced_border():
    bad = (f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:jc w:val="center"/><w:pBdr/></w:pPr></w:p>').encode()
    assert out_of_order(bad) == ["<w:pPr> children out of order: ['jc', 'pBdr']"]
