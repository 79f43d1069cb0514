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
from .metrics import cohen_kappa, krippendorff_alpha, prf, prf_row, span_overlap

__all__ = ["cohen_kappa", "krippendorff_alpha", "prf", "prf_row", "span_overlap"]
