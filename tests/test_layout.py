"""The rendered drafts, read back from the .docx, against the official layout rules.

Every number here comes from shared/reference/format-rules.md (NĐ 30/2020 for the
state profile, HD 36 for the Party profile, and the bulletin's own shape), never
from drafting/render/profiles.py: the templates are built from profiles.py, so checking
against it would prove nothing. Formatting is checked as Word shows it (styles
resolved, see docx_props.py), not as python-docx reports the direct formatting.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

import drafting
from drafting.docx import styles as S
from drafting.docx.text_width import width_pt
from drafting.lang.typography import plain
from docx_props import effective_para, effective_run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "nha-nuoc": ROOT / "examples" / "xa-hung-nguyen-2025.yaml",
    "dang": ROOT / "examples" / "ban-dan-van-tinh-uy-2024.yaml",
    "ban-tin": ROOT / "examples" / "vinh-2022.yaml",
    "hoi-nghi": ROOT / "examples" / "tam-diep-hoi-nghi-2023.yaml",
}
REPORTS = ["nha-nuoc", "dang"]
ALL = list(EXAMPLES)

# Ranges from format-rules.md: (low, high) inclusive.
MARGINS_MM = {  # top, bottom, left, right
    "nha-nuoc": [(20, 25), (20, 25), (30, 35), (15, 20)],
    "dang": [(20, 20), (20, 20), (30, 30), (15, 15)],
}
BODY_PT = {"nha-nuoc": (13, 14), "dang": (14, 15)}
FIRST_LINE_CM = {"nha-nuoc": (1.0, 1.27), "dang": (0.9, 1.3)}  # "1 cm or 1.27 cm" / "about 1 cm"
KIND_PT = {"nha-nuoc": (13, 14), "dang": (15, 16)}
SUBJECT_PT = {"nha-nuoc": (13, 14), "dang": (14, 15)}
HEADING_SEP = {"nha-nuoc": ".", "dang": "-"}
CELL_MARGIN_PT = 5.4  # Word's default left/right cell margin (0.19 cm)
EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
NO_LINE = (None, "nil", "none")


# --- rendering, once per module ----------------------------------------------------------


@dataclass
class Draft:
    profile: str
    doc: docx.document.Document
    year: int

    @property
    def body(self):
        return self.doc.element.body

    def para(self, p_el) -> Paragraph:
        return Paragraph(p_el, self.doc._body)

    def body_paragraphs(self) -> list[Paragraph]:
        """Top-level paragraphs (outside tables), in order."""
        return [self.para(p) for p in self.body.iterchildren(qn("w:p"))]

    def tables(self) -> list[Table]:
        return [Table(t, self.doc._body) for t in self.body.iterchildren(qn("w:tbl"))]

    def styled(self, style_id: str) -> list[Paragraph]:
        return [p for p in self.body_paragraphs() if style_of(p) == style_id]


@pytest.fixture(scope="module")
def drafts() -> dict[str, Draft]:
    out = {}
    for profile, path in EXAMPLES.items():
        loaded = drafting.load_sheet(path)
        assert loaded.sheet.the_thuc == profile, f"{path.name} is not a '{profile}' sheet"
        data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
        out[profile] = Draft(profile, docx.Document(io.BytesIO(data)), loaded.sheet.nam)
    return out


@pytest.fixture
def state(drafts) -> Draft:
    return drafts["nha-nuoc"]


@pytest.fixture
def party(drafts) -> Draft:
    return drafts["dang"]


@pytest.fixture
def bulletin(drafts) -> Draft:
    return drafts["ban-tin"]


# --- small readers ---------------------------------------------------------------------------


def style_of(p: Paragraph) -> str | None:
    ppr = p._p.pPr
    return ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None


def text_runs(p: Paragraph) -> list:
    """w:r elements of ``p`` (fields included) that carry visible text."""
    return [r for r in p._p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]


def run_props(p: Paragraph) -> list[dict]:
    runs = text_runs(p)
    return [effective_run(p, r) for r in runs] if runs else [effective_run(p)]


def prop(p: Paragraph, key: str):
    """The effective ``key`` shared by every text run of ``p`` (fails if the runs disagree)."""
    values = {d[key] for d in run_props(p)}
    assert len(values) == 1, f"{p.text!r}: runs disagree on {key}: {sorted(map(str, values))}"
    return values.pop()


def assert_between(value, low, high, what: str) -> None:
    assert value is not None and low <= value <= high, f"{what}: {value} not in [{low}, {high}]"


def assert_look(p: Paragraph, *, size=None, bold=None, italic=None, what="") -> None:
    label = f"{what or style_of(p)} {p.text!r}"
    if size is not None:
        assert_between(prop(p, "size_pt"), size[0], size[1], f"{label} size (pt)")
    if bold is not None:
        assert prop(p, "bold") is bold, f"{label} should {'' if bold else 'not '}be bold"
    if italic is not None:
        assert prop(p, "italic") is italic, f"{label} should {'' if italic else 'not '}be italic"


def cell_paragraphs(table: Table, row: int, col: int) -> list[Paragraph]:
    return table.rows[row].cells[col].paragraphs


def said(p: Paragraph) -> str:
    """The paragraph's text as the one text reader gives it: non-breaking hyphens and spaces plain."""
    return plain(p.text)


