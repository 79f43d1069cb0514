"""One profile row per article, each facet read from the layer that computes it.

A facet whose layer is not installed is left out (its columns are absent);
every facet is cached on the corpus, so asking again costs nothing and the
cache is dropped when the text changes.
"""
from __future__ import annotations

import importlib

import pandas as pd

#: The facets of a profile, in column order.
FACETS = ("length", "topics", "frames", "stance", "claims", "sources", "terms")
#: Distinctive terms shown per article.
N_TERMS = 6
_KEYS = ("doc_id", "sent_id", "para_id", "start", "end", "unit_id")


def layer(module: str, name: str):
    """``analysis.<module>.<name>``, or None when that layer is not available."""
    try:
        mod = importlib.import_module(f"analysis.{module}")
    except ModuleNotFoundError as exc:
        if exc.name in (f"analysis.{module}", "analysis"):
            return None
        raise
    return getattr(mod, name, None)


def cached_layer(corpus, module: str, name: str):
    """The result of ``analysis.<module>.<name>(corpus)`` cached on ``corpus`` (None if absent)."""
    fn = layer(module, name)
    if fn is None:
        return None
    return corpus.cached(("compare.layer", module, name), lambda: fn(corpus))


def topic_prevalence(corpus) -> pd.DataFrame | None:
    """``topics.topic_table(corpus)``; None without the layer or when the corpus is too small to model."""
    try:
        return cached_layer(corpus, "topics", "topic_table")
    except ValueError:  # no terms left to model: too little text
        return None


def _length(corpus):
    return corpus.documents.set_index("doc_id")[["title", "n_words", "n_sentences"]]


def _topics(corpus):
    table = topic_prevalence(corpus)
    if table is None:
        return None
    top = table.sort_values(["doc_id", "prevalence", "topic"], ascending=[True, False, True])
    top = top.assign(rank=top.groupby("doc_id").cumcount())
    first = top[top["rank"] == 0].set_index("doc_id")
    pair = top[top["rank"] < 2]
    pair = pair.assign(text=pair["label"].astype(str) + " (" + pair["prevalence"].round(2).astype(str) + ")")
    return pd.DataFrame({"top_topic": first["label"], "top_topic_share": first["prevalence"],
                         "topics": pair.groupby("doc_id")["text"].agg("; ".join)})


def frame_shares(corpus) -> pd.DataFrame | None:
    """``framing.frame_table(corpus)`` (cached); None without the framing layer."""
    return cached_layer(corpus, "framing", "frame_table")


def code_shares(corpus) -> pd.DataFrame | None:
    """``doc_id`` x ``code``: share of the article's sentences carrying each code."""
    table = frame_shares(corpus)
    if table is None:
        return None
    wide = table[table["level"] == "code"].pivot(index="doc_id", columns="code", values="share")
    return wide.reindex(corpus.doc_ids, fill_value=0.0).fillna(0.0)


def _frames(corpus):
    table = frame_shares(corpus)
    if table is None:
        return None
    dominant = layer("framing", "dominant_frames")(table).set_index("doc_id")
    out = pd.DataFrame(index=pd.Index(corpus.doc_ids, name="doc_id"))
    for function in ("cause", "remedy"):
        rows = dominant[dominant["function"] == function]
        out[f"dominant_{function}"] = rows["code"].reindex(out.index)
        out[f"{function}_share"] = rows["share"].reindex(out.index).fillna(0.0)
    return out


def _stance(corpus):
    stance = cached_layer(corpus, "framing", "detect_stance")
    if stance is None:
        return None
    feats = [c for c in stance.columns if c not in _KEYS
             and (pd.api.types.is_bool_dtype(stance[c]) or pd.api.types.is_numeric_dtype(stance[c]))]
    present = (stance[feats] > 0).astype(float).assign(doc_id=stance["doc_id"])
    shares = present.groupby("doc_id", sort=False)[feats].mean()
    return shares.add_prefix("stance_")


def claim_membership(corpus) -> pd.DataFrame | None:
    """Distinct ``doc_id``, ``claim_id`` pairs of the repeated claims (None without the layer)."""
    claims = cached_layer(corpus, "claims", "detect_repeated_claims")
    if claims is None:
        return None
    return claims[["doc_id", "claim_id"]].drop_duplicates().reset_index(drop=True)


