"""Seconds per stage of the framing layer on corpora of repeated seed articles.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_framing.py              # 250 and 1,000 articles
    .venv/bin/python benchmarks/bench_framing.py --docs 5000  # one size

Each corpus cycles the seed articles (``Corpus.from_texts``). Stages:
``load`` (cleaning and sentences), ``fit_code_model`` (the per-code
classifiers, fitted on the shipped training articles),
``detect_codes rules`` (one token stream, one regular expression per cue
list, then the negation, scope and directive checks on each hit),
``detect_codes hybrid`` (the default: the rules plus the classifiers),
``detect_stance``, ``frame_table``, ``distinctive_terms`` (by code). Time is
wall-clock, with the disk cache (:mod:`analysis.cache`) off; output is a
markdown table.

``--set-cv`` also times the leave-one-set-out cross-validation of notebook 03
(``set_cross_validation`` over the shipped training sets) and
the fit of the classifiers with 1 and with 2 worker processes (after the cue
and stance pass, which is cached on the corpus).
"""
from __future__ import annotations

import argparse
import os
import time

from analysis import Corpus, config, framing
from analysis.cache import CACHE_ENV

SIZES = (250, 1_000)


def _texts(n: int) -> dict[str, str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(config.SEEDS_DIR.glob("*.txt"))]
    return {f"doc{i:06d}": seeds[i % len(seeds)] for i in range(n)}


def _timed(rows, name, func):
    start = time.perf_counter()
    out = func()
    rows.append((name, time.perf_counter() - start))
    return out


def bench(n: int) -> list[tuple]:
    rows: list[tuple] = []
    corpus = _timed(rows, "load", lambda: Corpus.from_texts(_texts(n)))
    _timed(rows, "fit_code_model", framing.fit_code_model)
    _timed(rows, "detect_codes rules", lambda: framing.detect_codes(corpus, model="rules"))
    codes = _timed(rows, "detect_codes hybrid", lambda: framing.detect_codes(corpus))
    _timed(rows, "detect_stance", lambda: framing.detect_stance(corpus))
    _timed(rows, "frame_table", lambda: framing.frame_table(corpus, codes))
    _timed(rows, "distinctive_terms", lambda: framing.distinctive_terms(corpus, by="code", codes=codes))
    return [(n, len(corpus.sentences), name, seconds) for name, seconds in rows]


def bench_training() -> list[tuple]:
    """The classifiers' fit with 1 and 2 workers, and the set cross-validation (no disk cache)."""
    from analysis.framing.learn import CodeModel, _training, train_dirs
    from analysis.validate.framing import set_cross_validation

    book = framing.load_codebook()
    corpus, gold, folder = _training(train_dirs(), book, folders=True)
    rows: list[tuple] = []
    _timed(rows, "cue and stance pass over the training articles",
           lambda: (framing.detect_cues(corpus, book), framing.detect_stance(corpus)))
    for jobs in (1, 2):
        _timed(rows, f"CodeModel.fit, {jobs} worker(s)", lambda: CodeModel(book, n_jobs=jobs).fit(corpus, gold, groups=folder))
    held_out = config.FRAMING_TRAIN_DIRS[2:]
    _timed(rows, f"set_cross_validation, {len(held_out)} sets left out", lambda: set_cross_validation(held_out=held_out))
    return [(corpus.documents.shape[0], len(corpus.sentences), name, seconds) for name, seconds in rows]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--set-cv", action="store_true", help="also time the training and the set cross-validation")
    args = parser.parse_args(argv)
    os.environ[CACHE_ENV] = "off"  # time the work itself, never a read from the disk cache
    print("| articles | sentences | stage | seconds |")
    print("|---:|---:|---|---:|")
    for n in args.docs:
        for docs, sents, name, seconds in bench(n):
            print(f"| {docs:,} | {sents:,} | {name} | {seconds:.2f} |")
    if args.set_cv:
        for docs, sents, name, seconds in bench_training():
            print(f"| {docs:,} | {sents:,} | {name} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
