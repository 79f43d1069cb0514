"""Seconds and peak memory of article distances on synthetic facet matrices.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_compare.py              # 1,000 and 5,000 articles
    .venv/bin/python benchmarks/bench_compare.py --docs 20000 # one size

The facet matrices are random but shaped like real ones: 8 topics and 14
framing codes per article (dense), membership in 3,000 repeated claims and
mentions of 500 sources (sparse). Stages: ``all pairs`` (every pair once,
skipped above 5,000 articles: the table alone has n(n-1)/2 rows) and
``10 neighbours`` (each article's ten nearest). Output is a markdown table.
"""
from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np
import scipy.sparse as sp

from analysis import config
from analysis.compare import distances_from_matrices

SIZES = (1_000, 5_000)
MAX_ALL_PAIRS = 5_000


def _matrices(n: int) -> dict:
    rng = np.random.default_rng(config.RANDOM_STATE)
    frames = rng.random((n, 14)) * (rng.random((n, 14)) > 0.5)
    return {
        "topics": (sp.csr_matrix(rng.random((n, 8))), "hellinger"),
        "frames": (sp.csr_matrix(frames), "hellinger"),
        "claims": (sp.random(n, 3_000, density=0.002, format="csr", random_state=1), "jaccard"),
        "sources": (sp.random(n, 500, density=0.004, format="csr", random_state=2), "cosine"),
    }


def _timed(func):
    tracemalloc.start()
    start = time.perf_counter()
    out = func()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv)
    print("| articles | stage | pairs | seconds | peak MiB |")
    print("|---:|---|---:|---:|---:|")
    for n in args.docs:
        mats, ids = _matrices(n), [f"doc{i:06d}" for i in range(n)]
        stages = [("10 neighbours", 10)] + ([("all pairs", None)] if n <= MAX_ALL_PAIRS else [])
        for name, k in stages:
            out, seconds, peak = _timed(lambda: distances_from_matrices(mats, ids, neighbors=k))
            print(f"| {n:,} | {name} | {len(out):,} | {seconds:.1f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
