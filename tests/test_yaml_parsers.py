"""libyaml (ruamel.yaml.clib) and the pure-Python parser must read every sheet alike."""

from __future__ import annotations

import pytest
import ruamel.yaml

from drafting.sheet import yaml_source

from conftest import ALL_EXAMPLES, ROOT

SHEETS = ALL_EXAMPLES + sorted((ROOT / "examples" / "nghe-an-2025").rglob("*.yaml")) + [
    ROOT / "tests" / "fixtures" / "nam-loi.yaml"]
pytestmark = pytest.mark.skipif(ruamel.yaml.main.CParser is None, reason="ruamel.yaml.clib is not installed")


def _pure(monkeypatch):
    real = yaml_source.YAML
    monkeypatch.setattr(yaml_source, "YAML", lambda typ, pure: real(typ=typ, pure=True))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_both_parsers_give_the_same_source(sheet, monkeypatch):
    text = sheet.read_text(encoding="utf-8")
    fast = yaml_source.parse_yaml(text, sheet)
    _pure(monkeypatch)
    slow = yaml_source.parse_yaml(text, sheet)
    assert (fast.data, fast.positions, fast.plain_floats) == (slow.data, slow.positions, slow.plain_floats)


def test_a_sheet_that_does_not_parse_gets_the_pure_python_message(monkeypatch):
    text = "nam: 2025\ndia_ban:\n  ten: Hưng: Nguyên\n"
    with pytest.raises(yaml_source.SheetError) as fast:
        yaml_source.parse_yaml(text)
    _pure(monkeypatch)
    with pytest.raises(yaml_source.SheetError) as slow:
        yaml_source.parse_yaml(text)
    assert [str(p) for p in fast.value.problems] == [str(p) for p in slow.value.problems]
