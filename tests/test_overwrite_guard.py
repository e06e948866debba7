"""`render` writes over a draft only if it is still what drafting wrote: formatting is work too.

The guard once compared only the body's text, so a bold run, a comment, a highlight, a
picture or a new margin was written over without a word. Each of those edits is made
here with python-docx, and also saved through LibreOffice, whose re-saving of an
untouched draft stays harmless (see drafting/docx/guard.py).
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib

import pytest
from conftest import COMMUNE
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Cm

import drafting
from drafting import errors
from drafting.cli import main
from drafting.docx.guard import edited_since_generated
from drafting.docx.provenance import Provenance, read_provenance
from drafting.docx.zip_writer import ZipEntry, write_zip

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def tiny_png() -> bytes:
    """A 1x1 red PNG, made by hand."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8 bits, RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def body_run(document):
    """The first run of the report's running text (plain, not a heading)."""
    return next(run for p in document.paragraphs if p.style.name == "BC Nội dung" for run in p.runs
                if run.text.strip())


def make_bold(document):
    run = body_run(document)
    assert not run.bold
    run.bold = True


def add_comment(document):
    document.add_comment(body_run(document), text="Kiểm tra lại số liệu này", author="Văn thư")


def add_highlight(document):
    body_run(document).font.highlight_color = WD_COLOR_INDEX.YELLOW


def add_picture(document):
    document.paragraphs[-1].add_run().add_picture(io.BytesIO(tiny_png()), width=Cm(1))


def change_left_margin(document):
    assert document.sections[0].left_margin != Cm(2.5)
    document.sections[0].left_margin = Cm(2.5)


EDITS = {"bold": make_bold, "comment": add_comment, "highlight": add_highlight, "picture": add_picture,
         "margin": change_left_margin}


def edit(path, how) -> bytes:
    document = Document(str(path))
    EDITS[how](document)
    document.save(str(path))
    return path.read_bytes()


@pytest.fixture
def draft(tmp_path, capsys):
    out = tmp_path / "bao-cao.docx"
    assert main(["render", str(COMMUNE), "-o", str(out)]) == 0
    capsys.readouterr()
    assert edited_since_generated(out.read_bytes()) is False
    return out


def refused(draft) -> str:
    return (f"lỗi: {draft} đã được sửa sau khi drafting tạo: dùng 'drafting regenerate {draft} --sheet {COMMUNE}' "
            "để cập nhật số liệu mà giữ phần đã sửa, hoặc --force để ghi đè\n")


@pytest.mark.parametrize("how", EDITS)
def test_render_will_not_write_over_an_edit(draft, capsys, how):
    edited = edit(draft, how)
    assert edited_since_generated(edited) is True
    code = main(["render", str(COMMUNE), "-o", str(draft)])
    assert code == errors.EXIT_DRAFT == 7
    assert capsys.readouterr().err == refused(draft)
    assert draft.read_bytes() == edited


@pytest.mark.parametrize("how", EDITS)
def test_force_writes_over_an_edit(draft, how):
    fresh = draft.read_bytes()
    edit(draft, how)
    assert main(["render", str(COMMUNE), "-o", str(draft), "--force"]) == 0
    assert draft.read_bytes() == fresh
    assert edited_since_generated(fresh) is False


def test_an_untouched_draft_is_rendered_again(draft):
    before = draft.read_bytes()
    assert main(["render", str(COMMUNE), "-o", str(draft)]) == 0
    assert draft.read_bytes() == before


def test_saving_through_python_docx_without_a_change_is_no_edit(draft):
    # python-docx writes every XML part again: the fingerprint reads them as python-docx does.
    Document(str(draft)).save(str(draft))
    assert edited_since_generated(draft.read_bytes()) is False
    assert main(["render", str(COMMUNE), "-o", str(draft)]) == 0