def _claims(corpus):
    claims = cached_layer(corpus, "claims", "detect_repeated_claims")
    if claims is None:
        return None
    out = pd.DataFrame({"n_repeated_claims": claims.groupby("doc_id")["claim_id"].nunique()})
    sentences = cached_layer(corpus, "claims", "detect_claims")
    if sentences is not None:
        member = sentences.merge(claims[["doc_id", "sent_id"]].drop_duplicates(),
                                 on=["doc_id", "sent_id"], how="left", indicator=True)
        alone = member[member["_merge"] == "left_only"].groupby("doc_id").size()
        out = out.reindex(out.index.union(alone.index))
        out["n_claims_alone"] = alone
    return out


def _sources(corpus):
    mentions = cached_layer(corpus, "sources", "detect_sources")
    if mentions is None:
        return None
    named = mentions[mentions["kind"] != "anonymous"]
    out = pd.DataFrame({
        "n_named_sources": named.groupby("doc_id")["source"].nunique(),
        "n_anonymous_appeals": mentions[mentions["kind"] == "anonymous"].groupby("doc_id").size()})
    claims = cached_layer(corpus, "claims", "detect_repeated_claims")
    if claims is not None and "support" in claims and not (claims["support"] == "unknown").any():
        backed = (claims["support"] != "none").groupby([claims["doc_id"], claims["claim_id"]]).any()
        out = out.reindex(out.index.union(backed.index.get_level_values(0).unique()))
        out["n_unsupported_claims"] = (~backed).groupby(level=0).sum()
    return out


def _terms(corpus):
    keyness = cached_layer(corpus, "overview", "keyness")
    if keyness is None:
        return None
    over = keyness[keyness["log_ratio"] > 0].sort_values(["doc_id", "g2", "term"],
                                                         ascending=[True, False, True])
    return pd.DataFrame({"distinctive_terms": over.groupby("doc_id")["term"].agg(
        lambda terms: ", ".join(terms.head(N_TERMS)))})


_FACET_FUNCS = {"length": _length, "topics": _topics, "frames": _frames, "stance": _stance,
                "claims": _claims, "sources": _sources, "terms": _terms}
_COUNT_COLUMNS = ("n_repeated_claims", "n_claims_alone", "n_named_sources",
                  "n_anonymous_appeals", "n_unsupported_claims")


def facet_table(corpus, facet: str) -> pd.DataFrame | None:
    """One facet of :func:`article_profiles` indexed by ``doc_id`` (None when its layer is missing)."""
    if facet not in _FACET_FUNCS:
        raise ValueError(f"unknown facet {facet!r}; choose from {FACETS}")
    return corpus.cached(("compare.facet", facet), lambda: _FACET_FUNCS[facet](corpus))


def article_profiles(corpus) -> pd.DataFrame:
    """One row per article with every facet the installed layers provide.

    Returns
    -------
    DataFrame
        ``doc_id`` then, by facet (a facet is absent when its layer is):

        * length: ``title``, ``n_words``, ``n_sentences``;
        * topics: ``top_topic`` (label), ``top_topic_share``, ``topics``
          (the two most prevalent, with prevalence), from ``topics.topic_table``;
        * frames: ``dominant_cause``, ``cause_share``, ``dominant_remedy``,
          ``remedy_share`` (share of the article's sentences carrying the
          code; missing when no sentence carries one), from ``framing.detect_codes``;
        * stance: ``stance_<feature>``, the share of sentences with each
          feature of ``framing.detect_stance`` (second person, generic men and
          women, hedges, boosters, obligations, imperatives, questions);
        * claims: ``n_repeated_claims`` (repeated claims the article takes part
          in), ``n_claims_alone`` (its claim sentences that belong to no
          repeated claim: what it asserts alone);
        * sources: ``n_named_sources`` (distinct named sources),
          ``n_anonymous_appeals`` (mentions), ``n_unsupported_claims``
          (repeated claims the article makes with no source in any of its
          member sentences; needs both the claims and the sources layers);
        * terms: ``distinctive_terms``, the top overused words by keyness.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Men hide. Be patient.", "b": "Men hide. Wait."})
    >>> article_profiles(c)[["doc_id", "n_words"]].values.tolist()
    [['a', 4], ['b', 3]]
    """
    parts = [t for t in (facet_table(corpus, f) for f in FACETS) if t is not None]
    table = pd.concat(parts, axis=1).reindex(corpus.doc_ids)
    for col in _COUNT_COLUMNS:
        if col in table:
            table[col] = table[col].fillna(0).astype(int)
    return table.rename_axis("doc_id").reset_index()
