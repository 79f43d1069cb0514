"""Plots of the corpus overview: article statistics, keyness, similarity, collocations."""
from __future__ import annotations

import numpy as np

from ._style import (CMAP, MAX_ARTICLES, MAX_PANELS, PALETTE, annotate_cells, article_xticks, doc_labels, empty_note,
                     new_axes, new_grid, note_shown, shown)

STAT_LABELS = {
    "n_words": "words",
    "mean_sentence_length": "mean words per sentence",
    "mattr": "lexical diversity (MATTR)",
    "flesch_reading_ease": "Flesch reading ease",
}


def plot_article_stats(table, *, metric: str | None = None, ax=None, color=PALETTE[0],
                       max_articles: int | None = MAX_ARTICLES):
    """Horizontal bars of :func:`analysis.overview.article_stats` per article (the first ``max_articles``).

    With ``metric`` (a column name) draws that column on one Axes and returns
    it; without, draws the four columns of ``STAT_LABELS`` as small
    multiples on a new figure and returns their Axes.
    """
    every = table
    table = table[table["doc_id"].isin(shown(table["doc_id"], max_articles))]
    if metric is None:
        axes = new_grid(len(STAT_LABELS), ncols=4, panel=(2.9, max(2.6, 0.2 * len(table) + 1)))
        out = [plot_article_stats(table, metric=m, ax=a, color=color) for a, m in zip(axes, STAT_LABELS)]
        note_shown(axes[0], (len(table), len(every), "articles"))
        return out
    ax = new_axes(ax, figsize=(4, max(3, 0.2 * len(table) + 1)))
    labels = doc_labels(table["doc_id"])
    y = np.arange(len(table))
    ax.barh(y, table[metric], color=color)
    ax.set_yticks(y, [labels[d] for d in table["doc_id"]])
    ax.invert_yaxis()
    ax.set_xlabel(STAT_LABELS.get(metric, metric))
    ax.set_ylabel("article")
    for yi, value in zip(y, table[metric]):
        ax.annotate(f"{value:g}", (value, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.margins(x=0.2)
    note_shown(ax, (len(table), len(every), "articles"))
    return ax


def plot_keyness(table, *, n: int = 10, axes=None, only_significant: bool = False,
                 max_articles: int | None = MAX_PANELS):
    """Small multiples: each article's ``n`` most overused terms by G² (bars = log ratio).

    ``table`` is :func:`analysis.overview.keyness`; ``axes`` a sequence of
    Axes, one per article (default: a new grid); the first ``max_articles``
    articles are drawn. Returns the Axes.
    """
    every = list(dict.fromkeys(table["doc_id"]))
    docs = shown(every, max_articles)
    axes = list(axes) if axes is not None else new_grid(max(len(docs), 1), ncols=3, panel=(3.3, 2.9))
    if not docs:  # one article, or texts too short for any term to stand out
        return [empty_note(axes[0], "no term overused by any article")]
    labels = doc_labels(docs)
    for ax, doc_id in zip(axes, docs):
        rows = table[(table["doc_id"] == doc_id) & (table["log_ratio"] > 0)]
        if only_significant:
            rows = rows[rows["significant"]]
        rows = rows.head(n)
        y = np.arange(len(rows))
        colors = [PALETTE[0] if s else "#9ecae1" for s in rows["significant"]]
        ax.barh(y, rows["g2"], color=colors)
        ax.set_yticks(y, rows["term"], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(labels[doc_id], fontsize=9)
        ax.set_xlabel("G² (dark: p < 0.001)", fontsize=8)
    if axes:
        note_shown(axes[0], (len(docs), len(every), "articles"))
    return axes


def plot_similarity(table, *, ax=None, cmap=CMAP, max_articles: int | None = MAX_ARTICLES):
    """Heatmap of :func:`analysis.overview.similarity` (cosine between articles; the first ``max_articles``)."""
    every = list(dict.fromkeys(table["doc_a"]))
    order = shown(every, max_articles)
    side = max(0.0, 0.25 * (len(order) - 8))
    ax = new_axes(ax, figsize=(4.6 + side, 3.8 + side))
    wide = table.pivot(index="doc_a", columns="doc_b", values="cosine")
    wide = wide.loc[order, order]
    labels = doc_labels(order)
    image = ax.imshow(wide.to_numpy(), cmap=cmap, vmin=0, vmax=1)
    article_xticks(ax, [labels[d] for d in order])
    ax.set_yticks(range(len(order)), [labels[d] for d in order])
    if len(order) <= 15:
        annotate_cells(ax, wide.to_numpy(), fontsize=8)
    else:
        ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    ax.figure.colorbar(image, ax=ax, label="TF-IDF cosine")
    note_shown(ax, (len(order), len(every), "articles"))
    return ax


def plot_collocations(table, *, measure: str = "likelihood_ratio", n: int = 15, ax=None):
    """Horizontal bars of the top collocations by ``measure``."""
    ax = new_axes(ax, figsize=(5, 4))
    rows = table[table["measure"] == measure].head(n)
    y = np.arange(len(rows))
    ax.barh(y, rows["score"], color=PALETTE[2])
    ax.set_yticks(y, rows["bigram"], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel({"likelihood_ratio": "log-likelihood ratio", "pmi": "PMI"}.get(measure, measure))
    return ax
