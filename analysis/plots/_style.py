"""Shared look of every figure: axes creation, article labels, colours."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from scipy.cluster.hierarchy import dendrogram

#: Colour-blind-safe qualitative palette (Okabe and Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
           "#F0E442", "#000000"]
#: Sequential colour map for heatmaps.
CMAP = "Blues"
#: Most articles one figure draws as rows, columns or panels. The table behind
#: the figure keeps every article; the figure's title says when some are left out.
MAX_ARTICLES = 40
#: Most articles drawn as small multiples (one panel each).
MAX_PANELS = 24


def shown(doc_ids, limit: int | None = MAX_ARTICLES) -> list:
    """The articles a figure draws: the first ``limit`` of ``doc_ids``, in their order (all when None).

    Examples
    --------
    >>> shown(["a", "b", "a", "c"], limit=2)
    ['a', 'b']
    """
    ids = list(dict.fromkeys(doc_ids))
    return ids if limit is None else ids[:limit]


def empty_note(ax, text: str):
    """Write ``text`` in the middle of an empty ``ax`` (no axes drawn); return ``ax``."""
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=9)
    ax.set_axis_off()
    return ax


def note_shown(target, *counts) -> None:
    """Title the figure of ``target`` (an Axes or a Figure) when it leaves something out.

    ``counts`` are ``(n_drawn, n_all, what)``, for example ``(40, 200, "articles")``.
    """
    cut = [f"{drawn} of {total} {what}" for drawn, total, what in counts if drawn < total]
    if cut:
        fig = getattr(target, "figure", target)
        fig.suptitle(f"drawn: the first {' and '.join(cut)} (the table has all)", fontsize=9)


def draw_dendrogram(ax, link, names, *, orientation: str = "top", limit: int | None = MAX_ARTICLES):
    """A dendrogram of a SciPy linkage ``link`` whose leaves are the articles ``names``.

    Beyond ``limit`` articles only the top ``limit`` branches are drawn, each
    labelled by its article or by the number of articles under it, "(12)".
    """
    names = list(names)
    labels = doc_labels(names)
    style = {"orientation": orientation, "ax": ax, "color_threshold": 0, "above_threshold_color": PALETTE[0]}
    if orientation in ("top", "bottom") and len(names) > 15:
        style["leaf_rotation"] = 90
    if limit is None or len(names) <= limit:
        return dendrogram(link, labels=[labels[d] for d in names], **style)
    n, sizes = len(names), np.asarray(link)[:, 3]
    out = dendrogram(link, truncate_mode="lastp", p=limit, show_contracted=False,
                     leaf_label_func=lambda i: labels[names[i]] if i < n else f"({int(sizes[i - n])})", **style)
    ax.figure.suptitle(f"the top {limit} branches over {n} articles; (k): k articles", fontsize=9)
    return out


def new_axes(ax=None, *, figsize=(7, 4)):
    """Return ``ax``, or the Axes of a new figure of ``figsize`` when it is None."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def new_grid(n, *, ncols=3, panel=(3.2, 2.6)):
    """A figure of ``n`` small multiples; returns the flat list of used Axes."""
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows),
                             layout="constrained", squeeze=False)
    flat = list(axes.ravel())
    for extra in flat[n:]:
        extra.set_visible(False)
    return flat[:n]


def doc_labels(doc_ids) -> dict[str, str]:
    """Short, unique axis labels for document ids.

    The part before the first underscore when that is unique ("000" for
    "000_8b3f70b7e4ac173b"), else the id cut to 18 characters.

    Examples
    --------
    >>> doc_labels(["000_ab", "001_cd"])
    {'000_ab': '000', '001_cd': '001'}
    """
    ids = list(dict.fromkeys(str(d) for d in doc_ids))
    short = [d.split("_", 1)[0] for d in ids]
    if len(set(short)) == len(short):
        return dict(zip(ids, short))
    return {d: d if len(d) <= 18 else d[:17] + "…" for d in ids}


def article_xticks(ax, names) -> None:
    """Label the x axis with article labels, slanted when any is longer than four characters."""
    names = list(names)
    slant = {"rotation": 45, "ha": "right"} if any(len(n) > 4 for n in names) else {}
    ax.set_xticks(range(len(names)), names, **slant)


def annotate_cells(ax, values, *, fmt="{:.2f}", dark_above=0.6, shade=None, skip_zero=False, fontsize=7):
    """Write every cell's value on a heatmap drawn with ``imshow``.

    ``fmt`` is a format string or a function of the value; text is white on
    cells whose ``shade`` (default: the value) exceeds ``dark_above``, else
    black; with ``skip_zero`` cells that are not positive stay blank.
    """
    values = np.asarray(values, dtype=float)
    shade = values if shade is None else np.asarray(shade, dtype=float)
    text_of = fmt if callable(fmt) else fmt.format
    for (i, j), v in np.ndenumerate(values):
        if skip_zero and not v > 0:
            continue
        ax.text(j, i, text_of(v), ha="center", va="center", fontsize=fontsize,
                color="white" if shade[i, j] > dark_above else "black")