def texts(paragraphs) -> list[str]:
    return [said(p) for p in paragraphs]


def one(paragraphs, text: str) -> Paragraph:
    found = [p for p in paragraphs if p.text == text]
    assert len(found) == 1, f"expected one paragraph {text!r}, found {len(found)} in {texts(paragraphs)}"
    return found[0]


def has_line_under(p: Paragraph) -> bool:
    return prop(p, "underline") in ("single", "thick") or effective_para(p)["border_bottom"]


def _style_tblpr_chain(doc, style_id):
    root = doc.styles.element
    if style_id is None:  # the default table style applies
        default = root.xpath('w:style[@w:type="table" and @w:default="1"]')
        style_id = default[0].get(qn("w:styleId")) if default else None
    chain = []
    while style_id:
        found = root.xpath(f'w:style[@w:styleId="{style_id}"]')
        if not found:
            break
        chain.append(found[0].find(qn("w:tblPr")))
        based = found[0].find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return [t for t in chain if t is not None]


def table_borders(doc, table: Table) -> dict[str, str | None]:
    """The border kind of each table edge (direct tblBorders over the table style chain),
    plus 'cell:<edge>' entries for any visible cell-level border."""
    tblpr = table._tbl.tblPr
    style = tblpr.find(qn("w:tblStyle"))
    levels = [tblpr] + _style_tblpr_chain(doc, style.get(qn("w:val")) if style is not None else None)
    out = {}
    for edge in EDGES:
        alias = {"left": "start", "right": "end"}.get(edge)
        for level in levels:
            borders = level.find(qn("w:tblBorders"))
            el = None if borders is None else (borders.find(qn(f"w:{edge}")) if borders.find(qn(f"w:{edge}")) is not None
                                               else (borders.find(qn(f"w:{alias}")) if alias else None))
            if el is not None:
                out[edge] = el.get(qn("w:val"))
                break
        else:
            out[edge] = None
    for tc_borders in table._tbl.iter(qn("w:tcBorders")):
        for el in tc_borders:
            if el.get(qn("w:val")) not in NO_LINE:
                out[f"cell:{etree.QName(el).localname}"] = el.get(qn("w:val"))
    return out


def visible(borders: dict) -> dict:
    return {edge: kind for edge, kind in borders.items() if kind not in NO_LINE}


def container_width_pt(draft: Draft, p: Paragraph) -> float:
    """Width the paragraph is laid out in: its cell less the cell margins, or the page's text width."""
    tc = p._p.getparent()
    if tc.tag == qn("w:tc"):
        tc_w = tc.tcPr.find(qn("w:tcW"))
        assert tc_w is not None and tc_w.get(qn("w:type")) == "dxa", "cell width is not given in twips"
        return int(tc_w.get(qn("w:w"))) / 20 - 2 * CELL_MARGIN_PT
    section = draft.doc.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin).pt


# --- page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ALL)
def test_page_is_a4_portrait(drafts, profile):
    for i, section in enumerate(drafts[profile].doc.sections):
        width, height = Emu(section.page_width).mm, Emu(section.page_height).mm
        assert abs(width - 210) <= 0.5 and abs(height - 297) <= 0.5, (
            f"section {i}: page is {width:.1f} x {height:.1f} mm, A4 portrait is 210 x 297 mm"
        )


