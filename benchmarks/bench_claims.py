"""Seconds and peak memory of repeated-claim detection at 10k and 100k sentences.

Sentences are generated deterministically from the corpus's own sentences
(resampled, with words dropped and swapped) and spread over documents of 40
sentences, one paragraph each. The whole pipeline is timed by stage:
building the corpus, claim sentences, framing codes (the first call fits
the framing classifiers), then :func:`detect_repeated_claims` (vectors,
clustering, the shared-terms check and the support of each member). Each
size runs in a fresh process so that the peak resident memory
(``ru_maxrss``) belongs to that size alone.

Usage: ``python benchmarks/bench_claims.py [N ...]`` (default 10000 100000).
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import numpy as np


def synthetic_sentences(n: int, *, seed: int):
    """``n`` perturbed copies of corpus sentences and their document ids."""
    from analysis import config, load_corpus
    base = load_corpus(config.corpus_dir()).sentences["text"].tolist()
    rng = np.random.default_rng(seed)
    texts = []
    for i in rng.integers(0, len(base), size=n):
        words = base[i].split()
        keep = [w for w in words if rng.random() > 0.15] or words
        if len(keep) > 3:
            a, b = rng.integers(0, len(keep), size=2)
            keep[a], keep[b] = keep[b], keep[a]
        texts.append(" ".join(keep))
    docs = np.array([f"doc{j // 40:06d}" for j in range(n)])
    return texts, docs


def measure(n: int) -> dict:
    """Time each stage on ``n`` synthetic sentences (run in its own process)."""
    from analysis import Corpus, config
    from analysis.claims import detect_claims, detect_repeated_claims
    from analysis.framing import detect_codes
    texts, docs = synthetic_sentences(n, seed=config.RANDOM_STATE)
    by_doc: dict = {}
    for text, doc in zip(texts, docs):
        by_doc.setdefault(doc, []).append(text)
    times = {}
    t0 = time.perf_counter()
    corpus = Corpus.from_texts({doc: "\n\n".join(sents) for doc, sents in by_doc.items()})
    n_sentences = len(corpus.sentences)
    times["corpus_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_claim = len(detect_claims(corpus))
    times["claim_types_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    detect_codes(corpus)
    times["framing_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    claims = detect_repeated_claims(corpus)
    times["vectors_clustering_support_s"] = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n_sentences": n_sentences, "n_claim_sentences": n_claim,
            "n_claims": int(claims["claim_id"].nunique()),
            **{k: round(v, 2) for k, v in times.items()},
            "total_s": round(sum(times.values()), 2), "peak_rss_mb": round(peak_mb, 1)}


def main(argv) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                             text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
