"""Plots of the framing analysis: code heatmap, causes and remedies, stance, positions, dendrogram."""
from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import dendrogram

from ._style import CMAP, PALETTE, annotate_cells, doc_labels, new_axes, new_grid

FUNCTION_COLORS = {"problem": PALETTE[7], "cause": PALETTE[0], "evaluation": PALETTE[3],
                   "remedy": PALETTE[2]}


def _short(code: str) -> str:
    return code.split(".", 1)[-1].replace("_", " ")


def plot_frame_heatmap(table, *, ax=None, cmap=CMAP, annotate=True):
    """Article x code heatmap of the share of sentences carrying each code.

    ``table`` is :func:`analysis.framing.frame_table` (rows with ``level == "code"``).
    """
    t = table[table["level"] == "code"]
    codes = list(dict.fromkeys(t["code"]))
    wide = t.pivot(index="doc_id", columns="code", values="share").reindex(columns=codes).sort_index()
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
    return ax


def plot_causes_remedies(table, *, axes=None, functions=("cause", "remedy")):
    """Stacked bars per article: share of sentences with each cause, and each remedy.

    ``table`` is :func:`analysis.framing.frame_table`; one panel per function.
    Returns the list of Axes.
    """
    axes = list(axes) if axes is not None else new_grid(len(functions), ncols=len(functions), panel=(4.6, 3.4))
    t = table[table["level"] == "code"]
    for ax, func in zip(axes, functions):
        rows = t[t["function"] == func]
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
    return axes


def plot_stance_profile(table, *, ax=None, cmap=CMAP):
    """Article x stance feature heatmap (share of sentences), from :func:`analysis.framing.stance_table`."""
    features = list(dict.fromkeys(table["feature"]))
    wide = table.pivot(index="doc_id", columns="feature", values="share").reindex(columns=features).sort_index()
    ax = new_axes(ax, figsize=(7, 0.5 * len(wide) + 2))
    image = ax.imshow(wide.to_numpy(), cmap=cmap, aspect="auto", vmin=0, vmax=1)
    labels = doc_labels(wide.index)
    ax.set_yticks(range(len(wide)), [labels[d] for d in wide.index])
    ax.set_xticks(range(len(features)), [f.replace("_", " ") for f in features], rotation=40, ha="right")
    annotate_cells(ax, wide.to_numpy())
    ax.set_xlabel("stance feature")
    ax.set_ylabel("article")
    ax.figure.colorbar(image, ax=ax, label="share of sentences")
    return ax


def plot_frame_positions(table, *, codes=None, axes=None):
    """Small multiples, one per article: which codes appear where (x = position, 0 to 1).

    ``table`` is :func:`analysis.framing.frame_positions`; ``codes`` fixes
    the row order (default: as first seen). Returns the list of Axes.
    """
    docs = sorted(set(table["doc_id"]))
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
    return axes


def plot_frame_dendrogram(clusters, *, ax=None):
    """Dendrogram of the articles from :func:`analysis.framing.frame_clusters`."""
    ax = new_axes(ax, figsize=(6, 3.2))
    n = len(clusters) + 1
    names = {}
    for idx, name in zip(list(clusters["left"]) + list(clusters["right"]),
                         list(clusters["left_id"]) + list(clusters["right_id"])):
        if idx < n:
            names[idx] = name
    link = clusters[["left", "right", "height", "size"]].to_numpy(dtype=float)
    labels = doc_labels([names[i] for i in range(n)])
    dendrogram(link, labels=[labels[names[i]] for i in range(n)], ax=ax,
               color_threshold=0, above_threshold_color=PALETTE[0])
    ax.set_ylabel("Jensen-Shannon distance")
    ax.set_xlabel("article")
    return ax