@pytest.mark.parametrize("profile", REPORTS)
def test_margins_within_the_profiles_range(drafts, profile):
    for i, section in enumerate(drafts[profile].doc.sections):
        actual = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
        for name, value, (low, high) in zip(("top", "bottom", "left", "right"), actual, MARGINS_MM[profile]):
            mm = Emu(value).mm
            assert low - 0.1 <= mm <= high + 0.1, f"section {i}: {name} margin {mm:.2f} mm not in [{low}, {high}] mm"


# --- font --------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ALL)
def test_document_default_font_is_times_new_roman_without_theme_fonts(drafts, profile):
    defaults = drafts[profile].doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts is not None, "docDefaults has no w:rFonts: Word would fall back to its theme font"
    for attr in ("w:ascii", "w:hAnsi"):
        assert fonts.get(qn(attr)) == "Times New Roman", f"docDefaults {attr} = {fonts.get(qn(attr))!r}"
    themed = [etree.QName(a).localname for a in fonts.attrib if etree.QName(a).localname.endswith("Theme")]
    assert not themed, f"docDefaults rFonts has theme font overrides {themed}: they win over Times New Roman"


@pytest.mark.parametrize("profile", ALL)
def test_every_text_run_is_times_new_roman(drafts, profile):
    draft = drafts[profile]
    paragraphs = [draft.para(p) for p in draft.body.iter(qn("w:p"))]  # body, header, figures and signature tables
    for section in draft.doc.sections:
        paragraphs += section.header.paragraphs + section.first_page_header.paragraphs
    wrong = [
        (p.text[:40], props["font"])
        for p in paragraphs
        if text_runs(p)
        for props in run_props(p)
        if props["font"] != "Times New Roman"
    ]
    assert not wrong, f"{len(wrong)} runs are not in Times New Roman, e.g. {wrong[:5]}"


# --- page numbers --------------------------------------------------------------------------------


def _has_page_field(part_element) -> bool:
    simple = [f.get(qn("w:instr")) or "" for f in part_element.iter(qn("w:fldSimple"))]
    complex_ = [t.text or "" for t in part_element.iter(qn("w:instrText"))]
    return any(re.search(r"\bPAGE\b", instr) for instr in simple + complex_)


@pytest.mark.parametrize("profile", ALL)
def test_page_numbers_centred_in_the_header_but_not_on_page_one(drafts, profile):
    section = drafts[profile].doc.sections[0]
    assert section.different_first_page_header_footer, "no titlePg: page 1 would show a page number"
    first = section.first_page_header
    if not first.is_linked_to_previous:
        assert not _has_page_field(first._element), "the first-page header holds a PAGE field"
    header = section.header
    assert not header.is_linked_to_previous, "the section has no default header of its own"
    numbered = [p for p in header.paragraphs if _has_page_field(p._p)]
    assert numbered, "the default header holds no PAGE field"
    for p in numbered:
        assert effective_para(p)["alignment"] == "center", f"page number aligned {effective_para(p)['alignment']}"


