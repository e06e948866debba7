"""README promises: the commented example is the real one, and CI runs the README's test command."""

from __future__ import annotations

import inspect
import re

import pydantic

import drafting
import drafting.sheet.models as models

from conftest import COMMUNE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_is_the_example_file_and_is_valid():
    block = re.search(r"<!-- example: (\S+) -->\n```yaml\n(.*?)```\n<!-- /example -->", README, re.S)
    assert block, "README lost its example block"
    assert (ROOT / block.group(1)).resolve() == COMMUNE
    assert block.group(2) == COMMUNE.read_text(encoding="utf-8")
    assert drafting.parse_sheet(block.group(2)).warnings == ()


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    setup_and_run, setup_and_test = commands[0], commands[1]
    assert "drafting render examples/" in setup_and_run and "drafting preview" in setup_and_run
    assert "pytest" in setup_and_test
    assert setup_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_readme_names_every_key_of_a_sheet():
    """Every key of every model of the sheet (drafting/sheet/models.py and the modules it draws on)
    is in the clerks' part of the README: in backquotes, as a YAML key of the example, or after a
    dot (`nguoi_ky.ho_ten`)."""
    clerks = README.split("## For developers")[0]
    found = [cls for cls in vars(models).values()
             if inspect.isclass(cls) and issubclass(cls, pydantic.BaseModel)
             and cls.__module__.startswith("drafting.sheet.")]
    keys = {key for cls in found for key in cls.model_fields}
    assert keys >= {"phien_ban", "chi_tieu", "ke_hoach_khac", "chu_so"}
    missing = sorted(key for key in keys
                     if not re.search(rf"(`{key}\b|\b{key}:|\.{key}\b)", clerks))
    assert not missing, f"keys of a sheet the README does not name: {missing}"
