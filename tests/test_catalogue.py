"""The catalogue of standard indicators covers the figures of the seed reports: every entry is
complete, every one is drafted in a report of a commune, a city and a province with the level's
wording, its rates compute from their counts, and the clerks' list of it is up to date."""

from __future__ import annotations

import importlib.util
import string
from decimal import Decimal

import pytest
from conftest import MINIMAL_STATE_SHEET, ROOT

import drafting
from drafting.docx.readback import Grid
from drafting.lang.changes import KIND_AMOUNT, KIND_COUNT, KIND_RATE
from drafting.report.context import build_context
from drafting.sheet.catalogue import load_catalogue
from drafting.sheet.vocabulary import LEVELS_WITH_LEVELS_BELOW, SECTIONS, SENTENCE_FIELDS

CATALOGUE = load_catalogue()
ENTRIES = CATALOGUE.chi_tieu
LEVELS = {"xã": "Hưng Nguyên", "thành phố": "Vinh", "tỉnh": "Nghệ An"}

# The codes of the catalogue before it grew to the seeds: sheets use them, so none may go.
FIRST_CODES = """
van_ban_chi_dao hoi_nghi_quan_triet luot_nguoi_tham_du lop_tap_huan doanh_nghiep_moi ho_kinh_doanh_moi
tang_truong_kinh_te gia_tri_tang_them gia_tri_cong_nghiep_xay_dung gia_tri_dich_vu gia_tri_nong_lam_thuy_san
thu_ngan_sach thu_nhap_binh_quan so_ho ho_ngheo ty_le_ho_ngheo ho_can_ngheo ty_le_ho_can_ngheo
lao_dong_co_viec_lam_moi ty_le_bao_hiem_y_te ho_so_tiep_nhan ho_so_dung_han ty_le_ho_so_dung_han
ty_le_ho_so_truc_tuyen ty_le_tthc_mot_cua tiep_dinh_ky vu_viec_tiep_dinh_ky tiep_thuong_xuyen don_tiep_nhan
don_da_xu_ly vu_viec_thuoc_tham_quyen vu_viec_da_giai_quyet ty_le_giai_quyet doi_thoai hoi_nghi_nhan_dan
cuoc_giam_sat_thanh_tra_nhan_dan vu_viec_hoa_giai_thanh mo_hinh_dan_van_kheo diem_sang_dan_van
tap_the_ca_nhan_khen_thuong chuong_trinh_phoi_hop cuoc_giam_sat_phan_bien y_kien_gop_y_xay_dung_chinh_quyen
""".split()


def sheet_text(level: str, indicators: str) -> str:
    name = LEVELS[level]
    head = (MINIMAL_STATE_SHEET.replace("  cap: xã", f"  cap: {level}")
            .replace("  ten: Hưng Nguyên", f"  ten: {name}")
            .replace("Ủy ban nhân dân xã Hưng Nguyên", f"Ủy ban nhân dân {level} {name}"))
    return head + "chi_tieu:\n" + indicators


def results_text(level: str, indicators: str) -> str:
    context = build_context(drafting.parse_sheet(sheet_text(level, indicators)))
    return " ".join(str(p) for s in context["ket_qua"] for p in s["doan"])


def _fields(sentence: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(sentence) if field is not None}


