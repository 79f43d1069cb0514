"""Registered figures and tables of repeated claims (notebook 04)."""
from __future__ import annotations

import numpy as np

from .. import claims
from ..plots.claims import plot_claim_matrix, plot_repeated_phrases, plot_threshold_curve
from . import register

NOTEBOOK = "04-repeated-claims.ipynb"
#: Thresholds of the validation curve.
CURVE_THRESHOLDS = np.round(np.arange(0.15, 0.526, 0.025), 3)


@register("claim_matrix", notebook=NOTEBOOK,
          caption="Repeated claims x articles (member sentences), claims made by most articles first")
def claim_matrix(corpus):
    table = claims.claim_matrix(claims.detect_repeated_claims(corpus), corpus.doc_ids)
    return table, plot_claim_matrix(table)


@register("claim_ledger", notebook=NOTEBOOK,
          caption="The claim ledger: each repeated claim, the articles that make it, wording and support (table)")
def claim_ledger(corpus):
    return claims.claim_table(claims.detect_repeated_claims(corpus)), None


@register("repeated_phrases", notebook=NOTEBOOK,
          caption="Phrases of 3-6 words repeated three or more times within one article, by position")
def repeated_phrases(corpus):
    table = claims.repeated_phrases(corpus)
    return table, plot_repeated_phrases(table)


@register("claim_threshold_curve", notebook=NOTEBOOK,
          caption="Matched-claim and B-cubed precision, recall and F1 against the similarity threshold")
def claim_threshold_curve(corpus):
    from ..validate import covers, not_hand_coded
    from ..validate.claims import GOLD_PATH, threshold_curve
    if not covers(corpus, GOLD_PATH):
        raise ValueError(not_hand_coded(GOLD_PATH))
    table = threshold_curve(corpus, CURVE_THRESHOLDS)
    return table, plot_threshold_curve(table, chosen=claims.DEFAULT_THRESHOLD)
