"""Bulk drafting: the plain docxtpl loop against drafting's engine, and whole bulk runs.

    python benchmarks/bulk.py             # N = 1,000 synthetic localities
    python benchmarks/bulk.py --large     # N = 10,000
    python benchmarks/bulk.py -n 3321     # any N

Everything is measured side by side in one run, on the project's own state
template and the 30-commune example multiplied out to N rows of a CSV table:

1. rendering on one core, the same prepared contexts for both, interleaved
   draft by draft: a new DocxTemplate, render and save per draft, against
   drafting's compiled template; drafts per second and ratio (the engine's one
   compile per worker is shown apart, and folded into a second ratio);
2. `drafting bulk`'s whole job (CSV and base sheet in, validated, .docx files
   and manifest out) with 1 and 2 worker processes, each run in a fresh process;
3. peak memory of a one-worker run at N/10 and at N: it must not grow with N.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from drafting.report.context import build_context  # noqa: E402
from drafting.bulk.localities import open_localities  # noqa: E402
from drafting.render.draft import compile_template, document_properties, jinja_environment  # noqa: E402
from drafting.docx.styles import COMPUTED, id_for_role  # noqa: E402
from drafting.render.templates import resolve_template  # noqa: E402

EXAMPLE = ROOT / "examples" / "nghe-an-2025"
SAMPLE = 100  # contexts rendered by both loops in part 1

_CHILD = """
import json, sys, time
from pathlib import Path
from drafting.bulk.run import BulkOptions, bulk_draft
def main():
    base, table, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    start = time.perf_counter()
    summary = bulk_draft(Path(base), BulkOptions(Path(out), table=Path(table), jobs=jobs))
    seconds = time.perf_counter() - start
    try:
        import resource
        usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        rss = [usage * scale, children * scale]
    except ImportError:
        rss = [None, None]
    print(json.dumps({"seconds": seconds, "drafted": summary.drafted, "failed": summary.failed, "rss": rss}))
if __name__ == "__main__":
    main()
"""


def synthetic_table(n: int, target: Path) -> None:
    """N rows made from the example's 30, each with its own name and slightly different figures."""
    with (EXAMPLE / "so-lieu.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    name, issuer, lines, place = (header.index(k) for k in (
        "dia_ban.ten", "co_quan_ban_hanh.ten", "co_quan_ban_hanh.dong", "noi_ban_hanh"))
    varied = header.index("van_ban_chi_dao")
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(n):
            row = list(body[i % len(body)])
            suffix = f" {i + 1:05d}"
            for col in (name, issuer, place):
                row[col] += suffix
            row[lines] += suffix
            row[varied] = str(int(row[varied]) + i % 7)
            writer.writerow(row)


def rendering_times(table: Path) -> tuple[int, float, float, float]:
    """Drafts, seconds of the plain loop, seconds of the engine, seconds of its one compile."""
    source = open_localities(EXAMPLE / "co-so.yaml", table)
    jobs = []
    for job in source.jobs():
        jobs.append(job)
        if len(jobs) == SAMPLE:
            break
    loaded = [source.load(job) for job in jobs]
    contexts = [(build_context(x), document_properties(x)) for x in loaded]
    template = resolve_template(None, "nha-nuoc")

    # Interleaved, draft by draft, so that a busy machine slows both loops alike.
    start = time.perf_counter()
    compiled = compile_template(template)
    compile_seconds = time.perf_counter() - start
    engine_seconds = plain_seconds = 0.0
    for context, properties in contexts:
        start = time.perf_counter()
        tpl = DocxTemplate(str(template))
        style = id_for_role(tpl.get_docx().styles.element, COMPUTED)
        tpl.render(context, jinja_environment(style), autoescape=True)
        tpl.save(io.BytesIO())
        middle = time.perf_counter()
        compiled.render(context, properties)
        end = time.perf_counter()
        plain_seconds += middle - start
        engine_seconds += end - middle
    return len(contexts), plain_seconds, engine_seconds, compile_seconds


def bulk_run(table: Path, out: Path, jobs: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(EXAMPLE / "co-so.yaml"), str(table), str(out), str(jobs)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _mb(value) -> str:
    return "n/a" if value is None else f"{value / 2**20:,.0f} MB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="localities (default 1,000)")
    parser.add_argument("--large", action="store_true", help="10,000 localities")
    args = parser.parse_args(argv)
    n = 10_000 if args.large else args.n
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        table, small = tmp / "so-lieu.csv", tmp / "so-lieu-nho.csv"
        synthetic_table(n, table)
        synthetic_table(max(n // 10, 1), small)
        print(f"drafting bulk benchmark: N = {n:,} localities, state template, one CSV table")

        count, plain, engine, compile_once = rendering_times(table)
        print(f"\n1. rendering, one core, the same {count} contexts, interleaved")
        print(f"   plain docxtpl loop (new DocxTemplate, render, save): {count / plain:8.1f} drafts/s")
        print(f"   drafting engine (render, zip):                       {count / engine:8.1f} drafts/s")
        print(f"   ratio: {plain / engine:.1f}x  (engine's one compile per worker: {compile_once * 1000:.0f} ms; "
              f"counted over these {count} drafts the ratio is {plain / (engine + compile_once):.1f}x)")

        print("\n2. drafting bulk, whole job (validate, render, write .docx, manifest)")
        for jobs in (1, 2):
            run = bulk_run(table, tmp / f"out-{jobs}", jobs)
            assert run["drafted"] == n and run["failed"] == 0, run
            print(f"   {jobs} worker{'s' if jobs > 1 else ' '}: {n:,} drafts in {run['seconds']:6.1f} s, "
                  f"{n / run['seconds']:7.1f} drafts/s")

        print("\n3. peak memory of a one-worker run (resident set size)")
        peaks = {}
        for count, path in ((max(n // 10, 1), small), (n, table)):
            run = bulk_run(path, tmp / f"mem-{count}", 1)
            peaks[count] = run["rss"][0]
            print(f"   N = {count:>6,}: {_mb(run['rss'][0])}")
        low, high = peaks[max(n // 10, 1)], peaks[n]
        if low and high:
            print(f"   growth from N/10 to N: {high / low:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
