"""Plots of cited sources: article x source matrix, authority mix, roles."""
from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ._style import MAX_ARTICLES, PALETTE, article_xticks, doc_labels, new_axes, note_shown, shown

#: Most sources the article x source matrix draws (the most widely cited first).
MAX_SOURCES = 40

#: Marker and colour of each attribution type in the article x source matrix.
ATTRIBUTION_STYLE = {
    "quote": ("o", PALETTE[0]),
    "paraphrase": ("s", PALETTE[1]),
    "venue": ("D", PALETTE[2]),
    "mention": ("^", PALETTE[3]),
}
SUPPORT_STYLE = {"named": PALETTE[0], "anonymous": PALETTE[1], "none": "#d9d9d9"}


def plot_source_matrix(table, *, ax=None, doc_ids=None, size_per_mention: float = 30.0,
                       max_articles: int | None = MAX_ARTICLES, max_sources: int | None = MAX_SOURCES):
    """Article x source matrix of :func:`analysis.sources.article_source_matrix`.

    One marker per article and source; its shape and colour give the
    strongest attribution (quote, paraphrase, venue, mention), its size the
    number of mentions. ``doc_ids`` sets the columns (default: the articles
    in the table); the first ``max_articles`` of them and the
    ``max_sources`` sources cited by most articles are drawn. Returns the Axes.
    """
    every = list(doc_ids) if doc_ids is not None else sorted(set(table["doc_id"]))
    docs = shown(every, max_articles)
    n_docs = table.groupby("source")["doc_id"].nunique()
    cited = sorted(n_docs.index, key=lambda s: (-n_docs[s], s))
    sources = shown(cited, max_sources)
    table = table[table["source"].isin(sources)]
    ax = new_axes(ax, figsize=(max(4.0, 1.0 + 0.8 * len(docs)), max(2.5, 0.8 + 0.35 * len(sources))))
    x_of = {d: i for i, d in enumerate(docs)}
    y_of = {s: i for i, s in enumerate(sources)}
    for attribution, (marker, color) in ATTRIBUTION_STYLE.items():
        rows = table[(table["attribution"] == attribution) & table["doc_id"].isin(docs)]
        ax.scatter([x_of[d] for d in rows["doc_id"]], [y_of[s] for s in rows["source"]],
                   s=size_per_mention * np.sqrt(rows["n_mentions"].to_numpy(dtype=float)),
                   marker=marker, color=color, label=attribution, zorder=3)
    labels = doc_labels(docs)
    article_xticks(ax, [labels[d] for d in docs])
    ax.set_yticks(range(len(sources)), sources, fontsize=8)
    ax.set_xlim(-0.5, len(docs) - 0.5)
    ax.set_ylim(len(sources) - 0.5, -0.5)
    ax.grid(True, color="#eeeeee", zorder=0)
    ax.set_xlabel("article")
    ax.set_ylabel("source")
    handles = [Line2D([], [], marker=m, color=c, linestyle="", markersize=6, label=a)
               for a, (m, c) in ATTRIBUTION_STYLE.items()]
    ax.legend(handles=handles, title="attribution", fontsize=7, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1), frameon=False)
    note_shown(ax, (len(sources), len(cited), "sources (most widely cited)"), (len(docs), len(every), "articles"))
    return ax


def plot_authority_mix(table, *, ax=None, max_articles: int | None = MAX_ARTICLES):
    """Stacked bars of :func:`analysis.sources.authority_mix`: share of sentences
    backed by a named source, by an anonymous appeal only, or by nothing (the
    first ``max_articles`` articles)."""
    every = table
    table = table[table["doc_id"].isin(shown(table["doc_id"], max_articles))]
    ax = new_axes(ax, figsize=(6, max(2.2, 0.45 * len(table) + 1)))
    labels = doc_labels(table["doc_id"])
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for support, color in SUPPORT_STYLE.items():
        values = table[f"share_{support}"].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=color, label=support)
        left += values
    for yi, (named, anon) in enumerate(zip(table["n_named_sources"], table["n_anonymous_appeals"])):
        ax.annotate(f"{named} named, {anon} anonymous", (1.0, yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks(y, [labels[d] for d in table["doc_id"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of sentences")
    ax.set_ylabel("article")
    ax.legend(title="sentences backed by", fontsize=7, title_fontsize=8, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    note_shown(ax, (table["doc_id"].nunique(), every["doc_id"].nunique(), "articles"))
    return ax


def plot_source_roles(table, *, ax=None, color=PALETTE[0], max_names: int = 4):
    """Horizontal bars of :func:`analysis.sources.role_table`: cited people per stated role,
    each bar annotated with up to ``max_names`` of them ("and 12 more")."""
    notes = []
    for names in table["sources"]:
        names = names.split(";")
        more = f" and {len(names) - max_names} more" if len(names) > max_names else ""
        notes.append(", ".join(names[:max_names]) + more)
    longest = max((len(str(r)) for r in table["role"]), default=0) + max((len(n) for n in notes), default=0)
    ax = new_axes(ax, figsize=(max(5.0, 2.0 + 0.07 * longest), max(2.0, 0.35 * len(table) + 1)))
    y = np.arange(len(table))
    ax.barh(y, table["n_sources"], color=color)
    ax.set_yticks(y, table["role"], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("cited people (article x source)")
    ax.set_ylabel("role")
    for yi, (n, note) in enumerate(zip(table["n_sources"], notes)):
        ax.annotate(note, (n, yi), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.6)
    return ax
