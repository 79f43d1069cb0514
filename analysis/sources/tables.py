"""Summaries of cited sources: per article, across articles, per sentence.

Every function takes the mentions of :func:`detect_sources` (or a corpus)
and returns a tidy table, keys first.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Dr. Ana Lind says men hide. Studies show it.", "b": "We wait."})
>>> authority_mix(c)[["doc_id", "n_named", "n_anonymous", "n_none"]].values.tolist()
[['a', 1, 1, 0], ['b', 0, 0, 1]]
"""
from __future__ import annotations

import pandas as pd

from .detect import detect_sources, quote_spans, source_key

_ORDER = {"quote": 0, "paraphrase": 1, "venue": 2, "mention": 3}


def _named(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["kind"] != "anonymous"]


def _join(values) -> str:
    return ";".join(sorted({str(v) for v in values if isinstance(v, str) and v}, key=_sort_key))


def _sort_key(value: str):
    return (_ORDER.get(value, 9), value)


def source_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per article and source.

    Returns
    -------
    DataFrame
        ``doc_id``, ``source``, ``kind``, ``role``, ``n_mentions``,
        ``n_quotes``, ``n_paraphrases``, ``attributions`` (the kinds of
        attribution, ";"-joined, quote first), ``first_start`` (offset of the
        first mention); sorted by ``doc_id`` then first mention.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 9], "source": ["X", "X"],
    ...                   "kind": ["person"] * 2, "role": ["coach"] * 2,
    ...                   "attribution": ["quote", "mention"]})
    >>> source_table(m)[["source", "n_mentions", "n_quotes", "attributions"]].values.tolist()
    [['X', 2, 1, 'quote;mention']]
    """
    g = mentions.groupby(["doc_id", "source"], sort=False)
    out = g.agg(kind=("kind", "first"), role=("role", "first"), n_mentions=("start", "size"),
                n_quotes=("attribution", lambda s: int((s == "quote").sum())),
                n_paraphrases=("attribution", lambda s: int((s == "paraphrase").sum())),
                attributions=("attribution", _join), first_start=("start", "min")).reset_index()
    cols = ["doc_id", "source", "kind", "role", "n_mentions", "n_quotes", "n_paraphrases",
            "attributions", "first_start"]
    return out.sort_values(["doc_id", "first_start"], kind="stable")[cols].reset_index(drop=True)


def shared_sources(mentions: pd.DataFrame, *, min_articles: int = 2,
                   anonymous: bool = False) -> pd.DataFrame:
    """Sources cited by ``min_articles`` articles or more (names compared without case, accents, titles).

    Returns
    -------
    DataFrame
        ``source``, ``kind``, ``n_articles``, ``doc_ids`` (";"-joined),
        ``n_mentions``, ``roles``; sorted by ``n_articles`` descending, then ``source``.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "start": [0, 0], "source": ["Dr. X Y", "X Y"],
    ...                   "kind": ["person"] * 2, "role": [None, "coach"], "attribution": ["quote"] * 2})
    >>> shared_sources(m)[["source", "n_articles", "doc_ids"]].values.tolist()
    [['X Y', 2, 'a;b']]
    """
    table = mentions if anonymous else _named(mentions)
    table = table.assign(key=table["source"].map(source_key))
    g = table.groupby("key", sort=True)
    out = g.agg(source=("source", lambda s: min(s, key=len)), kind=("kind", "first"),
                n_articles=("doc_id", "nunique"), doc_ids=("doc_id", lambda s: ";".join(sorted(set(s)))),
                n_mentions=("doc_id", "size"), roles=("role", _join)).reset_index(drop=True)
    out = out[out["n_articles"] >= min_articles]
    return out.sort_values(["n_articles", "source"], ascending=[False, True]).reset_index(drop=True)


def article_source_matrix(mentions: pd.DataFrame) -> pd.DataFrame:
    """The bipartite article-source view: one edge per article and named source.

    Returns
    -------
    DataFrame
        ``doc_id``, ``source``, ``kind``, ``n_mentions``, ``attribution``
        (the strongest attribution of the source in the article: quote >
        paraphrase > venue > mention); sorted by ``source`` then ``doc_id``.
        ``pivot(index="source", columns="doc_id", values="n_mentions")``
        gives the matrix.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 5], "source": ["X", "X"],
    ...                   "kind": ["person"] * 2, "role": [None] * 2, "attribution": ["mention", "quote"]})
    >>> article_source_matrix(m).values.tolist()
    [['a', 'X', 'person', 2, 'quote']]
    """
    named = _named(mentions)
    out = named.groupby(["doc_id", "source"], sort=True).agg(
        kind=("kind", "first"), n_mentions=("start", "size"),
        attribution=("attribution", lambda s: min(s, key=_sort_key))).reset_index()
    cols = ["doc_id", "source", "kind", "n_mentions", "attribution"]
    return out.sort_values(["source", "doc_id"], kind="stable")[cols].reset_index(drop=True)


def sentence_support(corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per sentence: is it backed by a named source, an anonymous appeal, or nothing?

    A sentence inside a quotation attributed to a named source (in the same
    paragraph) is backed by that source too.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end``, ``support`` (named,
        anonymous, none), ``sources`` (";"-joined names, empty when none).

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Research shows men hide. We wait."})
    >>> sentence_support(c)["support"].tolist()
    ['anonymous', 'none']
    """
    mentions = detect_sources(corpus) if mentions is None else mentions
    sents = corpus.sentences[["doc_id", "sent_id", "para_id", "start", "end"]]
    links = mentions[["doc_id", "sent_id", "source", "kind"]]
    links = pd.concat([links, _quoted_links(corpus, mentions, sents)], ignore_index=True)
    links = links.assign(named=links["kind"] != "anonymous")
    per = links.groupby(["doc_id", "sent_id"]).agg(
        named=("named", "any"), sources=("source", lambda s: ";".join(sorted(set(s))))).reset_index()
    out = sents.merge(per, on=["doc_id", "sent_id"], how="left")
    out["support"] = out["named"].map({True: "named", False: "anonymous"}).fillna("none")
    out["sources"] = out["sources"].fillna("")
    return out[["doc_id", "sent_id", "start", "end", "support", "sources"]]


