"""Repeated claims: which claims several articles make, in any wording.

* :func:`detect_claims`: claim sentences with a ``claim_type``;
* :func:`detect_repeated_claims`: claims made in two or more documents;
* :func:`claim_table` and :func:`claim_matrix`: the claim ledger;
* :func:`repeated_phrases`: phrases repeated within one article.

Examples
--------
>>> from analysis import load_corpus
>>> from analysis.claims import detect_repeated_claims, claim_table
>>> claims = detect_repeated_claims(load_corpus())
>>> claim_table(claims).columns[:3].tolist()
['claim_id', 'label', 'n_docs']
"""
from .ledger import claim_matrix, claim_table
from .phrases import repeated_phrases
from .repeated import DEFAULT_THRESHOLD, detect_repeated_claims
from .sentences import claim_terms, claim_type, detect_claims
from .vectors import claim_vectors, top_k_neighbours

__all__ = ["DEFAULT_THRESHOLD", "claim_matrix", "claim_table", "claim_terms", "claim_type",
           "claim_vectors", "detect_claims", "detect_repeated_claims", "repeated_phrases",
           "top_k_neighbours"]
