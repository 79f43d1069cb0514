"""Support of claim members: a named source, an anonymous appeal, or none.

Uses ``analysis.sources.sentence_support`` when the sources layer is
installed; without it every member is ``"unknown"``.

Examples
--------
>>> import pandas as pd
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Men hide."})
>>> member_support(c, pd.DataFrame({"doc_id": ["a"], "sent_id": [0]})).tolist() in (["unknown"], ["none"])
True
"""
from __future__ import annotations

import importlib

import pandas as pd

SUPPORT_LEVELS = ("named", "anonymous", "none", "unknown")


def sentence_support_table(corpus) -> pd.DataFrame | None:
    """``doc_id``, ``sent_id``, ``support`` from the sources layer, or None without it."""
    try:
        sources = importlib.import_module("analysis.sources")
    except ModuleNotFoundError as exc:
        if exc.name not in ("analysis.sources", "analysis"):
            raise
        return None
    fn = getattr(sources, "sentence_support", None)
    return None if fn is None else fn(corpus)[["doc_id", "sent_id", "support"]]


def member_support(corpus, members: pd.DataFrame) -> pd.Series:
    """The support of each row of ``members`` (``doc_id``, ``sent_id``), aligned to its index."""
    table = sentence_support_table(corpus)
    if table is None:
        return pd.Series("unknown", index=members.index)
    merged = members[["doc_id", "sent_id"]].merge(table.drop_duplicates(["doc_id", "sent_id"]),
                                                  how="left", on=["doc_id", "sent_id"])
    return pd.Series(merged["support"].fillna("none").to_numpy(), index=members.index)