# --- every entry complete ------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.ma)
def test_every_entry_has_a_label_unit_kind_section_and_sentence(entry):
    assert entry.ten.strip() and entry.don_vi.strip() and entry.cau.strip()
    assert entry.loai in (KIND_COUNT, KIND_AMOUNT, KIND_RATE)
    assert entry.muc in SECTIONS
    for sentence in filter(None, (entry.cau, entry.cau_khi_tang)):
        assert _fields(sentence) <= set(SENTENCE_FIELDS), sentence
        assert _fields(sentence) & {"gia_tri", "so"}, f"{sentence!r} states no figure"
        assert sentence.endswith("."), sentence
        assert sentence[0] == "{" or sentence[0].isupper(), sentence
    assert (entry.loai == KIND_RATE) == (entry.don_vi == "%")
    assert bool(entry.tu_so) == bool(entry.mau_so), "a rate names both its counts or neither"
    for other in filter(None, (entry.tu_so, entry.mau_so, entry.khong_vuot)):
        assert other in CATALOGUE.by_code and other != entry.ma
    if entry.tu_so:
        assert entry.loai == KIND_RATE
        assert {CATALOGUE.by_code[c].loai for c in (entry.tu_so, entry.mau_so)} == {KIND_COUNT}
    if entry.khong_vuot:
        assert CATALOGUE.by_code[entry.khong_vuot].loai == entry.loai


def test_codes_are_unique_and_none_that_sheets_use_is_gone():
    codes = [e.ma for e in ENTRIES]
    assert len(codes) == len(set(codes))
    assert set(FIRST_CODES) <= set(codes)


# --- every entry drafted at every level ----------------------------------------------------------


def _all_entries() -> str:
    """Every entry under its section, each count a figure of its own; rates left to compute."""
    values = {e.ma: 100 + i for i, e in enumerate(ENTRIES)}
    for e in ENTRIES:
        if e.khong_vuot:
            values[e.ma] = values[e.khong_vuot] - 7
    out = []
    for section in SECTIONS:
        out.append(f"  {section}:\n")
        for e in (e for e in ENTRIES if e.muc == section):
            if e.tu_so:
                out.append(f"    {e.ma}: {{}}\n")
            elif e.loai == KIND_RATE:
                out.append(f"    {e.ma}:\n      gia_tri: {values[e.ma] / 4}\n")
            else:
                out.append(f"    {e.ma}:\n      gia_tri: {values[e.ma]}\n")
    return "".join(out)


@pytest.mark.parametrize("level", list(LEVELS))
def test_every_section_of_the_catalogue_is_drafted_at_every_level(level):
    loaded = drafting.parse_sheet(sheet_text(level, _all_entries()))
    assert loaded.warnings == ()
    assert [ind.code for ind in loaded.indicators] == [e.ma for s in SECTIONS for e in ENTRIES if e.muc == s]
    context = build_context(loaded)
    by_title = {s["tieu_de"]: " ".join(str(p) for p in s["doan"]) for s in context["ket_qua"]}
    text = " ".join(by_title.values())
    for ind in loaded.indicators:
        assert ind.number_text() in text, f"{ind.code}: {ind.number_text()} not drafted"
    assert "{" not in text and "}" not in text and "  " not in text
    assert ("các cấp" in text) == (level in LEVELS_WITH_LEVELS_BELOW)
    assert f"toàn {level}" in text.lower() and "toàn địa bàn" not in text

    view = drafting.read_draft(drafting.render_bytes(loaded, drafting.resolve_template(None, "nha-nuoc")))
    cells = {"".join(seg.text for seg in cell) for item in view.body if isinstance(item, Grid)
             for row in item.rows for cell in row}
    assert {e.ten for e in ENTRIES} <= cells, "every indicator has its row in the figures table"


# --- the seeds' kinds of figures, in exact Vietnamese --------------------------------------------

