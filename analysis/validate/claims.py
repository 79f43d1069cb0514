"""Agreement of the repeated claims with the hand-coded claims of ``seeds/annotations/claims.csv``.

Two measures, both on claims (clusters of member sentences, which may
overlap):

* one-to-one matched precision/recall/F1: a predicted claim matches a
  hand-coded claim when most of its members belong to it and the shared
  members come from at least two articles; each side is matched at most
  once (a maximum bipartite matching);
* extended B-cubed precision/recall/F1 for overlapping clusters
  (Amigó et al. 2009).

Sentences are matched by ``doc_id`` and span overlap (at least half of the
shorter span), not by sentence number.

Examples
--------
>>> import pandas as pd
>>> gold = pd.DataFrame({"claim_id": ["g", "g"], "doc_id": ["a", "b"], "start": [0, 0], "end": [9, 9]})
>>> pred = gold.assign(claim_id=1)
>>> compare_claims(pred, gold)["f1"].tolist()
[1.0, 1.0]
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from .. import config
from ..datafiles import read_csv, span_offsets
from .metrics import prf, span_overlap

GOLD_PATH = config.ANNOTATIONS_DIR / "claims.csv"
GOLD_COLUMNS = ["claim_id", "doc_id", "start", "end"]
RESULT_COLUMNS = ["measure", "n_predicted", "n_gold", "tp", "precision", "recall", "f1"]


def load_gold_claims(path=GOLD_PATH) -> pd.DataFrame:
    """Read hand-coded claims; a malformed file raises ValueError naming the file and line."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no hand-coded claims at {path}")
    rows, columns = [], None
    for line, row in read_csv(path, required=GOLD_COLUMNS):
        start, end = span_offsets(row, path, line)
        if not (row["claim_id"] or "").strip() or not (row["doc_id"] or "").strip():
            raise ValueError(f"{path}:{line}: empty claim_id or doc_id")
        columns = columns or list(row)
        rows.append({**{c: row[c] if row[c] is not None else "" for c in row}, "start": start, "end": end})
    return pd.DataFrame(rows, columns=columns or GOLD_COLUMNS)


def _item_keys(pred: pd.DataFrame, gold: pd.DataFrame) -> list:
    """Key of each predicted member: the overlapping gold sentence, else its own span."""
    spans = defaultdict(list)
    for d, s, e in gold[["doc_id", "start", "end"]].drop_duplicates().itertuples(index=False):
        spans[d].append((s, e))
    keys = []
    for d, s, e in pred[["doc_id", "start", "end"]].itertuples(index=False):
        best = max(spans.get(d, []), key=lambda g: (span_overlap((s, e), g), -g[0]), default=None)
        ok = best is not None and span_overlap((s, e), best) >= 0.5
        keys.append((d, *best) if ok else (d, s, e))
    return keys


def _clusters(frame: pd.DataFrame, keys) -> dict:
    out = defaultdict(set)
    for cid, key in zip(frame["claim_id"], keys):
        out[cid].add(key)
    return dict(out)


