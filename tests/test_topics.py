"""Tests of analysis.topics on invented texts whose answers are known by hand."""
from __future__ import annotations

import math
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis import Corpus
from analysis.topics import (choose_k, fit_topics, match_topics, npmi_coherence,
                             representative_units, seed_stability, select_k, stability,
                             topic_diversity, topic_position, topic_table, topic_units,
                             umass_coherence)
from analysis.topics.estimators import fit_components

matplotlib.use("Agg")

#: Three disjoint invented vocabularies; every paragraph draws from one of them.
PLANTED = {
    "fruit": "apple banana cherry mango papaya melon grape lemon peach plum kiwi guava".split(),
    "tools": "hammer wrench chisel pliers drill saw sander clamp rasp vise mallet trowel".split(),
    "weather": "rain snow hail sleet thunder drizzle fog breeze storm frost monsoon cyclone".split(),
}


def planted_texts(n_docs=6, n_paras=9, words=12, seed=0):
    rng = np.random.default_rng(seed)
    names = list(PLANTED)
    texts = {}
    for d in range(n_docs):
        paras = [" ".join(rng.choice(PLANTED[names[(d + p) % 3]], size=words)).capitalize() + "."
                 for p in range(n_paras)]
        texts[f"doc{d}"] = "\n\n".join(paras) + "\n"
    return texts


@pytest.fixture(scope="module")
def planted():
    return Corpus.from_texts(planted_texts())


# --- coherence, diversity, stability on hand-computed examples --------------------

#: Four units: {a, b}, {a, b}, {a, c}, {c}; columns a, b, c.
TOY = sp.csr_matrix([[1, 2, 0], [1, 1, 0], [3, 0, 1], [0, 0, 1]])


def test_npmi_matches_hand_computation():
    # P(a)=3/4, P(b)=1/2, P(c)=1/2, P(a,b)=1/2, P(a,c)=1/4, P(b,c)=0.
    ab = math.log(0.5 / (0.75 * 0.5)) / -math.log(0.5)
    ac = math.log(0.25 / (0.75 * 0.5)) / -math.log(0.25)
    bc = -1.0
    got = npmi_coherence([[0, 1], [0, 1, 2]], TOY)
    assert got[0] == pytest.approx(ab)
    assert got[0] == pytest.approx(0.415037, abs=1e-6)
    assert got[1] == pytest.approx((ab + ac + bc) / 3)


def test_npmi_accepts_terms_with_a_vocabulary():
    vocab = {"a": 0, "b": 1, "c": 2}
    assert npmi_coherence([["a", "b"]], TOY, vocabulary=vocab)[0] == pytest.approx(0.415037, abs=1e-6)
    with pytest.raises(KeyError, match="zzz"):
        npmi_coherence([["a", "zzz"]], TOY, vocabulary=vocab)


def test_umass_matches_hand_computation():
    # D(a)=3, D(b)=2, D(a,b)=2, D(a,c)=1, D(b,c)=0; rank order a, b, c.
    expected = (math.log(3 / 3) + math.log(2 / 3) + math.log(1 / 2)) / 3
    assert umass_coherence([[0, 1, 2]], TOY)[0] == pytest.approx(expected)


def test_diversity():
    assert topic_diversity([["a", "b"], ["b", "c"]]) == 0.75
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0


def test_stability_of_a_model_against_itself_is_one(planted):
    model = fit_topics(planted, 3)
    assert stability([model, model]) == 1.0
    assert stability([model.components_, model.components_[::-1]]) == 1.0
    with pytest.raises(ValueError):
        stability([model])


def test_choose_k_rule():
    table = pd.DataFrame({"k": [2, 3, 4, 5], "npmi": [0.1, 0.3, 0.2, 0.4],
                          "stability": [0.9, 0.95, 0.8, 1.0], "diversity": [1.0, 0.9, 0.8, 0.5]})
    k, reason = choose_k(table)
    assert k == 3 and "diversity >= 0.7" in reason
    assert choose_k(table, min_diversity=0.4)[0] == 5


# --- fitting ---------------------------------------------------------------------

def test_same_random_state_gives_identical_terms():
    a = fit_topics(Corpus.from_texts(planted_texts()), 3, random_state=7)
    b = fit_topics(Corpus.from_texts(planted_texts()), 3, random_state=7)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.doc_topics, b.doc_topics)
    lda_a = fit_topics(Corpus.from_texts(planted_texts()), 3, method="lda", random_state=7)
    lda_b = fit_topics(Corpus.from_texts(planted_texts()), 3, method="lda", random_state=7)
    pd.testing.assert_frame_equal(lda_a.terms, lda_b.terms)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_select_k_picks_three_planted_topics(planted, method):
    table = select_k(planted, ks=range(2, 7), seeds=3, method=method)
    assert table.columns.tolist() == ["k", "method", "n_units", "npmi", "umass", "diversity", "stability",
                                      "perplexity", "chosen"]
    assert table.loc[table["chosen"], "k"].tolist() == [3]
    assert table["perplexity"].notna().all() == (method == "lda")
    assert (table["n_units"] == 54).all()  # 6 articles x 9 paragraphs, all scored


