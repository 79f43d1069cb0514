"""Cited sources: who each article leans on, in what role, and how.

:func:`detect_sources` finds named people, organisations, publications and
studies, and anonymous appeals to authority ("experts say", "studies show",
"it is common knowledge"), one row per mention. The tables summarise them
per article (:func:`source_table`, :func:`authority_mix`), across articles
(:func:`shared_sources`, :func:`article_source_matrix`, :func:`role_table`)
and per sentence (:func:`sentence_support`).

Examples
--------
>>> from analysis import load_corpus
>>> from analysis.sources import detect_sources, source_table
>>> mentions = detect_sources(load_corpus())
>>> list(mentions.columns)
['doc_id', 'sent_id', 'start', 'end', 'surface', 'source', 'kind', 'role', 'attribution']
"""
from .detect import detect_sources, name_key, quote_spans, source_key
from .tables import (article_source_matrix, authority_mix, role_table, sentence_support,
                     shared_sources, source_table)

__all__ = ["detect_sources", "name_key", "quote_spans", "source_key", "source_table", "shared_sources",
           "authority_mix", "article_source_matrix", "role_table", "sentence_support"]
