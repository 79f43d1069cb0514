"""Article profiles, distances, clustering and comparison figures on invented texts."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis import Corpus
from analysis import compare
from analysis.compare import distance as dist_mod
from analysis.compare import profiles as prof_mod
from analysis.plots.compare import (plot_article_dendrogram, plot_facet_overview,
                                    plot_profile_card, plot_profile_cards)

#: Columns each facet contributes, and the layer function it needs.
FACET_COLUMNS = {
    "length": (None, ["title", "n_words", "n_sentences"]),
    "topics": (("topics", "topic_table"), ["top_topic", "top_topic_share", "topics"]),
    "frames": (("framing", "detect_codes"), ["dominant_cause", "cause_share",
                                             "dominant_remedy", "remedy_share"]),
    "stance": (("framing", "detect_stance"), ["stance_second_person"]),
    "claims": (("claims", "detect_repeated_claims"), ["n_repeated_claims", "n_claims_alone"]),
    "sources": (("sources", "detect_sources"), ["n_named_sources", "n_anonymous_appeals"]),
    "terms": (("overview", "keyness"), ["distinctive_terms"]),
}

#: Two near-identical invented articles and a different one.
TWIN = {
    "one": ("Men are taught to hide their feelings. Many men go quiet when they feel stress. "
            "Psychologist Mara Lindqvist says that pushing him makes it worse.\n\n"
            "Give him time and space. Do not push him to talk. It is not about you."),
    "two": ("Men are taught to hide their feelings. Many men go quiet when they feel stress. "
            "Psychologist Mara Lindqvist says that pushing him makes it worse.\n\n"
            "Give him time and space. Do not push him to talk. It is not about you."),
    "three": ("Gardening in spring needs good soil. Tomatoes like sun and water.\n\n"
              "Plant seeds in rows and water them every morning."),
}


@pytest.fixture(scope="module")
def twin():
    return Corpus.from_texts(TWIN)


def test_profiles_one_row_per_article_with_every_facet(tiny_corpus):
    table = compare.article_profiles(tiny_corpus)
    assert table["doc_id"].tolist() == ["alpha", "beta", "gamma"]
    assert table.columns[0] == "doc_id"
    for facet, (needs, columns) in FACET_COLUMNS.items():
        available = needs is None or prof_mod.layer(*needs) is not None
        for col in columns:
            assert (col in table) == available, (facet, col)
    assert table["n_words"].tolist() == tiny_corpus.documents["n_words"].tolist()


def test_profiles_have_every_facet_when_all_layers_exist(tiny_corpus):
    needed = [n for n, _ in (v for v in FACET_COLUMNS.values()) if n]
    if any(prof_mod.layer(*n) is None for n in needed):
        pytest.skip("a layer is not installed")
    table = compare.article_profiles(tiny_corpus)
    assert {c for _, cols in FACET_COLUMNS.values() for c in cols} <= set(table.columns)
    assert table.set_index("doc_id").loc["gamma", "dominant_remedy"] == "remedy.patience_space"
    assert table.set_index("doc_id").loc["beta", "stance_second_person"] > 0


def test_profiles_are_cached_and_invalidated(tiny_dir, monkeypatch):
    from analysis.corpus import load_corpus
    corpus = load_corpus(tiny_dir)
    calls = []
    real = prof_mod.layer

    def counting(module, name):
        fn = real(module, name)
        if (module, name) != ("overview", "keyness") or fn is None:
            return fn
        return lambda c: calls.append(1) or fn(c)
    monkeypatch.setattr(prof_mod, "layer", counting)
    first = compare.article_profiles(corpus)
    pd.testing.assert_frame_equal(first, compare.article_profiles(corpus))
    assert len(calls) == 1
    corpus.raw["beta"] = corpus.raw["beta"] + " "
    compare.article_profiles(corpus)
    assert len(calls) == 2


def test_missing_layer_is_an_absent_facet(tiny_corpus, monkeypatch):
    real = prof_mod.layer
    monkeypatch.setattr(prof_mod, "layer", lambda m, n: None if m == "claims" else real(m, n))
    table = compare.article_profiles(tiny_corpus)
    assert "n_repeated_claims" not in table and "n_claims_alone" not in table
    assert "n_words" in table


def test_layer_of_unknown_module_is_none():
    assert prof_mod.layer("no_such_layer", "anything") is None
    assert prof_mod.layer("overview", "no_such_function") is None


def test_distance_pairs_and_range(tiny_corpus):
    d = compare.article_distance(tiny_corpus)
    assert d[["doc_a", "doc_b"]].values.tolist() == [["alpha", "beta"], ["alpha", "gamma"],
                                                     ["beta", "gamma"]]
    assert d.columns[:2].tolist() == ["doc_a", "doc_b"] and d.columns[-1] == "combined"
    values = d.drop(columns=["doc_a", "doc_b"]).to_numpy(float)
    assert np.nanmin(values) >= 0 and np.nanmax(values) <= 1


def test_identical_articles_are_closest(twin):
    d = compare.article_distance(twin).set_index(["doc_a", "doc_b"])
    assert d.loc[("one", "two"), "combined"] == pytest.approx(0, abs=1e-6)
    assert d.loc[("one", "three"), "combined"] > 0.5
    clusters = compare.article_clusters(d.reset_index())
    by = clusters.set_index("doc_id")["cluster"]
    assert by["one"] == by["two"] != by["three"]


def test_weights_select_a_facet(tiny_corpus):
    d = compare.article_distance(tiny_corpus, by=("topics", "frames"),
                                 weights={"topics": 1.0, "frames": 0.0})
    assert list(d.columns) == ["doc_a", "doc_b", "topics", "frames", "combined"]
    np.testing.assert_allclose(d["combined"], d["topics"], atol=1e-6)
    with pytest.raises(ValueError, match="unknown facet"):
        compare.article_distance(tiny_corpus, weights={"colour": 1.0})


def test_no_facet_gives_distance_one(tiny_corpus):
    d = compare.article_distance(tiny_corpus, by=())
    assert d["combined"].tolist() == [1.0, 1.0, 1.0]


def test_neighbors_keep_k_per_article(twin):
    d = compare.article_distance(twin, neighbors=1)
    assert d["doc_a"].tolist() == ["one", "two", "three"]
    assert d.set_index("doc_a").loc["one", "doc_b"] == "two"


def test_block_metrics_by_hand():
    m = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]))
    hel = dist_mod._block(m, "hellinger", np.arange(4))
    assert hel[0, 1] == pytest.approx(1.0) and hel[0, 0] == pytest.approx(0.0)
    # p = (1, 0), q = (.5, .5): sqrt(1 - sqrt(1 * .5))
    assert hel[0, 2] == pytest.approx(np.sqrt(1 - np.sqrt(0.5)))
    assert np.isnan(hel[0, 3]) and np.isnan(hel[3, 3])
    jac = dist_mod._block(sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1]], float)), "jaccard", np.arange(2))
    assert jac[0, 1] == pytest.approx(1 - 1 / 3)
    cos = dist_mod._block(sp.csr_matrix(np.array([[1, 0], [2, 0], [0, 3]], float)), "cosine", np.arange(3))
    assert cos[0, 1] == pytest.approx(0) and cos[0, 2] == pytest.approx(1)


def test_linkage_and_clusters_by_hand():
    d = pd.DataFrame({"doc_a": ["a", "a", "a", "b", "b", "c"], "doc_b": ["b", "c", "d", "c", "d", "d"],
                      "combined": [0.1, 0.9, 0.8, 0.85, 0.95, 0.2]})
    link = compare.article_linkage(d)
    assert link[["left", "right"]].values.tolist()[:2] == [["a", "b"], ["c", "d"]]
    assert link["distance"].tolist() == [0.1, 0.2, pytest.approx(0.875)]
    clusters = compare.article_clusters(d)
    assert clusters["cluster"].tolist() == [1, 1, 2, 2]
    assert sorted(clusters["leaf_order"]) == [0, 1, 2, 3]
    assert compare.article_clusters(d, n_clusters=4)["cluster"].nunique() == 4
    with pytest.raises(ValueError, match="every pair"):
        compare.article_linkage(d.iloc[:-1])
    one = compare.article_linkage(d.iloc[:0])  # one article: no pair, nothing to merge
    assert one.empty and list(one.columns) == compare.clusters.LINKAGE_COLUMNS


def test_card_and_overview_tables(tiny_corpus):
    card = compare.profile_card_table(tiny_corpus)
    assert card.columns.tolist() == ["doc_id", "facet", "item", "value"]
    assert set(card["doc_id"]) <= {"alpha", "beta", "gamma"}
    overview = compare.facet_overview(tiny_corpus)
    assert overview.columns.tolist() == ["doc_id", "facet", "feature", "value", "scaled"]
    assert overview["scaled"].between(0, 1).all()
    words = overview[overview["feature"] == "n_words"]
    assert words["scaled"].max() == 1.0 and len(words) == 3


def test_plots_label_articles_and_facets(twin):
    card = compare.profile_card_table(twin)
    axes = plot_profile_card(card, "one")
    assert axes[0].get_title().startswith("one")
    assert [a.get_title() for a in axes[1:]] == [p for p in ("frames", "topics", "claims shared", "sources")
                                                 if p in set(card["facet"])][1:]
    assert len(plot_profile_cards(card)) == 3 * len(axes)
    ax = plot_facet_overview(compare.facet_overview(twin))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["one", "two", "three"]
    ax = plot_article_dendrogram(compare.article_linkage(compare.article_distance(twin)))
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["one", "three", "two"]
    assert ax.get_xlabel() == "combined distance"


def test_figures_are_registered_and_written(tiny_corpus, tmp_path):
    from analysis.figures import load_all, write_figures
    names = ["profile_cards", "facet_overview", "combined_dendrogram", "combined_distance",
             "article_profiles"]
    specs = load_all()
    assert all(specs[n].notebook == "06-comparison.ipynb" for n in names)
    written = write_figures(tiny_corpus, tmp_path, names=names, progress=None)
    assert {p.name for p in written} >= {"profile_cards.png", "combined_dendrogram.svg",
                                         "article_profiles.csv"}


def test_detector_validation_table(seeds_corpus):
    table = compare.detector_validation(seeds_corpus)
    assert table.columns.tolist() == ["detector", "measure", "n_predicted", "n_gold", "precision",
                                      "recall", "f1", "agreement"]
    for detector, validator in (("framing", "framing"), ("claims", "claims"), ("sources", "sources")):
        if prof_mod.layer(f"validate.{validator}", "__name__") is not None:
            assert detector in set(table["detector"])
    assert table["f1"].dropna().between(0, 1).all()


def test_facet_spread_counts_articles(twin):
    spread = compare.facet_spread(twin)
    assert spread.columns.tolist() == ["facet", "item", "n_articles", "share_articles", "doc_ids"]
    assert spread["n_articles"].between(1, 3).all()
    assert (spread["share_articles"] == spread["n_articles"] / 3).all()
    assert (spread["doc_ids"].str.count(";") + 1 == spread["n_articles"]).all()
    if prof_mod.layer("sources", "detect_sources") is not None:
        named = spread[spread["facet"] == "sources"].set_index("item")
        assert named.loc["Mara Lindqvist", "doc_ids"] == "one;two"