def test_select_k_scores_a_sample_of_a_large_corpus():
    corpus = Corpus.from_texts(planted_texts(n_docs=12))  # 108 paragraphs
    full = fit_topics(Corpus.from_texts(planted_texts(n_docs=12)), 3)
    table = select_k(corpus, ks=range(2, 6), seeds=2, max_units=40)
    assert (table["n_units"] == 40).all()
    assert table.loc[table["chosen"], "k"].tolist() == [3]  # the planted topics show in the sample too
    again = select_k(Corpus.from_texts(planted_texts(n_docs=12)), ks=range(2, 6), seeds=2, max_units=40)
    pd.testing.assert_frame_equal(table, again)  # the same seeded sample
    assert (select_k(corpus, ks=range(2, 6), seeds=2, max_units=None)["n_units"] == 108).all()
    model = fit_topics(corpus, 3)  # after the sampled fits: fitted on every unit, as without them
    assert model.doc_topics["unit_id"].nunique() == 108
    np.testing.assert_array_equal(model.components_, full.components_)
    with pytest.raises(ValueError, match="max_units"):
        select_k(corpus, ks=[2], seeds=1, max_units=0)


def test_selection_figure_says_it_scored_a_sample(monkeypatch):
    import functools
    from analysis import topics
    from analysis.figures import FIGURES, load_all
    from analysis.figures import topics as topic_figures
    load_all()
    monkeypatch.setattr(topic_figures, "SEEDS", 2)
    monkeypatch.setattr(topic_figures, "KS", range(2, 5))
    monkeypatch.setattr(topics, "select_k", functools.partial(select_k, max_units=40))
    table, axes = FIGURES["topic_model_selection"].make(Corpus.from_texts(planted_texts(n_docs=12)))
    assert (table["n_units"] == 40).all()
    assert axes[0].figure.get_suptitle() == "scored on a random sample of 40 of 108 paragraphs"
    _, axes = FIGURES["topic_model_selection"].make(Corpus.from_texts(planted_texts(n_docs=4)))
    assert axes[0].figure.get_suptitle() == ""


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_three_topics_recover_the_planted_vocabularies(planted, method):
    model = fit_topics(planted, 3, method=method)
    found = []
    for topic in range(3):
        words = set(model.terms.loc[(model.terms["topic"] == topic) & (model.terms["rank"] <= 10), "term"])
        owners = [name for name, vocab in PLANTED.items() if words <= set(vocab)]
        assert len(owners) == 1, (topic, words)
        found += owners
    assert sorted(found) == sorted(PLANTED)


def test_default_k_comes_from_select_k(planted):
    model = fit_topics(planted)
    assert model.k == 3
    assert model.k_reason.startswith("k=3")
    assert fit_topics(planted, 4).k_reason == "given"


def test_model_tables(planted):
    model = fit_topics(planted, 3)
    assert model.terms.columns.tolist() == ["topic", "rank", "term", "stem", "weight", "frex"]
    assert model.doc_topics.columns.tolist() == ["unit_id", "doc_id", "topic", "weight"]
    sums = model.doc_topics.groupby("unit_id")["weight"].sum()
    assert np.allclose(sums, 1.0)
    prev = model.prevalence
    assert prev.columns.tolist() == ["doc_id", "topic", "label", "prevalence"]
    assert np.allclose(prev.groupby("doc_id")["prevalence"].sum(), 1.0)
    assert len(model.labels) == 3 and all(len(lab.split(" / ")) == 3 for lab in model.labels)
    # A document with three paragraphs per vocabulary gives each topic about a third.
    assert prev["prevalence"].between(0.2, 0.45).all()


def test_pipeline_reuses_the_fitted_objects(planted):
    model = fit_topics(planted, 3)
    topic = model.pipeline_.transform(["Hammer wrench chisel drill."]).argmax()
    assert model.labels[topic].split(" / ")[0] in PLANTED["tools"]


def test_units_and_offsets(tiny_corpus):
    for unit in ("paragraph", "sentence", "window"):
        units = topic_units(tiny_corpus, unit, window=2)
        assert (units["unit_id"].to_numpy() == np.arange(len(units))).all()
        for doc_id, start, end, text in units[["doc_id", "start", "end", "text"]].itertuples(index=False):
            assert tiny_corpus.raw[doc_id][start:end] == text
    headings = set(tiny_corpus.sentences.loc[tiny_corpus.sentences["is_heading"], "text"])
    assert not headings & set(topic_units(tiny_corpus, "sentence")["text"])
    assert len(topic_units(tiny_corpus, "window", window=100)) == len(tiny_corpus)
    with pytest.raises(ValueError, match="unit"):
        topic_units(tiny_corpus, "chapter")


def test_bad_arguments(planted):
    with pytest.raises(ValueError, match="method"):
        fit_topics(planted, 3, method="pca")
    with pytest.raises(ValueError, match="k=500"):
        fit_topics(planted, 500)
    with pytest.raises(ValueError, match="min_df"):
        fit_topics(planted, 2, min_df=1000)


