"""Tables behind the profile cards and the articles x facets overview."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .profiles import (article_profiles, cached_layer, claim_membership, code_shares,
                       topic_prevalence)

#: Profile columns shown in the overview, with their facet.
OVERVIEW_FEATURES = {
    "n_words": "length", "top_topic_share": "topics", "cause_share": "frames",
    "remedy_share": "frames", "n_repeated_claims": "claims", "n_claims_alone": "claims",
    "n_named_sources": "sources", "n_anonymous_appeals": "sources",
    "n_unsupported_claims": "sources"}
#: Partners shown on a card's "claims shared" panel.
MAX_PARTNERS = 8
CARD_COLUMNS = ["doc_id", "facet", "item", "value"]


def _topic_items(corpus):
    table = topic_prevalence(corpus)
    if table is None:
        return None
    return pd.DataFrame({"doc_id": table["doc_id"], "facet": "topics",
                         "item": table["label"].astype(str), "value": table["prevalence"]})


def _frame_items(corpus):
    shares = code_shares(corpus)
    if shares is None:
        return None
    long = shares.rename_axis("doc_id").reset_index().melt(id_vars="doc_id", var_name="item")
    return long.assign(facet="frames")


def _claim_items(corpus):
    members = claim_membership(corpus)
    if members is None:
        return None
    pairs = members.merge(members, on="claim_id")
    pairs = pairs[pairs["doc_id_x"] != pairs["doc_id_y"]]
    shared = pairs.groupby(["doc_id_x", "doc_id_y"]).size().rename("value").reset_index()
    shared = shared.sort_values(["doc_id_x", "value", "doc_id_y"], ascending=[True, False, True])
    shared = shared.groupby("doc_id_x").head(MAX_PARTNERS)
    return pd.DataFrame({"doc_id": shared["doc_id_x"], "facet": "claims shared",
                         "item": shared["doc_id_y"], "value": shared["value"]})


def _source_items(corpus):
    profiles = article_profiles(corpus)
    cols = {"n_named_sources": "named sources", "n_anonymous_appeals": "anonymous appeals",
            "n_unsupported_claims": "unsupported claims"}
    cols = {k: v for k, v in cols.items() if k in profiles}
    if not cols:
        return None
    long = profiles[["doc_id", *cols]].melt(id_vars="doc_id", var_name="item")
    return long.assign(facet="sources", item=long["item"].map(cols))


def profile_card_table(corpus) -> pd.DataFrame:
    """What each article's profile card shows, one row per article, panel and bar.

    Returns
    -------
    DataFrame
        ``doc_id``, ``facet`` (``frames``, ``topics``, ``claims shared``,
        ``sources``), ``item`` (a framing code; a topic label; another
        article, at most :data:`MAX_PARTNERS`; a kind of support) and
        ``value`` (share of sentences; topic prevalence; number of repeated
        claims shared; count). Facets whose layer is missing are absent.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Men hide.", "b": "Wait."})
    >>> set(profile_card_table(c).columns) == set(CARD_COLUMNS)
    True
    """
    makers = (_frame_items, _topic_items, _claim_items, _source_items)
    parts = [p for p in (make(corpus) for make in makers) if p is not None and not p.empty]
    if not parts:
        return pd.DataFrame(columns=CARD_COLUMNS)
    table = pd.concat(parts, ignore_index=True)[CARD_COLUMNS]
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    table = table.assign(_doc=table["doc_id"].map(order), value=table["value"].astype(float))
    table = table.sort_values(["_doc", "facet", "item"], kind="stable")
    return table.drop(columns="_doc").reset_index(drop=True)


def facet_overview(corpus) -> pd.DataFrame:
    """Articles x facets: each profile number, raw and scaled to the corpus maximum.

    Returns
    -------
    DataFrame
        ``doc_id``, ``facet``, ``feature`` (a column of
        :func:`article_profiles`, see :data:`OVERVIEW_FEATURES`, plus every
        ``stance_*`` share), ``value``, ``scaled`` (value / the feature's
        largest value in the corpus; 0 when that is 0). Corpus order, then
        feature order.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Men hide.", "b": "Men hide, again."})
    >>> facet_overview(c).query("feature == 'n_words'")["scaled"].tolist()
    [0.6666666666666666, 1.0]
    """
    profiles = article_profiles(corpus)
    stance = {c: "stance" for c in profiles.columns if c.startswith("stance_")}
    features = {c: f for c, f in OVERVIEW_FEATURES.items() if f in ("length", "topics", "frames")}
    features.update(stance)
    features.update({c: f for c, f in OVERVIEW_FEATURES.items() if c not in features})
    features = {c: f for c, f in features.items() if c in profiles}
    long = profiles[["doc_id", *features]].melt(id_vars="doc_id", var_name="feature")
    long["value"] = long["value"].astype(float)
    top = long.groupby("feature")["value"].transform("max")
    long["scaled"] = np.where(top > 0, long["value"] / top.where(top > 0, 1), 0.0)
    long["facet"] = long["feature"].map(features)
    rank = {f: i for i, f in enumerate(features)}
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    long = long.assign(_f=long["feature"].map(rank), _d=long["doc_id"].map(order))
    long = long.sort_values(["_d", "_f"]).drop(columns=["_d", "_f"])
    return long[["doc_id", "facet", "feature", "value", "scaled"]].reset_index(drop=True)


#: A topic counts as present in an article from this prevalence on.
MIN_TOPIC_SHARE = 0.15


def _present_items(corpus, min_topic_share):
    parts = []
    shares = code_shares(corpus)
    if shares is not None:
        long = shares.rename_axis("doc_id").reset_index().melt(id_vars="doc_id", var_name="item")
        parts.append(long[long["value"] > 0].assign(facet="frames"))
    topics = topic_prevalence(corpus)
    if topics is not None:
        hit = topics[topics["prevalence"] >= min_topic_share]
        parts.append(pd.DataFrame({"doc_id": hit["doc_id"], "item": hit["label"].astype(str),
                                   "facet": "topics"}))
    claims = cached_layer(corpus, "claims", "detect_repeated_claims")
    if claims is not None:
        parts.append(pd.DataFrame({"doc_id": claims["doc_id"], "facet": "claims",
                                   "item": claims["claim_id"].astype(str) + ": " + claims["label"]}))
    mentions = cached_layer(corpus, "sources", "detect_sources")
    if mentions is not None:
        named = mentions[mentions["kind"] != "anonymous"]
        parts.append(pd.DataFrame({"doc_id": named["doc_id"], "facet": "sources",
                                   "item": named["source"].astype(str)}))
    return [p[["doc_id", "facet", "item"]] for p in parts]


def facet_spread(corpus, *, min_topic_share: float = MIN_TOPIC_SHARE) -> pd.DataFrame:
    """How many articles share each framing code, topic, repeated claim and named source.

    An item is present in an article when: a framing code tags at least one
    sentence; a topic has prevalence >= ``min_topic_share``; the article is
    a member of a repeated claim; a named source is cited (by canonical name).

    Returns
    -------
    DataFrame
        ``facet``, ``item``, ``n_articles``, ``share_articles`` (of the
        corpus), ``doc_ids`` (";"-joined, corpus order). Sorted by facet,
        then most widely shared first. ``n_articles == len(corpus)`` is what
        every article shares; ``1`` is unique to one article.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Men hide.", "b": "Wait."})
    >>> facet_spread(c).columns.tolist()
    ['facet', 'item', 'n_articles', 'share_articles', 'doc_ids']
    """
    parts = _present_items(corpus, min_topic_share)
    columns = ["facet", "item", "n_articles", "share_articles", "doc_ids"]
    if not parts:
        return pd.DataFrame(columns=columns)
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    items = pd.concat(parts, ignore_index=True).drop_duplicates()
    items = items.assign(_d=items["doc_id"].map(order)).sort_values(["facet", "item", "_d"])
    out = items.groupby(["facet", "item"], sort=False).agg(
        n_articles=("doc_id", "size"), doc_ids=("doc_id", ";".join)).reset_index()
    out["share_articles"] = out["n_articles"] / max(len(corpus), 1)
    out = out.sort_values(["facet", "n_articles", "item"], ascending=[True, False, True])
    return out[columns].reset_index(drop=True)
