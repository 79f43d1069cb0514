"""Repeated claims: claim sentences, representation, clustering, ledger, phrases, validation."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import Corpus, config
from analysis.claims import (claim_matrix, claim_table, claim_terms, claim_type, claim_vectors,
                             detect_claims, detect_repeated_claims, repeated_phrases, top_k_neighbours)
from analysis.claims.cluster import average_linkage
from analysis.claims.lexicon import claim_patterns
from analysis.validate.claims import (compare_claims, extended_bcubed, load_gold_claims,
                                      matched_claims, threshold_curve, validate_claims)

#: Three invented articles. Known by hand: two claims shared by all three
#: ("boys learn to bury feelings" and "nagging makes a partner retreat more"),
#: one shared by two ("give him room"), plus filler that is shared by none.
ARTICLES = {
    "one": ("Why Husbands Go Quiet\n\n"
            "Boys learn early to bury their feelings. "
            "Nagging a quiet husband only makes him retreat further. "
            "Give him some room for a day or two. "
            "My aunt bakes bread every Sunday. "
            "Is this normal?\n"),
    "two": ("Most guys were taught as children to bury what they feel. "
            "When you nag him, he withdraws even more. "
            "The garden needs water in July. "
            "Give him room and he comes back.\n"),
    "three": ("From childhood, boys are taught to hide and bury their feelings. "
              "Constant nagging makes a partner retreat more and more. "
              "Trains to the coast leave at nine.\n"),
}


@pytest.fixture(scope="module")
def corpus():
    return Corpus.from_texts(ARTICLES)


@pytest.mark.parametrize("text, expected", [
    ("Give him time.", "advice"),
    ("Don't push him to talk.", "advice"),
    ("You should wait until he is ready.", "advice"),
    ("If he goes quiet, stay calm.", "advice"),
    ("His silence stems from fear.", "causal"),
    ("He withdraws because he feels judged.", "causal"),
    ("Men are often taught to hide sadness.", "generalisation"),
    ("Most women tend to ask more questions.", "generalisation"),
    ("The weather was lovely that weekend.", "other"),
    ("Why does he go quiet?", None),
    ("Read more in our guide to dating.", None),
    ("Bad day.", None),
    ("Give Him Some Breathing Room", None),
    ("Give him some breathing room", "advice"),
])
def test_claim_type(text, expected):
    assert claim_type(text) == expected


def test_detect_claims_skips_headings_and_questions(corpus):
    claims = detect_claims(corpus)
    assert list(claims.columns) == ["doc_id", "sent_id", "start", "end", "claim_type", "text"]
    assert not claims["text"].str.endswith("?").any()
    assert "Why Husbands Go Quiet" not in claims["text"].tolist()
    for row in claims.itertuples():
        assert corpus.raw[row.doc_id][row.start:row.end] == row.text


def test_claim_terms_normalise_subjects_and_negation():
    assert claim_terms("Guys never cry.", concepts=False) == claim_terms("Men never cry.", concepts=False)
    assert claim_terms("He doesn't listen.", concepts=False) == ["MALE", "NEG_listen", "listen"]
    assert "C_WITHDRAW" in claim_terms("He pulls away.")


def test_vectors_rank_paraphrase_above_unrelated():
    v = claim_vectors(["Boys learn to bury their feelings.", "Guys were taught to hide what they feel.",
                       "The garden needs water in July."])
    sims = v.similarity_to(0)
    assert sims[1] > sims[2]
    assert sims[0] == pytest.approx(1.0)


def test_vectors_of_identical_sentences_warn_nothing(recwarn):
    v = claim_vectors(["Men hide feelings."] * 3)
    assert v.similarity_to(0) == pytest.approx([1.0, 1.0, 1.0])
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_top_k_neighbours_is_sparse_and_skips_same_document():
    texts = ["Men hide feelings.", "Guys hide their feelings.", "Men hide feelings a lot.", "Buy milk."]
    v = claim_vectors(texts)
    graph = top_k_neighbours(v, k=1, docs=np.array(["a", "a", "b", "c"]), chunk_size=2)
    assert graph.shape == (4, 4)
    assert graph[0, 1] == 0 and graph[0, 2] > 0


@pytest.fixture(scope="module")
def training_vectors():
    """Claim vectors of every sentence of the framing training articles (about 7,700)."""
    from analysis import load_corpus
    from analysis.framing.learn import train_dirs
    sentences = pd.concat([load_corpus(d).sentences.assign(doc_id=lambda s, d=d: d.name + "/" + s["doc_id"])
                           for d in train_dirs()], ignore_index=True)
    return claim_vectors(sentences["text"].tolist()), sentences["doc_id"].to_numpy()


def test_approximate_search_finds_most_exact_neighbours(training_vectors):
    v, docs = training_vectors
    exact = top_k_neighbours(v, k=10, min_similarity=0.375, docs=docs, search="exact")
    approx = top_k_neighbours(v, k=10, min_similarity=0.375, docs=docs, search="approximate")
    assert exact.nnz > 10_000
    assert exact.multiply(approx > 0).nnz / exact.nnz >= 0.85
    assert (approx[approx > 0] >= 0.375).all()  # rescored exactly, same floor
    assert approx.max() <= 1 + 1e-9  # no pair listed twice (duplicates would be summed)
    again = top_k_neighbours(v, k=10, min_similarity=0.375, docs=docs, search="approximate")
    assert (approx != again).nnz == 0


def test_auto_search_switches_at_the_limit(training_vectors, monkeypatch):
    from analysis.claims import vectors as module
    v, docs = training_vectors
    auto = top_k_neighbours(v, k=5, docs=docs)
    assert (auto != top_k_neighbours(v, k=5, docs=docs, search="exact")).nnz == 0
    monkeypatch.setattr(module, "EXACT_UP_TO", 100)
    auto = top_k_neighbours(v, k=5, docs=docs)
    assert (auto != top_k_neighbours(v, k=5, docs=docs, search="approximate")).nnz == 0


def test_unknown_search_is_an_error(corpus):
    with pytest.raises(ValueError, match="search"):
        detect_repeated_claims(corpus, search="fast")
    with pytest.raises(ValueError, match="search"):
        top_k_neighbours(claim_vectors(["a b c", "d e f"]), search="fast")


def test_average_linkage_needs_two_documents():
    v = claim_vectors(["Men hide feelings.", "Men hide feelings.", "Buy milk now."])
    labels = average_linkage(v, ["a", "a", "b"], threshold=0.3)
    assert len(set(labels.tolist())) == 3


def test_repeated_claims_find_the_shared_claims(corpus):
    claims = detect_repeated_claims(corpus, threshold=0.3)
    assert {"claim_id", "doc_id", "sent_id", "start", "end", "text", "similarity", "match",
            "claim_type", "label", "n_docs", "support"} <= set(claims.columns)
    groups = [set(g["text"].str.split().str[0]) for _, g in claims.groupby("claim_id")]
    assert (claims.groupby("claim_id")["doc_id"].nunique() >= 2).all()
    texts = set(claims["text"])
    assert not any(w in " ".join(texts) for w in ("bread", "garden", "Trains"))
    assert {"Boys", "Most", "From"} in groups
    assert claims["support"].isin(["named", "anonymous", "none", "unknown"]).all()
    assert claims["similarity"].between(-1e-9, 1 + 1e-9).all()


def test_vectors_are_built_once_for_every_threshold(corpus, monkeypatch):
    from analysis.claims import repeated
    calls = []
    real = repeated.claim_vectors
    monkeypatch.setattr(repeated, "claim_vectors", lambda *a, **k: calls.append(1) or real(*a, **k))
    fresh = Corpus.from_texts(dict(corpus.raw))
    first = [detect_repeated_claims(fresh, threshold=t) for t in (0.3, 0.4, 0.5)]
    assert len(calls) == 1
    detect_repeated_claims(fresh, threshold=0.3, frames=False)
    assert len(calls) == 2  # without the framing codes the vectors differ
    for t, got in zip((0.3, 0.4, 0.5), first):  # each on a corpus with nothing cached
        pd.testing.assert_frame_equal(detect_repeated_claims(Corpus.from_texts(dict(corpus.raw)), threshold=t), got)


def test_verbatim_match():
    c = Corpus.from_texts({"a": "Men are raised to hide their feelings from everyone.",
                           "b": "Men are raised to hide their feelings from everyone!"})
    assert set(detect_repeated_claims(c)["match"]) == {"verbatim"}


def test_ledger_and_matrix(corpus):
    claims = detect_repeated_claims(corpus, threshold=0.3)
    ledger = claim_table(claims)
    assert ledger.columns[:3].tolist() == ["claim_id", "label", "n_docs"]
    assert (ledger.groupby("claim_id")["doc_id"].nunique() == ledger.groupby("claim_id")["n_docs"].first()).all()
    matrix = claim_matrix(claims, corpus.doc_ids)
    assert matrix.columns.tolist() == ["claim_id", "label", "n_docs", "one", "two", "three"]
    assert matrix["n_docs"].is_monotonic_decreasing
    assert ((matrix[["one", "two", "three"]] > 0).sum(axis=1) == matrix["n_docs"]).all()


def test_repeated_phrases_counts_and_positions():
    text = ("Get him to talk today. You can get him to talk. Try to get him to talk. "
            "A man who waits. A man who reads. A man who sings.")
    table = repeated_phrases(Corpus.from_texts({"a": text}))
    assert table["phrase"].unique().tolist() == ["get him to talk"]
    assert table["count"].tolist() == [3, 3, 3]
    assert table["position"].is_monotonic_increasing
    raw = text
    assert all(raw[s:e].lower() == "get him to talk" for s, e in zip(table["start"], table["end"]))


def test_patterns_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "p.csv"
    bad.write_text("claim_type,pattern\nadvice,(unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"p\.csv:2"):
        claim_patterns(bad)


# --- validation ------------------------------------------------------------------------------

def _frame(rows):
    return pd.DataFrame(rows, columns=["claim_id", "doc_id", "start", "end"])


def test_matching_is_one_to_one_and_needs_two_articles():
    gold = {"g1": {("a", 0), ("b", 0), ("c", 0)}, "g2": {("a", 1), ("b", 1)}}
    pred = {1: {("a", 0), ("b", 0)}, 2: {("a", 0), ("c", 0)}, 3: {("a", 1), ("a", 2), ("x", 9)}}
    assert matched_claims(pred, gold) == 1


def test_bcubed_perfect_and_giant_cluster():
    gold = {"g1": {1, 2}, "g2": {3, 4}}
    assert extended_bcubed(gold, gold) == 1.0
    giant = {"p": {1, 2, 3, 4}}
    assert extended_bcubed(giant, gold) == pytest.approx(0.5)
    assert extended_bcubed(gold, giant) == 1.0


def test_compare_claims_matches_by_span_overlap():
    gold = _frame([("g", "a", 0, 20), ("g", "b", 5, 30), ("h", "a", 40, 60), ("h", "c", 0, 10)])
    pred = _frame([(1, "a", 1, 20), (1, "b", 5, 29), (2, "a", 40, 60), (2, "b", 100, 120)])
    table = compare_claims(pred, gold)
    row = table.set_index("measure").loc["claim_matched"]
    assert (row["tp"], row["precision"], row["recall"]) == (1, 0.5, 0.5)


def test_gold_file_errors_name_the_line(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,statement,doc_id,start,end,text\nC1,x,a,0,5,t\nC1,x,b,zz,5,t\n")
    with pytest.raises(ValueError, match=r"claims\.csv:3"):
        load_gold_claims(path)


def test_threshold_curve_on_invented_annotation(corpus, tmp_path):
    claims = detect_claims(corpus)
    first = claims.groupby("doc_id").head(1)  # the "bury feelings" sentence of each article
    gold = first.assign(claim_id="bury", statement="s")[["claim_id", "statement", "doc_id", "start", "end", "text"]]
    path = tmp_path / "claims.csv"
    gold.to_csv(path, index=False)
    curve = threshold_curve(corpus, [0.3, 0.9], gold_path=path)
    assert curve["threshold"].tolist() == [0.3, 0.3, 0.9, 0.9]
    matched = curve[curve["measure"] == "claim_matched"].set_index("threshold")
    assert matched.loc[0.3, "recall"] == 1.0
    assert matched.loc[0.9, "tp"] == 0


@pytest.mark.skipif(not (config.ANNOTATIONS_DIR / "claims.csv").exists(),
                    reason="seeds/annotations/claims.csv (hand-coded repeated claims) is missing")
def test_seed_annotation_floor(seeds_corpus):
    table = validate_claims(detect_repeated_claims(seeds_corpus)).set_index("measure")
    assert table.loc["claim_matched", "f1"] >= 0.3
    assert table.loc["bcubed", "precision"] >= 0.3


def test_plots_return_axes(corpus):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from analysis.plots.claims import plot_claim_matrix, plot_repeated_phrases, plot_threshold_curve
    matrix = claim_matrix(detect_repeated_claims(corpus, threshold=0.3), corpus.doc_ids)
    ax = plot_claim_matrix(matrix)
    assert len(ax.get_yticklabels()) == len(matrix) and ax.get_xlabel() == "article"
    phrases = repeated_phrases(Corpus.from_texts({"a": "Get him to talk. Get him to talk. Get him to talk."}))
    ax = plot_repeated_phrases(phrases)
    assert len(ax.collections) == 1 and ax.get_xlabel() == "position in the article"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warned about an empty y range
        ax = plot_repeated_phrases(phrases.iloc[:0])
    assert [t.get_text() for t in ax.texts] == ["no phrase repeated within an article"]
    curve = pd.DataFrame({"threshold": [0.3, 0.4] * 2, "measure": ["claim_matched"] * 2 + ["bcubed"] * 2,
                          "precision": [0.5, 0.6] * 2, "recall": [0.4, 0.3] * 2, "f1": [0.44, 0.4] * 2})
    ax = plot_threshold_curve(curve, chosen=0.35)
    assert len(ax.get_lines()) == 7
    plt.close("all")


def test_attach_members_lets_a_sentence_join_several_claims():
    from analysis.claims.grow import attach_members
    texts = ["Men hide their feelings.", "Guys hide their feelings.",
             "Pushing him makes him withdraw.", "Pushing a man makes him withdraw.",
             "Men hide their feelings, and pushing him makes him withdraw.", "Buy milk now."]
    v = claim_vectors(texts)
    grown = attach_members(v, {0: [0, 1], 2: [2, 3]}, attach=0.2)
    assert 4 in grown[0] and 4 in grown[2]
    assert 5 not in grown[0] and 5 not in grown[2]
    capped = attach_members(v, {0: [0, 1]}, attach=-1.0, docs=["a", "b", "a", "b", "a", "c"], max_per_doc=1)
    assert capped[0] == [0, 1, 5]


def test_merge_claims_joins_fragments_of_one_claim():
    from analysis.claims.grow import merge_claims
    texts = ["Men hide their feelings.", "Guys hide their feelings.",
             "Men often hide their feelings.", "Boys hide their feelings.", "Buy milk now.", "Sell milk today."]
    v = claim_vectors(texts)
    merged = merge_claims(v, {0: [0, 1], 2: [2, 3], 4: [4, 5]}, threshold=0.3)
    assert merged[0] == [0, 1, 2, 3] and merged[4] == [4, 5]




@pytest.mark.parametrize("folder", config.CLAIMS_DEV_DIRS, ids=lambda p: p.name)
def test_dev_set_floor(folder):
    """Floors below the lowest of the seven sets (matched F1 0.55, B-cubed F1 0.17, both on dev5)."""
    from analysis import load_corpus
    table = validate_claims(detect_repeated_claims(load_corpus(folder)), folder / "claims.csv").set_index("measure")
    assert table.loc["claim_matched", "f1"] >= 0.35
    assert table.loc["bcubed", "f1"] >= 0.12


def test_framing_codes_join_paraphrases_that_share_no_words():
    texts = ["He is terrified of being judged.", "Fear of looking weak keeps him quiet.", "Buy milk now."]
    plain, framed = claim_vectors(texts), claim_vectors(texts, frames=[["cause.fear"], ["cause.fear"], []])
    assert framed.similarity_to(0)[1] > plain.similarity_to(0)[1]
    assert framed.similarity_to(0)[2] <= plain.similarity_to(0)[2] + 1e-9
    with pytest.raises(ValueError, match="frames"):
        claim_vectors(texts, frames=[["cause.fear"]])


def test_frames_option_is_part_of_the_result(corpus):
    with_frames = detect_repeated_claims(corpus, threshold=0.3)
    without = detect_repeated_claims(corpus, threshold=0.3, frames=False)
    assert list(with_frames.columns) == list(without.columns)
    assert detect_repeated_claims(corpus, threshold=0.3).equals(with_frames)


def test_held_out_set_floor():
    """Six articles written and coded apart from the method; no weight or threshold was chosen on them."""
    from analysis import config, load_corpus
    folder = config.CLAIMS_TEST_DIR
    table = validate_claims(detect_repeated_claims(load_corpus(folder)), folder / "claims.csv").set_index("measure")
    assert table.loc["claim_matched", "f1"] >= 0.3
    assert table.loc["bcubed", "f1"] >= 0.15


def test_the_same_expert_quoted_on_different_things_is_not_a_shared_claim():
    attribution = ' says Dr. Mara Quill, a family therapist in Leeds. '
    texts = {"a": 'Money\n\nPlan your spending each month. "Budgets fail when nobody reviews them,"'
                  + attribution + "Keep receipts.\n",
             "b": 'Sleep\n\nGo to bed early. "Teenagers need more sleep than adults realise,"'
                  + attribution + "Dim the lights.\n",
             "c": 'Rest\n\nRest often. "Teenagers need more sleep than adults realise,"' + attribution + "\n"}
    found = detect_repeated_claims(Corpus.from_texts(texts))
    assert found.groupby("claim_id")["doc_id"].agg(set).tolist() == [{"b", "c"}]
