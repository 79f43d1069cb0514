"""Topic models of paragraphs (or sentences, or sentence windows).

With five articles a document-level topic model is meaningless, so the unit
is the paragraph. NMF and LDA are both available, every fit is reproducible
(``random_state``) and cached on the corpus, the number of topics comes from
a documented rule over coherence, diversity and stability
(:func:`choose_k`), and stability across seeds is reported, not hidden.

* :func:`fit_topics` -> :class:`TopicModel` (terms, doc_topics, prevalence, labels)
* :func:`select_k`, :func:`choose_k`, :func:`seed_stability`
* :func:`npmi_coherence`, :func:`umass_coherence`, :func:`topic_diversity`,
  :func:`stability`, :func:`match_topics`
* :func:`representative_units`, :func:`topic_position`, :func:`topic_table`

Examples
--------
>>> from analysis import load_corpus
>>> from analysis.topics import fit_topics, representative_units
>>> model = fit_topics(load_corpus(), 4, method="nmf")
>>> model.k, model.unit
(4, 'paragraph')
>>> representative_units(model, 0, n=1).columns.tolist()
['topic', 'rank', 'unit_id', 'doc_id', 'start', 'end', 'weight', 'n_tokens', 'text']
"""
from .model import (TopicModel, fit_topics, frex, representative_units, topic_position,
                    topic_table)
from .quality import (match_components, match_topics, npmi_coherence, stability,
                      topic_diversity, umass_coherence)
from .selection import choose_k, seed_stability, select_k
from .units import topic_units, unit_matrix

__all__ = ["TopicModel", "choose_k", "fit_topics", "frex", "match_components", "match_topics",
           "npmi_coherence", "representative_units", "seed_stability", "select_k", "stability",
           "topic_diversity", "topic_position", "topic_table", "topic_units", "umass_coherence",
           "unit_matrix"]
