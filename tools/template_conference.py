"""The body of the conference-news template (templates/hoi-nghi.docx), for build_templates.py.

The outline of seed 003 (shared/reference/genres.md): the title, the lead (when, where, who held
it), who presided and attended, the year's results, the discussion, the events of the day, the
conclusion and the presiding official's requests, then the author's name. A picture's caption
(hoi_nghi.anh) stands, in italics, before the part the clerk put it with; a picture goes above it.
"""

from __future__ import annotations

from collections.abc import Callable

from drafting.docx import styles as S


def _captions(each: Callable, part: str) -> None:
    each(f"c in hoi_nghi.anh.{part}", S.CAPTION, "{{ c }}")


def conference_body(add: Callable, tag: Callable, each: Callable, byline: Callable) -> None:
    """``add(style, text)`` a paragraph, ``tag(text)`` a {%p %} paragraph, ``each(loop, style, text)``
    one paragraph per item, ``byline()`` the author (build_templates.py's, bound to the document)."""
    add(S.NEWS_TITLE, "{{ trich_yeu }}")
    add(S.BODY, "{{ hoi_nghi.mo_dau }}")
    add(S.BODY, "{{ hoi_nghi.dai_bieu }}")
    _captions(each, "ket_qua")
    tag("{%p if mo_dau %}")
    add(S.BODY, "{{ mo_dau }}")
    tag("{%p endif %}")
    tag("{%p for muc in ket_qua %}")
    each("doan in muc.doan", S.BODY, "{{r doan|doan_van }}")
    tag("{%p endfor %}")
    each("y in han_che + nguyen_nhan", S.BODY, "{{ y|ket_cau }}")
    for part in ("thao_luan", "su_kien", "ket_luan"):
        _captions(each, part)
        each(f"y in hoi_nghi.{part}", S.BODY, "{{ y }}")
    # The requests: one paragraph after their lead, or the lead and one numbered paragraph each.
    tag("{%p if nhiem_vu and not hoi_nghi.danh_so_de_nghi %}")
    add(S.BODY, "{{ hoi_nghi.de_nghi }}")
    tag("{%p elif nhiem_vu %}")
    tag("{%p if nhiem_vu_mo_dau %}")
    add(S.BODY, "{{ nhiem_vu_mo_dau|ket_cau(':') }}")
    tag("{%p endif %}")
    each("y in nhiem_vu", S.BODY,
         "{{ loop.index|thu_tu(kieu_thu_tu) }}, {{ y|chu_thuong_dau|ket_cau('.' if loop.last else ';') }}")
    tag("{%p endif %}")
    byline()  # the author's name alone, as the news sign it (the bulletin's byline)
