"""NLTK tokenization that needs no downloaded NLTK data.

Three tokenizers, one job each:

* :func:`sentence_spans` splits a paragraph into sentences with Punkt, using
  our own parameters (the abbreviation list in ``data/abbreviations.txt``)
  rather than a trained pickle, so results do not depend on ``nltk_data``.
* :func:`tokenize` gives the rich, Treebank-style tokens of every sentence
  (``NLTKWordTokenizer``) with character offsets, for sentence-level work.
* :class:`Analyzer` is the fast analyzer for scikit-learn vectorizers: a
  regular expression word pattern, stop words and memoised Snowball stems.

Curly quotes and apostrophes are normalised one character for one character
(``men’s`` -> ``men's``), so offsets into the normalised text are offsets
into the raw text.

Examples
--------
>>> from analysis.tokens import Analyzer, sentence_spans
>>> text = "Dr. Lee, LCSW, agrees. Men aren’t taught to talk."
>>> [text[a:b] for a, b in sentence_spans(text)]
['Dr. Lee, LCSW, agrees.', 'Men aren’t taught to talk.']
>>> Analyzer()("Men aren’t taught to talk.")
['men', 'taught', 'talk']
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from . import config
from .datafiles import read_list

_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                            "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
_QUOTE_PAIRS = tuple((chr(c), s) for c, s in _QUOTE_MAP.items())
_WORD_RE = r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*"
_ALPHA_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_STEMMER = SnowballStemmer("english")
_TREEBANK = NLTKWordTokenizer()
# A quotation's attribution after the sentence it closes: "– Name" or "(Name)".
#: A title that may open an attribution's name ("– Dr. Ana Ruiz").
NAME_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Sr|Jr|St)\.\s*)?"
_ATTRIBUTION_RE = re.compile(r"^(?:[–—-]+\s*" + NAME_TITLE + r"[^\W\d_][^.!?]{0,60}|\([^()]{1,60}\))[.!?]?$")
# Initials before a name ("J.R. Lowe", "A. Kim"): Punkt may split after them.
_INITIALS_END_RE = re.compile(r"(?:^|[\s(])(?:[A-Z]\.){1,3}$")
# A dotted abbreviation ("a.m.", "U.S.", "J."): a lower-case word after it continues the sentence.
_DOTTED_END_RE = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.){1,4}$")
# "No." before a number ("No. 3") is an abbreviation; before a word, the word "no" ends a sentence.
_NUMBER_ABBREVIATION_RE = re.compile(r"(?:^|[\s(])(?:No|no|Nos|nos)\.$")
# A piece that cannot open a sentence: "”, try ..." or "he asked" after "?”".
_CONTINUATION_RE = re.compile(r"^[”’\"')\]]+\s*(?:[,;:]|[a-z])|^[,;:]")
_PAREN_ATTRIBUTION_RE = re.compile(r"\s*\([^()]{1,60}\)")
_QUOTE_END_RE = re.compile(r"[.!?…][”’\"']\s*$")
_QUESTION_END_RE = re.compile(r"[?!][”’\"')\]]*$")
#: Markdown emphasis markers ("**bold**", "__bold__", "*em*"), blanked before splitting.
_EMPHASIS_RE = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<![\w])_{2,3}(?=\S)|(?<=\S)_{2,3}(?![\w])")


_read_list = lru_cache(maxsize=16)(read_list)


def normalize_quotes(text: str) -> str:
    """Replace curly quotes and primes by straight ones, keeping the length."""
    if text.isascii():
        return text
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def lower_keep_length(text: str) -> str:
    """``text.lower()`` with one character for each character, so offsets carry over.

    A few capitals lower to two characters ("İ" to "i" and a combining dot);
    they become their first one.

    Examples
    --------
    >>> lower_keep_length("İstanbul Men"), len(lower_keep_length("İ")), len("İ".lower())
    ('istanbul men', 1, 2)
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


@lru_cache(maxsize=None)
def _punkt(abbreviations: tuple[str, ...]) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    tokenizer = PunktSentenceTokenizer()
    tokenizer._params = params
    return tokenizer


def default_abbreviations() -> tuple[str, ...]:
    """The abbreviations Punkt never splits after (``data/abbreviations.txt``)."""
    return _read_list(config.ABBREVIATIONS_PATH)


