"""Read the claim patterns and the normalisation lexicon from ``analysis/data/``.

Both files are CSV with a header; lines starting with ``#`` are comments.
A bad line raises :class:`ValueError` naming the file and the line number.

Examples
--------
>>> rules = claim_patterns()
>>> sorted({kind for kind, _ in rules})
['advice', 'boilerplate', 'causal', 'generalisation']
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import config
from ..datafiles import read_list, read_table

CLAIM_TYPES = ("advice", "causal", "generalisation", "other")
PATTERNS_PATH = config.CLAIM_PATTERNS_PATH
IMPERATIVES_PATH = config.CLAIM_IMPERATIVES_PATH
LEXICON_PATH = config.CLAIM_LEXICON_PATH


def _compile(path, number, pattern):
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{path}:{number}: bad regular expression ({exc})") from None


@lru_cache(maxsize=4)
def imperative_verbs(path=IMPERATIVES_PATH) -> tuple[str, ...]:
    """The verbs that open an instruction (``data/claim_imperatives.txt``)."""
    return tuple(sorted({w.lower() for w in read_list(path)}))


@lru_cache(maxsize=4)
def claim_patterns(path=PATTERNS_PATH,
                   imperatives=IMPERATIVES_PATH) -> tuple[tuple[str, re.Pattern], ...]:
    """``(claim_type, compiled pattern)`` pairs, in file order.

    ``{IMPERATIVE}`` in a pattern is replaced by the alternation of
    :func:`imperative_verbs`.
    """
    verbs = "(?:" + "|".join(re.escape(v) for v in imperative_verbs(imperatives)) + ")"
    out = []
    for number, row in read_table(path, ("claim_type", "pattern")):
        kind = row["claim_type"].strip()
        if kind not in {"boilerplate", *CLAIM_TYPES}:
            raise ValueError(f"{path}:{number}: unknown claim_type {kind!r}")
        out.append((kind, _compile(path, number, row["pattern"].replace("{IMPERATIVE}", verbs))))
    return tuple(out)


@lru_cache(maxsize=4)
def normalisation_lexicon(path=LEXICON_PATH) -> tuple[tuple[str, re.Pattern], ...]:
    """``(token, compiled pattern)`` pairs of ``data/claim_lexicon.csv``, in file order.

    Tokens ``NEG``, ``MALE``, ``FEMALE`` and ``READER`` replace their match
    (negation and generic subjects); ``C_*`` concept tokens are added next
    to it.
    """
    out = []
    for number, row in read_table(path, ("token", "pattern")):
        token = row["token"].strip()
        if not re.fullmatch(r"[A-Z][A-Z_]*", token):
            raise ValueError(f"{path}:{number}: token must be upper case, got {token!r}")
        out.append((token, _compile(path, number, row["pattern"])))
    return tuple(out)
