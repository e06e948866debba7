"""The documented template context is the real one, and its generated page is up to date."""

from __future__ import annotations

import importlib.util

import drafting
from conftest import ALL_EXAMPLES, ROOT
from drafting.lang.filters import FILTERS
from drafting.render.draft import jinja_environment
from drafting.report.context import build_context
from drafting.report.reference import CONTEXT, FILTER_HELP


def test_every_context_variable_is_documented_and_nothing_else():
    documented = [var.name for var in CONTEXT]
    for sheet in ALL_EXAMPLES:
        assert list(build_context(drafting.load_sheet(sheet))) == documented, sheet.name


def test_every_filter_is_documented():
    env = jinja_environment()
    ours = set(FILTERS) | {"doan_van", "so_hieu"}
    assert ours <= set(env.filters)
    assert set(FILTER_HELP) == ours


def test_the_generated_page_is_up_to_date():
    spec = importlib.util.spec_from_file_location("write_template_reference",
                                                  ROOT / "tools" / "write_template_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "bien-cua-mau.md").read_text(encoding="utf-8")
    assert committed == module.reference_text(), "run: python3 tools/write_template_reference.py"