def test_the_fingerprints_are_kept_in_the_provenance(draft):
    provenance = read_provenance(draft.read_bytes())
    assert re.fullmatch("[0-9a-f]{64}", provenance.parts_sha256)
    assert re.fullmatch("[0-9a-f]{64}", provenance.look_sha256)
    assert read_provenance(replace_provenance(draft.read_bytes(), provenance)) == provenance  # read back whole


def replace_provenance(docx: bytes, provenance: Provenance) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    name = next(n for n, data in parts.items() if n.startswith("customXml/item") and b"urn:drafting" in data)
    parts[name] = provenance.to_xml()
    return write_zip([ZipEntry.deflate(n, data) for n, data in parts.items()])


@pytest.mark.parametrize("how", ["bold", "text"])
def test_a_draft_made_before_the_fingerprints_is_compared_by_its_text(draft, how):
    # Such a draft records only what its body said: formatting edits cannot be told there.
    older = read_provenance(draft.read_bytes())
    draft.write_bytes(replace_provenance(draft.read_bytes(), Provenance(
        older.version, older.sheet_sha256, older.template, older.template_sha256, older.pristine)))
    assert b"sha256_cac_phan" not in draft.read_bytes() and edited_since_generated(draft.read_bytes()) is False
    document = Document(str(draft))
    if how == "bold":
        make_bold(document)
    else:
        body_run(document).text = "Một câu người soạn viết lại."
    document.save(str(draft))
    assert edited_since_generated(draft.read_bytes()) is (how == "text")


# --- LibreOffice ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    """Drafts saved through LibreOffice: untouched; edited then saved; saved then edited."""
    root = tmp_path_factory.mktemp("guard-lo")
    plain = drafting.render_draft(COMMUNE, root / "in" / "untouched.docx").output
    for how in EDITS:
        shutil.copy(plain, root / "in" / f"{how}.docx")
        edit(root / "in" / f"{how}.docx", how)
    sources = sorted((root / "in").glob("*.docx"))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(root / "out"), *map(str, sources)],
                   check=True, capture_output=True, timeout=600)
    for how in EDITS:  # edited after LibreOffice saved it: LibreOffice still named in app.xml
        shutil.copy(root / "out" / "untouched.docx", root / "out" / f"after-{how}.docx")
        edit(root / "out" / f"after-{how}.docx", how)
    return root / "out"


@needs_libreoffice
def test_libreoffice_saving_an_untouched_draft_is_harmless(resaved, tmp_path):
    target = tmp_path / "bao-cao.docx"
    shutil.copy(resaved / "untouched.docx", target)
    data = target.read_bytes()
    assert b"<Application>LibreOffice" in zipfile.ZipFile(target).read("docProps/app.xml")
    assert edited_since_generated(data) is False
    assert main(["render", str(COMMUNE), "-o", str(target)]) == 0
    assert target.read_bytes() != data  # the fresh render, in drafting's own bytes


@needs_libreoffice
@pytest.mark.parametrize("how", EDITS)
def test_an_edit_saved_by_libreoffice_is_caught(resaved, capsys, how):
    for name in (f"{how}.docx", f"after-{how}.docx"):
        target = resaved / name
        before = target.read_bytes()
        assert edited_since_generated(before) is True, name
        assert main(["render", str(COMMUNE), "-o", str(target)]) == errors.EXIT_DRAFT
        assert capsys.readouterr().err == refused(target)
        assert target.read_bytes() == before


@needs_libreoffice
def test_only_libreoffice_is_known_to_save_harmlessly(resaved):
    # The same rewritten parts, said to come from Word: nothing shows Word's saving harmless.
    with zipfile.ZipFile(resaved / "untouched.docx") as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["docProps/app.xml"] = re.sub(rb"<Application>[^<]*", b"<Application>Microsoft Office Word",
                                       parts["docProps/app.xml"])
    assert edited_since_generated(write_zip([ZipEntry.deflate(n, d) for n, d in parts.items()])) is True
