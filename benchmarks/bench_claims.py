"""Seconds and peak memory of repeated-claim detection at 10k and 100k sentences.

Sentences are generated deterministically from the corpus's own sentences
(resampled, with words dropped and swapped) and spread over documents of 40
sentences. Each size runs in a fresh process so that the peak resident
memory (``ru_maxrss``) belongs to that size alone.

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
    from analysis import config
    from analysis.claims.cluster import average_linkage
    from analysis.claims.repeated import DEFAULT_THRESHOLD
    from analysis.claims.sentences import claim_type
    from analysis.claims.vectors import claim_vectors
    texts, docs = synthetic_sentences(n, seed=config.RANDOM_STATE)
    times = {}
    t0 = time.perf_counter()
    types = [claim_type(t) for t in texts]
    times["claim_types_s"] = time.perf_counter() - t0
    keep = [i for i, t in enumerate(types) if t]
    t0 = time.perf_counter()
    vectors = claim_vectors([texts[i] for i in keep])
    times["vectors_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    labels = average_linkage(vectors, docs[keep], threshold=DEFAULT_THRESHOLD)
    times["clustering_s"] = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n_sentences": n, "n_claim_sentences": len(keep), "n_groups": int(len(set(labels.tolist()))),
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
