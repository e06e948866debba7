"""What clerks do with the files in LibreOffice: edit and save a template, print a draft.

Skipped where LibreOffice is not installed (.ci/run installs it on CI).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

import drafting

from conftest import COMMUNE, PARTY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(source, target_format, outdir):
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", target_format, "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=300,
        )
        return outdir / (source.stem + "." + target_format.split(":")[0])

    return convert


@pytest.mark.parametrize("sheet, name", [(COMMUNE, "nha-nuoc"), (PARTY, "dang")], ids=["nha-nuoc", "dang"])
def test_a_template_saved_by_libreoffice_gives_the_same_draft(office, tmp_path, sheet, name):
    original = drafting.resolve_template(name, name)
    copy = tmp_path / "in" / f"{name}.docx"
    copy.parent.mkdir()
    shutil.copy(original, copy)
    resaved = office(copy, "docx:MS Word 2007 XML", tmp_path / "out")

    loaded = drafting.load_sheet(sheet)
    expected = drafting.read_draft(drafting.render_bytes(loaded, original))
    got = drafting.read_draft(drafting.render_bytes(loaded, resaved))

    assert got.text() == expected.text()
    # LibreOffice renames style ids; roles are still recognised by the style names.
    assert got.header_left and got.signature_right
    assert [ln.style for ln in got.lines] == [ln.style for ln in expected.lines]
    computed = [s.text for ln in got.lines for s in ln.segments if s.computed]
    assert computed == [s.text for ln in expected.lines for s in ln.segments if s.computed]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_printed_draft_numbers_pages_from_two(office, tmp_path):
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    pdf = office(draft, "pdf", tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True, encoding="utf-8").stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    first_lines = [p.strip().splitlines()[0].strip() for p in pages]
    assert "ỦY BAN NHÂN DÂN" in first_lines[0]  # no number on page 1
    assert first_lines[1:] == [str(n) for n in range(2, len(pages) + 1)]
    assert "Lê Văn Minh" in pages[-1]


@pytest.mark.parametrize("sheet", [COMMUNE, PARTY], ids=["nha-nuoc", "dang"])
def test_a_draft_saved_by_libreoffice_keeps_its_provenance(office, tmp_path, sheet):
    from drafting import read_provenance
    from drafting.docx.guard import edited_since_generated

    draft = drafting.render_draft(sheet, tmp_path / "in" / "bao-cao.docx").output
    resaved = office(draft, "docx:MS Word 2007 XML", tmp_path / "out")
    before, after = read_provenance(draft.read_bytes()), read_provenance(resaved.read_bytes())
    # The custom XML part survives, whole: no sidecar file is needed.
    assert after == before
    # Opened and saved without a change, it is still what drafting generated: render may replace it.
    assert edited_since_generated(resaved.read_bytes()) is False
    assert drafting.render_draft(sheet, resaved).output == resaved
