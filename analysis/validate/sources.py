"""Agreement of :func:`analysis.sources.detect_sources` with hand-coded sources.

The gold file (``seeds/annotations/sources.csv``) has one row per mention:
``doc_id,start,end,surface,source,kind,role,attribution,sentence``.

Measures (each a row of :func:`validate_sources`):

* ``named_sources``: named sources per article, matched by canonical name
  (case, accents, titles, degrees and "the" ignored; a surname alone matches
  the full name with that surname in the same article);
* ``named_people``: the same for ``kind == person`` in the gold file;
* ``named_mentions``: every named mention, matched by article and span overlap;
* ``anonymous_appeals``: anonymous mentions, matched by article and span overlap;
* ``roles``: for matched people, the stated role (recall is the share of gold
  roles found; roles agree when they share a content word);
* ``quote_attribution``: sources quoted in an article (quotation marks);
* ``venues``: outlets a source spoke to or wrote in.

Examples
--------
>>> import pandas as pd
>>> gold = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [7], "surface": ["Ann Lee"],
...     "source": ["Ann Lee"], "kind": ["person"], "role": ["coach"],
...     "attribution": ["quote"], "sentence": ["Ann Lee says."]})
>>> pred = gold.drop(columns="sentence").assign(role="dating coach")
>>> validate_sources(pred, gold)[["measure", "f1"]].values.tolist()[:1]
[['named_sources', 1.0]]
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import config
from ..datafiles import read_csv, span_offsets
from ..sources.detect import ATTRIBUTIONS, KINDS, source_key
from ..tokens import stop_words
from .metrics import prf, prf_row, span_overlap

GOLD_COLUMNS = ["doc_id", "start", "end", "surface", "source", "kind", "role", "attribution", "sentence"]
RESULT_COLUMNS = ["measure", "n_predicted", "n_gold", "tp", "precision", "recall", "f1"]


class AnnotationError(ValueError):
    """A malformed annotation file (the message names the file and line)."""


def read_gold(path=config.SOURCES_GOLD_PATH) -> pd.DataFrame:
    """Read and check a hand-coded sources file; errors name the file and line."""
    path = Path(path)
    rows = []
    required = [c for c in GOLD_COLUMNS if c != "sentence"]
    for line, row in read_csv(path, required=required, error=AnnotationError):
        where = f"{path}:{line}"
        start, end = span_offsets(row, path, line, error=AnnotationError)
        if row["kind"] not in KINDS:
            raise AnnotationError(f"{where}: kind {row['kind']!r} not in {KINDS}")
        if row["attribution"] not in ATTRIBUTIONS:
            raise AnnotationError(f"{where}: attribution {row['attribution']!r} not in {ATTRIBUTIONS}")
        rows.append({**{c: row.get(c) for c in GOLD_COLUMNS}, "start": start, "end": end})
    out = pd.DataFrame(rows, columns=GOLD_COLUMNS)
    out["role"] = out["role"].replace("", None)
    return out


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return set(wa) <= set(wb) or set(wb) <= set(wa)


def _name_map(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """``(doc_id, predicted key) -> (doc_id, gold key)`` for named sources."""
    mapping = {}
    gold_keys = {}
    for doc_id, key in {(d, source_key(s)) for d, s in zip(gold["doc_id"], gold["source"])}:
        gold_keys.setdefault(doc_id, []).append(key)
    for doc_id, key in sorted({(d, source_key(s)) for d, s in zip(pred["doc_id"], pred["source"])}):
        keys = sorted(gold_keys.get(doc_id, []))
        match = key if key in keys else next((g for g in keys if _compatible(key, g)), None)
        mapping[(doc_id, key)] = (doc_id, match if match else key)
    return mapping


def _sources(table: pd.DataFrame, mapping=None) -> set:
    items = {(d, source_key(s)) for d, s in zip(table["doc_id"], table["source"])}
    return {mapping.get(i, i) for i in items} if mapping else items


def _span_prf(name: str, pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """One-to-one matching of spans by article and overlap."""
    tp, used = 0, set()
    for g in gold.itertuples(index=False):
        cands = pred[(pred["doc_id"] == g.doc_id)]
        for p in cands.itertuples():
            if p.Index not in used and span_overlap((p.start, p.end), (g.start, g.end)) > 0:
                used.add(p.Index)
                tp += 1
                break
    return {"measure": name, "n_predicted": len(pred), "n_gold": len(gold), "tp": tp,
            **prf(tp, len(pred) - tp, len(gold) - tp)}


def _role_words(role) -> set:
    if not isinstance(role, str):
        return set()
    stop = stop_words()
    return {w.strip(".,").lower() for w in role.split()} - stop - {""}


def _roles_agree(a, b) -> bool:
    wa, wb = _role_words(a), _role_words(b)
    return bool(wa & wb) or (bool(wa) and bool(wb) and (a.lower() in b.lower() or b.lower() in a.lower()))


def _role_row(pred: pd.DataFrame, gold: pd.DataFrame, mapping: dict) -> dict:
    def first_roles(table, keymap):
        out = {}
        for d, s, r in zip(table["doc_id"], table["source"], table["role"]):
            item = keymap((d, source_key(s)))
            if isinstance(r, str) and r and item not in out:
                out[item] = r
        return out
    people = gold[gold["kind"] == "person"]
    g_roles = first_roles(people, lambda i: i)
    matched = _sources(people) & _sources(pred, mapping)
    p_roles = {k: v for k, v in first_roles(pred, lambda i: mapping.get(i, i)).items() if k in matched}
    tp = sum(1 for k, v in p_roles.items() if k in g_roles and _roles_agree(v, g_roles[k]))
    return {"measure": "roles", "n_predicted": len(p_roles), "n_gold": len(g_roles), "tp": tp,
            **prf(tp, len(p_roles) - tp, len(g_roles) - tp)}


def validate_sources(mentions: pd.DataFrame, gold=None, *, doc_ids=None) -> pd.DataFrame:
    """Precision, recall and F1 of ``mentions`` against hand-coded sources.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`analysis.sources.detect_sources`.
    gold : path or DataFrame, optional
        The hand-coded file (default ``config.SOURCES_GOLD_PATH``) or its table.
    doc_ids : list of str, optional
        Compare only these articles (default: every article in either table).

    Returns
    -------
    DataFrame
        One row per measure (see the module docstring): ``measure``,
        ``n_predicted``, ``n_gold``, ``tp``, ``precision``, ``recall``, ``f1``.
    """
    gold = read_gold(config.SOURCES_GOLD_PATH if gold is None else gold) \
        if not isinstance(gold, pd.DataFrame) else gold
    if doc_ids is not None:
        mentions = mentions[mentions["doc_id"].isin(doc_ids)]
        gold = gold[gold["doc_id"].isin(doc_ids)]
    pred_named = mentions[mentions["kind"] != "anonymous"]
    gold_named = gold[gold["kind"] != "anonymous"]
    mapping = _name_map(pred_named, gold_named)
    pred_set = _sources(pred_named, mapping)
    gold_people = _sources(gold_named[gold_named["kind"] == "person"])
    pred_people = _sources(pred_named[pred_named["kind"] == "person"], mapping)
    quoted = lambda t: t[t["attribution"] == "quote"]  # noqa: E731
    venue = lambda t: t[t["attribution"] == "venue"]  # noqa: E731
    rows = [
        prf_row("named_sources", pred_set, _sources(gold_named)),
        prf_row("named_people", pred_people, gold_people),
        _span_prf("named_mentions", pred_named.reset_index(drop=True), gold_named),
        _span_prf("anonymous_appeals", mentions[mentions["kind"] == "anonymous"].reset_index(drop=True),
                  gold[gold["kind"] == "anonymous"]),
        _role_row(pred_named, gold_named, mapping),
        prf_row("quote_attribution", _sources(quoted(pred_named), mapping), _sources(quoted(gold_named))),
        prf_row("venues", _sources(venue(pred_named), mapping), _sources(venue(gold_named))),
    ]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
