"""A Word template is filled in Jinja's sandbox: a template, built-in or a clerk's, cannot run code.

A template that reaches past the sheet's data (Python internals, files, pydantic's API, Jinja's
globals, huge results) stops the run with exit code 5, a Vietnamese message saying where, and
no file written. ``regenerate`` reuses a recorded template only while it is the same file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from jinja2.sandbox import ImmutableSandboxedEnvironment

import drafting
from drafting.cli import main
from drafting.render.draft import jinja_environment

from conftest import ALL_EXAMPLES, COMMUNE, ROOT

SAFETY = "vì an toàn, mẫu chỉ được dùng dữ liệu của bảng chỉ tiêu và các bộ lọc của drafting"
TOO_BIG = "cho kết quả quá lớn (vì an toàn, mẫu không được tạo chuỗi, danh sách hay số quá lớn)"
BUILT_IN = ROOT / "templates" / "nha-nuoc.docx"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def template_with(tmp_path: Path, text: str, name: str = "mau.docx") -> Path:
    """The built-in state template with one more paragraph, saying ``text``."""
    doc = Document(str(BUILT_IN))
    doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


def paragraph(tag: str) -> str:
    return f"Đoạn chèn thêm: {tag} (hết)."


def marker_tags(marker: Path) -> list[tuple[str, str]]:
    """Tags that would create ``marker`` if they ran, and what the refusal says of each."""
    pickle = f"cos\\nsystem\\n(S\\'touch {marker}\\'\\ntR."
    return [
        (f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}",
         f"dùng thuộc tính '__init__' không được phép ({SAFETY})"),
        (f"{{{{ joiner().__call__.__globals__.os.system('touch {marker}') }}}}",
         f"dùng 'joiner' của Jinja, không được phép ({SAFETY})"),
        (f"{{{{ so_van_ban.parse_raw('{pickle}', proto='pickle', allow_pickle=True) }}}}",
         f"dùng thuộc tính 'parse_raw' không được phép ({SAFETY})"),
    ]


ATTACKS = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", f"dùng thuộc tính '__class__' không được phép ({SAFETY})"),
    ("{{ nam.__class__.__base__.__subclasses__() }}", f"dùng thuộc tính '__class__' không được phép ({SAFETY})"),
    ("{{ self._TemplateReference__context }}",
     f"dùng thuộc tính '_TemplateReference__context' không được phép ({SAFETY})"),
    ("{{ trich_yeu|attr('__class__') }}", f"dùng thuộc tính '__class__' không được phép ({SAFETY})"),
    ("{{ '{0.__class__}'.format(nam) }}", f"dùng thuộc tính '__class__' không được phép ({SAFETY})"),
    ("{% include '/etc/passwd' %}", "muốn nạp tệp '/etc/passwd' (vì an toàn, mẫu không được đọc tệp nào khác)"),
    ("{% import 'os' as os %}", "muốn nạp tệp 'os' (vì an toàn, mẫu không được đọc tệp nào khác)"),
    ("{{ so_van_ban.parse_file('/etc/passwd') }}", f"dùng thuộc tính 'parse_file' không được phép ({SAFETY})"),
    ("{{ kinh_gui.append('x') }}", f"dùng thuộc tính 'append' không được phép ({SAFETY})"),
    ("{{ cycler('a', 'b').next() }}", f"dùng 'cycler' của Jinja, không được phép ({SAFETY})"),
    ("{{ range(10**9)|list }}", f"dùng 'range' của Jinja, không được phép ({SAFETY})"),
    ("{% set ns = namespace(n=0) %}", f"dùng 'namespace' của Jinja, không được phép ({SAFETY})"),
    ("{{ lipsum(10**6) }}", f"dùng 'lipsum' của Jinja, không được phép ({SAFETY})"),
    ("{{ 'x' * 10**9 }}", f"có phép tính '*' {TOO_BIG}"),
    ("{{ kinh_gui * 10**8 }}", f"có phép tính '*' {TOO_BIG}"),
    ("{{ 10 ** 1000000000 }}", f"có phép tính '**' {TOO_BIG}"),
]


@pytest.mark.parametrize(("tag", "refusal"), ATTACKS, ids=[tag for tag, _ in ATTACKS])
def test_a_template_reaching_past_the_data_exits_5_saying_where_and_writes_nothing(tmp_path, capsys, tag, refusal):
    template = template_with(tmp_path, paragraph(tag))
    output = tmp_path / "bao-cao.docx"
    code, out, err = run(capsys, "render", COMMUNE, "-t", template, "-o", output)
    assert (code, out) == (5, "")
    assert err == f"lỗi: mẫu {template} {refusal}, ở thẻ {tag} trong đoạn “{paragraph(tag)}”\n"
    assert not output.exists()


def test_code_in_a_template_never_runs(tmp_path, capsys):
    marker = tmp_path / "da-chay"
    for n, (tag, refusal) in enumerate(marker_tags(marker)):
        template = template_with(tmp_path, paragraph(tag), f"mau-{n}.docx")
        output = tmp_path / f"bao-cao-{n}.docx"
        code, out, err = run(capsys, "render", COMMUNE, "-t", template, "-o", output)
        assert (code, out) == (5, "")
        assert err == f"lỗi: mẫu {template} {refusal}, ở thẻ {tag} trong đoạn “{paragraph(tag)}”\n"
        assert not output.exists()
    assert not marker.exists()


def test_the_place_is_the_failing_tag_among_many(tmp_path, capsys):
    doc = Document(str(BUILT_IN))
    doc.add_paragraph("Năm {{ nam }}, {{ trich_yeu|chu_thuong_dau }}.")
    doc.add_paragraph("Trước. {{ nam }} rồi {{ kinh_gui.pop() }} và {{ nam + 1 }}. Sau.")
    template = tmp_path / "mau.docx"
    doc.save(str(template))
    code, _, err = run(capsys, "render", COMMUNE, "-t", template, "-o", tmp_path / "x.docx")
    assert code == 5
    assert err == (f"lỗi: mẫu {template} dùng thuộc tính 'pop' không được phép ({SAFETY}), ở thẻ "
                   "{{ kinh_gui.pop() }} trong đoạn "
                   "“Trước. {{ nam }} rồi {{ kinh_gui.pop() }} và {{ nam + 1 }}. Sau.”\n")


def test_a_name_the_sheet_lacks_is_located_too(tmp_path, capsys):
    tag = "{{ co_quan_ten.ten_khong_co }}"
    template = template_with(tmp_path, paragraph(tag))
    code, _, err = run(capsys, "render", COMMUNE, "-t", template, "-o", tmp_path / "x.docx")
    assert code == 5
    assert err == (f"lỗi: mẫu {template} dùng thuộc tính 'ten_khong_co' không có trong bảng chỉ tiêu, "
                   f"ở thẻ {tag} trong đoạn “{paragraph(tag)}”\n")


def test_the_environment_is_the_immutable_sandbox_with_no_globals():
    env = jinja_environment()
    assert isinstance(env, ImmutableSandboxedEnvironment)
    assert env.globals == {}
    assert {"doan_van", "so_hieu", "chu_hoa", "la_ma", "length"} <= set(env.filters)


def test_built_in_templates_still_render_in_the_sandbox(tmp_path):
    for sheet in ALL_EXAMPLES:  # state and party profiles
        result = drafting.render_draft(sheet, tmp_path / f"{sheet.stem}.docx")
        assert result.output.stat().st_size > 0 and result.warnings == ()


# --- regenerate: the recorded template is reused only while it is the same file ---------------

@pytest.fixture
def in_tmp_with_custom_draft(tmp_path, monkeypatch):
    """In ``tmp_path``: a draft made with ``-t mau.docx`` (a relative path, as a clerk types it)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(BUILT_IN, tmp_path / "mau.docx")
    assert main(["render", str(COMMUNE), "-t", "mau.docx", "-o", "bao-cao.docx"]) == 0
    assert drafting.read_provenance((tmp_path / "bao-cao.docx").read_bytes()).template == "mau.docx"
    return tmp_path


