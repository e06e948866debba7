"""Start-up: the wall time of one command, against the floor set by the dependencies.

    python benchmarks/startup.py          # 7 rounds
    python benchmarks/startup.py -r 15

A clerk runs one command at a time, so importing is most of the wait. Each round
runs, one after the other in fresh processes, the floor
``python -c "import docxtpl, pydantic, rich.console, babel.numbers"``,
``drafting check EXAMPLE`` and ``drafting render EXAMPLE``; the medians are compared.
Targets: render <= 2.5x the floor, check <= 1.5x.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "xa-hung-nguyen-2025.yaml"
TARGETS = {"check": 1.5, "render": 2.5}


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-r", "--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.docx"
        commands = {
            "floor": [sys.executable, "-c", "import docxtpl, pydantic, rich.console, babel.numbers"],
            "check": [sys.executable, "-m", "drafting", "check", str(EXAMPLE)],
            "render": [sys.executable, "-m", "drafting", "render", str(EXAMPLE), "-o", str(out), "--force"],
        }
        for argv in commands.values():  # warm the file cache and the bytecode
            _wall(argv)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):  # alternating, so that a slow moment hits all three alike
            for name, argv in commands.items():
                times[name].append(_wall(argv))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{rounds} rounds, medians of wall time")
    print(f"  floor (import docxtpl, pydantic, rich.console, babel.numbers): {medians['floor']:.3f} s")
    failed = False
    for name, target in TARGETS.items():
        ratio = medians[name] / medians["floor"]
        verdict = "ok" if ratio <= target else "OVER TARGET"
        failed |= ratio > target
        print(f"  drafting {name:<6} {medians[name]:.3f} s  = {ratio:.2f}x the floor (target <= {target}x) {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
