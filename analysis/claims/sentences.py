"""Claim sentences and their normalised terms.

:func:`detect_claims` keeps the sentences that assert something and gives
each a ``claim_type`` (advice, causal, generalisation, other) from the
patterns in ``data/claim_patterns.csv``. :func:`claim_terms` turns a
sentence into the normalised terms that the claim vectors are built from:
generic subjects become ``MALE``/``FEMALE``/``READER``, a negation marks the
word after it (``NEG_push``), and concept tokens (``C_WITHDRAW``) from
``data/claim_lexicon.csv`` are added, so that paraphrases in different
words share terms.

Examples
--------
>>> claim_terms("Men don't withdraw.")
['MALE', 'NEG_withdraw', 'withdraw', 'C_WITHDRAW']
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..tokens import normalize_quotes, stem, stop_words
from .lexicon import claim_patterns, normalisation_lexicon

CLAIM_COLUMNS = ["doc_id", "sent_id", "start", "end", "claim_type", "text"]
_REPLACED = ("NEG", "MALE", "FEMALE", "READER")
_LABEL_RE = re.compile(r"^[\w'’“”\"()-]+(?:[ ,&/]+[\w'’“”\"()-]+){0,8}:\s+(?=\S)")
_TERM_RE = re.compile(r"[A-Z][A-Z_]+|[a-z]+(?:'[a-z]+)*")
_QUESTION_RE = re.compile(r"\?[\"')\]]*\s*(?:[-–—(].{0,60})?$")
_MIN_WORDS = 3
#: A quotation between straight quotes (curly ones are straightened first).
_QUOTED_RE = re.compile(r'"([^"]+)"')
#: Auxiliaries left when "n't" is split off ("does", "ca", "wo"), dropped like stop words.
_AUXILIARIES = frozenset({"does", "ca", "wo", "sha", "ai", "did", "do", "had", "has", "have", "was", "were"})


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset:
    from ..sources.lexicon import load_lexicon
    return frozenset(v.lower() for v in load_lexicon().verbs)


def claim_content(text: str) -> str:
    """What a sentence claims, without who is quoted saying it.

    A sentence that quotes someone (a quotation of three words or more, and
    a reporting verb outside it: "says", "explains", ...) is represented by
    the quotation alone, so that two articles quoting the same expert on
    different things do not share a claim through the attribution. Any
    other sentence is returned as it is.

    Examples
    --------
    >>> claim_content('"Men go quiet to think," says Dr. Jo Roe, a family therapist.')
    'Men go quiet to think,'
    >>> claim_content('Men go quiet to think, and "space" helps.')
    'Men go quiet to think, and "space" helps.'
    """
    quoted = [m.group(1) for m in _QUOTED_RE.finditer(normalize_quotes(text))]
    quoted = [q for q in quoted if len(q.split()) >= _MIN_WORDS]
    if not quoted:
        return text
    outside = _QUOTED_RE.sub(" ", normalize_quotes(text)).lower()
    if not _reporting_verbs() & set(re.findall(r"[a-z]+", outside)):
        return text
    return " ".join(q.strip() for q in quoted)


def strip_label(text: str) -> str:
    """Drop a leading run-in label ("Stay Curious: Ask him ...")."""
    return _LABEL_RE.sub("", text, count=1)


def looks_like_heading(text: str) -> bool:
    """A short title-case line without end punctuation ("Let Him Have His Space").

    Examples
    --------
    >>> looks_like_heading("Let Him Have His Space"), looks_like_heading("Let him have his space.")
    (True, False)
    """
    words = text.strip().split()
    if not words or len(words) > 10 or text.rstrip()[-1] in ".!?:;\"'”’)":
        return False
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def claim_type(text: str) -> str | None:
    """The claim type of one sentence, or None when it is not a claim.

    Questions, boilerplate and fragments of fewer than three words that are
    not advice are not claims.

    Examples
    --------
    >>> claim_type("Give him time."), claim_type("Men are taught to hide it.")
    ('advice', 'generalisation')
    >>> claim_type("Why do men hide?") is None
    True
    """
    low = normalize_quotes(strip_label(text)).lower().strip(" \"'")
    if not low or _QUESTION_RE.search(low) or looks_like_heading(strip_label(text)):
        return None
    if any(kind == "boilerplate" and p.search(low) for kind, p in claim_patterns()):
        return None
    found = _first_type(low)
    if found is None and len(low.split()) < _MIN_WORDS:
        return None
    return found or "other"


def _first_type(low: str) -> str | None:
    for wanted in ("advice", "causal", "generalisation"):
        if any(kind == wanted and p.search(low) for kind, p in claim_patterns()):
            return wanted
    return None


def detect_claims(corpus) -> pd.DataFrame:
    """The claim sentences of a corpus, with their ``claim_type``.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end``, ``claim_type`` (advice,
        causal, generalisation or other), ``text``; headings, questions and
        boilerplate are left out. Rows in corpus order.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Why me? Men are often quiet. Be patient."})
    >>> detect_claims(c)["claim_type"].tolist()
    ['generalisation', 'advice']
    """
    return corpus.cached(("detect_claims",), lambda: _detect(corpus)).copy()


def _detect(corpus) -> pd.DataFrame:
    sents = corpus.sentences.loc[~corpus.sentences["is_heading"].astype(bool)]
    types = sents["text"].map(claim_type)
    out = sents.assign(claim_type=types).loc[types.notna(), CLAIM_COLUMNS]
    return out.reset_index(drop=True)


def claim_terms(text: str, *, concepts: bool = True) -> list[str]:
    """Normalised terms of a sentence (see the module docstring).

    Parameters
    ----------
    text : str
        One sentence.
    concepts : bool
        Add the ``C_*`` concept tokens (default True).

    Examples
    --------
    >>> claim_terms("Your partner is not to blame.", concepts=False)
    ['MALE', 'NEG_blame', 'blame']
    """
    low = normalize_quotes(text).lower()
    lexicon = normalisation_lexicon()
    found = [tok for tok, p in lexicon if concepts and tok not in _REPLACED and p.search(low)]
    for tok, pattern in lexicon:
        if tok in _REPLACED:
            low = pattern.sub(f" {tok} ", low)
    stop = _stop()
    terms, negate = [], False
    for word in _TERM_RE.findall(low):
        if word == "NEG":
            negate = True
            continue
        if not word.isupper() and (word in stop or word in _AUXILIARIES or len(word) < 3):
            continue
        term = word if word.isupper() else stem(word)
        if negate:
            terms.append("NEG_" + term)
            negate = False
        terms.append(term)
    return terms + list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    return stop_words()
