"""Fuzzing the sheet reader and the renderer with seeded mutations of the example sheets.

For each mutated sheet: ``drafting check`` never ends in an internal error (exit 70); every
error it prints is located (``file:line:col`` or a key path); a sheet it accepts renders a
draft that python-docx opens and in whose text every marker (``A&B<C>"D"'E'``) inserted into
the sheet's prose appears literally.

CI runs a few hundred cases (about half a minute). Run many more locally with
``DRAFTING_FUZZ_CASES=10000 python3 -m pytest -q -p no:cacheprovider tests/test_fuzz.py -x``
(``DRAFTING_FUZZ_SEED`` starts elsewhere). A failing case is the same on every run: its id
is its number, and ``mutated_sheet(number)`` rebuilds it.
"""

from __future__ import annotations

import io
import os
import random
import re
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import drafting
from drafting.cli import main
from drafting.errors import EXIT_INTERNAL, EXIT_INVALID_SHEET, EXIT_OK
from drafting.render.templates import resolve_template

ROOT = Path(__file__).resolve().parent.parent
SEED_SHEETS = sorted((ROOT / "examples").glob("*.yaml")) + sorted(
    (ROOT / "examples" / "nghe-an-2025" / "dia-ban").glob("*.yaml"))
CASES = int(os.environ.get("DRAFTING_FUZZ_CASES", "250"))
FIRST = int(os.environ.get("DRAFTING_FUZZ_SEED", "0"))

MARKER = "A&B<C>\"D\"'E'"  # capitals: a line of co_quan_ban_hanh.dong is printed upper case

# Characters and fragments inserted anywhere in a line (YAML indicators, quotes, tabs, Unicode,
# controls, document markers).
SPECIALS = [
    ":", ": ", " :", "#", " #", "&", "&a ", "*", "*a", "!", "!!str ", "!foo ", "%", "@", "`", "'", '"', "\t",
    "|", ">", "- ", "? ", "{", "}", "[", "]", ",", "ư", "😀", "\u2028", "\x85", "\ufeff", "\x00", "\x01",
    "\x7f", "\\", "---", "...", "\r", "\r\n", "\u00a0", "\u3000", "<<: ", "~", "0x1F", "1e30", ".nan",
    "\u0301", "\u200b", "{{ nam }}", "{% if %}", "[doanh_nghiep_moi]", "<w:p>", "&amp;",
]
# Values put in place of a value: numbers no report holds, wrong types, huge and odd text.
VALUES = [
    ".nan", ".inf", "-.inf", "1e30", "-1e30", "1e-30", "-5", "0", "007", "0x1F", "0o17", "1_000", "12.5.3",
    '"6.044,8"', '"1.000.000.000.000.000"', "123456789012345678901234567", "true", "null", "~", "''",
    '""', "[]", "{}", "[1, 2]", "{a: 1}", "{gia_tri: 5}", "2025-12-10", "2025-13-45", "15/12/2022", "12:30",
    '"\\x07"', '"\\u200b"', '"\\x85"', '"\\u2028"', '"\\ud800"', '"\\ud83d\\ude00"', '"\\uFFFE"', "'   '",
    "'" + "x" * 120_000 + "'", "'" + "ư " * 50_000 + "'",
    "x" * 5_000, "&a 1", "*a", "!!str 5", "!!int x", "!!bool x", "!!binary aGk=", "!!python/none ''",
    "[" * 60 + "]" * 60, "{a: " * 20 + "1" + "}" * 20, "'A&B<C>'", '"<w:t>x</w:t>"', "'{{ nam }}'",
    "'{%p if x %}'", "'[doanh_nghiep_moi] [ho_ngheo.so_sanh] [khong_co]'", "-", "- x", "|", ">-",
    "'\u202e\u0301'", "'" + "😀" * 300 + "'", "Ủy ban nhân dân", "TM. Ủy ban nhân dân", "xã", "huyện",
    "dang", "ban-tin", "nha-nuoc", "99999", "-1", "0.0001", "100.5", "1e15", "999999999999999",
]
UNKNOWN = ["khoa_la: 1", "chi_tieu_moi:\n  gia_tri: 5", "gia_tri: 1", "ten: X", "loai: ty_le", "cau: '{gia_tri}'",
           "vao_bang: false", "don_vi: km", "tuy_chon: {so_0_dau: true}", "<<: {a: 1}", "? [a]\n: b"]

_KEY_VALUE = re.compile(r"^(\s*(?:- )?[\w.\"']+:[ ]+)(\S.*)$")
_KEY = re.compile(r"^(\s*)(?:- )?[\w]+:")


