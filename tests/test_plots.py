"""Figures stay readable on large corpora: at most ``MAX_ARTICLES`` articles drawn, the tables keep all."""
from __future__ import annotations

import random

import matplotlib
import pandas as pd
import pytest

from analysis import Corpus
from analysis.plots._style import MAX_ARTICLES, note_shown, shown

matplotlib.use("Agg")

#: Invented sentences; each article draws a few of them.
_SENTENCES = [
    "Men are often taught to hide their feelings.",
    "He pulls away when work gets stressful.",
    "Give him some space and time.",
    "It is not about you.",
    "Dr. Jane Roe, a psychologist in Ohio, says the silence is usually stress.",
    "Many experts agree that pressure makes it worse.",
    "Try asking one gentle question over dinner.",
    "A couples therapist can help you both.",
    "He may be afraid of looking weak.",
    "Stay calm and look after yourself.",
    "Some men never learned the words for what they feel.",
    "Biology plays a part in how men handle stress.",
]
N_ARTICLES = MAX_ARTICLES + 15
#: Figures that draw one row, column or panel per article.
PER_ARTICLE = ["article_stats", "keyness", "article_similarity", "frame_heatmap", "frame_causes_remedies",
               "stance_profile", "frame_positions", "frame_dendrogram", "topic_prevalence", "topic_position",
               "claim_matrix", "source_matrix", "authority_mix", "facet_overview", "combined_dendrogram"]


@pytest.fixture(scope="module")
def many_articles():
    rng = random.Random(7)
    texts = {f"doc{i:03d}": f"Article {i}\n\n" + " ".join(rng.sample(_SENTENCES, 6)) + "\n"
             for i in range(N_ARTICLES)}
    return Corpus.from_texts(texts)


def test_shown_and_note():
    assert shown(range(5), limit=None) == [0, 1, 2, 3, 4]
    fig = matplotlib.figure.Figure()
    note_shown(fig, (3, 3, "claims"))
    assert fig._suptitle is None
    note_shown(fig, (3, 3, "claims"), (40, 55, "articles"))
    assert fig._suptitle.get_text() == "drawn: the first 40 of 55 articles (the table has all)"


def test_figures_on_many_articles_stay_readable(many_articles, tmp_path):
    import matplotlib.image as mpimg
    from analysis.figures import write_figures
    write_figures(many_articles, tmp_path, names=PER_ARTICLE, progress=None)
    for name in PER_ARTICLE:
        height, width = mpimg.imread(tmp_path / f"{name}.png").shape[:2]
        assert height < 6000 and width < 6000, (name, width, height)
    for name in ("frame_heatmap", "keyness", "article_stats", "stance_profile"):
        table = pd.read_csv(tmp_path / f"{name}.csv")
        assert table["doc_id"].nunique() == N_ARTICLES, name


def test_a_plot_says_what_it_leaves_out(many_articles):
    from analysis import framing
    from analysis.plots.framing import plot_frame_heatmap
    table = framing.frame_table(many_articles, framing.detect_codes(many_articles, model="rules"))
    ax = plot_frame_heatmap(table)
    assert len(ax.get_yticks()) == MAX_ARTICLES
    assert f"the first {MAX_ARTICLES} of {N_ARTICLES} articles" in ax.figure._suptitle.get_text()
    ax = plot_frame_heatmap(table, max_articles=None)
    assert len(ax.get_yticks()) == N_ARTICLES and ax.figure._suptitle is None


def test_keyness_without_any_overused_term_says_so():
    from analysis.plots.overview import plot_keyness
    empty = pd.DataFrame(columns=["doc_id", "term", "g2", "log_ratio", "significant"])
    axes = plot_keyness(empty)
    assert len(axes) == 1 and axes[0].texts[0].get_text() == "no term overused by any article"
