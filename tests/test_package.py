"""The templates and drafts are packages as Word expects them, checked by an OOXML validator.

openxml-audit (a port of the Open XML SDK's validator, in the test extras) finds no schema
error and none of the Word app-compat findings (Word would repair or rewrite the file)
in any example draft, a bulk draft, the roll-up draft, or a regenerated draft carrying
a comment. The package itself: no stylesWithEffects part (python-docx's starting
document carries Word 2010's copy of its styles, which then disagrees with them), no stock
thumbnail, extended properties that name drafting and count nothing that would go stale,
and compatibility mode 15 (Word 2013 and later).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from openxml_audit.verdict import predict

import drafting
from drafting.cli import main

from conftest import ALL_EXAMPLES, ROOT
from test_regenerate import clerk_edits, updated_sheet

NGHE_AN = ROOT / "examples" / "nghe-an-2025"
TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))


@pytest.fixture(scope="module")
def validator():
    return OpenXmlValidator(max_errors=0)


def check(validator, path: Path) -> None:
    result = validator.validate(str(path))
    verdict = predict(result)
    found = [f"{e.error_type.value} {e.part_uri}: {e.description}" for e in result.errors]
    assert result.is_valid and not found, f"{path.name}: {found}"
    assert verdict.prediction == "opens-clean", f"{path.name}: {verdict.headline}"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("drafts")
    found = {}
    for sheet in ALL_EXAMPLES:
        target = out / f"{sheet.stem}.docx"
        assert main(["render", str(sheet), "-o", str(target)]) == 0
        found[sheet.stem] = target
    folder = out / "dia-ban"
    folder.mkdir()
    for name in ("xa-hung-nguyen.yaml", "phuong-truong-vinh.yaml"):
        shutil.copy(NGHE_AN / "dia-ban" / name, folder / name)
    assert main(["bulk", str(folder), "-o", str(out / "bulk"), "-q"]) == 0
    found["bulk"] = out / "bulk" / "xa-hung-nguyen.docx"
    assert main(["rollup", str(NGHE_AN / "dia-ban"), "-u", str(NGHE_AN / "tong-hop.yaml"),
                 "-o", str(out / "tong-hop.docx")]) == 0
    found["rollup"] = out / "tong-hop.docx"
    return found


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """A draft the clerk edited, regenerated with new figures: one conflict, as a Word comment."""
    tmp = tmp_path_factory.mktemp("regenerated")
    draft = tmp / "xa.docx"
    assert main(["render", str(ROOT / "examples" / "xa-hung-nguyen-2025.yaml"), "-o", str(draft)]) == 0
    clerk_edits(draft)
    result = drafting.regenerate(draft, updated_sheet(tmp))
    assert len(result.conflicts) == 1
    with zipfile.ZipFile(draft) as package:
        assert "word/comments.xml" in package.namelist()
    return draft


def test_every_draft_validates(validator, drafts):
    assert {"bulk", "rollup"} < set(drafts) and len(drafts) == len(ALL_EXAMPLES) + 2
    for path in drafts.values():
        check(validator, path)


def test_a_regenerated_draft_with_a_comment_validates(validator, regenerated):
    check(validator, regenerated)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_every_template_validates(validator, template):
    check(validator, template)


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()
                if name.endswith((".xml", ".rels"))}


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_the_package_is_as_word_writes_one_today(template, drafts):
    draft = drafts[{"nha-nuoc": "xa-hung-nguyen-2025", "hoi-nghi": "tam-diep-hoi-nghi-2023"}.get(template.stem,
                                                                                                "vinh-2022")]
    for path in (template, draft):
        parts = _parts(path)
        assert "word/stylesWithEffects.xml" not in parts
        assert not any(name.startswith("docProps/thumbnail") for name in zipfile.ZipFile(path).namelist())
        for name, xml in parts.items():
            if name.endswith(".rels") or name == "[Content_Types].xml":
                assert "stylesWithEffects" not in xml and "thumbnail" not in xml, name
        app = parts["docProps/app.xml"]
        assert re.search(r"<Application>drafting</Application>", app), app
        for stale in ("Microsoft", "<Pages>", "<Words>", "<Characters>", "<Lines>", "<Paragraphs>", "<TotalTime>",
                      "<Template>", "<AppVersion>"):
            assert stale not in app, f"{path.name}: docProps/app.xml says {stale}"
        settings = parts["word/settings.xml"]
        assert re.search(r'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"',
                         settings), "not in compatibility mode 15"
        assert "savePreviewPicture" not in settings