def sentence_spans(text: str, *, abbreviations=None) -> list[tuple[int, int]]:
    """Split one paragraph into sentence ``(start, end)`` spans.

    Markdown emphasis markers ("**Lead-in.** Then ...") are read as white
    space, so they neither hide a sentence end nor start the next sentence.
    Punkt runs with our own abbreviation list. Two repairs follow: a
    quotation's attribution ("– Name", "(Name)") is joined to the sentence it
    closes, and a split that leaves a sentence opening with a closing quote
    and comma, or with a lower-case word after a dotted abbreviation or an
    initial ("at 3 a.m. when") or after "?”", with a number after "No.",
    or that holds punctuation alone ('").' after a quoted question), is
    undone. Spans are trimmed of surrounding white space (and markers).

    Examples
    --------
    >>> t = "“It works.” – Jane Doe. It does."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['“It works.” – Jane Doe.', 'It does.']
    >>> t = "**Take a break.** Then talk."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Take a break.', 'Then talk.']
    >>> t = 'Do not mock him ("So you will not talk?"). Ask.'
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Do not mock him ("So you will not talk?").', 'Ask.']
    >>> t = "He texts at 3 a.m. when he cannot sleep. Then he stops."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['He texts at 3 a.m. when he cannot sleep.', 'Then he stops.']
    """
    text = _EMPHASIS_RE.sub(lambda m: " " * len(m.group()), text)
    abbrevs = tuple(abbreviations) if abbreviations is not None else default_abbreviations()
    spans: list[list[int]] = []
    for start, end in _punkt(abbrevs).span_tokenize(text):
        piece = text[start:end].strip()
        prev = text[spans[-1][0]:spans[-1][1]] if spans else ""
        paren = _PAREN_ATTRIBUTION_RE.match(text, start, end)
        if spans and paren and _QUOTE_END_RE.search(prev):
            spans[-1][1] = paren.end()  # "(Name)" closes the quotation before it
            if text[paren.end():end].strip():
                spans.append([paren.end(), end])
        elif spans and (
                (_ATTRIBUTION_RE.match(piece) and len(piece.split()) <= 8)
                or _CONTINUATION_RE.match(piece)
                or not any(ch.isalnum() for ch in piece)
                or (piece[:1].isdigit() and _NUMBER_ABBREVIATION_RE.search(prev))
                or (piece[:1].isupper() and _INITIALS_END_RE.search(prev) and len(prev.split()) > 1)
                or (piece[:1].islower() and (_DOTTED_END_RE.search(prev) or _QUESTION_END_RE.search(prev)))):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    """Treebank word spans of ``text`` (quotes normalised first)."""
    norm = normalize_quotes(text)
    try:
        return list(_TREEBANK.span_tokenize(norm))
    except ValueError:  # alignment can fail on exotic input; fall back to regex words
        return [m.span() for m in re.finditer(r"\w+|[^\w\s]", norm)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word (cached)."""
    return _STEMMER.stem(word)


def stop_words(extra=None, *, replace=False) -> frozenset[str]:
    """scikit-learn's English stop words plus ``data/stopwords.txt``.

    ``extra`` adds words; with ``replace=True`` it is the whole list.
    """
    if replace:
        return frozenset(w.lower() for w in (extra or ()))
    base = set(ENGLISH_STOP_WORDS) | set(_read_list(config.STOPWORDS_PATH))
    return frozenset(base | {w.lower() for w in (extra or ())})


def tokenize(corpus_or_sentences, *, stop=None) -> pd.DataFrame:
    """Treebank tokens of every sentence, one row per token.

    Parameters
    ----------
    corpus_or_sentences : Corpus or DataFrame
        A Corpus, or a table with ``doc_id``, ``sent_id``, ``start``, ``text``.
    stop : set of str, optional
        Stop words (default :func:`stop_words`).

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``token_id``, ``start``, ``end`` (offsets in
        the raw document), ``token`` (surface), ``lower`` (quotes normalised),
        ``stem``, ``is_alpha``, ``is_stop``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [10], "text": ["He’s quiet."]})
    >>> tokenize(s)["token"].tolist()
    ['He', '’s', 'quiet', '.']
    """
    sents = getattr(corpus_or_sentences, "sentences", corpus_or_sentences)
    stop = stop_words() if stop is None else stop
    rows = []
    for doc_id, sent_id, offset, text in sents[["doc_id", "sent_id", "start", "text"]].itertuples(index=False):
        for i, (a, b) in enumerate(word_spans(text)):
            surface = text[a:b]
            lower = normalize_quotes(surface).lower()
            alpha = bool(re.fullmatch(r"[^\W\d_]+(?:'[^\W\d_]+)*", lower))
            rows.append((doc_id, sent_id, i, offset + a, offset + b, surface, lower,
                         stem(lower) if alpha else lower, alpha, lower in stop))
    cols = ["doc_id", "sent_id", "token_id", "start", "end", "token", "lower", "stem", "is_alpha", "is_stop"]
    return pd.DataFrame(rows, columns=cols)


class _StemMemo(dict):
    """token -> stem, or "" when the token is dropped (filled on first sight)."""

    def __init__(self, analyzer):
        super().__init__()
        self.analyzer = analyzer

    def __missing__(self, token):
        a = self.analyzer
        keep = len(token) >= a.min_len and token not in a.stop
        value = (stem(token) if a.stem else token) if keep else ""
        self[token] = value
        return value


class Analyzer:
    """Fast analyzer for scikit-learn vectorizers: words -> stems.

    Lower-cases, normalises quotes, keeps alphabetic words (with inner
    apostrophes) of at least ``min_len`` letters that are not stop words,
    stems them with NLTK's Snowball stemmer and optionally adds n-grams of
    the stems. Words are found with a regular expression (the pattern an
    NLTK ``RegexpTokenizer`` would take, compiled once) and each distinct word
    is filtered and stemmed once, so the analyzer runs at the speed of
    scikit-learn's default one. It counts the surface words it sees, so
    :meth:`display` maps a stem back to a real word for figures and tables.

    Parameters
    ----------
    stop : iterable of str, optional
        Stop words; default :func:`stop_words`.
    stem : bool
        Stem words (default True).
    min_len : int
        Shortest word kept.
    ngram_range : tuple of int
        As in scikit-learn; n-grams join stems with a space.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> a = Analyzer()
    >>> v = CountVectorizer(analyzer=a).fit(["Men withdraw.", "He withdrew, withdrawing."])
    >>> sorted(v.vocabulary_)
    ['men', 'withdraw', 'withdrew']
    >>> a.display("withdraw")
    'withdraw'
    """

    def __init__(self, stop=None, *, stem=True, min_len=2, ngram_range=(1, 1)):
        self.stop = frozenset(stop) if stop is not None else stop_words()
        self.stem = stem
        self.min_len = min_len
        self.ngram_range = tuple(ngram_range)
        self._memo = _StemMemo(self)
        self._token_counts: Counter = Counter()

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_memo"] = dict(self._memo)
        return state

    def __setstate__(self, state):
        memo = state.pop("_memo")
        self.__dict__.update(state)
        self._memo = _StemMemo(self)
        self._memo.update(memo)

    def words(self, text: str) -> list[str]:
        """Lower-cased, quote-normalised words of ``text`` without stop words."""
        memo = self._memo
        return [w for w in _ALPHA_RE.findall(normalize_quotes(text).lower()) if memo[w]]

    def __call__(self, text: str) -> list[str]:
        tokens = _ALPHA_RE.findall(normalize_quotes(text).lower())
        self._token_counts.update(tokens)
        stems = [s for s in map(self._memo.__getitem__, tokens) if s]
        lo, hi = self.ngram_range
        if (lo, hi) == (1, 1):
            return stems
        grams = []
        for n in range(lo, hi + 1):
            grams.extend(" ".join(stems[i:i + n]) for i in range(len(stems) - n + 1))
        return grams

    @property
    def surface_counts_(self) -> Counter:
        """How often each ``(stem, surface word)`` pair has been seen."""
        pairs: Counter = Counter()
        for token, n in self._token_counts.items():
            value = self._memo[token]
            if value:
                pairs[(value, token)] += n
        return pairs

    def display(self, term: str) -> str:
        """The most frequent surface word of each stem in ``term`` (ties: alphabetical)."""
        return " ".join(self.display_map().get(s, s) for s in term.split(" "))

    def display_map(self) -> dict[str, str]:
        """Map every stem seen so far to its most frequent surface word."""
        best: dict[str, tuple[int, str]] = {}
        for (st, word), n in self.surface_counts_.items():
            cur = best.get(st)
            if cur is None or n > cur[0] or (n == cur[0] and word < cur[1]):
                best[st] = (n, word)
        return {st: word for st, (n, word) in best.items()}


def make_vectorizer(kind: str = "count", *, analyzer=None, **kwargs):
    """A ``CountVectorizer`` or ``TfidfVectorizer`` using an :class:`Analyzer`.

    Extra keywords go to the scikit-learn class (``min_df``, ``max_df``, ...).

    Examples
    --------
    >>> v = make_vectorizer("tfidf", min_df=1)
    >>> v.fit_transform(["Men are quiet.", "Men withdraw."]).shape
    (2, 3)
    """
    cls = {"count": CountVectorizer, "tfidf": TfidfVectorizer}[kind]
    return cls(analyzer=analyzer or Analyzer(), **kwargs)