def test_a_perfect_fit_does_not_warn():
    # Two topics on a rank-two matrix, as on a tiny corpus: NMF reconstructs it exactly and, with
    # this seed, its reconstruction error comes out a rounding error below zero.
    X = sp.csr_matrix(np.array([[0, 1], [1, 0], [1, 0], [0, 1]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        fit = fit_components(X, 2, method="nmf", random_state=20261123)
    assert fit.components.shape == (2, 2)


def test_representative_units_belong_to_their_topic(planted):
    model = fit_topics(planted, 3)
    for topic in range(3):
        rep = representative_units(model, topic, n=3)
        assert rep["rank"].tolist() == [1, 2, 3]
        assert (model.doc_topic_[rep["unit_id"]].argmax(axis=1) == topic).all()
        assert rep["weight"].is_monotonic_decreasing
        for doc_id, start, end, text in rep[["doc_id", "start", "end", "text"]].itertuples(index=False):
            assert planted.raw[doc_id][start:end] == text
    with pytest.raises(ValueError):
        representative_units(model, 3)


def test_topic_position_follows_reading_order(planted):
    model = fit_topics(planted, 3)
    table = topic_position(model)
    first = table[table["doc_id"] == "doc0"]
    assert first["position"].max() == 8
    assert first.groupby("position")["start"].first().is_monotonic_increasing
    # doc0's paragraphs cycle fruit, tools, weather: the argmax topic cycles with period 3.
    top = first.loc[first.groupby("position")["weight"].idxmax(), "topic"].tolist()
    assert top[:3] == top[3:6] == top[6:9] and len(set(top[:3])) == 3


def test_match_topics_and_seed_stability(planted):
    nmf, lda = fit_topics(planted, 3), fit_topics(planted, 3, method="lda")
    same = match_topics(nmf, nmf)
    assert same["similarity"].round(9).eq(1).all() and (same["topic_a"] == same["topic_b"]).all()
    cross = match_topics(nmf, lda)
    assert cross.columns.tolist() == ["topic_a", "label_a", "topic_b", "label_b", "similarity",
                                      "shared_terms", "agree"]
    assert cross["agree"].all() and (cross["shared_terms"] >= 7).all()
    by_sentence = match_topics(nmf, fit_topics(Corpus.from_texts(planted_texts(seed=1)), 3, unit="sentence"))
    assert by_sentence["agree"].all()
    uneven = match_topics(nmf, fit_topics(planted, 4))
    assert len(uneven) == 4 and uneven["topic_a"].isna().sum() == 1
    seeds = seed_stability(nmf, seeds=3)
    assert seeds.columns.tolist() == ["method", "run", "topic", "label", "similarity"]
    assert seeds["run"].unique().tolist() == [1, 2] and (seeds["similarity"] > 0.9).all()


def test_topic_table(planted):
    table = topic_table(planted)
    assert table.columns.tolist() == ["doc_id", "topic", "label", "prevalence", "method", "k"]
    assert set(table["k"]) == {3} and len(table) == 6 * 3


# --- figures -------------------------------------------------------------------

def test_topic_figures_have_labelled_axes(planted, monkeypatch, tmp_path):
    from analysis.figures import FIGURES, load_all, save
    from analysis.figures import topics as topic_figures
    load_all()
    monkeypatch.setattr(topic_figures, "SEEDS", 2)
    monkeypatch.setattr(topic_figures, "KS", range(2, 6))
    names = ["topic_model_selection", "topic_top_terms", "topic_prevalence", "topic_position",
             "topic_stability", "topic_method_matching"]
    made = {name: FIGURES[name].make(planted) for name in names}
    assert all(FIGURES[n].notebook == "02-topics.ipynb" for n in names)
    sel_table, sel_axes = made["topic_model_selection"]
    assert [ax.get_xlabel() for ax in sel_axes] == ["k (number of topics)"] * 5
    assert sel_axes[0].get_ylabel().startswith("NPMI") and sel_axes[3].get_ylabel().startswith("stability")
    assert set(sel_table["method"]) == {"nmf", "lda"}
    terms_axes = made["topic_top_terms"][1]
    assert len(terms_axes) == 3 and terms_axes[0].get_title().startswith("topic 0: ")
    assert len(terms_axes[0].get_yticklabels()) == 10
    prev_ax = made["topic_prevalence"][1]
    assert prev_ax.get_xlabel() == "topic" and prev_ax.get_ylabel() == "article"
    assert [t.get_text() for t in prev_ax.get_yticklabels()] == [f"doc{i}" for i in range(6)]
    pos_axes = made["topic_position"][1]
    assert len(pos_axes) == 6 and pos_axes[0].get_xlabel() == "paragraph (reading order)"
    stab_axes = made["topic_stability"][1]
    assert [ax.get_title() for ax in stab_axes] == ["NMF", "LDA"]
    match_table, match_axes = made["topic_method_matching"]
    assert match_axes is None and len(match_table) == 3
    paths = save(*made["topic_prevalence"], tmp_path, "topic_prevalence")
    assert all(p.exists() for p in paths)
