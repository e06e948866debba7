"""README promises: the commented example is the real one, and CI runs the README's test command."""

from __future__ import annotations

import re

import drafting

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
