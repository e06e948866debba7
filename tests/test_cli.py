"""The command line: exact messages and exit codes, as a clerk sees them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import drafting
import drafting.cli
import drafting.sheet.loading
from drafting import errors
from drafting.cli import cli, main

from conftest import COMMUNE, PARTY, ROOT, VINH

FIVE_MISTAKES = Path("tests/fixtures/nam-loi.yaml")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def from_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_check_valid_sheet(capsys):
    code, out, err = run(capsys, "check", "examples/vinh-2022.yaml")
    assert code == 0
    assert out == "Bảng chỉ tiêu hợp lệ: examples/vinh-2022.yaml (thể thức ban-tin, 23 chỉ tiêu).\n"
    assert err == ""


def test_five_mistakes_give_five_located_messages_and_exit_3(capsys):
    code, out, err = run(capsys, "check", str(FIVE_MISTAKES))
    assert code == errors.EXIT_INVALID_SHEET == 3
    assert out == ""
    f = str(FIVE_MISTAKES)
    assert err.splitlines() == [
        f"lỗi: {f}:7:8 dia_ban.cap: phải là một trong: 'tỉnh', 'thành phố', 'huyện', 'quận', "
        "'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu'",
        f"lỗi: {f}:8:1 trich_yeuu: khóa không có trong bảng chỉ tiêu (có phải 'trich_yeu'?)",
        f"lỗi: {f}:12:7 chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri: phải là số không âm",
        f"lỗi: {f}:15:17 chi_tieu.kinh_te.ho_kinh_doanh_moi.thay_doi: "
        "phải có dạng 'tăng 8,56%' hoặc 'giảm 54%'",
        f"lỗi: {f}:16:5 chi_tieu.kinh_te.doanh_nghiep_giai_the: 'doanh_nghiep_giai_the' không có "
        "trong danh mục chỉ tiêu chuẩn (có phải 'doanh_nghiep_moi'?); "
        "chỉ tiêu riêng cần ghi 'ten' và 'don_vi'",
        "Bảng chỉ tiêu có 5 lỗi; chưa ghi tệp nào.",
    ]


def test_render_refuses_an_invalid_sheet_and_writes_nothing(capsys, tmp_path):
    target = tmp_path / "nam-loi.docx"
    code, out, err = run(capsys, "render", str(FIVE_MISTAKES), "-o", str(target))
    assert code == 3
    assert err.endswith("Bảng chỉ tiêu có 5 lỗi; chưa ghi tệp nào.\n")
    assert list(tmp_path.iterdir()) == []


def test_render_writes_the_draft_and_says_where(capsys, tmp_path):
    target = tmp_path / "bao-cao" / "vinh.docx"
    code, out, err = run(capsys, "render", "examples/vinh-2022.yaml", "-o", str(target))
    assert (code, out, err) == (0, f"Đã ghi bản dự thảo: {target}\n", "")
    assert target.stat().st_size > 0


def test_render_with_a_built_in_template_name(capsys, tmp_path):
    target = tmp_path / "x.docx"
    code, out, _ = run(capsys, "render", str(PARTY), "--template", "dang", "-o", str(target))
    assert code == 0
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in drafting.read_draft(target).text()


def test_missing_template_exits_5(capsys, tmp_path):
    code, out, err = run(capsys, "render", str(PARTY), "-t", "khong-co", "-o", str(tmp_path / "x.docx"))
    assert code == errors.EXIT_TEMPLATE == 5
    assert err == (
        "lỗi: không tìm thấy mẫu 'khong-co': dùng một tệp .docx hoặc một trong: nha-nuoc, dang, ban-tin, "
        "hoi-nghi\n"
        "Xem các mẫu có sẵn: drafting templates\n"
    )


@pytest.mark.parametrize("command", ["render", "preview"])
def test_an_unknown_template_name_points_to_the_list_of_templates(capsys, tmp_path, command):
    code, out, err = run(capsys, command, str(VINH), "-t", "nha_nuoc")
    assert code == 5
    assert err.splitlines()[0].startswith("lỗi: không tìm thấy mẫu 'nha_nuoc': dùng một tệp .docx hoặc một trong: ")
    assert err.splitlines()[1:] == ["Xem các mẫu có sẵn: drafting templates"]
    code, out, _ = run(capsys, "templates")
    assert code == 0 and out.split()[0] == "nha-nuoc"


def test_unwritable_output_exits_6(capsys, tmp_path):
    code, out, err = run(capsys, "render", str(VINH), "-o", str(tmp_path))
    assert code == errors.EXIT_OUTPUT == 6
    assert err.startswith(f"lỗi: không ghi được {tmp_path}")


def test_missing_sheet_file(capsys):
    code, out, err = run(capsys, "check", "khong-co.yaml")
    assert code == 3
    assert err == "lỗi: khong-co.yaml: không tìm thấy tệp\nBảng chỉ tiêu có 1 lỗi; chưa ghi tệp nào.\n"


def test_wrong_command_line_exits_2_in_vietnamese(capsys):
    code, out, err = run(capsys, "check")
    assert code == errors.EXIT_USAGE == 2
    assert err == "lỗi: thiếu BẢNG_CHỈ_TIÊU\nXem hướng dẫn: drafting check --help\n"
    code, _, err = run(capsys, "render", str(VINH), "--khong-co")
    assert code == 2
    assert err.startswith("lỗi: không có tùy chọn --khong-co\n")


def test_a_bug_is_reported_as_internal_error_70(capsys, monkeypatch):
    def broken(path):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(drafting.sheet.loading, "load_sheet", broken)
    code, out, err = run(capsys, "check", str(VINH))
    assert code == errors.EXIT_INTERNAL == 70
    assert err.startswith("Lỗi nội bộ của drafting (không phải do bảng chỉ tiêu).")
    assert "RuntimeError: hỏng" in err


def test_warnings_are_listed_and_do_not_fail(capsys, tmp_path):
    sheet = tmp_path / "canh-bao.yaml"
    sheet.write_text(
        COMMUNE.read_text(encoding="utf-8").replace("  cap: xã ", "  cap: huyện "), encoding="utf-8"
    )
    lines = sheet.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("  cap: huyện"))
    code, out, err = run(capsys, "check", str(sheet))
    assert code == 0
    assert err.splitlines() == [
        f"cảnh báo: {sheet}:{line}:3 dia_ban.cap: từ ngày 01/7/2025 chính quyền địa phương chỉ còn hai cấp "
        "(tỉnh, xã): không còn cấp 'huyện'",
        "Có 1 cảnh báo: nên xem lại trước khi trình ký.",
    ]


def test_preview_shows_the_draft_as_exported(capsys):
    code, out, err = run(capsys, "preview", str(COMMUNE))
    assert code == 0
    for expected in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BÁO CÁO", "I. KẾT QUẢ ĐẠT ĐƯỢC", "STT", "Chỉ tiêu", "Một là,", "KT. CHỦ TỊCH",
                     "Lê Văn Minh", "Nơi nhận:"):
        assert expected in out
    assert err == ""


def test_preview_writes_no_file(capsys, in_tmp):
    run(capsys, "preview", str(VINH))
    assert list(in_tmp.iterdir()) == []


def test_templates_lists_the_built_in_ones(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["nha-nuoc", "dang", "ban-tin", "hoi-nghi"]


def test_help_is_in_vietnamese(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("Cách dùng: drafting [TÙY_CHỌN] LỆNH [THAM_SỐ]...")
    assert "Tùy chọn:" in out and "Lệnh:" in out
    assert "Xuất bản dự thảo ra tệp Word (.docx)." in out
    code, out, _ = run(capsys, "render", "--help")
    assert out.startswith("Cách dùng: drafting render [TÙY_CHỌN] BẢNG_CHỈ_TIÊU")
    assert "Hiện hướng dẫn này rồi thoát." in out


def test_python_dash_m_runs_the_same_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "drafting", "check", str(FIVE_MISTAKES)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    assert done.returncode == 3
    assert done.stderr.endswith("Bảng chỉ tiêu có 5 lỗi; chưa ghi tệp nào.\n")



@pytest.mark.parametrize(("argv", "message"), [
    (["rendr"], "lỗi: không có lệnh 'rendr' (có phải 'render'?)"),
    (["render", "-t"], "lỗi: tùy chọn -t cần một giá trị đi kèm"),
    (["bulk", "examples", "-o", "ra", "-j", "0"],
     "lỗi: giá trị không hợp lệ cho --jobs: giá trị '0' phải là số nguyên từ 1 trở lên"),
    (["new", "-o", "x.yaml", "--cap", "làng"],
     "lỗi: giá trị không hợp lệ cho --cap: giá trị 'làng' không có; chọn một trong: tỉnh, thành phố, huyện, "
     "quận, thị xã, xã, phường, thị trấn, đặc khu"),
    (["check", "a.yaml", "b.yaml"], "lỗi: thừa tham số b.yaml"),
])
def test_a_mistyped_command_line_is_answered_in_vietnamese(capsys, in_tmp, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.splitlines()[0] == message


def _readme_commands() -> dict[str, str]:
    """The README's command table ("## Các lệnh"): each command named in a row's first cell, with its row."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Các lệnh", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| `drafting ")]
    return {name: row for row in rows for name in re.findall(r"`drafting ([a-z][a-z-]*)", row.split(" | ")[0])}


def _help_commands(capsys) -> list[str]:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    listed = out.split("Lệnh:\n", 1)[1]
    return [line.split()[0] for line in listed.splitlines() if line.startswith("  ") and not line.startswith("   ")]


def test_the_readme_command_table_and_drafting_help_list_the_same_commands(capsys):
    listed = _help_commands(capsys)
    assert "render" in listed and "serve" in listed
    assert sorted(_readme_commands()) == sorted(listed)


def test_every_option_of_a_command_is_in_its_readme_row(capsys):
    rows = _readme_commands()
    missing = []
    for name in _help_commands(capsys):
        command = cli.get_command(drafting.cli.commands.click.Context(cli), name)
        for param in command.params:
            if isinstance(param, drafting.cli.commands.click.Option) and "--help" not in param.opts:
                if not any(re.search(rf"`[^`]*{re.escape(opt)}\b", rows[name]) for opt in param.opts):
                    missing.append(f"{name} {max(param.opts, key=len)}")
    assert missing == []


def test_the_readme_exit_code_table_is_the_codes_drafting_uses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = {int(m) for m in re.findall(r"^\| `(\d+)` \|", readme, flags=re.M)}
    assert documented == {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
