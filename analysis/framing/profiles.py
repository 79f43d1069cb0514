"""Framing profiles: per-article shares of codes, dominant frames, distances, clusters.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "He is afraid. Give him space.", "b": "Stress makes him quiet."})
>>> t = frame_table(c)
>>> t.query("doc_id == 'a' and code == 'cause.fear'")["share"].item()
0.5
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import jensenshannon

from .codebook import FUNCTIONS, load_codebook
from .detect import detect_codes
from .stance import detect_stance

TABLE_COLUMNS = ["doc_id", "level", "function", "code", "n_sentences", "n_total", "share"]
STANCE_FEATURES = ["second_person", "generic_men", "generic_women", "hedges", "boosters",
                   "obligations", "imperative", "directive", "question"]


def frame_table(corpus, codes=None, *, codebook=None) -> pd.DataFrame:
    """Share of each article's sentences carrying each code and each function.

    Parameters
    ----------
    corpus : Corpus
    codes : DataFrame, optional
        From :func:`detect_codes` (computed when None).
    codebook : DataFrame, optional
        Gives the codes and their functions (default codebook).

    Returns
    -------
    DataFrame
        ``doc_id``, ``level`` ("code" or "function"), ``function``, ``code``
        (the function name on function rows), ``n_sentences`` (carrying it),
        ``n_total`` (sentences in the article), ``share``. Every article x
        code pair is present (zeros included); sorted by article, level, code.

    Examples
    --------
    >>> from analysis import Corpus
    >>> frame_table(Corpus.from_texts({"a": "Don't push him."})).query("level == 'function' and n_sentences > 0")["code"].tolist()
    ['remedy']
    """
    book = load_codebook() if codebook is None else codebook
    codes = detect_codes(corpus, book) if codes is None else codes
    totals = corpus.sentences.groupby("doc_id").size()
    func_of = dict(zip(book["code"], book["function"]))
    c = codes[codes["code"].isin(func_of)].assign(function=lambda d: d["code"].map(func_of))
    by_code = c.groupby(["doc_id", "code"])["sent_id"].nunique()
    by_func = c.drop_duplicates(["doc_id", "sent_id", "function"]).groupby(["doc_id", "function"]).size()
    functions = [f for f in FUNCTIONS if f in set(book["function"])]
    grid = pd.MultiIndex.from_product([totals.index, list(book["code"])], names=["doc_id", "code"])
    rows_code = by_code.reindex(grid, fill_value=0).rename("n_sentences").reset_index()
    rows_code = rows_code.assign(level="code", function=rows_code["code"].map(func_of))
    fgrid = pd.MultiIndex.from_product([totals.index, functions], names=["doc_id", "function"])
    rows_func = by_func.reindex(fgrid, fill_value=0).rename("n_sentences").reset_index()
    rows_func = rows_func.assign(level="function", code=rows_func["function"])
    out = pd.concat([rows_code, rows_func], ignore_index=True)
    out["n_total"] = out["doc_id"].map(totals).astype(int)
    out["share"] = (out["n_sentences"] / out["n_total"].clip(lower=1)).round(6)
    return out[TABLE_COLUMNS].sort_values(["doc_id", "level", "code"]).reset_index(drop=True)


def dominant_frames(table: pd.DataFrame, *, functions=("cause", "remedy")) -> pd.DataFrame:
    """The code with the largest share in each article, for each function.

    Returns
    -------
    DataFrame
        ``doc_id``, ``function``, ``code`` (None when the article has no
        code of that function), ``share``, ``runner_up``, ``margin`` (share
        minus the runner-up's share). Ties go to the alphabetically first code.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "level": "code", "function": "cause",
    ...                   "code": ["cause.fear", "cause.stress"], "share": [0.2, 0.1]})
    >>> dominant_frames(t)["code"].tolist()
    ['cause.fear']
    """
    rows = []
    t = table[(table["level"] == "code") & table["function"].isin(functions)]
    t = t.sort_values(["doc_id", "function", "share", "code"], ascending=[True, True, False, True])
    for (doc, func), g in t.groupby(["doc_id", "function"], sort=True):
        top = g.iloc[0]
        second = g.iloc[1] if len(g) > 1 else None
        has = top["share"] > 0
        rows.append({"doc_id": doc, "function": func, "code": top["code"] if has else None,
                     "share": top["share"],
                     "runner_up": second["code"] if second is not None and second["share"] > 0 else None,
                     "margin": round(top["share"] - (second["share"] if second is not None else 0), 6)})
    return pd.DataFrame(rows, columns=["doc_id", "function", "code", "share", "runner_up", "margin"])


def _profiles(table: pd.DataFrame, level: str) -> pd.DataFrame:
    wide = table[table["level"] == level].pivot(index="doc_id", columns="code", values="share")
    return wide.sort_index().sort_index(axis=1)


def frame_distance(table: pd.DataFrame, *, level: str = "code") -> pd.DataFrame:
    """Jensen-Shannon distance (base 2, in [0, 1]) between articles' framing profiles.

    Each article's profile is its code shares (``level="code"``) or function
    shares, normalised to sum to one. Articles with no code at all get nan.
    The number of pairs grows with the square of the articles; group large
    corpora (by outlet, by year) before comparing.

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b`` (``doc_a < doc_b``), ``distance``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "level": "code",
    ...                   "code": ["x", "y", "x", "y"], "share": [1.0, 0, 0, 1.0]})
    >>> frame_distance(t)["distance"].tolist()
    [1.0]
    """
    wide = _profiles(table, level)
    docs, values = list(wide.index), wide.to_numpy(dtype=float)
    rows = []
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            a, b = values[i], values[j]
            d = jensenshannon(a, b, base=2) if a.sum() > 0 and b.sum() > 0 else np.nan
            rows.append((docs[i], docs[j], round(float(d), 6)))
    return pd.DataFrame(rows, columns=["doc_a", "doc_b", "distance"])


def frame_clusters(distances: pd.DataFrame, *, method: str = "average") -> pd.DataFrame:
    """Hierarchical clustering of articles from :func:`frame_distance`.

    Returns
    -------
    DataFrame
        One row per merge, in scipy's linkage order: ``step``, ``left``,
        ``right`` (scipy indices: leaves first, in sorted ``doc_id`` order),
        ``left_id``, ``right_id`` (doc_id or ``cluster<k>``), ``height``, ``size``.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "distance": [0.1, 0.9, 0.8]})
    >>> frame_clusters(d)[["left_id", "right_id"]].values.tolist()[0]
    ['a', 'b']
    """
    docs = sorted(set(distances["doc_a"]) | set(distances["doc_b"]))
    index = {d: i for i, d in enumerate(docs)}
    n = len(docs)
    if n < 2:
        return pd.DataFrame(columns=["step", "left", "right", "left_id", "right_id", "height", "size"])
    square = np.zeros((n, n))
    for a, b, dist in distances[["doc_a", "doc_b", "distance"]].itertuples(index=False):
        square[index[a], index[b]] = square[index[b], index[a]] = 1.0 if np.isnan(dist) else dist
    condensed = square[np.triu_indices(n, 1)]
    link = linkage(condensed, method=method)
    names = docs + [f"cluster{k}" for k in range(n, 2 * n - 1)]
    return pd.DataFrame({"step": np.arange(len(link)), "left": link[:, 0].astype(int),
                         "right": link[:, 1].astype(int),
                         "left_id": [names[int(i)] for i in link[:, 0]],
                         "right_id": [names[int(i)] for i in link[:, 1]],
                         "height": link[:, 2].round(6), "size": link[:, 3].astype(int)})


def stance_table(corpus) -> pd.DataFrame:
    """Per article, the share of sentences showing each stance feature.

    Returns
    -------
    DataFrame
        ``doc_id``, ``feature``, ``n_sentences``, ``n_total``, ``share``.

    Examples
    --------
    >>> from analysis import Corpus
    >>> t = stance_table(Corpus.from_texts({"a": "You should listen. Men are quiet."}))
    >>> t.query("feature == 'second_person'")["share"].item()
    0.5
    """
    st = detect_stance(corpus)
    flags = (st[STANCE_FEATURES] > 0).astype(int).assign(doc_id=st["doc_id"])
    counts = flags.groupby("doc_id")[STANCE_FEATURES].sum()
    totals = st.groupby("doc_id").size()
    long = counts.reset_index().melt(id_vars="doc_id", var_name="feature", value_name="n_sentences")
    long["n_total"] = long["doc_id"].map(totals).astype(int)
    long["share"] = (long["n_sentences"] / long["n_total"]).round(6)
    order = {f: i for i, f in enumerate(STANCE_FEATURES)}
    return long.sort_values(["doc_id", "feature"], key=lambda s: s.map(order) if s.name == "feature" else s
                            ).reset_index(drop=True)


def frame_positions(corpus, codes=None, *, codebook=None) -> pd.DataFrame:
    """Where each code appears along each article, in sentence order.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``position`` (sentence index / (n - 1), 0 to 1),
        ``function``, ``code``.

    Examples
    --------
    >>> from analysis import Corpus
    >>> frame_positions(Corpus.from_texts({"a": "Hi there. He is afraid."}))["position"].tolist()
    [1.0]
    """
    book = load_codebook() if codebook is None else codebook
    codes = detect_codes(corpus, book) if codes is None else codes
    n = corpus.sentences.groupby("doc_id").size()
    out = codes[["doc_id", "sent_id", "code"]].copy()
    out["position"] = (out["sent_id"] / (out["doc_id"].map(n) - 1).clip(lower=1)).round(6)
    out["function"] = out["code"].map(dict(zip(book["code"], book["function"])))
    return out[["doc_id", "sent_id", "position", "function", "code"]].reset_index(drop=True)
