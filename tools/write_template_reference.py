"""Write docs/bien-cua-mau.md: every variable and filter a template can use, with examples.

    python3 tools/write_template_reference.py

tests/test_template_reference.py fails when the committed file differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting import load_sheet  # noqa: E402
from drafting.report.context import build_context  # noqa: E402
from drafting.report.reference import reference_markdown  # noqa: E402

EXAMPLES = ("xa-hung-nguyen-2025.yaml", "ban-dan-van-tinh-uy-2024.yaml", "vinh-2022.yaml")
OUTPUT = ROOT / "docs" / "bien-cua-mau.md"


def reference_text() -> str:
    contexts = {name: build_context(load_sheet(ROOT / "examples" / name)) for name in EXAMPLES}
    return reference_markdown(contexts)


if __name__ == "__main__":
    OUTPUT.write_text(reference_text(), encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
