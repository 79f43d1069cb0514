"""Hierarchical clustering of articles from :func:`article_distance` pairs."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage

LINKAGE_COLUMNS = ["step", "left", "right", "left_id", "right_id", "distance", "n_articles"]


def _condensed(distances: pd.DataFrame, column: str):
    """Article ids (first-seen order) and the condensed distance vector."""
    ids = list(dict.fromkeys([*distances["doc_a"], *distances["doc_b"]]))
    pos = {d: i for i, d in enumerate(ids)}
    n = len(ids)
    square = np.full((n, n), np.nan)
    i, j = (distances[side].map(pos).to_numpy(dtype=int) for side in ("doc_a", "doc_b"))
    values = distances[column].fillna(1.0).to_numpy(float)
    square[i, j] = square[j, i] = values
    np.fill_diagonal(square, 0.0)
    if np.isnan(square).any():
        raise ValueError("clustering needs every pair of articles; "
                         "compute article_distance without neighbors=")
    return ids, square[np.triu_indices(n, 1)]


def article_linkage(distances: pd.DataFrame, *, column: str = "combined",
                    method: str = "average") -> pd.DataFrame:
    """Agglomerative clustering of the articles on one distance column.

    Parameters
    ----------
    distances : DataFrame
        From :func:`article_distance` (every pair).
    column : str
        The distance to cluster on (``combined`` or a facet).
    method : str
        SciPy linkage method (default ``average``: UPGMA, valid for any distance).

    Returns
    -------
    DataFrame
        One row per merge: ``step`` (0-based), ``left``, ``right`` (doc_id of a
        leaf, or ``"cluster <id>"`` for an earlier merge), ``left_id``,
        ``right_id`` (SciPy node ids: leaves are 0..n-1 in first-seen order,
        merge ``s`` is node n + s), ``distance``, ``n_articles``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "combined": [0.1, 0.8, 0.9]})
    >>> article_linkage(d)[["left", "right", "distance"]].values.tolist()
    [['a', 'b', 0.1], ['c', 'cluster 3', 0.85]]
    """
    ids, condensed = _condensed(distances, column)
    if len(ids) < 2:
        return pd.DataFrame(columns=LINKAGE_COLUMNS)
    z = linkage(condensed, method=method)
    n = len(ids)

    def name(node):
        return ids[node] if node < n else f"cluster {node}"
    left, right = z[:, 0].astype(int), z[:, 1].astype(int)
    return pd.DataFrame({"step": np.arange(len(z)), "left": [name(x) for x in left],
                         "right": [name(x) for x in right], "left_id": left, "right_id": right,
                         "distance": np.round(z[:, 2], 6), "n_articles": z[:, 3].astype(int)})


def _default_k(heights: np.ndarray, n: int) -> int:
    """Clusters left when cutting at the largest gap between merge heights."""
    if n < 3:
        return 1
    gaps = np.diff(heights)
    if not gaps.size or gaps.max() <= 0:
        return 1
    return n - (int(np.argmax(gaps)) + 1)


def article_clusters(distances: pd.DataFrame, *, column: str = "combined", method: str = "average",
                     n_clusters: int | None = None) -> pd.DataFrame:
    """Families of articles: the linkage cut into ``n_clusters`` groups.

    By default the tree is cut at the largest gap between successive merge
    heights (the most clearly separated grouping; one group when all merges
    are equally high).

    Returns
    -------
    DataFrame
        ``doc_id``, ``cluster`` (1-based, numbered by first article),
        ``leaf_order`` (position in the dendrogram), ``n_clusters``.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "combined": [0.1, 0.8, 0.9]})
    >>> article_clusters(d)["cluster"].tolist()
    [1, 1, 2]
    """
    ids, condensed = _condensed(distances, column)
    if len(ids) < 2:
        return pd.DataFrame({"doc_id": ids, "cluster": 1, "leaf_order": 0, "n_clusters": 1})
    z = linkage(condensed, method=method)
    k = n_clusters or _default_k(z[:, 2], len(ids))
    raw = fcluster(z, k, criterion="maxclust")
    renumber = {c: i for i, c in enumerate(dict.fromkeys(raw), 1)}
    order = np.empty(len(ids), dtype=int)
    order[leaves_list(z)] = np.arange(len(ids))
    return pd.DataFrame({"doc_id": ids, "cluster": [renumber[c] for c in raw],
                         "leaf_order": order, "n_clusters": len(renumber)})