def _quoted_links(corpus, mentions, sents) -> pd.DataFrame:
    """Sentences inside quotations of a paragraph whose one named source is quoted."""
    named = _named(mentions).merge(sents[["doc_id", "sent_id", "para_id"]], on=["doc_id", "sent_id"])
    people = named[named["kind"] == "person"]
    per_para = people.groupby(["doc_id", "para_id"])["source"].nunique()
    single = per_para[per_para == 1].index
    quoted = named[named["attribution"] == "quote"].set_index(["doc_id", "para_id"])
    quoted = quoted[quoted.index.isin(single)].reset_index()
    quotes = quote_spans(corpus)
    if quoted.empty or quotes.empty:
        return pd.DataFrame(columns=["doc_id", "sent_id", "source", "kind"])
    q = quoted[["doc_id", "para_id", "source", "kind"]].drop_duplicates().merge(
        quotes, on=["doc_id", "para_id"]).merge(sents, on=["doc_id", "para_id"], suffixes=("_q", ""))
    q = q[(q["start_q"] < q["end"]) & (q["start"] < q["end_q"])]
    return q[["doc_id", "sent_id", "source", "kind"]]


def authority_mix(corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: sentences backed by named sources, by anonymous appeals only, or by nothing.

    Returns
    -------
    DataFrame
        ``doc_id``, ``n_sentences``, ``n_named``, ``n_anonymous``, ``n_none``
        (sentence counts), ``share_named``, ``share_anonymous``,
        ``share_none``, ``n_named_sources`` (distinct named sources) and
        ``n_anonymous_appeals`` (anonymous mentions); in corpus order.

    Examples
    --------
    >>> from analysis import Corpus
    >>> authority_mix(Corpus.from_texts({"a": "We wait."}))["share_none"].tolist()
    [1.0]
    """
    mentions = detect_sources(corpus) if mentions is None else mentions
    support = sentence_support(corpus, mentions)
    counts = pd.crosstab(support["doc_id"], support["support"])
    counts = counts.reindex(columns=["named", "anonymous", "none"], fill_value=0)
    out = pd.DataFrame({"doc_id": corpus.doc_ids}).merge(
        counts.add_prefix("n_").reset_index(), on="doc_id", how="left").fillna(0)
    for col in ("n_named", "n_anonymous", "n_none"):
        out[col] = out[col].astype(int)
    out.insert(1, "n_sentences", out[["n_named", "n_anonymous", "n_none"]].sum(axis=1))
    for col in ("named", "anonymous", "none"):
        out[f"share_{col}"] = (out[f"n_{col}"] / out["n_sentences"].clip(lower=1)).round(4)
    named = _named(mentions).groupby("doc_id")["source"].nunique()
    anon = mentions[mentions["kind"] == "anonymous"].groupby("doc_id").size()
    out["n_named_sources"] = out["doc_id"].map(named).fillna(0).astype(int)
    out["n_anonymous_appeals"] = out["doc_id"].map(anon).fillna(0).astype(int)
    return out


def role_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Roles of the cited people: one row per role as the articles give it.

    Returns
    -------
    DataFrame
        ``role``, ``n_sources`` (article-source pairs), ``n_articles``,
        ``sources`` (";"-joined); sorted by ``n_sources`` descending, then role.
        Sources with no stated role are counted under "(none stated)".

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "start": [0, 0], "source": ["X", "Y"],
    ...                   "kind": ["person"] * 2, "role": ["coach", None], "attribution": ["quote"] * 2})
    >>> role_table(m)[["role", "n_sources"]].values.tolist()
    [['(none stated)', 1], ['coach', 1]]
    """
    table = source_table(mentions[mentions["kind"] == "person"])
    table = table.assign(role=table["role"].fillna("(none stated)"))
    out = table.groupby("role").agg(n_sources=("source", "size"), n_articles=("doc_id", "nunique"),
                                    sources=("source", lambda s: ";".join(sorted(set(s))))).reset_index()
    return out.sort_values(["n_sources", "role"], ascending=[False, True]).reset_index(drop=True)
