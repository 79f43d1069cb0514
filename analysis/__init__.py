"""Text analysis of popular advice articles.

Load a corpus, then detect topics, framing, repeated claims and cited sources;
every step returns a tidy pandas DataFrame.

Examples
--------
>>> import analysis
>>> corpus = analysis.load_corpus(analysis.config.SEEDS_DIR)
>>> corpus.documents.columns[:3].tolist()
['doc_id', 'path', 'title']
"""
from . import config
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .tokens import Analyzer, make_vectorizer, tokenize

__all__ = ["config", "Corpus", "CorpusError", "CorpusWarning", "load_corpus",
           "Analyzer", "make_vectorizer", "tokenize"]
__version__ = "0.1.0"
