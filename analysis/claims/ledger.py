"""The claim ledger: which article makes which repeated claim, in what words, with what support.

Examples
--------
>>> import pandas as pd
>>> claims = pd.DataFrame({"claim_id": [1, 1], "doc_id": ["a", "b"], "sent_id": [0, 2],
...     "start": [0, 40], "end": [20, 60], "text": ["Men hide it.", "Guys hide it."],
...     "similarity": [1.0, 0.8], "match": ["paraphrase"] * 2, "claim_type": ["generalisation"] * 2,
...     "label": ["Men hide it."] * 2, "n_docs": [2, 2], "support": ["none", "named"]})
>>> claim_table(claims)[["doc_id", "support", "claim_support"]].values.tolist()
[['a', 'none', 'named'], ['b', 'named', 'named']]
>>> claim_matrix(claims, ["a", "b", "c"]).columns.tolist()
['claim_id', 'label', 'n_docs', 'a', 'b', 'c']
"""
from __future__ import annotations

import pandas as pd

#: Strongest support first: a member attributed to a named source supports its claim best.
SUPPORT_ORDER = ["named", "anonymous", "none", "unknown"]
LEDGER_COLUMNS = ["claim_id", "label", "n_docs", "claim_type", "doc_id", "n_members", "match",
                  "support", "claim_support", "example"]


def _strongest(values: pd.Series) -> str:
    ranks = [SUPPORT_ORDER.index(v) if v in SUPPORT_ORDER else len(SUPPORT_ORDER) for v in values]
    return SUPPORT_ORDER[min(ranks)] if min(ranks) < len(SUPPORT_ORDER) else "unknown"


def claim_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The ledger: one row per repeated claim and article that makes it.

    Parameters
    ----------
    claims : DataFrame
        Output of :func:`~analysis.claims.detect_repeated_claims`.

    Returns
    -------
    DataFrame
        ``claim_id``, ``label`` (the central sentence), ``n_docs``,
        ``claim_type`` (most common type of the members), ``doc_id`` (in
        corpus order, as in ``claims``), ``n_members``, ``match`` (verbatim
        when any member of this article is verbatim), ``support`` (strongest
        support of this article's members: named > anonymous > none),
        ``claim_support`` (strongest over all articles: ``none`` means the
        claim is asserted without any source), ``example`` (this article's
        member most similar to the label).
    """
    if claims.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    c = claims.reset_index(drop=True).assign(_row=lambda d: range(len(d)))
    ctype = c.groupby("claim_id")["claim_type"].agg(lambda s: s.value_counts().sort_index().idxmax())
    best = c.sort_values(["claim_id", "doc_id", "similarity", "_row"], ascending=[True, True, False, True])
    per = best.groupby(["claim_id", "doc_id"], sort=False).agg(
        label=("label", "first"), n_docs=("n_docs", "first"), n_members=("text", "size"),
        match=("match", lambda s: "verbatim" if (s == "verbatim").any() else "paraphrase"),
        support=("support", _strongest), example=("text", "first"), _row=("_row", "min")).reset_index()
    per["claim_type"] = per["claim_id"].map(ctype)
    per["claim_support"] = per.groupby("claim_id")["support"].transform(_strongest)
    per = per.sort_values(["claim_id", "_row"])
    return per[LEDGER_COLUMNS].reset_index(drop=True)


def claim_matrix(claims: pd.DataFrame, doc_ids=None) -> pd.DataFrame:
    """Claim x article counts of member sentences, claims sorted by how many articles make them.

    Returns
    -------
    DataFrame
        ``claim_id``, ``label``, ``n_docs``, then one column per document
        (``doc_ids``, default: those in ``claims`` in order of appearance)
        holding its number of member sentences (0 when it does not make the
        claim). Rows sorted by ``n_docs`` (descending) then ``claim_id``.
    """
    doc_ids = list(doc_ids) if doc_ids is not None else list(dict.fromkeys(claims["doc_id"]))
    counts = pd.crosstab(claims["claim_id"], claims["doc_id"]).reindex(columns=doc_ids, fill_value=0)
    meta = claims.groupby("claim_id")[["label", "n_docs"]].first()
    out = meta.join(counts).reset_index().sort_values(["n_docs", "claim_id"], ascending=[False, True])
    out.columns.name = None
    return out.reset_index(drop=True)
