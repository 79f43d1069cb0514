"""Framing: code every sentence with a codebook, measure stance, compare articles.

Examples
--------
>>> from analysis import Corpus
>>> from analysis.framing import detect_codes
>>> detect_codes(Corpus.from_texts({"a": "Don't push him."}))["code"].tolist()
['remedy.patience_space']
"""
from .codebook import CodebookError, load_codebook, load_lexicons
from .detect import code_matrix, detect_codes, detect_cues
from .stance import detect_stance

__all__ = ["CodebookError", "code_matrix", "detect_codes", "detect_cues", "detect_stance",
           "load_codebook", "load_lexicons"]
