"""Registered figures and tables of the framing analysis (notebook 03)."""
from __future__ import annotations

from .. import config, framing
from ..plots.framing import (plot_causes_remedies, plot_frame_dendrogram, plot_frame_heatmap,
                             plot_frame_positions, plot_stance_profile)
from ..validate import covers, not_hand_coded
from ..validate.framing import validate_frames
from . import register

NOTEBOOK = "03-framing.ipynb"


@register("frame_heatmap", notebook=NOTEBOOK,
          caption="Share of each article's sentences carrying each framing code")
def frame_heatmap(corpus):
    table = framing.frame_table(corpus)
    return table, plot_frame_heatmap(table)


@register("frame_causes_remedies", notebook=NOTEBOOK,
          caption="Causes and remedies per article (stacked shares of sentences)")
def frame_causes_remedies(corpus):
    table = framing.frame_table(corpus)
    table = table[(table["level"] == "code") & table["function"].isin(["cause", "remedy"])]
    return table.reset_index(drop=True), plot_causes_remedies(table)


@register("stance_profile", notebook=NOTEBOOK,
          caption="How each article speaks: second person, generic statements, hedges, boosters, "
                  "obligations, imperatives, questions")
def stance_profile(corpus):
    table = framing.stance_table(corpus)
    return table, plot_stance_profile(table)


@register("frame_positions", notebook=NOTEBOOK,
          caption="Framing along each article: which codes appear where, in sentence order")
def frame_positions(corpus):
    table = framing.frame_positions(corpus)
    codes = list(framing.load_codebook()["code"])
    return table, plot_frame_positions(table, codes=codes)


@register("frame_dendrogram", notebook=NOTEBOOK,
          caption="Articles clustered by the Jensen-Shannon distance of their code profiles")
def frame_dendrogram(corpus):
    distances = framing.frame_distance(framing.frame_table(corpus))
    clusters = framing.frame_clusters(distances)
    return distances, plot_frame_dendrogram(clusters) if len(clusters) else None


@register("frame_table", notebook=NOTEBOOK,
          caption="Per article, share of sentences per code and per function (table)")
def frame_table(corpus):
    return framing.frame_table(corpus), None


@register("frame_dominant", notebook=NOTEBOOK,
          caption="Dominant cause and dominant remedy of each article (table)")
def frame_dominant(corpus):
    return framing.dominant_frames(framing.frame_table(corpus)), None


@register("frame_terms", notebook=NOTEBOOK,
          caption="Distinctive words of the sentences carrying each code, log-odds with "
                  "an informative Dirichlet prior (table)")
def frame_terms(corpus):
    return framing.distinctive_terms(corpus, by="code"), None


@register("frame_validation", notebook=NOTEBOOK,
          caption="Framing codes against the hand coding: per-code P/R/F1, kappa, "
                  "article-level agreement, intra-coder alpha (table)")
def frame_validation(corpus):
    """Skipped (ValueError) when the corpus is not the hand-coded one or the annotation is missing."""
    gold = config.ANNOTATIONS_DIR / "frames.csv"
    if not covers(corpus, gold):
        raise ValueError(not_hand_coded(gold))
    return validate_frames(framing.detect_codes(corpus), gold), None
