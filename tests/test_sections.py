"""Sections of the clerk's choosing: renamed, reordered, left out, added; numbered by the profile's rules."""

from __future__ import annotations

import textwrap

import pytest
from ruamel.yaml import YAML

import drafting
from drafting.docx import styles as S
from drafting.errors import SheetError

from conftest import COMMUNE, MINIMAL_STATE_SHEET, PARTY

OWN_SECTIONS = textwrap.dedent("""\
    muc:
      - tiep_dan
      - ma: kinh_te
        tieu_de: Phát triển kinh tế - xã hội
      - ma: sap_xep_bo_may
        tieu_de: Sắp xếp tổ chức bộ máy, đơn vị hành chính
      - lanh_dao
    noi_dung:
      lanh_dao: Ủy ban nhân dân xã ban hành kế hoạch công tác dân vận chính quyền.
      tiep_dan: Chủ tịch Ủy ban nhân dân xã tiếp công dân vào ngày 15 hằng tháng.
      kinh_te: Kinh tế tiếp tục tăng trưởng.
      sap_xep_bo_may:
        - Sau sắp xếp, xã còn [so_thon] ([so_thon.so_sanh]), nhân dân đồng tình.
        - "[cac_chi_tieu]"
    chi_tieu:
      kinh_te:
        ho_ngheo:
          gia_tri: 187
          cung_ky: 236
      sap_xep_bo_may:
        so_thon:
          ten: Số thôn, tổ dân phố
          don_vi: thôn
          gia_tri: 21
          cung_ky: 34
        can_bo_doi_du:
          ten: Cán bộ, công chức dôi dư được bố trí
          don_vi: người
          gia_tri: 12
          cau: "Đã bố trí {so} cán bộ, công chức dôi dư{so_sanh}."
    """)


def draft(text: str):
    loaded = drafting.parse_sheet(text)
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return drafting.read_draft(data)


def headings(view, style: str) -> list[str]:
    return [line.text for line in view.lines if line.style == style]


def as_party(text: str) -> str:
    return (text.replace("the_thuc: nha-nuoc", "the_thuc: dang").replace("ky_hieu: BC-UBND", "ky_hieu: BC/ĐU")
            .replace("TM. Ủy ban nhân dân", "T/M Ban Thường vụ").replace("chuc_vu: Chủ tịch", "chuc_vu: Bí thư"))


def test_the_seven_standard_sections_are_the_default_in_their_order():
    view = draft(drafting.load_sheet(COMMUNE).text)
    assert headings(view, S.HEADING2)[:6] == [
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Kết quả phát triển kinh tế - xã hội gắn với công tác dân vận",
        "3. Công tác cải cách hành chính",
        "4. Tiếp công dân, giải quyết khiếu nại, tố cáo",
        "5. Phong trào thi đua “Dân vận khéo”",
        "6. Một số chỉ tiêu chủ yếu",
    ]


@pytest.mark.parametrize("profile, part", [("nha-nuoc", "I. KẾT QUẢ ĐẠT ĐƯỢC"), ("dang", "I- KẾT QUẢ ĐẠT ĐƯỢC")])
def test_the_clerks_sections_are_read_back_in_their_order_with_their_titles(profile, part):
    text = MINIMAL_STATE_SHEET + OWN_SECTIONS
    view = draft(as_party(text) if profile == "dang" else text)
    assert headings(view, S.HEADING1)[0] == part
    assert headings(view, S.HEADING2) == [
        "1. Tiếp công dân, giải quyết khiếu nại, tố cáo",
        "2. Phát triển kinh tế - xã hội",
        "3. Sắp xếp tổ chức bộ máy, đơn vị hành chính",
        "4. Công tác lãnh đạo, chỉ đạo",
        "5. Một số chỉ tiêu chủ yếu",
    ]


def test_a_section_of_ones_own_has_paragraphs_figures_and_table_rows_like_any_other():
    view = draft(MINIMAL_STATE_SHEET + OWN_SECTIONS)
    body = [line.text for line in view.lines]
    at = body.index("3. Sắp xếp tổ chức bộ máy, đơn vị hành chính")
    assert body[at + 1:at + 3] == [
        "Sau sắp xếp, xã còn 21 thôn (giảm 38,24% so với cùng kỳ), nhân dân đồng tình.",
        "Đã bố trí 12 cán bộ, công chức dôi dư.",
    ]
    (table,) = view.tables
    names = ["".join(s.text for s in row[1]) for row in table.rows[1:]]
    assert names == ["Hộ nghèo", "Số thôn, tổ dân phố", "Cán bộ, công chức dôi dư được bố trí"]


