"""Agreement of the detectors with hand-coded annotations in ``seeds/annotations/``.

One submodule per detector (``validate.sources``, ``validate.claims``,
``validate.framing``) on top of the shared metrics in
:mod:`analysis.validate.metrics`. Every function returns a tidy table of the
real numbers, good or bad.

Examples
--------
>>> from analysis.validate.metrics import prf
>>> prf(tp=8, fp=2, fn=2)
{'precision': 0.8, 'recall': 0.8, 'f1': 0.8}
"""
from __future__ import annotations

from pathlib import Path

from ..datafiles import read_csv
from .metrics import cohen_kappa, krippendorff_alpha, prf, prf_row, span_overlap

__all__ = ["cohen_kappa", "covers", "krippendorff_alpha", "not_hand_coded", "prf", "prf_row", "span_overlap"]


def covers(corpus, gold_path) -> bool:
    """True when the hand coding at ``gold_path`` exists and every article it codes is in ``corpus``.

    A validation table means something only on the corpus that was hand
    coded: on another corpus every hand-coded article would count as missed.
    The figures and the notebooks leave their validation out when this is
    False.

    Parameters
    ----------
    corpus : Corpus
    gold_path : path
        A hand-coding CSV with a ``doc_id`` column (``frames.csv``,
        ``claims.csv``, ``sources.csv``).

    Examples
    --------
    >>> from analysis import Corpus, config
    >>> covers(Corpus.from_texts({"mine": "Some text."}), config.ANNOTATIONS_DIR / "frames.csv")
    False
    """
    path = Path(gold_path)
    if not path.is_file():
        return False
    docs = {row["doc_id"] for _, row in read_csv(path, required=["doc_id"])}
    return bool(docs) and docs <= set(corpus.doc_ids)


def not_hand_coded(gold_path) -> str:
    """Why a validation of another corpus is skipped (a message naming the hand coding).

    Examples
    --------
    >>> not_hand_coded("seeds/annotations/frames.csv")
    'no hand coding of this corpus (seeds/annotations/frames.csv codes other articles)'
    """
    path = Path(gold_path)
    what = "codes other articles" if path.is_file() else "is missing"
    return f"no hand coding of this corpus ({gold_path} {what})"
