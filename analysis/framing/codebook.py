"""The framing codebook and the stance lexicons, read from data files.

A codebook has one entry per code: ``code``, ``function`` (problem, cause,
evaluation, remedy), ``scope``, ``requires``, ``definition``, ``cues`` and
``patterns``. Cue syntax, one cue per ``;``:

* words, lower case, with ``*`` as a wildcard inside a word (``withdraw*``);
* phrases of several words (``pull* away``); a lone ``*`` stands for any one word;
* ``NOT`` stands for any negator (``NOT judg*`` matches "don't judge",
  "without judging"); a cue holding ``NOT`` is never negated again;
* ``@name`` stands for any term of the lexicon ``name`` (``@man``);
* a cue ending in ``!`` names the thing itself (``silence!``): it counts
  whatever negator or person stands near it ("don't mistake the silence for
  an answer" still speaks of his silence).

A pattern joins two or more cue groups with ``+``; alternatives inside a
group are separated by ``|``. The pattern fires when every group matches the
same sentence (``afraid|scared + @man``). A group holding a ``NOT`` or ``!``
cue is not checked for negation (``NOT + verdict! + you!``: "it is no
verdict on you").

Cue words that are verb bases also match their irregular past forms
(``feel*`` matches "felt", see :func:`analysis.framing.matching.irregular_forms`).

``scope`` says who a cue must be about: ``man`` (not the reader), ``reader``
(not the man) or ``any``. ``requires`` is empty or ``directive``: the
sentence must tell the reader what to do (imperative, obligation, a need of
his, a recommendation).

Examples
--------
>>> book = load_codebook()
>>> book.loc[0, ["code", "function"]].tolist()
['problem.withdrawal', 'problem']
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import config
from ..datafiles import read_csv

COLUMNS = ["code", "function", "scope", "requires", "definition", "cues", "patterns"]
REQUIRED = ["code", "function"]
FUNCTIONS = ("problem", "cause", "evaluation", "remedy")
SCOPES = ("any", "man", "reader")
REQUIRES = ("", "directive")
_TOKEN_RE = re.compile(r"^(?:NOT|\*|@[a-z_]+|[a-z0-9'*]+)$")
_FIXED = "!"
_FUNCTION_ALIASES = {"eval": "evaluation", "evaluation": "evaluation", "problem": "problem",
                     "cause": "cause", "remedy": "remedy", "treatment": "remedy"}


class CodebookError(ValueError):
    """A codebook or lexicon file that cannot be used; the message names file and line."""


def lexicons_path() -> Path:
    """The stance and scope lexicon file (``config.FRAMING_LEXICONS_PATH``)."""
    return config.FRAMING_LEXICONS_PATH


def load_lexicons(path=None) -> dict[str, tuple[str, ...]]:
    """Read the lexicons (CSV ``lexicon,term``) into ``{name: terms}``.

    Examples
    --------
    >>> "should" in load_lexicons()["obligation"]
    True
    """
    path = Path(path or lexicons_path())
    out: dict[str, list[str]] = {}
    columns = ["lexicon", "term"]
    for line, row in read_csv(path, required=columns, allowed=columns, comments=True, error=CodebookError):
        if not (row["lexicon"] or "").strip() or not (row["term"] or "").strip():
            raise CodebookError(f"{path}:{line}: expected 'lexicon,term', got {list(row.values())}")
        term = row["term"].strip().lower()
        _check_cue(term, path, line, lexicons=None)
        out.setdefault(row["lexicon"].strip(), []).append(term)
    return {k: tuple(v) for k, v in out.items()}


def _check_cue(cue: str, path, line, *, lexicons) -> None:
    words = cue[:-1].split() if cue.endswith(_FIXED) else cue.split()
    if not words:
        raise CodebookError(f"{path}:{line}: empty cue")
    for word in words:
        if not _TOKEN_RE.match(word) or "**" in word or (word.startswith("@") and lexicons is None):
            raise CodebookError(f"{path}:{line}: invalid cue {cue!r} (bad word {word!r})")
        if word.startswith("@") and word[1:] not in lexicons:
            raise CodebookError(f"{path}:{line}: cue {cue!r} names unknown lexicon {word!r}; "
                                f"known: {sorted(lexicons)}")
    if all(w == "*" for w in words):
        raise CodebookError(f"{path}:{line}: cue {cue!r} matches any word")


def _split(text: str, sep: str, path=None, line=None) -> list[str]:
    """The ``sep``-separated parts of ``text``; with ``path``, an empty part between two others is an error."""
    parts = [part.strip() for part in (text or "").split(sep)]
    while parts and not parts[-1]:
        parts.pop()
    if path is not None and any(not p for p in parts):
        raise CodebookError(f"{path}:{line}: empty cue in {text.strip()!r} (two {sep!r} in a row)")
    return [p for p in parts if p]


def _parse_entry(raw: dict, path, line, lexicons) -> dict:
    code = (raw.get("code") or "").strip()
    if not code:
        raise CodebookError(f"{path}:{line}: empty code")
    function = _FUNCTION_ALIASES.get((raw.get("function") or "").strip().lower())
    if function is None:
        raise CodebookError(f"{path}:{line}: code {code!r} has function {raw.get('function')!r}; "
                            f"expected one of {FUNCTIONS}")
    scope = (raw.get("scope") or "any").strip() or "any"
    requires = (raw.get("requires") or "").strip()
    if scope not in SCOPES:
        raise CodebookError(f"{path}:{line}: code {code!r} has scope {scope!r}; expected one of {SCOPES}")
    if requires not in REQUIRES:
        raise CodebookError(f"{path}:{line}: code {code!r} requires {requires!r}; expected '' or 'directive'")
    cues = _split(raw.get("cues"), ";", path, line)
    patterns = []
    for text in _split(raw.get("patterns"), ";", path, line):
        groups = [_split(group, "|", path, line) for group in text.split("+")]
        if len(groups) < 2 or any(not g for g in groups):
            raise CodebookError(f"{path}:{line}: invalid pattern {text!r}: needs two or more "
                                "non-empty groups joined by '+'")
        patterns.append(tuple(tuple(g) for g in groups))
    if not cues and not patterns:
        raise CodebookError(f"{path}:{line}: code {code!r} has no cues and no patterns")
    for cue in cues + [c for p in patterns for g in p for c in g]:
        _check_cue(cue.lower() if "NOT" not in cue else cue, path, line, lexicons=lexicons)
    return {"code": code, "function": function, "scope": scope, "requires": requires,
            "definition": (raw.get("definition") or "").strip(),
            "cues": tuple(c if "NOT" in c else c.lower() for c in cues), "patterns": tuple(patterns)}


def _read_csv(path: Path) -> list[tuple[int, dict]]:
    return read_csv(path, required=REQUIRED, allowed=COLUMNS, comments=True, error=CodebookError)


def load_codebook(path=None, *, lexicons=None) -> pd.DataFrame:
    """Read and validate a codebook: CSV (default) or quanteda-style YAML dictionary.

    Parameters
    ----------
    path : str or Path, optional
        ``.csv`` with the columns in :data:`COLUMNS`, or ``.yml``/``.yaml``
        (see :func:`analysis.framing.yamldict.read_yaml_dictionary`).
        Default ``config.CODEBOOK_PATH``.
    lexicons : dict, optional
        Lexicons ``@name`` may refer to (default :func:`load_lexicons`).

    Returns
    -------
    DataFrame
        ``code``, ``function``, ``scope``, ``requires``, ``definition``,
        ``cues`` (tuple of str), ``patterns`` (tuple of groups of alternatives).

    Raises
    ------
    CodebookError
        Unknown columns, empty cues, invalid cues or patterns, unknown
        functions or duplicate codes, naming the file and line.

    Examples
    --------
    >>> len(load_codebook())
    14
    """
    from .yamldict import read_yaml_dictionary

    path = Path(path or config.CODEBOOK_PATH)
    lexicons = load_lexicons() if lexicons is None else lexicons
    if path.suffix.lower() in (".yml", ".yaml"):
        rows = read_yaml_dictionary(path)
    else:
        rows = _read_csv(path)
    entries, seen = [], {}
    for line, raw in rows:
        entry = _parse_entry(raw, path, line, lexicons)
        if entry["code"] in seen:
            raise CodebookError(f"{path}:{line}: code {entry['code']!r} already defined "
                                f"on line {seen[entry['code']]}")
        seen[entry["code"]] = line
        entries.append(entry)
    if not entries:
        raise CodebookError(f"{path}:1: the codebook has no codes")
    return pd.DataFrame(entries, columns=COLUMNS)