def _structure(lines: list[str], rng: random.Random) -> None:
    i = rng.randrange(len(lines))
    op = rng.randrange(9)
    if op == 0 and len(lines) > 1:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[i])
    elif op == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        shift = rng.choice([-2, -1, 1, 2, 3])
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        lines[i] = " " * max(indent + shift, 0) + lines[i].lstrip(" ")
    elif op == 4:
        lines[i] = rng.choice(["\t", " \t", "\t "]) + lines[i].lstrip(" ")
    elif op in (5, 6):
        at = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:at] + rng.choice(SPECIALS) + lines[i][at:]
    elif op == 7:
        at = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:at] + rng.choice(["x", "ư ", "a: "]) * rng.choice([100, 5_000]) + lines[i][at:]
    else:
        depth = rng.choice([3, 20, 60])
        nested = "[" * depth + "1" + "]" * depth if rng.random() < 0.5 else "{a: " * depth + "1" + "}" * depth
        colon = lines[i].find(": ")
        lines[i] = lines[i][: colon + 2] + nested if colon >= 0 else lines[i] + nested


def _value(lines: list[str], rng: random.Random) -> None:
    candidates = [i for i, line in enumerate(lines) if _KEY_VALUE.match(line)]
    if candidates:
        i = rng.choice(candidates)
        lines[i] = _KEY_VALUE.sub(lambda m: m.group(1) + rng.choice(VALUES), lines[i])


def _unknown_key(lines: list[str], rng: random.Random) -> None:
    candidates = [i for i, line in enumerate(lines) if _KEY.match(line)]
    if candidates:
        i = rng.choice(candidates)
        indent = _KEY.match(lines[i]).group(1)  # type: ignore[union-attr]
        lines.insert(i, "\n".join(indent + part for part in rng.choice(UNKNOWN).split("\n")))


def _prose_lines(lines: list[str]) -> list[int]:
    """Lines of printed prose: inside a folded paragraph, or a plain list item of text."""
    found, in_block, block_indent = [], False, 0
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if in_block and line.strip() and indent > block_indent and not line.lstrip().startswith("#"):
            found.append(i)
            continue
        in_block = line.rstrip().endswith((">-", ">"))
        block_indent = indent
        item = line.lstrip()
        if item.startswith("- ") and item[2:3].isalpha() and ": " not in item and " #" not in item:
            found.append(i)
    return found


def mutated_sheet(number: int) -> tuple[str, list[str]]:
    """Case ``number``: the sheet's text, and the markers put in its prose."""
    rng = random.Random(number)
    lines = rng.choice(SEED_SHEETS).read_text(encoding="utf-8").split("\n")
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        rng.choice([_structure, _structure, _value, _value, _unknown_key])(lines, rng)
    markers = []
    prose = _prose_lines(lines)
    for i in rng.sample(prose, min(len(prose), rng.choice([0, 1, 2, 3]))):
        marker = f"{MARKER} {number}-{len(markers)}"
        lines[i] = lines[i].rstrip() + " " + marker
        markers.append(marker)
    return "\n".join(lines), markers


@cache
def _compiled(the_thuc: str) -> drafting.CompiledTemplate:
    return drafting.compile_template(resolve_template(None, the_thuc))


def _text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))


# Words of ruamel.yaml's and pydantic's messages: a clerk is told everything in Vietnamese.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|character|token|allowed|stream|could|"
                     r"Input|should|valid|unable|unacceptable|position)\b")


def _located(line: str, sheet: Path) -> bool:
    place = re.escape(str(sheet))
    return bool(re.match(rf"lỗi: {place}:\d+:\d+[: ]", line) or re.match(rf"lỗi: {place} [a-z_]\w*[\w.\[\]]*: ", line))


@pytest.mark.parametrize("number", range(FIRST, FIRST + CASES))
def test_a_mutated_sheet_is_refused_with_located_errors_or_drafted_whole(number, tmp_path, capsys):
    text, markers = mutated_sheet(number)
    sheet = tmp_path / "bang.yaml"
    sheet.write_bytes(text.encode("utf-8", "surrogatepass"))
    code = main(["check", str(sheet)])
    err = capsys.readouterr().err
    if code == EXIT_INTERNAL:
        drafting.load_sheet(sheet)  # raises the internal error itself, with its traceback
    assert code in (EXIT_OK, EXIT_INVALID_SHEET), err
    if code == EXIT_INVALID_SHEET:
        errors = [line for line in err.splitlines() if line.startswith("lỗi: ")]
        assert errors and all(_located(line, sheet) for line in errors), err
        assert not ENGLISH.search(err.replace(str(sheet), "")), err
        return
    loaded = drafting.load_sheet(sheet)
    drafted = _text_of(drafting.render_compiled(loaded, _compiled(loaded.sheet.the_thuc)))
    missing = [marker for marker in markers if marker not in drafted]
    assert not missing, f"case {number}: not in the draft: {missing}"


def test_the_generator_is_seeded_and_inserts_markers():
    assert mutated_sheet(3) == mutated_sheet(3)
    assert sum(len(mutated_sheet(n)[1]) for n in range(50)) > 20
