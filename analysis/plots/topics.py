"""Plots of the topic models: model selection, top terms, prevalence, position, stability."""
from __future__ import annotations

import numpy as np

from ._style import CMAP, MAX_ARTICLES, PALETTE, annotate_cells, doc_labels, new_axes, new_grid, note_shown, shown

#: Model-selection columns and their axis labels, in panel order.
SELECTION_LABELS = {
    "npmi": "NPMI coherence (top 10)",
    "umass": "UMass coherence (top 10)",
    "diversity": "topic diversity",
    "stability": "stability across seeds",
    "perplexity": "held-out perplexity (LDA)",
}


def _topic_names(labels_by_topic):
    return [f"{t}: {label}" for t, label in labels_by_topic.items()]


def plot_k_selection(table, *, axes=None):
    """Model-selection curves against k, one panel per measure, one line per method.

    ``table`` is :func:`analysis.topics.select_k` (several methods may be
    concatenated); the chosen k of each method is circled. Returns the Axes.
    """
    metrics = [m for m in SELECTION_LABELS if m in table and table[m].notna().any()]
    axes = list(axes) if axes is not None else new_grid(len(metrics), ncols=len(metrics), panel=(2.8, 2.6))
    methods = list(dict.fromkeys(table["method"]))
    for ax, metric in zip(axes, metrics):
        for i, method in enumerate(methods):
            rows = table[table["method"] == method].sort_values("k")
            if rows[metric].isna().all():
                continue
            color = PALETTE[i % len(PALETTE)]
            ax.plot(rows["k"], rows[metric], marker="o", ms=3, color=color, label=method.upper())
            chosen = rows[rows["chosen"]]
            ax.plot(chosen["k"], chosen[metric], marker="o", ms=10, mfc="none", color=color, lw=0)
        ax.set_xlabel("k (number of topics)")
        ax.set_ylabel(SELECTION_LABELS[metric], fontsize=8)
        if metric == "perplexity":
            ax.set_yscale("log")
    axes[0].legend(fontsize=8, frameon=False)
    return axes


def plot_topic_terms(terms, *, n: int = 10, labels=None, axes=None, ncols: int = 3):
    """Small multiples: each topic's ``n`` heaviest terms as horizontal bars.

    ``terms`` is ``TopicModel.terms``; ``labels`` (topic -> label) titles
    the panels. Returns the Axes.
    """
    topics = sorted(terms["topic"].unique())
    axes = list(axes) if axes is not None else new_grid(len(topics), ncols=ncols, panel=(2.9, 2.7))
    for ax, topic in zip(axes, topics):
        rows = terms[(terms["topic"] == topic) & (terms["rank"] <= n)].sort_values("rank")
        y = np.arange(len(rows))
        ax.barh(y, rows["weight"], color=PALETTE[topic % len(PALETTE)])
        ax.set_yticks(y, rows["term"], fontsize=8)
        ax.invert_yaxis()
        title = f"topic {topic}" + (f": {labels[topic]}" if labels is not None else "")
        ax.set_title(title, fontsize=8)
        ax.set_xlabel("topic-term weight", fontsize=8)
    return axes


def plot_topic_prevalence(table, *, ax=None, cmap=CMAP, max_articles: int | None = MAX_ARTICLES):
    """Heatmap of article x topic prevalence (``TopicModel.prevalence``; the first ``max_articles`` by id)."""
    every = table.pivot(index="doc_id", columns="topic", values="prevalence").sort_index()
    wide = every.loc[shown(every.index, max_articles)]
    labels = table.drop_duplicates("topic").set_index("topic")["label"].sort_index()
    ax = new_axes(ax, figsize=(1.6 + 1.1 * wide.shape[1], 1.2 + 0.45 * wide.shape[0]))
    image = ax.imshow(wide.to_numpy(), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    short = doc_labels(wide.index)
    ax.set_yticks(range(len(wide)), [short[d] for d in wide.index])
    ax.set_xticks(range(wide.shape[1]), _topic_names(labels), rotation=35, ha="right", fontsize=8)
    if wide.size <= 400:
        annotate_cells(ax, wide.to_numpy())
    ax.set_xlabel("topic")
    ax.set_ylabel("article")
    ax.figure.colorbar(image, ax=ax, label="share of the article's words")
    note_shown(ax, (len(wide), len(every), "articles"))
    return ax


def plot_topic_position(table, *, axes=None, ncols: int = 1, max_articles: int | None = 12):
    """Topic shares along each article: one panel per article, stacked bars per unit.

    ``table`` is :func:`analysis.topics.topic_position`; the first
    ``max_articles`` articles are drawn. Returns the Axes.
    """
    every = list(dict.fromkeys(table["doc_id"]))
    docs = shown(every, max_articles)
    axes = list(axes) if axes is not None else new_grid(len(docs), ncols=ncols, panel=(8, 1.6))
    labels = table.drop_duplicates("topic").set_index("topic")["label"].sort_index()
    short = doc_labels(docs)
    for ax, doc_id in zip(axes, docs):
        wide = table[table["doc_id"] == doc_id].pivot(index="position", columns="topic", values="weight")
        bottom = np.zeros(len(wide))
        for topic in wide.columns:
            ax.bar(wide.index, wide[topic], bottom=bottom, width=1.0,
                   color=PALETTE[topic % len(PALETTE)], label=f"{topic}: {labels[topic]}")
            bottom += wide[topic].to_numpy()
        ax.set_xlim(-0.5, len(wide) - 0.5)
        ax.set_ylim(0, 1)
        ax.set_ylabel(f"{short[doc_id]}\ntopic share", fontsize=8)
        ax.set_xlabel("paragraph (reading order)", fontsize=8)
    axes[0].legend(fontsize=7, ncols=min(2, len(labels)), loc="lower left",
                   bbox_to_anchor=(0, 1.02), frameon=False)
    note_shown(axes[0], (len(docs), len(every), "articles"))
    return axes


def plot_topic_stability(table, *, axes=None):
    """Best-match cosine of each topic in runs with other seeds, one panel per method.

    ``table`` is :func:`analysis.topics.seed_stability` (methods may be
    concatenated). Dots are runs, bars their mean. Returns the Axes.
    """
    methods = list(dict.fromkeys(table["method"]))
    axes = list(axes) if axes is not None else new_grid(len(methods), ncols=len(methods), panel=(4.6, 3.2))
    for ax, method in zip(axes, methods):
        rows = table[table["method"] == method]
        labels = rows.drop_duplicates("topic").set_index("topic")["label"].sort_index()
        means = rows.groupby("topic")["similarity"].mean().sort_index()
        ax.barh(means.index, means.to_numpy(), color="#d9d9d9")
        ax.scatter(rows["similarity"], rows["topic"], s=14, color=PALETTE[0], zorder=3)
        ax.set_yticks(list(labels.index), _topic_names(labels), fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.02)
        ax.set_xlabel("cosine with its match in another seed", fontsize=8)
        ax.set_title(method.upper(), fontsize=9)
    return axes
