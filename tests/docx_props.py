"""Effective formatting of a paragraph or run, resolved the way Word resolves it.

python-docx answers "what does this element say?" (``run.font.size`` is None when
the size comes from a style), but the format rules are about what the reader
sees. Most of the drafts' formatting lives in styles, so the layout tests ask
this module instead. Levels, most specific first:

    run:        direct rPr -> character style (rStyle, and its bases)
                -> paragraph style (and its bases) -> table style -> docDefaults rPrDefault
    paragraph:  direct pPr -> paragraph style (and its bases) -> table style
                -> docDefaults pPrDefault

The first level that sets a property wins (attribute by attribute for w:ind and
w:spacing). Simplification: Word XORs toggle properties (b, i) set by several
style levels; the drafts' styles never rely on that, so here the nearest wins.
A paragraph with no runs is resolved from its paragraph-mark rPr (pPr/rPr).
"""

from __future__ import annotations

from docx.oxml.ns import qn

TWIPS_PER_PT = 20
TWIPS_PER_CM = 1440 / 2.54
_OFF = {"0", "false", "off"}


def _val(el, child, attr="w:val"):
    found = el.find(qn(child)) if el is not None else None
    return found.get(qn(attr)) if found is not None else None


def _style_chain(root, style_id, kind):
    """The ``kind`` containers (w:rPr / w:pPr) of a style and its base styles."""
    out, seen = [], set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = next((s for s in root.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == style_id), None)
        if style is None:
            break
        out.append(style.find(qn(kind)))
        style_id = _val(style, "w:basedOn")
    return out


def _levels(paragraph, run_el, kind):
    """Property containers (w:rPr or w:pPr elements), most specific first."""
    root = paragraph.part.package.main_document_part.styles.element
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    if kind == "w:pPr":
        levels = [ppr]
    elif run_el is not None:
        levels = [run_el.find(qn("w:rPr"))]
        levels += _style_chain(root, _val(levels[0], "w:rStyle"), kind)
    else:  # no run: the paragraph mark's own run properties
        levels = [ppr.find(qn("w:rPr")) if ppr is not None else None]
    levels += _style_chain(root, _val(ppr, "w:pStyle") or "Normal", kind)
    tbl = next(p.iterancestors(qn("w:tbl")), None)
    if tbl is not None:
        levels += _style_chain(root, _val(tbl.find(qn("w:tblPr")), "w:tblStyle"), kind)
    defaults = root.find(qn("w:docDefaults"))
    holder = defaults.find(qn(kind + "Default")) if defaults is not None else None
    levels.append(holder.find(qn(kind)) if holder is not None else None)
    return [lv for lv in levels if lv is not None]


def _nearest(levels, child):
    """The ``child`` element of the nearest level that has one, or None."""
    return next((lv.find(qn(child)) for lv in levels if lv.find(qn(child)) is not None), None)


def _on(levels, child) -> bool:
    el = _nearest(levels, child)
    return el is not None and (el.get(qn("w:val")) or "true").lower() not in _OFF


def effective_run(paragraph, run=None) -> dict:
    """font, size_pt, bold, italic, underline of ``run`` (a python-docx Run or a w:r element).

    underline is the w:u kind ("single", "double"...) or None.
    """
    levels = _levels(paragraph, getattr(run, "_r", run), "w:rPr")
    font = None
    for fonts in (lv.find(qn("w:rFonts")) for lv in levels):
        if fonts is not None and fonts.get(qn("w:asciiTheme")):  # a theme font beats w:ascii
            font = "theme:" + fonts.get(qn("w:asciiTheme"))
        elif fonts is not None and fonts.get(qn("w:ascii")):
            font = fonts.get(qn("w:ascii"))
        if font:
            break
    size, underline = _nearest(levels, "w:sz"), _nearest(levels, "w:u")
    return dict(
        font=font,
        size_pt=int(size.get(qn("w:val"))) / 2 if size is not None else None,
        bold=_on(levels, "w:b"),
        italic=_on(levels, "w:i"),
        underline=None if underline is None or underline.get(qn("w:val")) == "none" else underline.get(qn("w:val")),
    )


def _attr(levels, child, *attrs):
    """(name, value) of the first of ``attrs`` set on ``child`` at the nearest level that sets one."""
    for el in (lv.find(qn(child)) for lv in levels):
        for attr in attrs if el is not None else ():
            if el.get(qn(attr)) is not None:
                return attr, el.get(qn(attr))
    return None, None


def effective_para(paragraph) -> dict:
    """Alignment (w:jc value), indents, spacing and bottom border as Word applies them.

    Indents and spacing are in pt except the first-line indent (cm, negative when hanging);
    line_spacing is a multiple of single for lineRule "auto", else None (see line_rule).
    """
    levels = _levels(paragraph, None, "w:pPr")
    jc = _nearest(levels, "w:jc")
    which, first = _attr(levels, "w:ind", "w:firstLine", "w:hanging")
    _, left = _attr(levels, "w:ind", "w:left", "w:start")
    _, right = _attr(levels, "w:ind", "w:right", "w:end")
    _, before = _attr(levels, "w:spacing", "w:before")
    _, after = _attr(levels, "w:spacing", "w:after")
    _, line = _attr(levels, "w:spacing", "w:line")
    _, rule = _attr(levels, "w:spacing", "w:lineRule")
    borders = _nearest(levels, "w:pBdr")
    bottom = borders.find(qn("w:bottom")) if borders is not None else None
    align = jc.get(qn("w:val")) if jc is not None else "left"
    return dict(
        alignment={"start": "left", "end": "right"}.get(align, align),
        first_line_indent_cm=(-1 if which == "w:hanging" else 1) * int(first or 0) / TWIPS_PER_CM,
        left_indent=int(left or 0) / TWIPS_PER_PT,  # pt
        right_indent=int(right or 0) / TWIPS_PER_PT,  # pt
        space_before_pt=int(before or 0) / TWIPS_PER_PT,
        space_after_pt=int(after or 0) / TWIPS_PER_PT,
        line_spacing=int(line) / 240 if line and rule in (None, "auto") else None,  # multiple of single
        line_rule=rule or "auto",
        border_bottom=bottom is not None and bottom.get(qn("w:val")) not in ("nil", "none"),
    )
