"""The house rules a maintainer relies on: small modules, one definition per fact, a lazy start."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import get_args

import pytest

import drafting
from conftest import ROOT
from drafting.cycle.blank_sheet import blank_sheet_text
from drafting.render.profiles import LAYOUTS
from drafting.sheet import vocabulary
from drafting.sheet.catalogue import load_catalogue
from drafting.sheet.indicators import SENTENCE_PARTS
from drafting.sheet.models import ChiTieuTheoMuc, NoiDungTheoMuc, Sheet

PACKAGE = ROOT / "drafting"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_are_small(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name} has over {MAX_MODULE_LINES} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_public_api_keeps_every_name_and_resolves_it():
    exports = drafting._EXPORTS
    assert sorted(drafting.__all__) == sorted(["__version__", *exports])
    for name in exports:
        assert getattr(drafting, name) is not None
    # The names the package exported before the regrouping are all still there.
    for name in ("BulkOptions", "BulkSummary", "DiffResult", "DraftingError", "DraftProblem", "DraftView",
                 "LoadedSheet", "Location", "NewSheet", "OutputError", "Preview", "Problem", "Provenance",
                 "RegenerateResult", "RenderResult", "RollupResult", "SheetError", "TemplateInfo",
                 "TemplateProblem", "bulk_draft", "diff_paths", "list_templates", "load_sheet", "new_sheet",
                 "parse_sheet", "preview_sheet", "read_draft", "read_provenance", "regenerate", "render_bytes",
                 "render_draft", "resolve_template", "rollup"):
        assert name in drafting.__all__


def test_every_public_function_of_the_api_has_a_docstring():
    # Classes count too: a dataclass without one gets its signature as __doc__, which is fine.
    missing = [name for name in drafting._EXPORTS
               if callable(getattr(drafting, name)) and not (getattr(drafting, name).__doc__ or "").strip()]
    assert not missing


def test_sections_are_defined_once():
    assert tuple(ChiTieuTheoMuc.model_fields) == vocabulary.SECTIONS
    assert tuple(NoiDungTheoMuc.model_fields) == vocabulary.SECTIONS
    assert get_args(vocabulary.Section) == vocabulary.SECTIONS
    assert {entry.muc for entry in load_catalogue().chi_tieu} <= set(vocabulary.SECTIONS)


def test_profiles_and_levels_are_defined_once():
    assert tuple(LAYOUTS) == vocabulary.PROFILES
    assert get_args(Sheet.model_fields["the_thuc"].annotation) == vocabulary.PROFILES
    for profile in vocabulary.PROFILES:
        assert f"the_thuc: {profile}" in blank_sheet_text(profile, "xã", 2026)


def test_sentence_placeholders_are_defined_once():
    assert tuple(SENTENCE_PARTS) == vocabulary.SENTENCE_FIELDS


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from drafting.cli import main\n"
        f"main({argv!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(out.stdout.split())


def test_check_loads_neither_the_renderer_nor_the_other_commands():
    loaded = _modules_after(["check", str(ROOT / "examples" / "xa-hung-nguyen-2025.yaml")])
    assert "drafting.sheet.loading" in loaded
    assert not {"docxtpl", "drafting.render.engine", "drafting.bulk.run", "drafting.cycle.regenerate",
                "drafting.cycle.diff", "rich.table"} & loaded


def test_render_loads_only_what_rendering_needs(tmp_path):
    loaded = _modules_after(["render", str(ROOT / "examples" / "xa-hung-nguyen-2025.yaml"),
                             "-o", str(tmp_path / "x.docx")])
    assert "drafting.render.engine" in loaded
    assert not {"drafting.bulk.run", "drafting.cycle.regenerate", "drafting.cycle.diff",
                "drafting.views.preview", "openpyxl"} & loaded
