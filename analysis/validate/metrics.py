"""Shared agreement metrics: precision/recall/F1, Cohen's kappa, Krippendorff's alpha."""
from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
import pandas as pd


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined).

    Examples
    --------
    >>> prf(3, 1, 0)["precision"]
    0.75
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def prf_row(name: str, predicted: set, gold: set, **extra) -> dict:
    """One table row comparing two sets of hashable items.

    Examples
    --------
    >>> prf_row("named", {("a", "X")}, {("a", "X"), ("b", "Y")})["recall"]
    0.5
    """
    tp = len(predicted & gold)
    return {"measure": name, **extra, "n_predicted": len(predicted), "n_gold": len(gold),
            "tp": tp, **prf(tp, len(predicted) - tp, len(gold) - tp)}


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two ``(start, end)`` spans as a share of the shorter one.

    Examples
    --------
    >>> span_overlap((0, 10), (5, 20))
    0.5
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return max(inter, 0) / shorter if shorter > 0 else 0.0


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two equal-length label sequences (nan when undefined).

    Examples
    --------
    >>> cohen_kappa([1, 1, 0, 0], [1, 1, 0, 1])
    0.5
    """
    a, b = list(a), list(b)
    if len(a) != len(b) or not a:
        raise ValueError("cohen_kappa needs two non-empty sequences of equal length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb.get(k, 0) for k in ca) / n ** 2
    if expected == 1:
        return float("nan")
    return round((observed - expected) / (1 - expected), 4)


def krippendorff_alpha(units: pd.DataFrame, *, unit="unit", coder="coder", value="value") -> float:
    """Krippendorff's alpha for nominal data, any number of coders, missing values allowed.

    ``units`` is long: one row per unit, coder and value. Units coded by
    fewer than two coders are ignored.

    Examples
    --------
    >>> df = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": list("ababab"),
    ...                    "value": ["x", "x", "y", "y", "x", "y"]})
    >>> round(krippendorff_alpha(df), 3)
    0.444
    """
    coincidence: Counter = Counter()
    for _, values in units.groupby(unit)[value]:
        vals = list(values)
        m = len(vals)
        if m < 2:
            continue
        for i, j in combinations(range(m), 2):
            coincidence[(vals[i], vals[j])] += 1 / (m - 1)
            coincidence[(vals[j], vals[i])] += 1 / (m - 1)
    if not coincidence:
        return float("nan")
    n_c: Counter = Counter()
    for (c, _), w in coincidence.items():
        n_c[c] += w
    n = sum(n_c.values())
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    return float(np.nan) if expected == 0 else round(1 - observed / expected, 4)
