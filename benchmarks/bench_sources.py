"""Seconds per stage of the cited-sources layer on corpora of repeated seed articles.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_sources.py              # 250 and 1,000 articles
    .venv/bin/python benchmarks/bench_sources.py --docs 5000  # one size

Each corpus cycles the seed articles (``Corpus.from_texts``), so every
article carries real attribution grammar. Stages: ``load`` (cleaning and
sentences), ``detect_sources`` (every sentence through the attribution
patterns, then the per-article resolution), ``tables`` (source table,
article x source matrix, shared sources, authority mix with sentence
support). Time is wall-clock; output is a markdown table.
"""
from __future__ import annotations

import argparse
import time

from analysis import Corpus, config
from analysis import sources

SIZES = (250, 1_000)


def _texts(n: int) -> dict[str, str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(config.SEEDS_DIR.glob("*.txt"))]
    return {f"doc{i:06d}": seeds[i % len(seeds)] for i in range(n)}


def bench(n: int) -> list[tuple]:
    rows = []
    start = time.perf_counter()
    corpus = Corpus.from_texts(_texts(n))
    rows.append(("load", time.perf_counter() - start))
    start = time.perf_counter()
    mentions = sources.detect_sources(corpus)
    rows.append(("detect_sources", time.perf_counter() - start))
    start = time.perf_counter()
    sources.source_table(mentions)
    sources.article_source_matrix(mentions)
    sources.shared_sources(mentions)
    sources.authority_mix(corpus, mentions)
    rows.append(("tables", time.perf_counter() - start))
    return [(n, len(corpus.sentences), len(mentions), stage, s) for stage, s in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    sizes = parser.parse_args().docs or SIZES
    print("| articles | sentences | mentions | stage | seconds |")
    print("|---:|---:|---:|---|---:|")
    for n in sizes:
        for docs, sents, found, stage, seconds in bench(n):
            print(f"| {docs:,} | {sents:,} | {found:,} | {stage} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
