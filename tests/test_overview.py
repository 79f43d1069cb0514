"""Per-article statistics, keyness, collocations, KWIC and similarity (analysis.overview)."""
from __future__ import annotations

import math

import pytest

from analysis import Corpus, overview, plots


@pytest.fixture
def contrast():
    """Article a repeats 'silence'; b repeats 'space'; both say 'men'."""
    return Corpus.from_texts({
        "a": "Silence again. Silence hurts men. Silence is loud. Silence stays. Men wait.",
        "b": "Space again. Space helps men. Space is kind. Space matters. Men wait.",
    })


def test_article_stats(tiny_corpus):
    stats = overview.article_stats(tiny_corpus).set_index("doc_id")
    assert stats.loc["beta", "n_words"] == 40  # 8 + 6 + 10 + 5 + 5 + 6, counted by hand
    assert stats.loc["beta", "mean_sentence_length"] == pytest.approx(40 / 6, abs=0.01)
    assert 0 < stats.loc["beta", "mattr"] <= 1
    assert stats["flesch_reading_ease"].between(-50, 130).all()


def test_mattr_hand_computed():
    # windows of 2 over a a a b: {a}, {a}, {a, b} -> 1, 1, 2 types -> mean 4/3 / 2
    assert overview.mattr(list("aaab"), window=2) == pytest.approx(0.6667, abs=1e-4)
    assert math.isnan(overview.mattr([], window=5))


def test_syllables():
    assert [overview.syllables(w) for w in ["cat", "table", "reading", "emotion"]] == [1, 2, 2, 3]


def test_keyness_hand_example(contrast):
    key = overview.keyness(contrast, min_freq=2)
    row = key[(key.doc_id == "a") & (key.term == "silence")].iloc[0]
    assert row["count"] == 4 and row["count_rest"] == 0 and row["doc_freq"] == 1
    # G2 by hand: a=4, b=0, n1=n2=N, E1=E2=2 -> 2 * 4 * ln(4/2)
    n1 = row["count"] + key[(key.doc_id == "a") & (key.term != "silence")]["count"].sum()
    assert n1 > 0 and row["g2"] == pytest.approx(2 * 4 * math.log(2), rel=0.2)
    assert row["log_ratio"] > 2
    men = key[(key.doc_id == "a") & (key.stem == "men")].iloc[0]
    assert abs(men["log_ratio"]) < 0.5 and not men["significant"]
    top_a = key[key.doc_id == "a"].iloc[0]
    assert top_a["term"] == "silence"


def test_collocations(tiny_corpus):
    text = {"a": "Emotional safety matters. Emotional safety grows. We build emotional safety daily."}
    table = overview.collocations(Corpus.from_texts(text), min_freq=2)
    assert set(table.measure) == {"pmi", "likelihood_ratio"}
    assert table.iloc[0].bigram == "emotional safety" and table.iloc[0].freq == 3


def test_kwic_offsets_and_sentence_mode(tiny_corpus):
    hits = overview.kwic(tiny_corpus, "space", window=3)
    assert len(hits) == 2
    for doc_id, start, end, match in hits[["doc_id", "start", "end", "match"]].itertuples(index=False):
        assert tiny_corpus.raw[doc_id][start:end] == match
    inside = overview.kwic(tiny_corpus, "space", window=10, within_sentence=True)
    beta = inside[inside.doc_id == "beta"].iloc[0]
    assert beta.left == "He needs" and beta.right == "to think"
    across = overview.kwic(tiny_corpus, "space", window=10)
    assert across[across.doc_id == "beta"].iloc[0].left == "partner pulls away, it is not about you. He needs"
    assert len(overview.kwic(tiny_corpus, r"pull\w*", regex=True)) == 2


def test_similarity(tiny_corpus):
    sim = overview.similarity(tiny_corpus)
    assert len(sim) == 9
    diag = sim[sim.doc_a == sim.doc_b]
    assert (diag.cosine.round(4) == 1.0).all()
    wide = sim.pivot(index="doc_a", columns="doc_b", values="cosine")
    assert (wide == wide.T).all().all()


def test_plots_return_labelled_axes(tiny_corpus):
    ax = plots.plot_article_stats(overview.article_stats(tiny_corpus), metric="mattr")
    assert ax.get_xlabel() == "lexical diversity (MATTR)" and len(ax.patches) == 3
    axes = plots.plot_keyness(overview.keyness(tiny_corpus, min_freq=1))
    assert [a.get_title() for a in axes] == ["alpha", "beta", "gamma"]
    ax = plots.plot_similarity(overview.similarity(tiny_corpus))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["alpha", "beta", "gamma"]
    ax = plots.plot_collocations(overview.collocations(tiny_corpus, min_freq=1))
    assert ax.get_xlabel() == "log-likelihood ratio"
