"""Article profiles and distances that combine every facet of the analysis.

Each facet comes from its own layer (topics, framing, claims, sources,
overview) and is cached on the corpus; a facet whose layer is not installed
is simply absent.

* :func:`article_profiles`: one row per article (length, dominant topics,
  dominant cause and remedy, stance, repeated claims, sources, distinctive terms);
* :func:`article_distance`: per-facet and combined distances between articles;
* :func:`article_linkage`, :func:`article_clusters`: the dendrogram and the families;
* :func:`facet_spread`: which codes, topics, claims and sources the articles share;
* :func:`profile_card_table`, :func:`facet_overview`: the tables behind the figures;
* :func:`detector_validation`: the headline validation figures of each detector.

Examples
--------
>>> from analysis import Corpus
>>> from analysis.compare import article_profiles, article_distance, article_clusters
>>> c = Corpus.from_texts({"a": "Men hide. Be patient.", "b": "Men hide. Wait.", "c": "Call a therapist."})
>>> article_profiles(c)["doc_id"].tolist()
['a', 'b', 'c']
>>> article_clusters(article_distance(c))["doc_id"].tolist()
['a', 'b', 'c']
"""
from .cards import facet_overview, facet_spread, profile_card_table
from .clusters import article_clusters, article_linkage
from .distance import DEFAULT_WEIGHTS, article_distance, distances_from_matrices, facet_matrices
from .profiles import FACETS, article_profiles, facet_table
from .validation import detector_validation

__all__ = ["DEFAULT_WEIGHTS", "FACETS", "article_clusters", "article_distance", "article_linkage",
           "distances_from_matrices",
           "article_profiles", "detector_validation", "facet_matrices", "facet_overview", "facet_spread",
           "facet_table",
           "profile_card_table"]
