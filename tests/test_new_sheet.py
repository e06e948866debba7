"""drafting new: next year's sheet from last year's, and blank sheets, as the clerk sees them."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from ruamel.yaml import YAML

import drafting
from drafting.errors import DraftProblem, SheetError
from drafting.sheet.indicators import iter_entries
from drafting.cycle.new_sheet import LEVELS, NewSheet, new_sheet

from conftest import COMMUNE, MINIMAL_STATE_SHEET, PARTY, VINH

# What a clerk would write for the keys left to fill (indicators get numbers, see _fill).
TEXTS = {
    "dia_ban.ten": "Hưng Nguyên",
    "co_quan_ban_hanh.ten": "Ủy ban nhân dân xã Hưng Nguyên",
    "can_cu": "Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "nhiem_vu": ["tiếp tục quán triệt các văn bản về công tác dân vận chính quyền"],
    "nguoi_ky.ho_ten": "Lê Văn Minh",
    "noi_nhan": ["Thường trực Đảng ủy xã", "Lưu: VT, VP"],
    "tac_gia.ho_ten": "Nguyễn Mạnh Khôi",
    "tac_gia.chuc_danh": "Phó trưởng ban Ban Dân vận Tỉnh ủy",
}


def _fill(path, to_fill) -> None:
    """Fill the listed keys in the file, as the clerk would, keeping its comments."""
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    for dotted in to_fill:
        *parents, key = dotted.split(".")
        node = data
        for part in parents:
            item = re.fullmatch(r"(\w+)\[(\d+)\]", part)  # "ke_hoach_khac[0]"
            node = node[item.group(1)][int(item.group(2))] if item else node[part]
        if key == "gia_tri":
            node[key] = 50 if parents[-1].startswith(("ty_le", "tang_truong")) else 700
        elif key == "ke_hoach":  # a further plan (ke_hoach_khac) has no meaning without its figure
            node[key] = 1000
        else:
            node[key] = TEXTS[dotted]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _comment_text(text: str) -> str:
    """The words of every comment line, joined: wrapped text reads back whole."""
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip().startswith("#")]
    return " ".join(lines)


def _draft_text(loaded) -> str:
    data = drafting.render_bytes(loaded, drafting.resolve_template(None, loaded.sheet.the_thuc))
    return drafting.read_draft(data).text()


def _entries(loaded) -> dict:
    return {code: (section, entry) for section, code, entry in iter_entries(loaded.sheet)}


# --- next year's sheet from last year's -------------------------------------------------------


def test_bulletin_2023_from_2022(tmp_path):
    out = tmp_path / "vinh-2023.yaml"
    result = new_sheet(out, from_sheet=VINH)
    assert isinstance(result, NewSheet) and result.path == out and result.year == 2023
    last = drafting.load_sheet(VINH)
    text = out.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)

    assert data["nam"] == 2023
    assert data["trich_yeu"] == "Kết quả công tác Dân vận chính quyền năm 2023 ở thành phố Vinh"
    assert text.startswith("# Bảng chỉ tiêu năm 2023, tạo từ vinh-2022.yaml bằng 'drafting new --from'.\n"
                           "# Điền các chỗ có ghi chú 'điền số năm 2023' rồi chạy 'drafting check'.\n")
    for code, (section, entry) in _entries(last).items():
        new = data["chi_tieu"][section][code]
        assert new["gia_tri"] is None, code
        assert Decimal(str(new["cung_ky"])) == entry.gia_tri, code
        assert "thay_doi" not in new and "dat_ke_hoach" not in new, code
    # The article stated a plan as a percentage: next year there is a plan figure to fill.
    assert data["chi_tieu"]["kinh_te"]["gia_tri_tang_them"] == {
        "gia_tri": None, "cung_ky": 24256, "ke_hoach": None, "ten_ke_hoach": "KH"}
    # Both plans of the revenue are there to fill again.
    assert data["chi_tieu"]["kinh_te"]["thu_ngan_sach"] == {
        "gia_tri": None, "cung_ky": 6044.8, "ke_hoach": None, "ten_ke_hoach": "dự toán Tỉnh giao",
        "ke_hoach_khac": [{"ke_hoach": None, "ten_ke_hoach": "dự toán HĐND Thành phố giao"}]}
    assert "      gia_tri:               # điền số năm 2023\n      cung_ky: 596\n" in text

    # The clerk's comments are still there; last year's text is kept as comments.
    assert "# (Ban Dân vận Tỉnh ủy Nghệ An), dựng lại từ bài đã đăng với chính số liệu\n" in text
    assert "# thay_doi / dat_ke_hoach thay cho cung_ky / ke_hoach.\n" in text
    assert "# Năm 2022:\n#   - làm tốt công tác tuyên truyền thực hiện Nghị quyết số 25-NQ/TW" in text
    assert " ".join(last.sheet.nhiem_vu[0].split()) in _comment_text(text)
    assert " ".join(last.sheet.noi_dung.lanh_dao[1].split()) in _comment_text(text)
    assert data["nhiem_vu"] is None and data["noi_dung"]["lanh_dao"] is None

    # No rate of this sheet has both its counts: every indicator is the clerk's to fill.
    # ... and so is the figure of each further plan (ke_hoach_khac), right after its value.
    expected = []
    for code, (section, entry) in _entries(last).items():
        expected.append(f"chi_tieu.{section}.{code}.gia_tri")
        expected += [f"chi_tieu.{section}.{code}.ke_hoach_khac[{i}].ke_hoach" for i in range(len(entry.ke_hoach_khac))]
    assert "chi_tieu.kinh_te.thu_ngan_sach.ke_hoach_khac[0].ke_hoach" in expected
    assert result.to_fill == tuple(expected) + ("nhiem_vu",)

    _fill(out, result.to_fill)
    filled = drafting.load_sheet(out)
    for code, (_, entry) in _entries(filled).items():
        assert entry.cung_ky == _entries(last)[code][1].gia_tri, code
    draft = _draft_text(filled)
    assert "Kết quả công tác Dân vận chính quyền năm 2023 ở thành phố Vinh" in draft
    assert ("Năm 2023, toàn thành phố có 700 doanh nghiệp (tăng 17,45% so với cùng kỳ) và 700 hộ kinh doanh "
            "cá thể (giảm 82,66%) đăng ký thành lập mới.") in draft
    # "còn" only falling; "so với cùng kỳ" left understood after the sentence before said it.
    assert "toàn thành phố có 700 hộ nghèo (tăng 438,46%), chiếm tỷ lệ 50%, tăng 49,84 điểm phần trăm." in draft
    assert "700 tỷ đồng, đạt 70% dự toán HĐND Thành phố giao" in draft


def test_commune_2026_from_2025(tmp_path):
    out = tmp_path / "xa-hung-nguyen-2026.yaml"
    result = new_sheet(out, from_sheet=COMMUNE)
    assert result.year == 2026
    text = out.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)

    assert data["nam"] == 2026 and data["trich_yeu"] == "Kết quả công tác dân vận chính quyền năm 2026"
    assert data["so_van_ban"] == {"so": None, "ky_hieu": "BC-UBND"}
    assert "ngay_ban_hanh: 2026-12-10    # ngày dự kiến: sửa lại cho đúng; NĂM-THÁNG-NGÀY" in text
    assert data["nguoi_ky"]["tham_quyen"] == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
    assert data["kinh_gui"][0] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An"
    assert "# Năm 2025:\n#   Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025" in text
    kinh_te = data["chi_tieu"]["kinh_te"]
    assert kinh_te["thu_ngan_sach"] == {"gia_tri": None, "don_vi": "tỷ đồng", "cung_ky": 38.6, "ke_hoach": None,
                                        "ten_ke_hoach": "dự toán Hội đồng nhân dân xã giao"}
    # A rate computed last year stays blank; its last year comes from its counts' last year.
    assert kinh_te["ty_le_ho_ngheo"] == {}
    assert data["chi_tieu"]["cai_cach_hanh_chinh"]["ty_le_ho_so_dung_han"] == {}
    # The comments standing above a key stay above it, though the value before them was emptied.
    for comment, key in [("# Chỉ tiêu theo mục.", "chi_tieu:"), ("# Chữ ký: dòng thẩm quyền", "nguoi_ky:"),
                         ("# Chỉ tiêu riêng (không có", "    tuyen_duong_nong_thon:"),
                         ("# Đoạn văn tự viết cho từng mục", "noi_dung:")]:
        between = text[text.index(comment):text.index("\n" + key + "\n")].splitlines()
        assert all(not ln.strip() or ln.strip().startswith("#") for ln in between), comment

    # Every figure to fill but the two rates that their counts give, the basis and the tasks.
    computed = ("ty_le_ho_ngheo", "ty_le_ho_so_dung_han")
    figures = [f"chi_tieu.{section}.{code}.gia_tri" for section, code, _ in
               iter_entries(drafting.load_sheet(COMMUNE).sheet) if code not in computed]
    assert result.to_fill == ("can_cu", *figures, "nhiem_vu")
    _fill(out, result.to_fill)
    filled = drafting.load_sheet(out)
    rate = next(i for i in filled.indicators if i.code == "ty_le_ho_ngheo")
    assert rate.value_computed and rate.last_year_computed
    assert rate.last_year == Decimal(187) / Decimal(9850) * 100
    draft = _draft_text(filled)
    assert "so với cùng kỳ" in draft
    assert "Ủy ban nhân dân xã Hưng Nguyên báo cáo kết quả công tác dân vận chính quyền năm 2026 như sau:" in draft


def test_party_2025_from_2024(tmp_path):
    out = tmp_path / "ban-dan-van-2025.yaml"
    result = new_sheet(out, from_sheet=PARTY)
    text = out.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    assert result.year == 2025 and data["nam"] == 2025
    assert data["so_van_ban"] == {"so": None, "ky_hieu": "BC/BDVTU"}
    assert data["ngay_ban_hanh"] == date(2025, 12, 16)
    assert data["nguoi_ky"] == {"tham_quyen": "K/T Trưởng ban", "chuc_vu": "Phó Trưởng ban", "ho_ten": "Trần Thị Hoa"}
    assert data["nhiem_vu_mo_dau"] is None
    assert "# Năm 2024:\n#   Năm 2025, Ban Dân vận Tỉnh ủy tập trung thực hiện tốt các nhiệm vụ sau\n" in text
    # Its counts are in the sheet: the rate may be left blank and be worked out.
    assert data["chi_tieu"]["tiep_dan"]["ty_le_giai_quyet"] == {"gia_tri": None, "cung_ky": 95.92}
    assert "gia_tri:               # điền số năm 2025 hoặc bỏ trống để tự tính" in text
    assert "chi_tieu.tiep_dan.ty_le_giai_quyet.gia_tri" not in result.to_fill
    assert {"can_cu", "nhiem_vu", "chi_tieu.tiep_dan.vu_viec_da_giai_quyet.gia_tri"} <= set(result.to_fill)
    _fill(out, result.to_fill)
    draft = _draft_text(drafting.load_sheet(out))
    assert "so với cùng kỳ" in draft and "Trần Thị Hoa" in draft


@pytest.mark.parametrize("source", [VINH, COMMUNE, PARTY], ids=lambda p: p.stem)
def test_every_comment_of_the_clerk_survives(tmp_path, source):
    new_sheet(tmp_path / "next.yaml", from_sheet=source)
    text = (tmp_path / "next.yaml").read_text(encoding="utf-8")
    for line in source.read_text(encoding="utf-8").splitlines():
        if "#" in line:
            comment = line[line.index("#"):].lstrip("#").strip()
            assert comment in text, line


# Comments where a clerk might put them: after keys, inside lists, before nested keys.
ODD_PLACES = """\
phien_ban: 1
nam: 2025
the_thuc: nha-nuoc
dia_ban: {ten: Hưng Nguyên, cap: xã}
co_quan_ban_hanh:
  ten: Ủy ban nhân dân xã Hưng Nguyên