def compare_claims(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Matched and B-cubed precision/recall/F1 of ``pred`` against ``gold`` (both ``claim_id``, ``doc_id``, ``start``, ``end``).

    Returns
    -------
    DataFrame
        ``measure`` (``claim_matched``, ``bcubed``), ``n_predicted``,
        ``n_gold``, ``tp`` (matched claims; B-cubed: nan), ``precision``,
        ``recall``, ``f1``.
    """
    p = _clusters(pred, _item_keys(pred, gold))
    g = _clusters(gold, [tuple(r) for r in gold[["doc_id", "start", "end"]].itertuples(index=False)])
    tp = matched_claims(p, g)
    rows = [{"measure": "claim_matched", "n_predicted": len(p), "n_gold": len(g), "tp": tp,
             **prf(tp, len(p) - tp, len(g) - tp)}]
    bp, br = extended_bcubed(p, g), extended_bcubed(g, p)
    f = 2 * bp * br / (bp + br) if bp + br else 0.0
    rows.append({"measure": "bcubed", "n_predicted": len(p), "n_gold": len(g), "tp": np.nan,
                 "precision": round(bp, 4), "recall": round(br, 4), "f1": round(f, 4)})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def matched_claims(pred: dict, gold: dict) -> int:
    """Size of the one-to-one matching of predicted to gold claims (sets of ``(doc_id, ...)`` keys)."""
    return len(matching(pred, gold))


def matching(pred: dict, gold: dict) -> list[tuple]:
    """The ``(predicted id, gold id)`` pairs of the one-to-one matching."""
    p_ids, g_ids = sorted(pred, key=str), sorted(gold, key=str)
    if not p_ids or not g_ids:
        return []
    weight = np.zeros((len(p_ids), len(g_ids)))
    for i, pid in enumerate(p_ids):
        for j, gid in enumerate(g_ids):
            shared = pred[pid] & gold[gid]
            if 2 * len(shared) > len(pred[pid]) and len({k[0] for k in shared}) >= 2:
                weight[i, j] = 1 + len(shared) / (1 + len(pred[pid]) + len(gold[gid]))
    rows, cols = linear_sum_assignment(-weight)
    return [(p_ids[i], g_ids[j]) for i, j in zip(rows, cols) if weight[i, j] > 0]


def extended_bcubed(a: dict, b: dict) -> float:
    """Extended B-cubed precision of clustering ``a`` against ``b`` (recall: swap them)."""
    of_a, of_b = defaultdict(set), defaultdict(set)
    for cid, items in a.items():
        for item in items:
            of_a[item].add(cid)
    for cid, items in b.items():
        for item in items:
            of_b[item].add(cid)
    scores = []
    for item in sorted(of_a, key=str):
        peers = set().union(*(a[c] for c in of_a[item]))
        vals = []
        for other in peers:
            ca = len(of_a[item] & of_a[other])
            vals.append(min(ca, len(of_b.get(item, set()) & of_b.get(other, set()))) / ca)
        scores.append(np.mean(vals))
    return float(np.mean(scores)) if scores else 0.0


def validate_claims(claims: pd.DataFrame, gold_path=None) -> pd.DataFrame:
    """Compare :func:`analysis.claims.detect_repeated_claims` output with the hand-coded claims.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.claims import detect_repeated_claims
    >>> table = validate_claims(detect_repeated_claims(load_corpus()))  # doctest: +SKIP
    >>> table.columns.tolist()  # doctest: +SKIP
    ['measure', 'n_predicted', 'n_gold', 'tp', 'precision', 'recall', 'f1']
    """
    return compare_claims(claims, load_gold_claims(gold_path or GOLD_PATH))


def claim_matches(claims: pd.DataFrame, gold_path=None) -> pd.DataFrame:
    """Each hand-coded claim and the predicted claim matched to it (what is found, what is missed).

    Returns
    -------
    DataFrame
        ``claim_id`` (hand-coded), ``statement``, ``n_docs``, ``n_members``,
        ``predicted_claim_id`` (<NA> when missed), ``n_found`` (hand-coded
        members that are members of some predicted claim). Sorted by
        ``n_docs`` (descending) then ``claim_id``.
    """
    gold = load_gold_claims(gold_path or GOLD_PATH)
    keys = [tuple(r) for r in gold[["doc_id", "start", "end"]].itertuples(index=False)]
    pred_keys = _item_keys(claims, gold)
    pairs = dict((g, p) for p, g in matching(_clusters(claims, pred_keys), _clusters(gold, keys)))
    found = gold.assign(_found=[k in set(pred_keys) for k in keys])
    statement = found["statement"] if "statement" in found else ""
    out = found.assign(statement=statement).groupby("claim_id").agg(
        statement=("statement", "first"), n_docs=("doc_id", "nunique"), n_members=("doc_id", "size"),
        n_found=("_found", "sum")).reset_index()
    out.insert(4, "predicted_claim_id", out["claim_id"].map(pairs).astype("Int64"))
    return out.sort_values(["n_docs", "claim_id"], ascending=[False, True]).reset_index(drop=True)


def threshold_curve(corpus, thresholds, *, gold_path=None) -> pd.DataFrame:
    """Validation at each similarity threshold: ``threshold`` then the columns of :func:`compare_claims`."""
    gold = load_gold_claims(gold_path or GOLD_PATH)
    from ..claims import detect_repeated_claims
    parts = [compare_claims(detect_repeated_claims(corpus, threshold=float(t)), gold)
             .assign(threshold=round(float(t), 4)) for t in thresholds]
    return pd.concat(parts, ignore_index=True)[["threshold", *RESULT_COLUMNS]]