SEED_FIGURES = [
    ("tiếp dân theo cấp", "tỉnh", "tiep_dan:\n  tiep_dinh_ky_cap_huyen:\n    gia_tri: 12001\n",
     "Chủ tịch Ủy ban nhân dân cấp huyện đã tiếp công dân định kỳ 12.001 lượt người."),
    ("ngày tiếp định kỳ, tỉnh", "tỉnh", "tiep_dan:\n  buoi_tiep_dinh_ky:\n    gia_tri: 48\n    cung_ky: 40\n",
     "Lãnh đạo chính quyền các cấp đã tổ chức 48 buổi tiếp công dân định kỳ, tăng 20% so với cùng kỳ."),
    ("ngày tiếp định kỳ, xã", "xã", "tiep_dan:\n  buoi_tiep_dinh_ky:\n    gia_tri: 12\n",
     "Lãnh đạo chính quyền đã tổ chức 12 buổi tiếp công dân định kỳ."),
    ("đơn khiếu nại", "tỉnh", "tiep_dan:\n  don_khieu_nai:\n    gia_tri: 1215\n",
     "Tiếp nhận 1.215 đơn khiếu nại."),
    ("đơn tố cáo", "tỉnh", "tiep_dan:\n  don_to_cao:\n    gia_tri: 684\n", "Nhận được 684 đơn tố cáo."),
    ("vụ việc khiếu nại", "tỉnh", "tiep_dan:\n  vu_viec_khieu_nai:\n    gia_tri: 45\n",
     "Phải giải quyết 45 vụ việc khiếu nại thuộc thẩm quyền."),
    ("tỷ lệ giải quyết khiếu nại", "tỉnh", "tiep_dan:\n  ty_le_khieu_nai_da_giai_quyet:\n    gia_tri: 85.28\n",
     "Tỷ lệ giải quyết vụ việc khiếu nại đạt 85,28%."),
    ("tỷ lệ giải quyết tố cáo", "tỉnh", "tiep_dan:\n  ty_le_to_cao_da_giai_quyet:\n    gia_tri: 87.5\n",
     "Tỷ lệ giải quyết vụ việc tố cáo đạt 87,5%."),
    ("hòa giải", "thành phố", "dan_chu_co_so:\n  vu_viec_hoa_giai:\n    gia_tri: 35942\n",
     "Tổ chức hòa giải 35.942 vụ việc ở cơ sở."),
    ("thủ tục cắt giảm", "tỉnh", "cai_cach_hanh_chinh:\n  tthc_cat_giam:\n    gia_tri: 419\n",
     "Cắt giảm 419 thủ tục hành chính."),
    ("số ngày rút ngắn", "xã", "cai_cach_hanh_chinh:\n  ngay_rut_ngan:\n    gia_tri: 156\n",
     "Tổng thời gian giải quyết thủ tục hành chính được rút ngắn 156 ngày."),
    ("dịch vụ công trực tuyến", "tỉnh", "cai_cach_hanh_chinh:\n  dvc_truc_tuyen_muc_3:\n    gia_tri: 1046\n",
     "Cung cấp 1.046 dịch vụ công trực tuyến mức độ 3."),
    ("chỉ số PAR và thứ hạng", "tỉnh",
     "cai_cach_hanh_chinh:\n  chi_so_par:\n    gia_tri: 81.93\n    xep_hang:\n      thu: 24\n      tren: 63\n"
     "      doi_tuong: tỉnh, thành phố\n      cung_ky: 29\n",
     "Chỉ số cải cách hành chính (PAR Index) năm 2025 đạt 81,93%, xếp thứ 24/63 tỉnh, thành phố, "
     "tăng 5 bậc so với cùng kỳ."),
    ("đơn vị hành chính sau sắp xếp", "tỉnh", "cai_cach_hanh_chinh:\n  dvhc_cap_xa_sau_sap_xep:\n    gia_tri: 460\n",
     "Sau sắp xếp, toàn tỉnh còn 460 đơn vị hành chính cấp xã."),
    ("lãnh đạo quản lý giảm", "tỉnh", "cai_cach_hanh_chinh:\n  lanh_dao_quan_ly_giam:\n    gia_tri: 428\n",
     "Giảm 428 lãnh đạo quản lý."),
    ("biên chế tinh giản", "tỉnh", "cai_cach_hanh_chinh:\n  bien_che_tinh_gian:\n    gia_tri: 6989\n",
     "Thực hiện tinh giản 6.989 biên chế."),
    ("xã nông thôn mới", "tỉnh", "kinh_te:\n  xa_dat_chuan_nong_thon_moi:\n    gia_tri: 245\n",
     "Đã có 245 xã đạt chuẩn nông thôn mới."),
    ("huyện nông thôn mới", "tỉnh", "kinh_te:\n  huyen_dat_chuan_nong_thon_moi:\n    gia_tri: 4\n",
     "Toàn tỉnh có 4 đơn vị cấp huyện đạt chuẩn, hoàn thành nhiệm vụ xây dựng nông thôn mới."),
    ("sản phẩm OCOP", "thành phố", "kinh_te:\n  san_pham_ocop:\n    gia_tri: 18\n",
     "Toàn thành phố có 18 sản phẩm được công nhận đạt OCOP."),
    ("kỳ họp HĐND", "tỉnh", "lanh_dao:\n  ky_hop_hoi_dong_nhan_dan:\n    gia_tri: 5\n",
     "Trong năm, Hội đồng nhân dân đã tổ chức 5 kỳ họp."),
    ("nghị quyết HĐND", "tỉnh", "lanh_dao:\n  nghi_quyet_hoi_dong_nhan_dan:\n    gia_tri: 52\n",
     "Hội đồng nhân dân đã ban hành 52 nghị quyết."),
    ("kiểm tra công vụ", "tỉnh", "cai_cach_hanh_chinh:\n  co_quan_duoc_kiem_tra:\n    gia_tri: 421\n",
     "Đã kiểm tra công vụ tại 421 cơ quan, đơn vị."),
    ("kỷ luật cán bộ", "tỉnh", "cai_cach_hanh_chinh:\n  can_bo_bi_ky_luat:\n    gia_tri: 28\n",
     "Xử lý kỷ luật 28 cán bộ, công chức, viên chức vi phạm."),
    ("vụ án tham nhũng", "tỉnh", "tiep_dan:\n  vu_tham_nhung_khoi_to:\n    gia_tri: 13\n",
     "Toàn tỉnh đã khởi tố 13 vụ án tham nhũng, chức vụ."),
    ("bị can tham nhũng", "tỉnh", "tiep_dan:\n  bi_can_tham_nhung_khoi_to:\n    gia_tri: 47\n",
     "Khởi tố 47 bị can trong các vụ án tham nhũng, chức vụ."),
    ("mô hình Dân vận khéo mới", "thành phố", "dan_van_kheo:\n  mo_hinh_dan_van_kheo_moi:\n    gia_tri: 25\n",
     "Trong năm, toàn thành phố đã đăng ký thực hiện mới 25 mô hình."),
    ("mô hình Dân vận khéo theo cấp", "tỉnh", "dan_van_kheo:\n  mo_hinh_dan_van_kheo_cap_huyen:\n    gia_tri: 43\n",
     "Cấp huyện xây dựng được 43 mô hình “Dân vận khéo”."),
    ("điển hình Dân vận khéo theo cấp", "xã", "dan_van_kheo:\n  dien_hinh_dan_van_kheo_cap_xa:\n    gia_tri: 27\n",
     "Cấp xã có 27 điển hình “Dân vận khéo” được biểu dương, nhân rộng."),
    ("điển hình tập thể", "tỉnh", "dan_van_kheo:\n  dien_hinh_tap_the_dan_van_kheo:\n    gia_tri: 549\n",
     "Xây dựng được 549 điển hình tập thể trong phong trào thi đua “Dân vận khéo”."),
    ("hộ dân được đối thoại", "xã", "tiep_dan:\n  ho_dan_doi_thoai:\n    gia_tri: 320\n    cung_ky: 400\n",
     "Qua đối thoại, đã gặp gỡ 320 hộ dân, giảm 20% so với cùng kỳ."),
]


