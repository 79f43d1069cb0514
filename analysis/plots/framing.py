"""Plots of the framing analysis: code heatmap, causes and remedies, stance, positions, dendrogram."""
from __future__ import annotations

import numpy as np

from ._style import (CMAP, MAX_ARTICLES, MAX_PANELS, PALETTE, annotate_cells, doc_labels, draw_dendrogram, new_axes,
                     new_grid, note_shown, shown)

FUNCTION_COLORS = {"problem": PALETTE[7], "cause": PALETTE[0], "evaluation": PALETTE[3],
                   "remedy": PALETTE[2]}


def _short(code: str) -> str:
    return code.split(".", 1)[-1].replace("_", " ")


def plot_frame_heatmap(table, *, ax=None, cmap=CMAP, annotate=True, max_articles: int | None = MAX_ARTICLES):
    """Article x code heatmap of the share of sentences carrying each code.

    ``table`` is :func:`analysis.framing.frame_table` (rows with ``level == "code"``);
    the first ``max_articles`` articles (sorted by id) are drawn.
    """
    t = table[table["level"] == "code"]
    codes = list(dict.fromkeys(t["code"]))
    every = t.pivot(index="doc_id", columns="code", values="share").reindex(columns=codes).sort_index()
    wide = every.loc[shown(every.index, max_articles)]
    ax = new_axes(ax, figsize=(9, 0.5 * len(wide) + 2.2))
    image = ax.imshow(wide.to_numpy(), cmap=cmap, aspect="auto", vmin=0)
    labels = doc_labels(wide.index)
    ax.set_yticks(range(len(wide)), [labels[d] for d in wide.index])
    ax.set_xticks(range(len(codes)), codes, rotation=55, ha="right", fontsize=8)
    ax.set_xlabel("code")
    ax.set_ylabel("article")
    if annotate:
        top = float(np.nanmax(wide.to_numpy())) if wide.size else 0
        annotate_cells(ax, wide.to_numpy(), dark_above=top * 0.6, skip_zero=True)
    ax.figure.colorbar(image, ax=ax, label="share of sentences")
    note_shown(ax, (len(wide), len(every), "articles"))
    return ax


def plot_causes_remedies(table, *, axes=None, functions=("cause", "remedy"),
                         max_articles: int | None = MAX_ARTICLES):
    """Stacked bars per article: share of sentences with each cause, and each remedy.

    ``table`` is :func:`analysis.framing.frame_table`; one panel per function,
    the first ``max_articles`` articles (sorted by id). Returns the list of Axes.
    """
    t = table[table["level"] == "code"]
    every = sorted(set(t["doc_id"]))
    docs = shown(every, max_articles)
    panel = (4.6, max(3.4, 0.22 * len(docs) + 1.2))
    axes = list(axes) if axes is not None else new_grid(len(functions), ncols=len(functions), panel=panel)
    for ax, func in zip(axes, functions):
        rows = t[(t["function"] == func) & t["doc_id"].isin(docs)]
        wide = rows.pivot(index="doc_id", columns="code", values="share").sort_index()
        labels = doc_labels(wide.index)
        y = np.arange(len(wide))
        left = np.zeros(len(wide))
        for k, code in enumerate(wide.columns):
            ax.barh(y, wide[code], left=left, color=PALETTE[k % len(PALETTE)], label=_short(code))
            left += wide[code].to_numpy()
        ax.set_yticks(y, [labels[d] for d in wide.index])
        ax.invert_yaxis()
        ax.set_xlabel("share of sentences (stacked)")
        ax.set_title({"remedy": "remedies"}.get(func, f"{func}s"), fontsize=10)
        ax.legend(fontsize=7, loc="lower right", frameon=False)
    axes[0].set_ylabel("article")
    note_shown(axes[0], (len(docs), len(every), "articles"))
    return axes


def plot_stance_profile(table, *, ax=None, cmap=CMAP, max_articles: int | None = MAX_ARTICLES):
    """Article x stance feature heatmap (share of sentences), from :func:`analysis.framing.stance_table`;
    the first ``max_articles`` articles (sorted by id) are drawn."""
    features = list(dict.fromkeys(table["feature"]))
    every = table.pivot(index="doc_id", columns="feature", values="share").reindex(columns=features).sort_index()
    wide = every.loc[shown(every.index, max_articles)]
    ax = new_axes(ax, figsize=(7, 0.5 * len(wide) + 2))
    image = ax.imshow(wide.to_numpy(), cmap=cmap, aspect="auto", vmin=0, vmax=1)
    labels = doc_labels(wide.index)
    ax.set_yticks(range(len(wide)), [labels[d] for d in wide.index])
    ax.set_xticks(range(len(features)), [f.replace("_", " ") for f in features], rotation=40, ha="right")
    annotate_cells(ax, wide.to_numpy())
    ax.set_xlabel("stance feature")
    ax.set_ylabel("article")
    ax.figure.colorbar(image, ax=ax, label="share of sentences")
    note_shown(ax, (len(wide), len(every), "articles"))
    return ax


def plot_frame_positions(table, *, codes=None, axes=None, max_articles: int | None = MAX_PANELS):
    """Small multiples, one per article: which codes appear where (x = position, 0 to 1).

    ``table`` is :func:`analysis.framing.frame_positions`; ``codes`` fixes
    the row order (default: as first seen); the first ``max_articles``
    articles (sorted by id) are drawn. Returns the list of Axes.
    """
    every = sorted(set(table["doc_id"]))
    docs = shown(every, max_articles)
    codes = list(codes) if codes is not None else sorted(set(table["code"]))
    axes = list(axes) if axes is not None else new_grid(len(docs), ncols=3, panel=(3.6, 3.4))
    labels = doc_labels(docs)
    row = {c: i for i, c in enumerate(codes)}
    for ax, doc in zip(axes, docs):
        t = table[(table["doc_id"] == doc) & table["code"].isin(row)]
        colors = [FUNCTION_COLORS.get(f, PALETTE[4]) for f in t["function"]]
        ax.scatter(t["position"], t["code"].map(row), c=colors, s=14, marker="|", linewidths=2)
        ax.set_yticks(range(len(codes)), [_short(c) for c in codes], fontsize=7)
        ax.set_ylim(len(codes) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.02)
        ax.set_title(labels[doc], fontsize=9)
        ax.set_xlabel("position in article", fontsize=8)
    if axes:
        note_shown(axes[0], (len(docs), len(every), "articles"))
    return axes


def plot_frame_dendrogram(clusters, *, ax=None, max_articles: int | None = MAX_ARTICLES):
    """Dendrogram of the articles from :func:`analysis.framing.frame_clusters` (beyond
    ``max_articles`` articles, the top branches: :func:`~analysis.plots._style.draw_dendrogram`)."""
    n = len(clusters) + 1
    leaves = n if max_articles is None else min(n, max_articles)
    ax = new_axes(ax, figsize=(max(6.0, 0.22 * leaves + 1.5), 3.2))
    names = {}
    for idx, name in zip(list(clusters["left"]) + list(clusters["right"]),
                         list(clusters["left_id"]) + list(clusters["right_id"])):
        if idx < n:
            names[idx] = name
    link = clusters[["left", "right", "height", "size"]].to_numpy(dtype=float)
    draw_dendrogram(ax, link, [names[i] for i in range(n)], limit=max_articles)
    ax.set_ylabel("Jensen-Shannon distance")
    ax.set_xlabel("article")
    return ax