so_van_ban:
  so: 12    # số do văn thư cấp
  ky_hieu: BC-UBND
can_cu: Thực hiện Hướng dẫn số 12-HD/BTGDVTU   # căn cứ năm nay
noi_dung:
  lanh_dao: Một đoạn   # một đoạn thôi
  # trên kinh_te
  kinh_te:
    - >-
      đoạn kinh tế
      dòng hai
  # trên tiep_dan
  tiep_dan: []
chi_tieu:
  kinh_te:
    ho_ngheo: {gia_tri: 5, cung_ky: 6}  # viết một dòng
    so_ho:
      gia_tri: 100 # số hộ cuối năm
      thay_doi: tăng 5%  # theo báo cáo thống kê
      vao_bang: false
    # trên tỷ lệ
    ty_le_ho_ngheo:
      cung_ky: 5
nhiem_vu:   # nhiệm vụ năm tới
  - một   # nhiệm vụ thứ nhất
  # giữa hai nhiệm vụ
  - hai
# trên kien_nghi
kien_nghi: Đề nghị tập huấn  # kiến nghị duy nhất
nguoi_ky: {tham_quyen: TM. Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Lê Văn Minh}
noi_nhan:
  - Thường trực Đảng ủy xã
# cuối tệp
"""


def test_comments_in_unusual_places_survive(tmp_path):
    source = tmp_path / "2025.yaml"
    source.write_text(ODD_PLACES, encoding="utf-8")
    result = new_sheet(tmp_path / "2026.yaml", from_sheet=source)
    text = result.path.read_text(encoding="utf-8")
    for comment in re.findall(r"#\s*(.+)", ODD_PLACES):
        assert comment in text
    assert "  # trên kinh_te\n  # Năm 2025:\n  #   - đoạn kinh tế dòng hai\n  kinh_te:\n  # trên tiep_dan\n" in text
    assert "    ho_ngheo:\n      gia_tri:               # điền số năm 2026\n      cung_ky: 5 " in text
    assert ("      gia_tri:     # điền số năm 2026; số hộ cuối năm; theo báo cáo thống kê\n"
            "      cung_ky: 100\n      vao_bang: false\n") in text
    assert "# Năm 2025:\n#   - một\n#   - hai\n#   nhiệm vụ thứ nhất\n#   giữa hai nhiệm vụ\nnhiem_vu:" in text
    assert result.to_fill == ("can_cu", "chi_tieu.kinh_te.ho_ngheo.gia_tri", "chi_tieu.kinh_te.so_ho.gia_tri",
                              "nhiem_vu")
    _fill(result.path, result.to_fill)
    assert drafting.load_sheet(result.path).sheet.nam == 2026


def test_29_february_and_dash_under_key(tmp_path):
    source = tmp_path / "2024.yaml"
    sheet = MINIMAL_STATE_SHEET.replace("nam: 2025", "nam: 2024") + "ngay_ban_hanh: 29/02/2024\n"
    source.write_text(re.sub(r"^( *)  - ", r"\1- ", sheet, flags=re.M), encoding="utf-8")
    result = new_sheet(tmp_path / "2025.yaml", from_sheet=source)
    text = result.path.read_text(encoding="utf-8")
    assert "ngay_ban_hanh: 28/02/2025    # ngày dự kiến: sửa lại cho đúng\n" in text
    assert '\nnoi_nhan:\n- Thường trực Đảng ủy xã\n- "Lưu: VT, VP"\n' in text
    assert "# Năm 2024:\n#   - tiếp tục quán triệt các văn bản về công tác dân vận\nnhiem_vu:\n" in text
    assert result.to_fill == ("can_cu", "nhiem_vu")


def test_a_sheet_saved_by_notepad_gives_the_same_sheet(tmp_path):
    notepad = tmp_path / "xa-hung-nguyen-2025.yaml"
    notepad.write_bytes(b"\xef\xbb\xbf" + COMMUNE.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    new_sheet(tmp_path / "notepad.yaml", from_sheet=notepad)
    new_sheet(tmp_path / "plain.yaml", from_sheet=COMMUNE)
    assert (tmp_path / "notepad.yaml").read_bytes() == (tmp_path / "plain.yaml").read_bytes()


def test_a_broken_source_is_reported_and_nothing_written(tmp_path):
    source = tmp_path / "loi.yaml"
    source.write_text(MINIMAL_STATE_SHEET.replace("nam: 2025", "nam: hai nghìn"), encoding="utf-8")
    with pytest.raises(SheetError) as err:
        new_sheet(tmp_path / "moi.yaml", from_sheet=source)
    assert [str(p) for p in err.value.problems] == [f"{source}:2:6 nam: phải là số nguyên"]
    assert not (tmp_path / "moi.yaml").exists()


# --- blank sheets -----------------------------------------------------------------------------


def _value_at(data, dotted: str):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


@pytest.mark.parametrize("profile,level", [("nha-nuoc", "xã"), ("nha-nuoc", "tỉnh"), ("dang", "xã"),
                                           ("dang", "tỉnh"), ("ban-tin", "thành phố"), ("ban-tin", "phường")])
def test_blank_sheet(tmp_path, profile, level):
    out = tmp_path / "moi.yaml"
    result = new_sheet(out, profile=profile, level=level, year=2026)
    text = out.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    assert result.year == 2026 and data["nam"] == 2026 and data["phien_ban"] == 1
    assert data["the_thuc"] == profile and data["dia_ban"] == {"ten": None, "cap": level}
    assert "nam: 2026                    # năm báo cáo\n" in text
    assert "# Đoạn văn tự viết cho từng mục của phần I" in text and "\r" not in text

    # Checking it finds only the keys left to fill: no unknown key, nothing of the wrong kind.
    with pytest.raises(SheetError) as err:
        drafting.parse_sheet(text, out)
    for problem in err.value.problems:
        assert "khóa không có" not in problem.message
        assert _value_at(data, problem.location.path) in (None, {}, []), str(problem)
    # Besides the errors: a bulletin's tasks, and the figures left blank (no error: the draft would
    # go without them, with a warning).
    figures = {path for path in result.to_fill if path.startswith("chi_tieu.")}
    assert all(_value_at(data, path) is None for path in figures)
    assert set(result.to_fill) - figures <= {p.location.path for p in err.value.problems} | {"nhiem_vu"}
    assert {"dia_ban.ten", "nhiem_vu", "chi_tieu.kinh_te.ho_ngheo.gia_tri"} <= set(result.to_fill)
    assert "chi_tieu.kinh_te.ty_le_ho_ngheo.gia_tri" not in result.to_fill  # from ho_ngheo and so_ho

    if profile == "ban-tin":
        assert "nguoi_ky" not in data and data["tac_gia"] == {"ho_ten": None, "chuc_danh": None}
    else:
        assert {"can_cu", "co_quan_ban_hanh.ten", "nguoi_ky.ho_ten", "noi_nhan"} <= set(result.to_fill)
        authority = data["nguoi_ky"]["tham_quyen"][0]
        assert authority == ("TM. Ủy ban nhân dân" if profile == "nha-nuoc" else "T/M Ban Thường vụ")
        ky_hieu = data["so_van_ban"]["ky_hieu"]
        assert ky_hieu == {"nha-nuoc": "BC-UBND", "dang": "BC/ĐU" if level == "xã" else "BC/TU"}[profile]
    _fill(out, result.to_fill)
    filled = drafting.load_sheet(out)
    assert filled.sheet.nam == 2026 and filled.warnings == ()
    assert "Một là, tiếp tục quán triệt các văn bản về công tác dân vận chính quyền" in _draft_text(filled)


def test_blank_sheet_defaults_to_this_year_and_a_commune(tmp_path):
    result = new_sheet(tmp_path / "moi.yaml")
    data = YAML(typ="safe").load(result.path.read_text(encoding="utf-8"))
    assert result.year == date.today().year == data["nam"]
    assert (data["the_thuc"], data["dia_ban"]["cap"]) == ("nha-nuoc", "xã")
    assert "xã" in LEVELS and "đặc khu" in LEVELS


def test_unknown_profile_or_level_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        new_sheet(tmp_path / "a.yaml", profile="bao-cao")
    with pytest.raises(ValueError):
        new_sheet(tmp_path / "a.yaml", level="thôn")
    assert not (tmp_path / "a.yaml").exists()


# --- never overwrite ----------------------------------------------------------------------------


def test_refuses_to_overwrite_unless_forced(tmp_path):
    out = tmp_path / "vinh-2023.yaml"
    out.write_text("# bảng của tôi\n", encoding="utf-8")
    with pytest.raises(DraftProblem) as err:
        new_sheet(out, from_sheet=VINH)
    assert str(err.value) == f"tệp {out} đã có: chọn tên khác hoặc dùng --force"
    assert err.value.exit_code == 7
    assert out.read_text(encoding="utf-8") == "# bảng của tôi\n"
    with pytest.raises(DraftProblem):
        new_sheet(out, profile="dang")
    new_sheet(out, from_sheet=VINH, force=True)
    assert YAML(typ="safe").load(out.read_text(encoding="utf-8"))["nam"] == 2023
    assert not [p for p in tmp_path.iterdir() if p.name != out.name]  # no temporary file left


def test_the_command_lists_what_to_fill_and_refuses_to_overwrite(tmp_path, capsys):
    from drafting.cli import main

    target = tmp_path / "vinh-2023.yaml"
    assert main(["new", "--from", str(VINH), "-o", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Đã ghi bảng chỉ tiêu năm 2023: {target}"
    assert out[1].startswith("Còn ") and out[1].endswith(f"chỗ cần điền (xem bằng 'drafting check {target}'):")
    assert "  chi_tieu.kinh_te.ho_ngheo.gia_tri" in out
    assert main(["new", "--the-thuc", "dang", "--cap", "tỉnh", "-o", str(target)]) == 7
    assert capsys.readouterr().err == f"lỗi: tệp {target} đã có: chọn tên khác hoặc dùng --force\n"
    assert main(["new", "--the-thuc", "dang", "--cap", "tỉnh", "--nam", "2026", "-o", str(target), "--force"]) == 0
    assert "nam: 2026" in target.read_text(encoding="utf-8")
