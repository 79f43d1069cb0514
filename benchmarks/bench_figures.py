"""Seconds per registered figure of ``python -m analysis figures`` on synthetic corpora.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_figures.py              # 100 articles
    .venv/bin/python benchmarks/bench_figures.py --docs 200   # one size (repeatable)

The corpus is :func:`synth.make_texts` (about 600 words per article). For
every figure: ``make`` (the analysis and the drawing) and ``save`` (PNG,
SVG and CSV), wall-clock; figures reuse what earlier ones computed on the
same corpus (models, codes, claims), as in the figures command; the disk
cache (:mod:`analysis.cache`) is off. Output: the slowest figures, then the
totals.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_corpus  # noqa: E402

from analysis.cache import CACHE_ENV  # noqa: E402
from analysis.figures import load_all, save  # noqa: E402

SIZES = (100,)


def bench(n: int, out_dir: Path) -> list[tuple[str, float, float]]:
    matplotlib.use("Agg")
    corpus = make_corpus(n)
    rows = []
    for name, spec in load_all().items():
        start = time.perf_counter()
        table, axes = spec.make(corpus)
        made = time.perf_counter()
        save(table, axes, out_dir, name)
        rows.append((name, made - start, time.perf_counter() - made))
        plt.close("all")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--top", type=int, default=8, help="slowest figures listed per size")
    args = parser.parse_args()
    os.environ[CACHE_ENV] = "off"  # time the work itself, never a read from the disk cache
    print("| articles | figure | make | save |\n|---:|---|---:|---:|")
    for n in args.docs or SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            rows = bench(n, Path(tmp))
        for name, make, saved in sorted(rows, key=lambda r: -(r[1] + r[2]))[:args.top]:
            print(f"| {n:,} | {name} | {make:.1f} s | {saved:.1f} s |", flush=True)
        print(f"| {n:,} | all {len(rows)} | {sum(r[1] for r in rows):.1f} s | {sum(r[2] for r in rows):.1f} s |",
              flush=True)


if __name__ == "__main__":
    main()