@pytest.mark.parametrize("level, indicators, expected", [s[1:] for s in SEED_FIGURES],
                         ids=[s[0] for s in SEED_FIGURES])
def test_the_seeds_figures_read_as_the_seeds_write_them(level, indicators, expected):
    indented = "".join(f"  {line}\n" for line in indicators.splitlines())
    assert results_text(level, indented) == expected


# --- rates compute from their counts -------------------------------------------------------------

RATES = [e for e in ENTRIES if e.tu_so]


@pytest.mark.parametrize("rate", RATES, ids=lambda e: e.ma)
def test_a_rate_computes_from_its_counts(rate):
    top, bottom = CATALOGUE.by_code[rate.tu_so], CATALOGUE.by_code[rate.mau_so]
    sections = {top.muc: {}, bottom.muc: {}, rate.muc: {}}
    sections[bottom.muc][bottom.ma] = 45
    sections[top.muc][top.ma] = 38
    sections[rate.muc][rate.ma] = None
    text = "".join(f"  {section}:\n" + "".join(
        f"    {code}: {{}}\n" if v is None else f"    {code}:\n      gia_tri: {v}\n" for code, v in codes.items())
        for section, codes in sections.items())
    loaded = drafting.parse_sheet(sheet_text("tỉnh", text))
    ind = next(ind for ind in loaded.indicators if ind.code == rate.ma)
    assert ind.value == Decimal(38) / Decimal(45) * 100 and ind.value_computed
    assert "84,44%" in str(ind.statement(loaded.sheet.period, level="tỉnh"))
    assert loaded.warnings == ()


