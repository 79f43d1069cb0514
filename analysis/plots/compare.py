"""Plots comparing articles across facets: profile cards, overview heatmap, dendrogram."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ._style import (CMAP, MAX_ARTICLES, PALETTE, annotate_cells, doc_labels, draw_dendrogram, new_axes,
                     note_shown, shown)

#: Card panels, in order, with their x-axis label and colour.
CARD_PANELS = {
    "frames": ("share of sentences", PALETTE[0]),
    "topics": ("topic prevalence", PALETTE[2]),
    "claims shared": ("repeated claims shared", PALETTE[1]),
    "sources": ("count", PALETTE[3]),
}


def _bars(ax, rows, *, xlabel, color, xmax, labels=None):
    y = np.arange(len(rows))
    names = [labels.get(i, i) if labels else i for i in rows["item"]]
    ax.barh(y, rows["value"], color=color)
    ax.set_yticks(y, names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    if xmax > 0:
        ax.set_xlim(0, xmax * 1.05)
    if not len(rows):
        ax.text(0.5, 0.5, "none", ha="center", va="center", transform=ax.transAxes, fontsize=8)


def plot_profile_card(card, doc_id, *, axes=None):
    """One article's profile card: a row of small multiples, one per facet.

    ``card`` is :func:`analysis.compare.profile_card_table` (all articles,
    so every panel shares the corpus-wide scale); ``axes`` one Axes per
    panel present (default: a new figure). Returns the list of Axes, titled
    with the facet; the first also names the article.
    """
    panels = [p for p in CARD_PANELS if p in set(card["facet"])]
    if axes is None:
        _, axes = plt.subplots(1, max(len(panels), 1), figsize=(3.3 * max(len(panels), 1), 3.2),
                               layout="constrained", squeeze=False)
        axes = list(axes.ravel())
    labels = doc_labels(card["doc_id"])
    for ax, panel in zip(axes, panels):
        every = card[card["facet"] == panel]
        rows = every[every["doc_id"] == doc_id]
        xlabel, color = CARD_PANELS[panel]
        _bars(ax, rows, xlabel=xlabel, color=color, xmax=every["value"].max(),
              labels=labels if panel == "claims shared" else None)
        ax.set_title(panel, fontsize=9)
    if panels:
        axes[0].set_title(f"{labels.get(doc_id, doc_id)}: {panels[0]}", fontsize=9)
    return list(axes[:len(panels)])


def plot_profile_cards(card, *, max_articles: int | None = 12):
    """Every article's card stacked, one row per article (the first ``max_articles``; None: all).

    Returns the flat list of Axes (row by row).
    """
    every = list(dict.fromkeys(card["doc_id"]))
    docs = shown(every, max_articles)
    panels = [p for p in CARD_PANELS if p in set(card["facet"])]
    ncols = max(len(panels), 1)
    _, grid = plt.subplots(max(len(docs), 1), ncols, figsize=(3.3 * ncols, 2.9 * max(len(docs), 1)),
                           layout="constrained", squeeze=False)
    out = []
    for row, doc_id in zip(grid, docs):
        out += plot_profile_card(card, doc_id, axes=list(row))
    note_shown(grid[0][0], (len(docs), len(every), "articles"))
    return out or list(grid.ravel())


def plot_facet_overview(table, *, ax=None, cmap=CMAP, max_articles: int | None = MAX_ARTICLES):
    """Heatmap of articles x profile features, coloured by the scaled value, labelled with the raw one.

    ``table`` is :func:`analysis.compare.facet_overview`; the first ``max_articles`` articles are drawn.
    """
    features = list(dict.fromkeys(table["feature"]))
    every = list(dict.fromkeys(table["doc_id"]))
    docs = shown(every, max_articles)
    grid, raw = (table.pivot(index="doc_id", columns="feature", values=v).reindex(index=docs, columns=features)
                 for v in ("scaled", "value"))
    ax = new_axes(ax, figsize=(max(6, 0.75 * len(features) + 2), max(2.5, 0.45 * len(docs) + 1.8)))
    ax.imshow(grid.to_numpy(float), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    annotate_cells(ax, raw.to_numpy(float), shade=grid.to_numpy(float),
                   fmt=lambda v: f"{v:.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.2f}")
    labels = doc_labels(docs)
    ax.set_yticks(range(len(docs)), [labels[d] for d in docs])
    facet_of = dict(zip(table["feature"], table["facet"]))
    ax.set_xticks(range(len(features)), [f"{facet_of[f]}: {f.removeprefix('stance_')}" for f in features],
                  rotation=60, ha="right", fontsize=8)
    ax.set_xlabel("facet: feature (colour = share of the corpus maximum)")
    ax.set_ylabel("article")
    note_shown(ax, (len(docs), len(every), "articles"))
    return ax


def plot_article_dendrogram(linkage, *, ax=None, xlabel="combined distance",
                            max_articles: int | None = MAX_ARTICLES):
    """Dendrogram of :func:`analysis.compare.article_linkage` (leaves labelled by article).

    Beyond ``max_articles`` articles only the top branches are drawn (see
    :func:`~analysis.plots._style.draw_dendrogram`).
    """
    n = len(linkage) + 1
    leaves = n if max_articles is None else min(n, max_articles)
    ax = new_axes(ax, figsize=(6, max(2.5, 0.4 * leaves + 1)))
    names = {}
    for side in ("left", "right"):
        names.update({i: d for i, d in zip(linkage[f"{side}_id"], linkage[side]) if i < n})
    if n < 2:
        ax.set_xlabel(xlabel)
        return ax
    z = linkage[["left_id", "right_id", "distance", "n_articles"]].to_numpy(float)
    draw_dendrogram(ax, z, [names[i] for i in range(n)], orientation="left", limit=max_articles)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("article")
    return ax
