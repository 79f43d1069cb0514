"""The word lists and patterns of the cited-sources layer, read from data files.

Every list lives in ``config.SOURCES_LEXICON_DIR``: reporting verbs, role
nouns, titles, post-nominals, organisation/publication/study cue words,
non-person capitalised words, example-person cues and the anonymous-appeal
patterns. :func:`load_lexicon` reads them once and compiles the regular
expressions the detector uses.

Examples
--------
>>> lex = load_lexicon()
>>> "says" in lex.verbs
True
>>> lex.cue_kind("University")
'organization'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import config, datafiles
from ..datafiles import read_list

#: Upper- and lower-case letters, accented Latin included.
UP = "A-ZÀ-ÖØ-ÞĀ-ž"
LO = "a-zß-öø-ÿĀ-ž"
#: One capitalised name word: inner capitals, apostrophes and hyphens allowed
#: ("McAdams", "O'Neil", "Smith-Jones", "WebMD"), or an acronym ("APA"); never a final
#: possessive "'s"; it ends where the word ends ("PhD's" is not the name "Ph").
WORD = (rf"(?:[{UP}]{{2,6}}(?![\w'’-])|[{UP}](?:[{LO}]|['’](?=[{UP}])|[{UP}](?=[{LO}]))*"
        rf"(?:-[{UP}]?[{LO}]+(?:[{UP}][{LO}]+)*)*(?:[{UP}]{{1,4}}(?![\w'’-]))?(?!\w))")
INITIAL = rf"[{UP}]\.(?:\s?[{UP}]\.)*"
PARTICLE = r"(?:de|da|del|della|der|den|di|du|van|von|la|le|bin|ibn|al|st\.)"
#: A run of capitalised words (with initials and name particles between them).
NAME_RUN = rf"(?:{INITIAL}|{WORD})(?:\s+(?:{PARTICLE}\s+)*(?:{INITIAL}|{WORD}))*"
#: A title of an organisation, publication or work: capitalised words that may
#: be joined by short function words ("Institute for Family Studies").
TITLE_RUN = (rf"(?:[{UP}][\w'’.&-]*|\d+)(?:\s+(?:(?:of|for|the|and|&|on|in|at|to|a)\s+)*"
             rf"(?:[{UP}][\w'’.&-]*|\d+))*")


class LexiconError(ValueError):
    """A malformed lexicon file (the message names the file and line)."""


def read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict]]:
    """Rows of a CSV file as ``(line number, row)`` (:func:`analysis.datafiles.read_table`)."""
    return datafiles.read_table(path, columns, error=LexiconError)


def _alternation(words, *, flags="") -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@dataclass(frozen=True)
class Lexicon:
    """Compiled word lists; build with :func:`load_lexicon`."""

    verbs: frozenset
    roles: tuple
    titles: frozenset
    postnominals: frozenset
    cues: dict
    non_names: frozenset
    example_cues: tuple
    anonymous: tuple  # (compiled pattern, label, attribution, triggers)
    verb_re: str
    role_re: str
    title_re: str
    postnominal_re: str

    def cue_kind(self, name: str) -> str | None:
        """``organization``/``publication``/``study`` when a word of ``name`` is a cue."""
        kinds = [self.cues[w] for w in re.findall(r"[\w.]+", name) if w in self.cues]
        for kind in ("study", "organization", "publication"):
            if kind in kinds:
                return kind
        return None


def _anonymous(path: Path) -> tuple:
    """``(pattern, label, attribution, triggers)``; a pattern runs only on text
    holding one of its ``|``-separated trigger strings (all text when empty)."""
    patterns = []
    for line, row in read_table(path, ("pattern", "label", "attribution")):
        if row["attribution"] not in ("quote", "paraphrase", "mention", "venue"):
            raise LexiconError(f"{path}:{line}: unknown attribution {row['attribution']!r}")
        triggers = tuple(s for s in (row.get("trigger") or "").lower().split("|") if s)
        try:
            patterns.append((re.compile(row["pattern"], re.I), row["label"], row["attribution"], triggers))
        except re.error as exc:
            raise LexiconError(f"{path}:{line}: invalid pattern: {exc}") from None
    return tuple(patterns)


@lru_cache(maxsize=4)
def load_lexicon(folder: str | Path = config.SOURCES_LEXICON_DIR) -> Lexicon:
    """Read and compile every list in ``folder`` (cached per folder)."""
    folder = Path(folder)
    verbs = read_list(folder / "reporting_verbs.txt")
    roles = read_list(folder / "roles.txt")
    titles = read_list(folder / "titles.txt")
    posts = read_list(folder / "postnominals.txt")
    cues = {}
    for line, row in read_table(folder / "entity_cues.csv", ("word", "kind")):
        if row["kind"] not in ("organization", "publication", "study"):
            raise LexiconError(f"{folder / 'entity_cues.csv'}:{line}: unknown kind {row['kind']!r}")
        cues[row["word"]] = row["kind"]
    title_words = [t for t in titles if t.endswith(".")] + [t for t in titles if not t.endswith(".")]
    return Lexicon(
        verbs=frozenset(verbs), roles=tuple(roles), titles=frozenset(titles),
        postnominals=frozenset(posts), cues=cues,
        non_names=frozenset(w.lower() for w in read_list(folder / "non_names.txt")),
        example_cues=tuple(read_list(folder / "example_cues.txt")),
        anonymous=_anonymous(folder / "anonymous.csv"),
        verb_re=_alternation(verbs, flags="i"),
        role_re=_alternation(roles, flags="i"),
        title_re=rf"{_alternation(title_words)}(?!\w)",
        postnominal_re=rf"{_alternation(posts)}(?![\w.])",
    )