@pytest.mark.parametrize("code, expected", [
    ("ty_le_khieu_nai_da_giai_quyet", "Tỷ lệ giải quyết vụ việc khiếu nại đạt 84,44%."),
    ("ty_le_to_cao_da_giai_quyet", "Tỷ lệ giải quyết vụ việc tố cáo đạt 84,44%."),
    ("ty_le_hoa_giai_thanh", "Tỷ lệ hòa giải thành đạt 84,44%."),
    ("ty_le_xa_dat_chuan_nong_thon_moi", "Tỷ lệ xã đạt chuẩn nông thôn mới là 84,44%."),
    ("ty_le_dvc_truc_tuyen_toan_trinh", "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 84,44%."),
])
def test_the_computed_rates_sentence(code, expected):
    rate = CATALOGUE.by_code[code]
    text = (f"  {rate.muc}:\n    {rate.mau_so}:\n      gia_tri: 45\n    {rate.tu_so}:\n      gia_tri: 38\n"
            f"    {code}: {{}}\n")
    loaded = drafting.parse_sheet(sheet_text("tỉnh", text))
    ind = next(ind for ind in loaded.indicators if ind.code == code)
    assert str(ind.statement(loaded.sheet.period, level="tỉnh")) == expected


def test_a_count_above_its_bound_is_a_warning():
    loaded = drafting.parse_sheet(sheet_text("tỉnh", (
        "  tiep_dan:\n    vu_viec_to_cao:\n      gia_tri: 12\n"
        "    vu_viec_to_cao_da_giai_quyet:\n      gia_tri: 15\n")))
    assert [str(w) for w in loaded.warnings] == [
        "chi_tieu.tiep_dan.vu_viec_to_cao_da_giai_quyet.gia_tri: Vụ việc tố cáo đã giải quyết (15) lớn hơn "
        "vụ việc tố cáo thuộc thẩm quyền (12)"]


# --- the clerks' list ----------------------------------------------------------------------------


def test_the_clerks_list_of_the_catalogue_is_up_to_date():
    spec = importlib.util.spec_from_file_location("write_catalogue_reference",
                                                  ROOT / "tools" / "write_catalogue_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "danh-muc-chi-tieu.md").read_text(encoding="utf-8")
    assert committed == module.reference_text(), "run: python3 tools/write_catalogue_reference.py"
    for e in ENTRIES:
        assert f"| `{e.ma}` | {e.ten} | {e.don_vi} |" in committed
