"""Framing: code every sentence with a codebook, measure stance, compare articles.

``load_codebook`` reads the codebook (CSV or quanteda-style YAML);
``detect_codes`` codes every sentence with its evidence (the cue rules and, by
default, the per-code classifiers of ``fit_code_model``; ``model="rules"``
for the rules alone), ``detect_stance``
measures how each sentence speaks; ``frame_table``, ``dominant_frames``,
``frame_distance``, ``frame_clusters``, ``stance_table``, ``frame_positions``
and ``distinctive_terms`` summarise and compare the articles.

Examples
--------
>>> from analysis import Corpus
>>> from analysis.framing import detect_codes
>>> detect_codes(Corpus.from_texts({"a": "Don't push him."}))["code"].tolist()
['remedy.patience_space']
"""
from .codebook import CodebookError, load_codebook, load_lexicons
from .detect import code_examples, code_matrix, detect_codes, detect_cues
from .learn import CodeModel, fit_code_model
from .profiles import (dominant_frames, frame_clusters, frame_distance, frame_positions,
                       frame_table, stance_table)
from .stance import detect_stance
from .terms import distinctive_terms

__all__ = ["CodeModel", "CodebookError", "code_examples", "code_matrix", "detect_codes", "detect_cues",
           "detect_stance", "distinctive_terms", "dominant_frames", "fit_code_model", "frame_clusters",
           "frame_distance", "frame_positions", "frame_table", "load_codebook", "load_lexicons",
           "stance_table"]
