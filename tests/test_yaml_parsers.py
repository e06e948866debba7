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


def _outcome(text: str, monkeypatch, pure: bool):
    """What parsing ``text`` gives: the data with positions and plain floats, or the messages."""
    with monkeypatch.context() as patch:
        if pure:
            _pure(patch)
        try:
            source = yaml_source.parse_yaml(text, ROOT / "bang.yaml")
        except yaml_source.SheetError as exc:
            return [str(p) for p in exc.problems]
    return repr((source.data, source.positions, source.plain_floats))  # repr: nan equals itself


# Texts on which libyaml and the pure parser once disagreed (one accepted, the other refused,
# or both accepted with different values).
ONCE_APART = {
    "tab-on-a-blank-line": "a: 1\n \t\nb: 2\n",
    "tab-before-a-colon": "a\t: 1\n",
    "tab-after-a-colon": "a:\tb\n",
    "tab-in-a-key": "van_ban\t_chi_dao: 1\n",
    "tab-before-a-value": "a:\t 5263\n",
    "bom-at-a-line-start": "a: 1\n\ufeffb: 2\n",
    "bom-in-a-value": "a: Quỳ\ufeffnh\n",
    "next-line-character": "a:\n\x85  b: 1\n",
    "line-separator": "a: 1\u2028\nb: 2\n",
    "comment-glued-to-a-block-header": "a: |#c\n  x\n",
    "comment-glued-to-a-folded-header": "a: >-#\n  x\n",
    "yaml-1.1-directive": "%YAML 1.1\n---\na: yes\nb: 010\n",
    "lone-surrogate": "a: '\ud83d'\n",
    "deep-after-a-tab": "a: \t\nb: " + "[" * 60 + "]" * 60 + "\n",
}


@pytest.mark.parametrize("name", sorted(ONCE_APART))
def test_texts_the_parsers_once_read_apart_are_read_alike(name, monkeypatch):
    text = ONCE_APART[name]
    assert _outcome(text, monkeypatch, pure=False) == _outcome(text, monkeypatch, pure=True)


def test_a_corpus_of_mutated_sheets_is_read_alike_by_both_parsers(monkeypatch):
    from test_fuzz import mutated_sheet  # seeded mutations of the example sheets

    texts = {number: mutated_sheet(number)[0] for number in range(300)}
    apart = [number for number, text in texts.items()
             if _outcome(text, monkeypatch, pure=False) != _outcome(text, monkeypatch, pure=True)]
    assert apart == []
