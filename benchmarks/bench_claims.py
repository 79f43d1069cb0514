"""Seconds and peak memory of repeated-claim detection at 10k and 100k sentences.

Sentences are generated deterministically from the corpus's own sentences
(resampled, with words dropped and swapped) and spread over documents of 40
sentences, one paragraph each. The whole pipeline is timed by stage:
building the corpus, claim sentences, framing codes (the first call fits
the framing classifiers), then :func:`detect_repeated_claims` (vectors,
clustering, the shared-terms check and the support of each member). Each
size runs in a fresh process so that the peak resident memory
(``ru_maxrss``) belongs to that size alone. The disk cache
(:mod:`analysis.cache`) is off, so the framing fit is timed too.

Above :data:`analysis.claims.vectors.EXACT_UP_TO` claim sentences the
neighbour search is approximate by default. ``--compare-search N`` times
the exact and the approximate search on the same ``N`` sentences and
reports the share of the exact neighbour edges that the approximate search
finds.

Usage: ``python benchmarks/bench_claims.py [N ...]`` (default 10000 100000),
``python benchmarks/bench_claims.py --compare-search N``.
"""
from __future__ import annotations

import json
import os
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


def synthetic_corpus(n: int):
    """A corpus of ``n`` synthetic sentences in documents of 40."""
    from analysis import Corpus, config
    texts, docs = synthetic_sentences(n, seed=config.RANDOM_STATE)
    by_doc: dict = {}
    for text, doc in zip(texts, docs):
        by_doc.setdefault(doc, []).append(text)
    return Corpus.from_texts({doc: "\n\n".join(sents) for doc, sents in by_doc.items()})


def measure(n: int) -> dict:
    """Time each stage on ``n`` synthetic sentences (run in its own process)."""
    from analysis.claims import detect_claims, detect_repeated_claims
    from analysis.framing import detect_codes
    times = {}
    t0 = time.perf_counter()
    corpus = synthetic_corpus(n)
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


def compare_search(n: int) -> dict:
    """Seconds of the exact and the approximate neighbour search, and the share of exact edges found."""
    from analysis.claims import claim_vectors, detect_claims, top_k_neighbours
    from analysis.claims.repeated import DEFAULT_THRESHOLD, sentence_frames
    corpus = synthetic_corpus(n)
    claims = detect_claims(corpus)
    vectors = claim_vectors(claims["text"].tolist(), frames=sentence_frames(corpus, claims))
    docs = claims["doc_id"].to_numpy()
    out = {"n_sentences": len(corpus.sentences), "n_claim_sentences": len(claims)}
    graphs = {}
    for search in ("exact", "approximate"):
        t0 = time.perf_counter()
        graphs[search] = top_k_neighbours(vectors, k=10, min_similarity=DEFAULT_THRESHOLD, docs=docs,
                                          search=search)
        out[f"{search}_s"] = round(time.perf_counter() - t0, 2)
    exact = graphs["exact"]
    out["exact_edges"] = int(exact.nnz)
    out["share_found"] = round(exact.multiply(graphs["approximate"] > 0).nnz / max(exact.nnz, 1), 4)
    return out


def main(argv) -> None:
    from analysis.cache import CACHE_ENV
    os.environ[CACHE_ENV] = "off"  # time the work itself, never a read from the disk cache
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return
    if argv[:1] == ["--compare-search"]:
        for n in [int(a) for a in argv[1:]] or [100_000]:
            print(json.dumps(compare_search(n)), flush=True)
        return
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                             text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