# --- header table ------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", REPORTS)
def test_header_is_a_borderless_two_column_table_first_in_the_body(drafts, profile):
    draft = drafts[profile]
    first = next(c for c in draft.body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl")))
    assert first.tag == qn("w:tbl"), "the body does not start with the header table"
    table = draft.tables()[0]
    assert len(table.columns) == 2, f"header table has {len(table.columns)} columns"
    assert all(len(row.cells) == 2 for row in table.rows)
    assert not visible(table_borders(draft.doc, table)), f"header table borders: {visible(table_borders(draft.doc, table))}"


def test_state_header(state):
    table = state.tables()[0]
    left, right = cell_paragraphs(table, 0, 0), cell_paragraphs(table, 0, 1)
    national = one(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert_look(national, size=(12, 13), bold=True, italic=False)
    motto = one(right, "Độc lập - Tự do - Hạnh phúc")
    assert right.index(motto) == right.index(national) + 1, "the motto is not the line under the national title"
    assert_look(motto, size=(13, 14), bold=True)
    assert prop(motto, "size_pt") == prop(national, "size_pt") + 1, (
        f"motto {prop(motto, 'size_pt')} pt should be one size above the national title's {prop(national, 'size_pt')} pt"
    )
    assert has_line_under(motto), "no line under 'Độc lập - Tự do - Hạnh phúc'"
    issuer = [p for p in left if style_of(p) == S.ISSUER]
    assert texts(issuer) == ["ỦY BAN NHÂN DÂN", "XÃ HƯNG NGUYÊN"]
    for p in issuer:
        assert p.text == p.text.upper()
        assert_look(p, size=(12, 13), bold=True, what="issuing body")
        assert effective_para(p)["alignment"] == "center"


def test_state_number_and_date_share_the_row_below_the_bodies(state):
    table = state.tables()[0]
    assert len(table.rows) >= 2, "header table has no row for the number and date"
    number = [p for p in cell_paragraphs(table, 1, 0) if p.text.strip()]
    date = [p for p in cell_paragraphs(table, 1, 1) if p.text.strip()]
    assert len(number) == 1 and len(date) == 1, f"row 2 holds {texts(number)} | {texts(date)}"
    number, date = number[0], date[0]
    assert re.fullmatch(r"Số: +/BC-UBND", said(number)), f"number {number.text!r}: want 'Số:' + blank + '/BC-UBND'"
    assert_look(number, size=(13, 13), what="number")
    assert effective_para(number)["alignment"] == "center", "the number is not centred under the issuing body"
    assert said(date) == "Hưng Nguyên, ngày 10 tháng 12 năm 2025"
    assert_look(date, size=(13, 14), italic=True, what="place and date")
    assert effective_para(date)["alignment"] == "center", "the date is not centred under the heading"


def test_party_header(party):
    table = party.tables()[0]
    left, right = cell_paragraphs(table, 0, 0), cell_paragraphs(table, 0, 1)
    national = one(right, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert_look(national, size=(15, 15), bold=True)
    assert has_line_under(national), "no line under 'ĐẢNG CỘNG SẢN VIỆT NAM'"
    superior = one(left, "TỈNH ỦY NGHỆ AN")
    assert_look(superior, size=(14, 14), bold=False, what="superior body")
    issuer = one(left, "BAN DÂN VẬN")
    assert left.index(issuer) > left.index(superior), "the issuing body must come under the superior body"
    assert_look(issuer, size=(14, 14), bold=True, what="issuing body")
    after = left[left.index(issuer) + 1:]
    assert after and after[0].text.strip() == "*", f"no '*' line under the issuing body: {texts(after)}"
    assert effective_para(after[0])["alignment"] == "center", "the '*' is not centred"
    lines = [p for p in left if effective_para(p)["border_bottom"] or style_of(p) == S.RULE]
    assert not lines, f"the Party header draws a rule under the issuing body: {texts(lines)}"


def test_party_number_and_date(party):
    table = party.tables()[0]
    number = [p for p in cell_paragraphs(table, 1, 0) if p.text.strip()]
    date = [p for p in cell_paragraphs(table, 1, 1) if p.text.strip()]
    assert texts(number) == ["Số 05-BC/BDVTU"], "Party number: no colon, a hyphen after the number"
    assert ":" not in number[0].text
    assert_look(number[0], size=(14, 14), what="number")
    assert len(date) == 1 and re.search(r", ngày 16 tháng 12 năm 2024$", said(date[0])), texts(date)
    assert_look(date[0], size=(14, 14), italic=True, what="place and date")


# --- title block -------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", REPORTS)
def test_document_kind_and_subject(drafts, profile):
    paragraphs = drafts[profile].body_paragraphs()
    kind, subject, after = paragraphs[0], paragraphs[1], paragraphs[2]
    assert kind.text == "BÁO CÁO", f"first paragraph after the header: {kind.text!r}"
    assert_look(kind, size=KIND_PT[profile], bold=True, what="BÁO CÁO")
    assert effective_para(kind)["alignment"] == "center"
    assert_look(subject, size=SUBJECT_PT[profile], bold=True, what="subject")
    assert effective_para(subject)["alignment"] == "center"
    if profile == "nha-nuoc":
        assert subject.text == "Kết quả công tác dân vận chính quyền năm 2025"
        assert subject.text[0].isupper() and subject.text[1:] != subject.text[1:].upper(), "subject is not sentence case"
        assert style_of(after) == S.RULE and not after.text, "no short rule under the subject"
    else:
        assert subject.text.startswith("kết quả"), f"Party subject must start in lower case: {subject.text!r}"
        assert after.text.strip() == "-----", f"no '-----' under the Party subject: {after.text!r}"


def test_state_kinh_gui_size(state):
    to = [p for p in state.body_paragraphs() if p.text.startswith("Kính gửi")]
    assert to, "the example has a 'Kính gửi'"
    for p in to + state.styled(S.TO_ITEM):
        assert_look(p, size=(13, 14), what="Kính gửi")


# --- short rules -----------------------------------------------------------------------------


def _check_short_rule(draft: Draft, rule: Paragraph, above: list[Paragraph]) -> None:
    fmt = effective_para(rule)
    assert not rule.text, f"the rule paragraph holds text {rule.text!r}"
    assert fmt["border_bottom"], "the rule paragraph draws no bottom border"
    for p in above:
        assert effective_para(p)["alignment"] == "center", f"{p.text!r} is not centred, so the rule is not under it"
    text_width = max(width_pt(p.text, prop(p, "size_pt"), prop(p, "bold")) for p in above)
    container = container_width_pt(draft, rule)
    rule_width = container - fmt["left_indent"] - fmt["right_indent"]
    ratio = rule_width / text_width
    assert 1 / 3 <= ratio <= 1 / 2, (
        f"rule {rule_width:.1f} pt under {texts(above)} ({text_width:.1f} pt wide): ratio {ratio:.2f}, want 1/3..1/2"
    )
    assert abs(fmt["left_indent"] - fmt["right_indent"]) <= 0.5, (
        f"rule not centred: left indent {fmt['left_indent']} pt, right {fmt['right_indent']} pt"
    )


def test_short_rule_under_state_issuing_body(state):
    left = cell_paragraphs(state.tables()[0], 0, 0)
    rules = [p for p in left if style_of(p) == S.RULE]
    assert len(rules) == 1, f"expected one short rule in the issuing body's cell, found {len(rules)}"
    i = left.index(rules[0])
    above = [p for p in left[:i] if style_of(p) == S.ISSUER]
    assert above and left[i - 1] is above[-1], "the rule is not right under the issuing body"
    _check_short_rule(state, rules[0], above)


def test_short_rule_under_state_subject(state):
    paragraphs = state.body_paragraphs()
    subject = state.styled(S.SUBJECT)
    assert len(subject) == 1
    rule = paragraphs[[p._p for p in paragraphs].index(subject[0]._p) + 1]
    assert style_of(rule) == S.RULE, "no short rule right under the subject"
    _check_short_rule(state, rule, subject)


# --- body --------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ALL)
def test_body_paragraphs_justified_one_size(drafts, profile):
    draft = drafts[profile]
    body = draft.styled(S.BODY)
    assert len(body) >= 5, f"only {len(body)} body paragraphs"
    for p in body:
        assert effective_para(p)["alignment"] == "both", f"body paragraph not justified: {p.text[:50]!r}"
    text = body + draft.styled(S.HEADING1) + draft.styled(S.HEADING2)
    sizes = {props["size_pt"] for p in text for props in run_props(p)}
    assert len(sizes) == 1, f"body text in several sizes: {sorted(sizes)}"


@pytest.mark.parametrize("profile", REPORTS)
def test_body_paragraph_format(drafts, profile):
    for p in drafts[profile].styled(S.BODY):
        fmt, label = effective_para(p), f"body paragraph {p.text[:40]!r}"
        assert_look(p, size=BODY_PT[profile], what=label)
        low, high = FIRST_LINE_CM[profile]
        assert low - 0.01 <= fmt["first_line_indent_cm"] <= high + 0.01, (
            f"{label}: first-line indent {fmt['first_line_indent_cm']:.2f} cm not in [{low}, {high}] cm"
        )
        assert fmt["space_after_pt"] >= 6, f"{label}: {fmt['space_after_pt']} pt after, want at least 6 pt"
        assert fmt["line_rule"] == "auto", f"{label}: line spacing rule {fmt['line_rule']!r}, want a multiple"
        assert_between(fmt["line_spacing"], 1.0, 1.5, f"{label}: line spacing")


ROMAN = ["I", "II", "III", "IV", "V", "VI"]


@pytest.mark.parametrize("profile", REPORTS)
def test_headings(drafts, profile):
    draft, sep = drafts[profile], HEADING_SEP[profile]
    paragraphs = draft.body_paragraphs()
    headings = draft.styled(S.HEADING1)
    assert headings and headings[0].text == f"I{sep} KẾT QUẢ ĐẠT ĐƯỢC", texts(headings)
    numerals = [h.text.split(sep, 1)[0] for h in headings]
    assert numerals == ROMAN[: len(headings)], f"Roman numerals out of order: {numerals}"
    assert numerals[:4] == ["I", "II", "III", "IV"]
    for h in headings:
        title = h.text.split(sep, 1)[1]
        assert title.startswith(" ") and title.strip() == title.strip().upper(), f"heading not in capitals: {h.text!r}"
        assert_look(h, bold=True, what="heading")
    # "1. Title" subheadings: bold, numbered from 1 under each Roman heading
    expected = 0
    for p in paragraphs:
        if style_of(p) == S.HEADING1:
            expected = 1
        elif style_of(p) == S.HEADING2:
            m = re.match(r"(\d+)\. \S", p.text)
            assert m, f"subheading not numbered '1. ...': {p.text!r}"
            assert int(m.group(1)) == expected, f"subheading {p.text!r}: expected number {expected}"
            assert_look(p, bold=True, what="subheading")
            expected += 1


@pytest.mark.parametrize("profile", REPORTS)
def test_body_ends_with_the_closing_mark(drafts, profile):
    draft = drafts[profile]
    children = [c for c in draft.body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl"))]
    assert children[-1].tag == qn("w:tbl"), "the body does not end with the signature table"
    before = [c for c in children[:-1] if c.tag == qn("w:p") and draft.para(c).text.strip()]
    last = draft.para(before[-1])
    assert last.text.endswith("./."), f"last paragraph before the signature: {last.text[-60:]!r}"


@pytest.mark.parametrize("profile", REPORTS)
def test_figures_table(drafts, profile):
    draft = drafts[profile]
    tables = draft.tables()
    assert len(tables) == 3, f"expected header, figures and signature tables, found {len(tables)}"
    figures = tables[1]
    year = draft.year
    head = [said(Paragraph(tc.p_lst[0], draft.doc._body)) for tc in figures.rows[0]._tr.tc_lst]  # cells as written
    assert head == ["STT", "Chỉ tiêu", "Đơn vị", f"Năm {year - 1}", f"Năm {year}", f"So với năm {year - 1}"]
    borders = table_borders(draft.doc, figures)
    assert set(visible(borders)) >= set(EDGES), f"figures table lacks visible borders: {borders}"


# --- signature ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", REPORTS)
def test_signature_is_a_borderless_two_column_table(drafts, profile):
    draft = drafts[profile]
    table = draft.tables()[-1]
    assert len(table.columns) == 2
    assert not visible(table_borders(draft.doc, table)), f"signature borders: {visible(table_borders(draft.doc, table))}"
    recipients, signer = cell_paragraphs(table, 0, 0), cell_paragraphs(table, 0, 1)
    assert recipients[0].text == "Nơi nhận:", "'Nơi nhận:' does not head the left column"
    assert style_of(signer[0]) == S.AUTHORITY, f"the right column starts with {signer[0].text!r}"


def _signature(draft: Draft):
    table = draft.tables()[-1]
    return cell_paragraphs(table, 0, 0), cell_paragraphs(table, 0, 1)


def _check_signer_block(right: list[Paragraph], lines: list[str], name: str) -> None:
    filled = [p for p in right if p.text.strip()]
    assert texts(filled) == lines + [name]
    title, signer = filled[-2], filled[-1]
    between = right[right.index(title) + 1: right.index(signer)]
    assert between and all(not p.text.strip() for p in between), (
        f"no room to sign between {title.text!r} and {signer.text!r}: {texts(between)}"
    )
    for p in filled:
        assert effective_para(p)["alignment"] == "center", f"{p.text!r} is not centred"
    assert_look(signer, bold=True, what="signer's name")


def test_state_signature(state):
    left, right = _signature(state)
    title, items = left[0], [p for p in left[1:] if p.text.strip()]
    assert title.text == "Nơi nhận:"
    assert_look(title, size=(12, 12), bold=True, italic=True, what="Nơi nhận:")
    assert items[0].text == "- Như trên;", "with a 'Kính gửi', '- Như trên;' comes first"
    for p in items[:-1]:
        assert p.text.startswith("- ") and p.text.endswith(";"), f"recipient {p.text!r}"
    assert items[-1].text == "- Lưu: VT, VP."
    for p in items:
        assert_look(p, size=(11, 11), bold=False, italic=False, what="recipient")
    _check_signer_block(right, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Văn Minh")
    for p in [p for p in right if p.text.strip()][:3]:
        assert p.text == p.text.upper()
        assert_look(p, size=(13, 14), bold=True, what="authority/title")


def test_party_signature(party):
    left, right = _signature(party)
    title, items = left[0], [p for p in left[1:] if p.text.strip()]
    assert title.text == "Nơi nhận:"
    assert_look(title, size=(14, 14), bold=False, italic=False, what="Nơi nhận:")
    assert prop(title, "underline"), "'Nơi nhận:' is not underlined"
    for p in items:
        assert_look(p, size=(12, 12), what="recipient")
    assert items[-1].text.startswith("- Lưu Văn phòng"), f"last recipient {items[-1].text!r}"
    _check_signer_block(right, ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "Trần Thị Hoa")
    assert_look(one(right, "K/T TRƯỞNG BAN"), bold=True, what="prefix line")
    assert_look(one(right, "PHÓ TRƯỞNG BAN"), bold=False, what="title line")


@pytest.mark.parametrize("profile", REPORTS)
def test_recipients_level_with_the_authority_line(drafts, profile):
    left, right = _signature(drafts[profile])
    before_left = effective_para(left[0])["space_before_pt"]
    before_right = effective_para(right[0])["space_before_pt"]
    assert before_left == before_right, (
        f"'Nơi nhận:' starts {before_left} pt down, {right[0].text!r} {before_right} pt down: not level"
    )


# --- bulletin ----------------------------------------------------------------------------------

ORDINALS = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]


def test_bulletin_title(bulletin):
    first = next(c for c in bulletin.body.iterchildren() if c.tag in (qn("w:p"), qn("w:tbl")))
    assert first.tag == qn("w:p"), "the bulletin starts with a table"
    title = bulletin.para(first)
    assert said(title) == "Kết quả công tác Dân vận chính quyền năm 2022 ở thành phố Vinh"
    assert title.text[0].isupper() and title.text != title.text.upper(), "title is not sentence case"
    assert_look(title, bold=True, what="title")


def _tasks(draft: Draft) -> list[Paragraph]:
    return [p for p in draft.body_paragraphs() if re.match(r"\w+ là, ", p.text)]


def test_bulletin_tasks_are_counted_in_words(bulletin):
    tasks = _tasks(bulletin)
    assert [p.text.split(" là, ")[0] for p in tasks] == ORDINALS[:7], texts(tasks)
    body = bulletin.styled(S.BODY)
    assert body[-1]._p is tasks[-1]._p, f"the last body paragraph is not the last task: {body[-1].text[:60]!r}"
    for p in tasks:
        assert effective_para(p)["alignment"] == "both", f"task not justified: {p.text[:40]!r}"


def test_bulletin_last_task_ends_with_closing_mark(bulletin):
    last = _tasks(bulletin)[-1]
    assert last.text.endswith("./."), f"last paragraph of the bulletin ends {last.text[-40:]!r}"


def test_bulletin_byline(bulletin):
    filled = [p for p in bulletin.body_paragraphs() if p.text.strip()]
    name, role = filled[-2], filled[-1]
    assert name.text == "Nguyễn Mạnh Khôi"
    assert role.text == "Phó trưởng ban TT Ban Dân vận Tỉnh ủy"
    assert_look(name, bold=True, what="byline name")
    for p in (name, role):
        assert effective_para(p)["alignment"] == "right", f"{p.text!r} is not right-aligned"


# --- templates ---------------------------------------------------------------------------------

TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))


def test_there_are_templates():
    assert {t.stem for t in TEMPLATES} >= set(EXAMPLES), [t.name for t in TEMPLATES]


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_template_opens_and_its_xml_is_well_formed(template):
    docx.Document(str(template))
    with zipfile.ZipFile(template) as package:
        parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
        assert "word/document.xml" in parts and "word/styles.xml" in parts
        for name in parts:
            try:
                etree.fromstring(package.read(name))
            except etree.XMLSyntaxError as exc:
                pytest.fail(f"{template.name}: {name} is not well-formed XML: {exc}")
