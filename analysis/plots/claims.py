"""Plots of repeated claims: claim x article matrix, repeated phrases, threshold curve."""
from __future__ import annotations

import textwrap

import numpy as np

from ._style import (CMAP, MAX_ARTICLES, PALETTE, annotate_cells, article_xticks, doc_labels, empty_note, new_axes,
                     note_shown, shown)


def _short(text: str, width: int = 60) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="…")


def plot_claim_matrix(table, *, ax=None, max_claims: int = 25, label_width: int = 60,
                      max_articles: int | None = MAX_ARTICLES):
    """Heatmap of :func:`analysis.claims.claim_matrix`: claims (rows, most articles first) x articles.

    Cells give the number of member sentences; rows are labelled by the
    claim's central sentence, shortened. The first ``max_claims`` claims and
    ``max_articles`` articles are drawn (the title says when some are not).
    Returns the Axes.
    """
    rows = table.head(max_claims)
    every = [c for c in table.columns if c not in ("claim_id", "label", "n_docs")]
    docs = shown(every, max_articles)
    ax = new_axes(ax, figsize=(2.5 + 0.7 * len(docs), 1.2 + 0.32 * max(len(rows), 1)))
    values = rows[docs].to_numpy(dtype=float) if len(rows) else np.zeros((1, len(docs)))
    ax.imshow(values, cmap=CMAP, aspect="auto", vmin=0, vmax=max(values.max(), 1))
    labels = doc_labels(docs)
    article_xticks(ax, [labels[d] for d in docs])
    ax.set_yticks(range(len(rows)), [f"{cid}. {_short(lab, label_width)}" for cid, lab in
                                     zip(rows["claim_id"], rows["label"])], fontsize=7)
    annotate_cells(ax, values, fmt=lambda v: f"{int(v)}", dark_above=values.max() / 2, skip_zero=True)
    ax.set_xlabel("article")
    ax.set_ylabel("claim (central sentence)")
    note_shown(ax, (len(rows), len(table), "claims"), (len(docs), len(every), "articles"))
    return ax


def plot_repeated_phrases(table, *, ax=None, max_phrases: int = 20):
    """Dispersion plot of :func:`analysis.claims.repeated_phrases`: one row per phrase, a mark per occurrence.

    x is the position in the article (0 = start, 1 = end); rows are labelled
    "article: phrase (count)". Returns the Axes.
    """
    keys = table[["doc_id", "phrase", "count"]].drop_duplicates().head(max_phrases)
    ax = new_axes(ax, figsize=(7, 1.2 + 0.3 * max(len(keys), 1)))
    if keys.empty:
        return empty_note(ax, "no phrase repeated within an article")
    labels = doc_labels(table["doc_id"]) if len(table) else {}
    docs = list(dict.fromkeys(keys["doc_id"]))
    for y, (doc_id, phrase, count) in enumerate(keys.itertuples(index=False)):
        rows = table[(table["doc_id"] == doc_id) & (table["phrase"] == phrase)]
        ax.scatter(rows["position"], [y] * len(rows), marker="|", s=120,
                   color=PALETTE[docs.index(doc_id) % len(PALETTE)])
    ax.set_yticks(range(len(keys)), [f"{labels[d]}: {p} ({c})" for d, p, c in keys.itertuples(index=False)],
                  fontsize=8)
    ax.set_ylim(len(keys) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article")
    return ax


def plot_threshold_curve(table, *, ax=None, chosen=None):
    """Precision, recall and F1 against the similarity threshold, one line style per measure.

    ``table`` is :func:`analysis.validate.claims.threshold_curve`; ``chosen``
    marks the default threshold with a vertical line. Returns the Axes.
    """
    ax = new_axes(ax, figsize=(6, 3.6))
    styles = {"claim_matched": "-", "bcubed": ":"}
    colors = {"precision": PALETTE[0], "recall": PALETTE[1], "f1": PALETTE[2]}
    for measure, rows in table.groupby("measure", sort=False):
        rows = rows.sort_values("threshold")
        for metric, color in colors.items():
            ax.plot(rows["threshold"], rows[metric], styles.get(measure, "--"), color=color,
                    marker="o", markersize=3, label=f"{measure} {metric}")
    if chosen is not None:
        ax.axvline(chosen, color="grey", lw=0.8)
    ax.set_xlabel("similarity threshold")
    ax.set_ylabel("score")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7, ncol=2)
    return ax
