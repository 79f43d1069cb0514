"""Deterministic synthetic corpora of any size, grown from the seed articles.

Each synthetic article is a title line followed by paragraphs resampled
(with replacement) from the seeds' non-heading paragraphs until about
``words`` words; every paragraph is perturbed: its sentences may be
shuffled, about ``drop`` of its words are dropped and about ``swap`` are
replaced by a word drawn from the whole seed vocabulary. Occasionally a
seed heading is inserted between paragraphs. The same ``seed`` gives the
same texts.

Usage from another benchmark (run from the project root)::

    import sys; sys.path.insert(0, "benchmarks")
    from synth import make_corpus, make_texts
    corpus = make_corpus(1000)

Examples
--------
>>> texts = make_texts(2, seed=1)
>>> sorted(texts) == ["syn00000", "syn00001"] and make_texts(2, seed=1) == texts
True
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from analysis import Corpus, config, load_corpus

_WORD = re.compile(r"\S+")


@lru_cache(maxsize=4)
def _pools(source: str):
    corpus = load_corpus(source)
    sents = corpus.sentences
    body = sents[~sents["is_heading"]]
    paragraphs = [group["text"].tolist() for _, group in body.groupby(["doc_id", "para_id"], sort=True)]
    headings = sents.loc[sents["is_heading"], "text"].tolist() or ["Notes"]
    vocab = sorted({w for p in paragraphs for s in p for w in _WORD.findall(s) if w.isalpha()})
    return paragraphs, headings, np.array(vocab, dtype=object)


def _perturb(sentences, rng, vocab, drop, swap):
    order = rng.permutation(len(sentences)) if rng.random() < 0.5 else range(len(sentences))
    words = " ".join(sentences[i] for i in order).split()
    keep = rng.random(len(words)) >= drop
    replace = rng.random(len(words)) < swap
    picks = vocab[rng.integers(0, len(vocab), len(words))]
    out = [picks[i] if replace[i] else w for i, w in enumerate(words) if keep[i]]
    return " ".join(out), len(out)


def make_texts(n_docs: int, *, seed: int = config.RANDOM_STATE, words: int = 600,
               drop: float = 0.1, swap: float = 0.05, source=config.SEEDS_DIR) -> dict[str, str]:
    """``n_docs`` synthetic articles of about ``words`` words: ``{doc_id: text}``.

    Doc ids are ``syn00000``, ``syn00001``, ... (zero-padded to at least 5 digits).
    """
    paragraphs, headings, vocab = _pools(str(source))
    rng = np.random.default_rng(seed)
    width = max(5, len(str(n_docs - 1)))
    texts = {}
    for d in range(n_docs):
        parts = [f"Synthetic Article {d}"]
        total = 0
        while total < words:
            if rng.random() < 0.08:
                parts.append(headings[rng.integers(len(headings))])
            text, n = _perturb(paragraphs[rng.integers(len(paragraphs))], rng, vocab, drop, swap)
            if n:
                parts.append(text)
                total += n
        texts[f"syn{d:0{width}d}"] = "\n\n".join(parts) + "\n"
    return texts


def make_corpus(n_docs: int, *, seed: int = config.RANDOM_STATE, **options) -> Corpus:
    """:func:`make_texts` loaded as a :class:`analysis.Corpus`."""
    return Corpus.from_texts(make_texts(n_docs, seed=seed, **options))


def write_texts(texts: dict[str, str], folder) -> None:
    """Write ``{doc_id: text}`` as ``folder/<doc_id>.txt`` (UTF-8)."""
    from pathlib import Path
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
