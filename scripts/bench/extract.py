# Benchmark (not a test): our extractor against a naive pdfplumber loop and `pdftotext -layout` on one generated PDF.
# In: nothing (or --pages N, --repeat K, --keep DIR). Out: a Markdown table of pages/s and peak memory, with ratios.
"""Run with `.venv/bin/python scripts/bench/extract.py` (or `-m scripts.bench.extract`).

It draws a threshold document (levels as columns, landscape) of about 100 pages with scripts.extract.render,
then, in the same run, times three commands as separate processes:

- ours: `python -m scripts.extract FILE --out TMP --content TMP` (profile detection, every page read once in
  a process pool, full structured output: staged needs and strategies, diff and report);
- naive: one process calling pdfplumber `extract_tables()` and `extract_text()` on every page;
- pdftotext: poppler's `pdftotext -layout`, the floor (text only, no structure).

Each is timed by wall clock, including interpreter start-up, with its CPU seconds (process and children). Peak
memory: see run(). With --repeat K, the best time and the largest memory of K runs are reported.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.extract import fwids as fw  # noqa: E402
from scripts.extract.profiles import load_profile  # noqa: E402
from scripts.extract.render import threshold_pdf  # noqa: E402

WORDS = ("pupil class adult teacher support plan routine visual quiet group reading writing number task time "
         "change talk listen help break space lesson home parent school check review small step clear short "
         "calm worry choice work friend partner notice progress record goal target weekly daily").split()
ROLES = ["class-teacher", "senco", "teaching-assistant", "educational-psychologist", "specialist-teacher",
         "speech-and-language-therapist", "parents-and-carers", "la-sen-team"]
AREAS = ["communication-and-interaction", "cognition-and-learning", "social-emotional-and-mental-health",
         "sensory-and-physical"]

NAIVE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_tables()
        page.extract_text()
        page.close()
"""


def sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def needs(count: int, seed: int = 7) -> tuple[list[tuple[str, dict]], dict[str, str]]:
    rng = random.Random(seed)
    strategies = {f"s{i}": sentence(rng, 3, 7).rstrip(".") for i in range(150)}
    out = []
    for n in range(count):
        phases = {}
        for phase in fw.PHASES:
            phases[phase] = {}
            for level in fw.LEVELS:
                phases[phase][level] = {
                    "descriptors": [sentence(rng, 6, 16) for _ in range(rng.randint(3, 5))],
                    "assessment": [sentence(rng, 6, 14) for _ in range(rng.randint(2, 3))],
                    "strategies": rng.sample(sorted(strategies), rng.randint(4, 6)),
                    "who_may_help": rng.sample(ROLES, rng.randint(2, 4)),
                }
        out.append((f"need-{n}", {"area": AREAS[n * len(AREAS) // count], "title": f"Need number {n + 1}",
                                  "also_known_as": [f"name {n} a", f"name {n} b"],
                                  "summary": " ".join(sentence(rng, 8, 14) for _ in range(2)), "phases": phases}))
    return out, strategies


def make_pdf(path: Path, pages: int) -> int:
    """A threshold PDF of about `pages` pages (the need count is scaled from a small first draft)."""
    profile = load_profile("threshold-columns")
    count = 4
    for _ in range(4):
        data, titles = needs(count)
        threshold_pdf(path, data, titles, profile)
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            got = len(pdf.pages)
        if abs(got - pages) <= max(2, pages // 50):
            return got
        count = max(1, round(count * (pages - 1) / max(1, got - 1)))
    return got


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return out


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd: list[str]) -> tuple[float, int, float]:
    """(wall seconds, peak bytes, CPU seconds of the process and its children) for one command, output discarded.

    Peak memory: the largest sum over the process tree of proportional set size (PSS: shared pages split between
    the processes sharing them, so forked workers are not counted twice), sampled every 5 ms; for a single process,
    its own high-water mark (VmHWM) when that is larger, which catches short peaks between samples."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(proc.pid)
            peak[0] = max(peak[0], sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))
            if len(pids) == 1:
                peak[1] = max(peak[1], _kb(f"/proc/{proc.pid}/status", "VmHWM:"))
            time.sleep(0.005)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    t.join()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err.strip()[:300]}")
    return seconds, max(peak) * 1024, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each method; best time and largest memory")
    ap.add_argument("--keep", type=Path, help="keep the generated PDF and staging here")
    args = ap.parse_args(argv)
    if not shutil.which("pdftotext"):
        print("pdftotext not found: apt-get install -y poppler-utils", file=sys.stderr)
        return 2
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="bench-extract-"))
    tmp.mkdir(parents=True, exist_ok=True)
    pdf = tmp / "threshold-100.pdf"
    t0 = time.perf_counter()
    pages = make_pdf(pdf, args.pages)
    print(f"Generated {pdf.name}: {pages} pages in {time.perf_counter() - t0:.1f} s; {os.cpu_count()} cores\n",
          file=sys.stderr)
    py = sys.executable
    methods = {
        "ours (scripts.extract, pool of processes)": [py, "-m", "scripts.extract", str(pdf), "--out", str(tmp / "staging"),
                                                      "--content", str(tmp / "content"), "--no-progress"],
        "naive (pdfplumber extract_tables + extract_text)": [py, "-c", NAIVE, str(pdf)],
        "pdftotext -layout": ["pdftotext", "-layout", str(pdf), str(tmp / "out.txt")],
    }
    results = {}
    for name, cmd in methods.items():
        runs = [run(cmd) for _ in range(args.repeat)]
        results[name] = (min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs))
    staged = tmp / "staging"
    needs_made = len(list((staged / "needs").glob("*.yml")))
    strategies_made = len(list((staged / "strategies").glob("*.yml")))
    ours_s, ours_mem, _ = results[next(iter(methods))]
    load = os.getloadavg()[0]
    print("| method | pages | seconds | pages/s | CPU seconds | peak memory (MB) | ours: speed ratio | "
          "ours: memory ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (secs, mem, cpu) in results.items():
        print(f"| {name} | {pages} | {secs:.2f} | {pages / secs:.1f} | {cpu:.2f} | {mem / 2**20:.0f} | "
              f"{secs / ours_s:.2f}x | {ours_mem / mem:.2f}x |")
    print(f"\nOurs produced {needs_made} needs and {strategies_made} strategies (full structured output). "
          "Ratios are ours divided by each method: speed above 1 means ours is faster; memory above 1 means ours uses "
          f"more. Load average at the end: {load:.1f} on {os.cpu_count()} cores (other work on the machine slows "
          "every method).")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
