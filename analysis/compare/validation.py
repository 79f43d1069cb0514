"""Headline validation figures of every detector, in one table.

The hand coding covers the seed articles only, so these figures describe the
detectors as measured on ``seeds/`` whatever corpus is being analysed.
"""
from __future__ import annotations

import pandas as pd

from .. import config
from .profiles import layer

VALIDATION_COLUMNS = ["detector", "measure", "n_predicted", "n_gold", "precision", "recall", "f1",
                      "agreement"]


def _frames(validate, codes):
    macro = validate(codes).set_index("code").loc["macro"]
    return [("framing", "sentence x code (macro over codes)", macro["n_predicted"], macro["n_gold"],
             macro["precision"], macro["recall"], macro["f1"], macro["kappa"]),
            ("framing", "article x code presence (macro)", None, None, macro["doc_precision"],
             macro["doc_recall"], macro["doc_f1"], macro["doc_agreement"])]


def _rows(detector):
    def rows(validate, detected):
        return [(detector, r.measure, r.n_predicted, r.n_gold, r.precision, r.recall, r.f1, None)
                for r in validate(detected).itertuples()]
    return rows


#: detector -> (validator, detector function, row maker)
_VALIDATORS = {
    "framing": (("validate.framing", "validate_frames"), ("framing", "detect_codes"), _frames),
    "claims": (("validate.claims", "validate_claims"), ("claims", "detect_repeated_claims"),
               _rows("claims")),
    "sources": (("validate.sources", "validate_sources"), ("sources", "detect_sources"),
                _rows("sources")),
}


def detector_validation(corpus=None) -> pd.DataFrame:
    """Precision, recall and F1 of the framing, claims and sources detectors on the hand coding.

    Parameters
    ----------
    corpus : Corpus, optional
        The hand-coded articles (default: ``seeds/``). Detectors or
        annotation files that are missing are left out.

    Returns
    -------
    DataFrame
        ``detector``, ``measure`` (as named by each ``analysis.validate``
        module), ``n_predicted``, ``n_gold``, ``precision``, ``recall``,
        ``f1``, ``agreement`` (framing: Cohen's kappa for sentences, share of
        agreeing cells for articles).

    Examples
    --------
    >>> detector_validation()["detector"].unique().tolist()       # doctest: +SKIP
    ['framing', 'claims', 'sources']
    """
    if corpus is None:
        from ..corpus import load_corpus
        corpus = load_corpus(config.SEEDS_DIR)
    rows = []
    for validator, detector, make in _VALIDATORS.values():
        validate, detect = layer(*validator), layer(*detector)
        if validate is None or detect is None:
            continue
        try:
            rows += make(validate, detect(corpus))
        except FileNotFoundError:  # no hand coding for this detector yet
            continue
    table = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
    table[["n_predicted", "n_gold"]] = table[["n_predicted", "n_gold"]].astype("Float64").astype("Int64")
    for col in ("precision", "recall", "f1", "agreement"):
        table[col] = pd.to_numeric(table[col]).round(3)
    return table