def test_a_bulletin_follows_the_sections_order():
    bulletin = textwrap.dedent("""\
        phien_ban: 1
        nam: 2025
        the_thuc: ban-tin
        dia_ban: {ten: Hưng Nguyên, cap: xã}
        muc: [tiep_dan, lanh_dao]
        noi_dung:
          lanh_dao: Đoạn về lãnh đạo.
          tiep_dan: Đoạn về tiếp dân.
        nhiem_vu: [duy trì tiếp công dân]
        tac_gia: {ho_ten: Lê Văn Minh, chuc_danh: Phó Chủ tịch}
        """)
    body = [line.text for line in draft(bulletin).lines]
    assert body.index("Đoạn về tiếp dân.") < body.index("Đoạn về lãnh đạo.")


def problems_of(text: str) -> list[str]:
    with pytest.raises(SheetError) as info:
        drafting.parse_sheet(text)
    return [f"{p.location.path}: {p.message}" for p in info.value.problems]


@pytest.mark.parametrize("extra, expected", [
    ("noi_dung:\n  kinh_tee: Một đoạn.\n",
     "noi_dung.kinh_tee: mục 'kinh_tee' không có (có phải 'kinh_te'?); mục riêng cần khai báo trong muc (ma, tieu_de)"),
    ("muc: [lanh_dao]\nchi_tieu:\n  sap_xep:\n    so_thon: {ten: Số thôn, don_vi: thôn, gia_tri: 21}\n",
     "chi_tieu.sap_xep: mục 'sap_xep' không có; mục riêng cần khai báo trong muc (ma, tieu_de)"),
    ("muc: [lanh_dao]\nnoi_dung:\n  phoi_hop: Một đoạn.\n",
     "noi_dung.phoi_hop: mục 'phoi_hop' không có trong muc: thêm 'phoi_hop' vào muc hoặc bỏ nội dung của mục này"),
    ("muc: [lanh_dao, tiep_dan, lanh_dao]\n", "muc[2]: mục 'lanh_dao' đã có ở trên: mỗi mục chỉ ghi một lần"),
    ("muc: [lanh_dao, tiep_dân]\n", "muc[1].ma: mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới "
                                    "(ví dụ doanh_nghiep_moi)"),
    ("muc: [lanh_dao, tiep_dan_]\n",
     "muc[1]: 'tiep_dan_' không phải mục chuẩn (có phải 'tiep_dan'?); mục riêng ghi ma và tieu_de"),
    ("muc: []\n", "muc: cần ít nhất 1 mục"),
])
def test_sections_that_do_not_add_up_are_refused_at_their_key(extra, expected):
    assert expected in problems_of(MINIMAL_STATE_SHEET + extra)


def test_a_standard_section_left_out_with_nothing_in_it_is_fine():
    loaded = drafting.parse_sheet(MINIMAL_STATE_SHEET + "muc: [lanh_dao]\nnoi_dung:\n  phoi_hop:\n")
    assert loaded.sheet.sections == [("lanh_dao", "Công tác lãnh đạo, chỉ đạo")]


def test_drafting_new_keeps_the_sections_and_the_text_of_ones_own(tmp_path):
    source = tmp_path / "nam-truoc.yaml"
    source.write_text(MINIMAL_STATE_SHEET + OWN_SECTIONS, encoding="utf-8")
    result = drafting.new_sheet(tmp_path / "nam-nay.yaml", from_sheet=source)
    text = result.path.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    assert data["muc"][2] == {"ma": "sap_xep_bo_may", "tieu_de": "Sắp xếp tổ chức bộ máy, đơn vị hành chính"}
    assert "  # Năm 2025:\n  #   - Sau sắp xếp, xã còn [so_thon] ([so_thon.so_sanh]), nhân dân đồng tình." in text
    assert data["chi_tieu"]["sap_xep_bo_may"]["so_thon"]["cung_ky"] == 21


def test_the_party_example_still_numbers_its_sections_from_one():
    view = draft(drafting.load_sheet(PARTY).text)
    assert headings(view, S.HEADING2)[0] == "1. Công tác lãnh đạo, chỉ đạo"


def test_a_table_row_fills_the_figures_of_a_section_of_ones_own(tmp_path):
    from drafting.bulk.localities import open_localities

    base = tmp_path / "co-so.yaml"
    base.write_text(MINIMAL_STATE_SHEET + OWN_SECTIONS, encoding="utf-8")
    table = tmp_path / "so-lieu.csv"
    table.write_text("dia_ban.ten,so_thon,chi_tieu.sap_xep_bo_may.can_bo_doi_du.gia_tri\nAn Hòa,18,7\n",
                     encoding="utf-8")
    source = open_localities(base, table)
    (job,) = source.jobs()
    own = source.load(job).sheet.indicators_of("sap_xep_bo_may")
    assert (own["so_thon"].gia_tri, own["can_bo_doi_du"].gia_tri) == (18, 7)
