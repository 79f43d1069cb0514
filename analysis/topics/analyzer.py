"""A faster drop-in for :class:`analysis.tokens.Analyzer` (same tokens, same stems).

:class:`Analyzer` filters and stems word by word in Python and records
every (stem, word) pair per call; on paragraph units that is several times
slower than scikit-learn's default analyzer. :class:`MemoAnalyzer` gives the
same output with C-level steps on the common path:

1. a simpler regular expression, ``\\w+(?:['.,]\\w+)*`` (``regex``
   engine, as in NLTK), finds candidate tokens; a candidate that is one
   word of :class:`Analyzer`'s pattern is exactly what it finds there;
2. a memo maps each distinct candidate to its stem, or to "" when it is a
   stop word or too short; any other candidate (digits, underscores,
   ``3.5``, ``end.Next``) is split by :class:`Analyzer` itself, once, and
   memoised too;
3. surface words are counted with ``Counter.update`` on the candidates,
   and :meth:`display_map` maps them through the memo.

Examples
--------
>>> from analysis.tokens import Analyzer
>>> text = "He’s withdrawn; 3.5 hours, e.g. at work_place. Men’s silence."
>>> MemoAnalyzer()(text) == Analyzer()(text)
True
"""
from __future__ import annotations

import re
from collections import Counter

import regex

from ..tokens import _QUOTE_MAP, Analyzer, stem

# The ``regex`` engine, as NLTK's ``RegexpTokenizer`` uses, so that ``\w`` means the same.
_CANDIDATE_RE = regex.compile(r"\w+(?:['.,]\w+)*")
# On ASCII text both engines agree, and ``re`` is faster.
_ASCII_CANDIDATE_RE = re.compile(r"\w+(?:['.,]\w+)*")
_SIMPLE_RE = regex.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_REPLACEMENTS = tuple((chr(a), b) for a, b in _QUOTE_MAP.items())


def _straight_quotes(text: str) -> str:
    """``normalize_quotes`` by chained ``str.replace`` (faster than ``translate`` with a dict)."""
    if text.isascii():
        return text
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


class _Memo(dict):
    """token -> stem ("" when dropped); tokens needing a real split -> tuple of stems."""

    def __init__(self, owner):
        super().__init__()
        self.owner = owner

    def __missing__(self, token):
        if _SIMPLE_RE.fullmatch(token):
            ok = len(token) >= self.owner.min_len and token not in self.owner.stop
            value = (stem(token) if self.owner.stem else token) if ok else ""
        else:
            words = Analyzer.words(self.owner, token)
            value = tuple(stem(w) if self.owner.stem else w for w in words)
            self.owner._complex.add(token)
        self[token] = value
        return value


class MemoAnalyzer(Analyzer):
    """:class:`analysis.tokens.Analyzer` with memoised filtering and stemming.

    Same parameters and output; n-grams (``ngram_range`` other than (1, 1))
    use the parent's code path.
    """

    def __init__(self, stop=None, *, stem=True, min_len=2, ngram_range=(1, 1)):
        super().__init__(stop, stem=stem, min_len=min_len, ngram_range=ngram_range)
        self._memo = _Memo(self)
        self._complex: set[str] = set()
        self._token_counts: Counter = Counter()

    def __call__(self, text: str) -> list[str]:
        if self.ngram_range != (1, 1):
            return super().__call__(text)
        low = _straight_quotes(text).lower()
        tokens = (_ASCII_CANDIDATE_RE if low.isascii() else _CANDIDATE_RE).findall(low)
        self._token_counts.update(tokens)
        stems = list(map(self._memo.__getitem__, tokens))
        if self._complex.isdisjoint(tokens):
            return list(filter(None, stems))
        out = []
        for value in stems:
            if isinstance(value, tuple):
                out.extend(value)
            elif value:
                out.append(value)
        return out

    def display_map(self) -> dict[str, str]:
        """Map every stem seen so far to its most frequent surface word (ties: alphabetical)."""
        pairs: Counter = Counter(self.surface_counts_)
        for token, n in self._token_counts.items():
            value = self._memo.get(token, "")
            if isinstance(value, tuple):
                words = Analyzer.words(self, token)
                for st, word in zip(value, words):
                    pairs[(st, word)] += n
            elif value:
                pairs[(value, token)] += n
        best: dict[str, tuple[int, str]] = {}
        for (st, word), n in pairs.items():
            cur = best.get(st)
            if cur is None or n > cur[0] or (n == cur[0] and word < cur[1]):
                best[st] = (n, word)
        return {st: word for st, (n, word) in best.items()}
