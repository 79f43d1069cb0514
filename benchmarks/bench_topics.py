"""Seconds and peak memory per stage of the topic pipeline on synthetic corpora.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_topics.py              # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/bench_topics.py --docs 2000  # one size

Each size runs in its own process so that memory figures do not carry over.
Stages: ``generate`` (synthetic texts, :mod:`synth`), ``load`` (write the
texts to a temporary folder and :func:`analysis.load_corpus` it: cleaning,
paragraphs, Punkt sentences), ``tokenize`` (the topic models' analyzer,
:class:`analysis.tokens.Analyzer`, over every paragraph),
``vectorize`` (:func:`analysis.topics.unit_matrix`: paragraph units and a
``CountVectorizer``), ``fit NMF`` and ``fit LDA`` (k=10, default
iterations: NMF up to 400; LDA batch with 50 below
``estimators.ONLINE_FROM`` units, else 5 online passes). Times are wall
clock and CPU; memory is the process's peak resident set size after the
stage (``resource.getrusage``) and how much the stage raised it. The
benchmark also compares the CPU time (best of 3) of a plain
``CountVectorizer()`` (default analyzer) with ``CountVectorizer`` using
:class:`analysis.tokens.Analyzer` on the same
paragraph texts. Output is markdown tables.

``--select`` also times :func:`analysis.topics.select_k` as the figures
command runs it (ks 2 to 12, five seeds, NMF then LDA); above
``selection.MAX_UNITS`` paragraphs it scores a seeded random sample of them.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_texts, write_texts  # noqa: E402

SIZES = (1_000, 10_000)
K = 10


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage(rows, name, func):
    before, start, cpu = _rss_mb(), time.perf_counter(), time.process_time()
    result = func()
    seconds = time.perf_counter() - start
    after = _rss_mb()
    rows.append({"stage": name, "seconds": seconds, "cpu_seconds": time.process_time() - cpu,
                 "peak_rss_mb": after, "rss_increase_mb": after - before})
    return result


def measure(n_docs: int, select: bool = False) -> dict:
    """Run every stage on ``n_docs`` synthetic articles; return rows and extra facts."""
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis import load_corpus
    from analysis.tokens import Analyzer
    from analysis.topics import fit_topics, select_k, topic_units, unit_matrix

    rows = []
    texts = _stage(rows, "generate", lambda: make_texts(n_docs))
    with tempfile.TemporaryDirectory() as folder:
        write_texts(texts, folder)
        corpus = _stage(rows, "load", lambda: load_corpus(folder))
    units = topic_units(corpus)["text"].tolist()
    analyzer = Analyzer()
    tokens = _stage(rows, "tokenize", lambda: sum(len(analyzer(t)) for t in units))
    _, X, _ = _stage(rows, "vectorize", lambda: unit_matrix(corpus))
    _stage(rows, "fit NMF", lambda: fit_topics(corpus, K, method="nmf"))
    _stage(rows, "fit LDA", lambda: fit_topics(corpus, K, method="lda"))
    scored = {}
    if select:
        for method in ("nmf", "lda"):
            table = _stage(rows, f"select_k {method.upper()} (11 ks x 5 seeds)",
                           lambda: select_k(corpus, range(2, 13), seeds=5, method=method))
            scored[method] = int(table["n_units"].max())
    speeds = {name: _cpu_seconds(lambda: CountVectorizer(**kw).fit_transform(units))
              for name, kw in [("plain", {}), ("analyzer", {"analyzer": Analyzer()})]}
    return {"docs": n_docs, "rows": rows, "units": len(units), "tokens": tokens,
            "words": int(corpus.documents["n_words"].sum()), "terms": X.shape[1], "nnz": X.nnz,
            "select_units": scored,
            **{f"{name}_seconds": value for name, value in speeds.items()}}


def _cpu_seconds(func, repeat=3) -> float:
    """Best CPU time of ``repeat`` runs (CPU, not wall, so other jobs on the machine matter less)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def report(results) -> str:
    """Markdown tables of :func:`measure` results."""
    lines = ["| docs | stage | wall s | CPU s | peak RSS (MB) | stage raised RSS by (MB) |",
             "|---:|---|---:|---:|---:|---:|"]
    for res in results:
        for row in res["rows"]:
            lines.append(f"| {res['docs']:,} | {row['stage']} | {row['seconds']:.2f} | {row['cpu_seconds']:.2f} | "
                         f"{row['peak_rss_mb']:.0f} | {row['rss_increase_mb']:.0f} |")
    lines += ["", "| docs | words | paragraph units | kept tokens | terms | non-zeros | "
              "default analyzer CPU s | Analyzer CPU s (speed vs default) |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        plain = res["plain_seconds"]
        lines.append(f"| {res['docs']:,} | {res['words']:,} | {res['units']:,} | {res['tokens']:,} | "
                     f"{res['terms']:,} | {res['nnz']:,} | {plain:.2f} | "
                     f"{res['analyzer_seconds']:.2f} ({plain / res['analyzer_seconds']:.2f}x) |")
    scored = [f"{res['docs']:,} docs: select_k {method.upper()} scored {n:,} of {res['units']:,} units"
              for res in results for method, n in res.get("select_units", {}).items()]
    lines += [""] * bool(scored) + scored
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--select", action="store_true", help="also time select_k (both methods)")
    parser.add_argument("--json", action="store_true", help="print one size's raw result as JSON")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(measure(args.docs[0], args.select)))
        return 0
    results = []
    for n in args.docs:
        out = subprocess.run([sys.executable, __file__, "--json", "--docs", str(n), *(["--select"] * args.select)],
                             check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(f"measured {n:,} documents", file=sys.stderr, flush=True)
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
