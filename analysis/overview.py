"""Corpus overview: per-article statistics, keyness, collocations, KWIC, similarity.

Every function takes a :class:`~analysis.corpus.Corpus` and returns a tidy
DataFrame, keys first.

Examples
--------
>>> from analysis import load_corpus, overview
>>> corpus = load_corpus()
>>> overview.article_stats(corpus).columns[:4].tolist()
['doc_id', 'n_words', 'n_sentences', 'n_paragraphs']
"""
from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left, bisect_right

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from sklearn.metrics.pairwise import cosine_similarity

from .tokens import Analyzer, make_vectorizer, normalize_quotes, stop_words

#: G² of 10.83 is p < 0.001 with one degree of freedom; 15.13 is p < 0.0001.
G2_CUTOFF = 10.83
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_VOWELS = re.compile(r"[aeiouy]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize_quotes(text).lower())


def syllables(word: str) -> int:
    """Heuristic English syllable count (vowel groups, silent final e), at least 1.

    Examples
    --------
    >>> [syllables(w) for w in ["man", "silence", "emotional", "the"]]
    [1, 2, 4, 1]
    """
    word = word.lower().strip("'")
    groups = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def mattr(words: list[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington and McFall 2010).

    The mean type-token ratio over every window of ``window`` words, so it
    does not fall as texts get longer. Texts shorter than the window get
    their plain type-token ratio.

    Examples
    --------
    >>> mattr(["a", "b", "a", "b"], window=2)
    1.0
    >>> mattr(["a", "a", "a", "b"], window=2)
    0.6667
    """
    n = len(words)
    if n == 0:
        return float("nan")
    if n <= window:
        return round(len(set(words)) / n, 4)
    counts = Counter(words[:window])
    types = len(counts)
    n_types = [types]
    for i in range(window, n):
        old, new = words[i - window], words[i]
        counts[old] -= 1
        types -= counts[old] == 0
        counts[new] += 1
        types += counts[new] == 1
        n_types.append(types)
    return round(float(np.mean(n_types)) / window, 4)


def article_stats(corpus, *, window: int = 50) -> pd.DataFrame:
    """Length, sentence length, lexical diversity and readability per article.

    Returns
    -------
    DataFrame
        ``doc_id``, ``n_words``, ``n_sentences``, ``n_paragraphs``,
        ``mean_sentence_length`` (words per non-heading sentence), ``mattr``
        (moving-average type-token ratio over ``window`` words; lower means
        more repetitive), ``flesch_reading_ease`` (206.835 - 1.015 words per
        sentence - 84.6 syllables per word; higher is easier).
    """
    rows = []
    body = corpus.sentences[~corpus.sentences["is_heading"]]
    for doc_id in corpus.doc_ids:
        sents = body.loc[body["doc_id"] == doc_id, "text"]
        words = [w for s in sents for w in _words(s)]
        n_s = max(len(sents), 1)
        wps = len(words) / n_s
        spw = sum(syllables(w) for w in words) / max(len(words), 1)
        rows.append((doc_id, wps, mattr(words, window), 206.835 - 1.015 * wps - 84.6 * spw))
    stats = pd.DataFrame(rows, columns=["doc_id", "mean_sentence_length", "mattr",
                                        "flesch_reading_ease"]).round(2)
    counts = corpus.documents[["doc_id", "n_words", "n_sentences", "n_paragraphs"]]
    return counts.merge(stats, on="doc_id")


def _doc_term(corpus, **vectorizer_options):
    analyzer = Analyzer()
    vec = make_vectorizer("count", analyzer=analyzer, **vectorizer_options)
    texts = corpus.sentences.groupby("doc_id", sort=False)["text"].apply(" ".join)
    matrix = vec.fit_transform(texts.reindex(corpus.doc_ids).fillna(""))
    return matrix.tocsr(), vec.get_feature_names_out(), analyzer


def keyness(corpus, *, min_freq: int = 3, cutoff: float = G2_CUTOFF) -> pd.DataFrame:
    """Keyness of each article's words against the rest of the corpus.

    For every article and stem the log-likelihood G² (Dunning 1993; Rayson and
    Garside 2000) compares its frequency in the article with the other
    articles combined, and the log ratio (Hardie 2014: log2 of the ratio of
    relative frequencies, 0.5 added to zero counts) gives the effect size.
    ``significant`` is G² >= ``cutoff`` (10.83, p < 0.001, one degree of
    freedom); with many terms tested, read it as a screening threshold, not
    a test. Stems occurring fewer than ``min_freq`` times in the corpus are
    left out.

    Returns
    -------
    DataFrame
        ``doc_id``, ``term`` (a real word), ``stem``, ``count``, ``count_rest``,
        ``doc_freq`` (articles using it), ``g2``, ``log_ratio``, ``significant``;
        sorted by article, then overused terms by G².
    """
    matrix, stems, analyzer = _doc_term(corpus)
    totals = np.asarray(matrix.sum(axis=1)).ravel().astype(float)
    col_total = np.asarray(matrix.sum(axis=0)).ravel().astype(float)
    keep = np.flatnonzero(col_total >= min_freq)
    doc_freq = np.asarray((matrix[:, keep] > 0).sum(axis=0)).ravel()
    display = analyzer.display_map()
    frames = []
    for i, doc_id in enumerate(corpus.doc_ids):
        a = matrix[i, keep].toarray().ravel().astype(float)
        b = col_total[keep] - a
        n1, n2 = totals[i], totals.sum() - totals[i]
        if n1 == 0 or n2 == 0:
            continue
        e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = 2 * (np.where(a > 0, a * np.log(a / e1), 0) + np.where(b > 0, b * np.log(b / e2), 0))
        log_ratio = np.log2(((np.where(a > 0, a, 0.5)) / n1) / ((np.where(b > 0, b, 0.5)) / n2))
        frames.append(pd.DataFrame({
            "doc_id": doc_id, "term": [display.get(s, s) for s in stems[keep]], "stem": stems[keep],
            "count": a.astype(int), "count_rest": b.astype(int), "doc_freq": doc_freq,
            "g2": np.round(g2, 3), "log_ratio": np.round(log_ratio, 3)}))
    if not frames:
        return pd.DataFrame(columns=["doc_id", "term", "stem", "count", "count_rest", "doc_freq",
                                     "g2", "log_ratio", "significant"])
    out = pd.concat(frames, ignore_index=True)
    out["significant"] = out["g2"] >= cutoff
    out["_over"] = out["log_ratio"] > 0
    out = out.sort_values(["doc_id", "_over", "g2", "term"], ascending=[True, False, False, True])
    return out.drop(columns="_over").reset_index(drop=True)


def collocations(corpus, *, min_freq: int = 3, n: int = 20) -> pd.DataFrame:
    """Two-word collocations within sentences, scored by PMI and likelihood ratio.

    NLTK's ``BigramCollocationFinder`` over lower-cased words of each sentence
    (bigrams never cross sentences); bigrams with a stop word or seen fewer
    than ``min_freq`` times are dropped. The top ``n`` by each measure are kept.

    Returns
    -------
    DataFrame
        ``measure`` ("pmi" or "likelihood_ratio"), ``rank``, ``bigram``, ``w1``,
        ``w2``, ``freq``, ``score``.
    """
    stops = stop_words()
    finder = BigramCollocationFinder.from_documents(_words(t) for t in corpus.sentences["text"])
    finder.apply_freq_filter(min_freq)
    finder.apply_word_filter(lambda w: w in stops or len(w) < 2)
    rows = []
    for name, fn in (("pmi", BigramAssocMeasures.pmi),
                     ("likelihood_ratio", BigramAssocMeasures.likelihood_ratio)):
        scored = sorted(finder.score_ngrams(fn), key=lambda x: (-x[1], x[0]))[:n]
        for rank, ((w1, w2), score) in enumerate(scored, 1):
            rows.append((name, rank, f"{w1} {w2}", w1, w2, finder.ngram_fd[(w1, w2)], round(score, 4)))
    return pd.DataFrame(rows, columns=["measure", "rank", "bigram", "w1", "w2", "freq", "score"])


def kwic(corpus, pattern: str, *, window: int = 6, within_sentence: bool = False,
         regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with ``window`` words each side.

    ``pattern`` is a word or phrase matched case-insensitively on whole words
    (curly quotes count as straight ones), or a regular expression with
    ``regex=True``. With ``within_sentence=True`` the context stops at the
    sentence's edges; otherwise it runs across sentences of the article.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end`` (offsets of the match in
        the raw text), ``left``, ``match``, ``right``.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "He needs quiet time. Give him quiet time, then talk."})
    >>> kwic(c, "quiet time", window=2)[["left", "match", "right"]].values.tolist()
    [['He needs', 'quiet time', '. Give him'], ['Give him', 'quiet time', ', then talk']]
    """
    rx = re.compile(pattern if regex else r"(?<!\w)" + re.escape(normalize_quotes(pattern)) + r"(?!\w)",
                    re.IGNORECASE)
    rows = []
    for doc_id, sents in corpus.sentences.groupby("doc_id", sort=False):
        raw = corpus.raw[doc_id]
        spans = [(s, e) for s, e in zip(sents["start"], sents["end"])]
        words = [(s + m.start(), s + m.end()) for s, e in spans
                 for m in _WORD.finditer(normalize_quotes(raw[s:e]))]
        starts = [w[0] for w in words]
        for sent_id, s, e in zip(sents["sent_id"], sents["start"], sents["end"]):
            for m in rx.finditer(normalize_quotes(raw[s:e])):
                a, b = s + m.start(), s + m.end()
                lo, hi = (s, e) if within_sentence else (spans[0][0], spans[-1][1])
                left_words = [w for w in words[max(0, bisect_left(starts, a) - window):bisect_left(starts, a)]
                              if w[0] >= lo]
                right_words = [w for w in words[bisect_right(starts, b - 1):bisect_right(starts, b - 1) + window]
                               if w[1] <= hi]
                left = raw[left_words[0][0]:a] if left_words else ""
                right = raw[b:right_words[-1][1]] if right_words else ""
                rows.append((doc_id, sent_id, a, b, " ".join(left.split()), raw[a:b], " ".join(right.split())))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "left", "match", "right"])


def similarity(corpus) -> pd.DataFrame:
    """Cosine similarity of the articles' TF-IDF vectors (stems, stop words removed).

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b``, ``cosine``: every ordered pair, the diagonal included.
    """
    vec = make_vectorizer("tfidf", sublinear_tf=True)
    texts = corpus.sentences.groupby("doc_id", sort=False)["text"].apply(" ".join)
    matrix = vec.fit_transform(texts.reindex(corpus.doc_ids).fillna(""))
    sim = cosine_similarity(matrix)
    ids = corpus.doc_ids
    return pd.DataFrame([(a, b, round(float(sim[i, j]), 4)) for i, a in enumerate(ids)
                         for j, b in enumerate(ids)], columns=["doc_a", "doc_b", "cosine"])
