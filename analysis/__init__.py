"""Text analysis of popular advice articles.

Load a corpus, then describe it (``overview``), topic-model it (``topics``),
and detect framing (``framing``), repeated claims (``claims``) and cited
sources (``sources``); ``compare`` combines them per article and
``validate`` measures each detector against hand coding. Every step returns
a tidy pandas DataFrame; ``plots`` draws them and ``figures`` writes them.

Examples
--------
>>> import analysis
>>> corpus = analysis.load_corpus(analysis.config.SEEDS_DIR)
>>> corpus.documents.columns[:3].tolist()
['doc_id', 'path', 'title']
"""
from . import claims, compare, config, framing, overview, sources, topics, validate
from .claims import detect_claims, detect_repeated_claims
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .framing import detect_codes, detect_stance, load_codebook
from .sources import detect_sources
from .tokens import Analyzer, make_vectorizer, tokenize
from .topics import fit_topics, select_k

__all__ = ["config", "Corpus", "CorpusError", "CorpusWarning", "load_corpus",
           "Analyzer", "make_vectorizer", "tokenize", "overview", "topics", "fit_topics",
           "select_k", "framing", "detect_codes", "detect_stance", "load_codebook", "claims",
           "detect_claims", "detect_repeated_claims", "sources", "detect_sources", "compare",
           "validate"]
__version__ = "0.1.0"
