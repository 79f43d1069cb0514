"""Cited sources: who each article leans on, in what role, and how.

:func:`detect_sources` finds named people, organisations, publications and
studies, and anonymous appeals to authority ("experts say", "studies show",
"it is common knowledge"), one row per mention. The tables summarise them
per article and across articles.

Examples
--------
>>> from analysis import load_corpus
>>> from analysis.sources import detect_sources, source_table
>>> mentions = detect_sources(load_corpus())
>>> list(mentions.columns)
['doc_id', 'sent_id', 'start', 'end', 'surface', 'source', 'kind', 'role', 'attribution']
"""
from .detect import detect_sources, name_key, quote_spans

__all__ = ["detect_sources", "name_key", "quote_spans"]
