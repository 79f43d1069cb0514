"""Plotting: one ``plot_*`` function per figure; only plots and figures import matplotlib.

Every function takes a tidy table and an optional Axes, draws, and returns
the Axes. It makes a new figure only when ``ax`` is None, computes nothing
beyond sorting, and never saves (the :mod:`analysis.figures` registry saves).

Examples
--------
>>> from analysis import load_corpus, overview, plots
>>> ax = plots.plot_article_stats(overview.article_stats(load_corpus()), metric="n_words")
>>> ax.get_xlabel()
'words'
"""
from ._style import doc_labels, new_axes, new_grid
from .overview import (plot_article_stats, plot_collocations, plot_keyness,
                       plot_similarity)

__all__ = ["doc_labels", "new_axes", "new_grid", "plot_article_stats", "plot_collocations",
           "plot_keyness", "plot_similarity"]
