"""The committed templates are exactly what tools/build_templates.py writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from docxtpl import DocxTemplate

from conftest import ROOT

NAMES = ["nha-nuoc", "dang", "ban-tin", "hoi-nghi"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("templates")
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_templates.py"), "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_committed_template_matches_the_builder(rebuilt, name):
    committed = (ROOT / "templates" / f"{name}.docx").read_bytes()
    assert (rebuilt / f"{name}.docx").read_bytes() == committed, (
        f"templates/{name}.docx is stale: run python3 tools/build_templates.py and commit"
    )


@pytest.mark.parametrize("name", NAMES)
def test_template_only_asks_for_what_drafting_provides(name):
    from drafting.report.context import build_context
    from drafting.sheet.loading import load_sheet
    from drafting.render.draft import jinja_environment

    example = {"nha-nuoc": "xa-hung-nguyen-2025", "dang": "ban-dan-van-tinh-uy-2024",
               "ban-tin": "vinh-2022", "hoi-nghi": "tam-diep-hoi-nghi-2023"}[name]
    provided = set(build_context(load_sheet(ROOT / "examples" / f"{example}.yaml")))
    wanted = DocxTemplate(str(ROOT / "templates" / f"{name}.docx")).get_undeclared_template_variables(
        jinja_env=jinja_environment()
    )
    assert wanted <= provided