def test_regenerate_refuses_a_template_planted_in_place_of_the_recorded_one(in_tmp_with_custom_draft, capsys):
    folder = in_tmp_with_custom_draft
    marker = folder / "da-chay"
    template_with(folder, paragraph(marker_tags(marker)[0][0]))  # overwrites mau.docx
    before = (folder / "bao-cao.docx").read_bytes()
    capsys.readouterr()
    code, out, err = run(capsys, "regenerate", "bao-cao.docx", "--sheet", COMMUNE)
    assert (code, out) == (5, "")
    assert err == ("lỗi: mẫu ghi trong bao-cao.docx ('mau.docx') đã thay đổi kể từ khi tạo bản dự thảo nên không "
                   "được dùng lại: hãy chỉ rõ mẫu bằng -t MẪU\n")
    assert (folder / "bao-cao.docx").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao.docx", "mau.docx"]
    assert not marker.exists()


def test_regenerate_refuses_when_the_recorded_template_is_gone(in_tmp_with_custom_draft, capsys):
    (in_tmp_with_custom_draft / "mau.docx").unlink()
    capsys.readouterr()
    code, out, err = run(capsys, "regenerate", "bao-cao.docx", "--sheet", COMMUNE)
    assert (code, out) == (5, "")
    assert err == "lỗi: mẫu ghi trong bao-cao.docx ('mau.docx') không còn: hãy chỉ rõ mẫu bằng -t MẪU\n"


def test_regenerate_reuses_the_unchanged_custom_template_and_names_it(in_tmp_with_custom_draft, capsys):
    capsys.readouterr()
    code, out, err = run(capsys, "regenerate", "bao-cao.docx", "--sheet", COMMUNE)
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "Mẫu đã dùng: mau.docx",
        "Đã ghi bao-cao.docx; bản trước khi cập nhật: bao-cao.truoc-cap-nhat-1.docx",
    ]


def test_regenerate_with_a_template_given_explicitly_after_the_recorded_one_changed(in_tmp_with_custom_draft, capsys):
    template_with(in_tmp_with_custom_draft, "Mẫu đã sửa.")
    capsys.readouterr()
    code, out, _ = run(capsys, "regenerate", "bao-cao.docx", "--sheet", COMMUNE, "-t", "nha-nuoc", "--dry-run")
    assert code == 0
    assert out.splitlines()[-2:] == ["Mẫu đã dùng: nha-nuoc (mẫu có sẵn)", "Chạy thử (--dry-run): chưa ghi tệp nào."]


def test_regenerate_with_the_built_in_template_works_and_names_it(tmp_path, capsys):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    code, out, err = run(capsys, "regenerate", draft, "--sheet", COMMUNE)
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "Mẫu đã dùng: nha-nuoc (mẫu có sẵn)",
        f"Đã ghi {draft}; bản trước khi cập nhật: {tmp_path / 'bao-cao.truoc-cap-nhat-1.docx'}",
    ]
    result = drafting.regenerate(draft, COMMUNE, dry_run=True)
    assert result.template == drafting.resolve_template("nha-nuoc", "nha-nuoc")
