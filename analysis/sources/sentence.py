"""Mentions of sources in one sentence, before the article-level resolution.

:func:`sentence_hits` reads one sentence (quotes already straightened) and
returns :class:`Hit` objects: named candidates with the grammar that
attaches them to a claim (``how``), their role, and anonymous appeals.
Single-word names stay provisional (``solo``) until the article shows the
full name they abbreviate (:mod:`analysis.sources.detect`).

Examples
--------
>>> hits = sentence_hits("Dating coach Jo Malone-Reyes says men fear rejection.", ())
>>> [(h.name, h.role, h.how) for h in hits]
[('Jo Malone-Reyes', 'dating coach', 'verb')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..tokens import stop_words
from .patterns import Patterns, compiled_patterns

_CONTEXT = 140
_WRITTEN_WORKS = ("book", "memoir", "bestseller", "best-seller", "workbook", "guide", "paper",
                  "essay", "article")
_QUOTED_HOW = ("verb", "inverted", "according", "dash", "pronoun")
_TRAILING = re.compile(r"(?:\s+(?:of|for|the|and|&|on|in|at|to|a))*(?:\s+\d+)?"
                       r"(?:\s+(?:of|for|the|and|&|on|in|at|to|a))*$")
_SPLIT_AND = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?")
_AFFILIATION = re.compile(r"\b(?:of|at|from|with|for)\s+(?:the\s+)?$")
_AGE = re.compile(r"^\s*(?:aged?\s+)?\d{1,3}\s*$|\b\d{1,3}[- ]years?[- ]old\b", re.I)
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$|^[A-Z][a-z]+[A-Z]\w*$")


@dataclass
class Hit:
    """One mention found in a sentence (offsets local to the sentence)."""

    start: int
    end: int
    name: str
    kind: str
    role: str | None
    attribution: str
    how: str
    solo: bool = False
    needs_subject: bool = False  # "told X" with no quotation: kept only after a cited subject


@lru_cache(maxsize=1)
def _stop() -> frozenset:
    return stop_words()


def _role_phrase(pre: str | None, stop: frozenset) -> str | None:
    """The role words of a pre-modifier, cut at the first stop word from the right."""
    if not pre:
        return None
    kept = []
    for word in reversed(pre.split()):
        if word.lower() in stop and word.lower() != "and":
            break
        kept.append(word)
    while kept and kept[-1].lower() == "and":
        kept.pop()
    return _norm_role(" ".join(reversed(kept))) or None


def _norm_role(text: str) -> str:
    """Lower-case the role's common words; keep acronyms and inner proper names."""
    words = [w if _ACRONYM.match(w) or (i and w[:1].isupper()) else w.lower()
             for i, w in enumerate(text.strip(" ,.;:").split())]
    while words and words[0] in ("a", "an", "the", "who", "is", "was"):
        words.pop(0)
    return " ".join(words)


def _appos_role(app: str | None, p: Patterns) -> str | None:
    if app and p.role_word.search(app) and not re.search(r"\d", app):
        return _norm_role(app)
    return None


def _is_example(app: str | None, left: str, p: Patterns) -> bool:
    if p.left_example.search(left):
        return True
    return bool(app and (_AGE.search(app) or p.example_cue.search(app)))


def _context_hits(text: str, p: Patterns, quoted: bool) -> tuple[list[Hit], list[tuple[int, int]]]:
    """Organisations, publications, venues and studies found from their cue words."""
    hits, cue_spans = [], []
    rules = ((p.work, "publication", "venue", "work"), (p.study_by, None, "paraphrase", "study"),
             (p.published_in, "publication", "mention", "published"),
             (p.adj_study, None, "paraphrase", "study"), (p.venue, "publication", "venue", "venue"))
    for regex, kind, attribution, how in rules:
        for m in regex.finditer(text):
            name = _clean_title(m.group("name"))
            if not name or not re.search(r"[^\W\d_]", name) or (
                    how != "work" and name.split()[0].lower() in p.lex.non_names):
                continue
            start = m.start("name") + m.group("name").find(name)
            if how == "work" and p.right_verb.match(text[start + len(name):]) \
                    and not p.right_verb.match(text[start + len(name):]).group("app"):
                continue  # "In a talk, Ana Lind explains": the name is the subject, not a title
            if any(s < start + len(name) and start < e for s, e in cue_spans):
                continue
            guessed = kind or p.lex.cue_kind(name) or _person_or_org(name, p)
            if guessed == "person":
                name = re.sub(rf"^{p.lex.title_re}\s+", "", name)
            split = _split_pair(text, start, name, p, attribution, how)
            if split:
                hits += split
                cue_spans.append((m.start(), m.end()))
                continue
            written = how == "work" and m.group("work").lower() in _WRITTEN_WORKS
            told = how == "venue" and not quoted and re.match(r"(?i)told|tells|telling", m.group(0))
            hits.append(Hit(start, start + len(name), name, guessed, None,
                            "mention" if written else attribution, how, needs_subject=bool(told)))
            cue_spans.append((m.start(), m.end()))
    hits += _org_hits(text, p, quoted, cue_spans)
    return hits, cue_spans


def _split_pair(text, start, name, p: Patterns, attribution, how) -> list[Hit]:
    """"the University of X and the Y Institute": two sources (empty if not a pair)."""
    parts = _SPLIT_AND.split(name)
    if len(parts) < 2 or not all(p.lex.cue_kind(x) for x in parts):
        return []
    hits = []
    for part in parts:
        at = text.find(part, start)
        hits.append(Hit(at, at + len(part), part, p.lex.cue_kind(part), None, attribution, how))
    return hits


def _org_hits(text: str, p: Patterns, quoted: bool, cue_spans: list) -> list[Hit]:
    """Names headed by a cue word ("the X Institute") next to a reporting verb."""
    hits = []
    for m in p.org.finditer(text):
        name = _strip_leading(m.group("name"), p)
        start = m.end("name") - len(name)
        if " " not in name or any(s < m.end() and start < e for s, e in cue_spans):
            continue
        left, right = text[max(0, start - _CONTEXT):start], text[m.end():]
        if _AFFILIATION.search(left):
            continue  # "X, founder of the Y Institute, says": Y is X's affiliation
        how = ("verb" if p.right_verb.match(right) else "inverted" if p.left_inverted.search(left)
               else "according" if p.left_according.search(left) else None)
        if how:
            attribution = "quote" if quoted else "paraphrase"
            hits.append(Hit(start, m.end(), _clean_title(name), p.lex.cue_kind(name), None, attribution, how))
            cue_spans.append((start, m.end()))
    return hits


def _strip_leading(name: str, p: Patterns) -> str:
    words = name.split(" ")
    while words and words[0].lower() in _stop():
        words.pop(0)
    return " ".join(words)


def _clean_title(name: str) -> str:
    name = name.strip("\"*_ ")
    name = _TRAILING.sub("", name)
    name = re.sub(r"['’]s?$", "", name)
    if name.endswith(".") and not re.search(r"(?:\b[A-Z]|Inc|Ltd|Co)\.$", name):
        name = name[:-1]
    return re.sub(r"^(?:The|the)\s+(?=\S+\s+\S)", "", name).strip()


def _person_or_org(name: str, p: Patterns) -> str:
    words = name.split()
    titled = bool(re.match(p.lex.title_re, name))
    return "person" if titled or (2 <= len(words) <= 4 and not p.lex.cue_kind(name)) else "organization"


def _split_run(m, p: Patterns, stop: frozenset):
    """Strip leading stop words and role words from a capitalised run."""
    words = list(re.finditer(r"\S+", m.group("name")))
    role_words = []
    while words and (words[0].group().lower() in stop or words[0].group().lower() in p.lex.non_names
                     or p.role_word.fullmatch(words[0].group())):
        if p.role_word.fullmatch(words[0].group()):
            role_words.append(words[0].group())
        else:
            role_words = []
        words.pop(0)
    if not words:
        return None
    start = m.start("name") + words[0].start()
    end = m.start("name") + words[-1].end()
    if m.group("post"):
        end = m.end("post")
    name = " ".join(w.group() for w in words)
    return start, end, name, " ".join(role_words) or None


def _person_hit(text: str, m, p: Patterns, stop: frozenset, quoted: bool) -> Hit | None:
    split = _split_run(m, p, stop)
    if split is None:
        return None
    start, end, name, run_role = split
    title = m.group("title")
    if title and start != m.start("name"):
        title = None  # the title belonged to a word that was stripped
    start = m.start() if title else start
    left, right = text[max(0, start - _CONTEXT):start], text[end:]
    rv, ap = p.right_verb.match(right), p.right_appos.match(right)
    inv, acc = p.left_inverted.search(left), p.left_according.search(left)
    dash, lrole = p.left_dash.search(left), p.left_role.search(left)
    cop = p.right_copula.match(right)
    app = (rv and rv.group("app")) or (ap and ap.group("app")) or (cop and cop.group("app"))
    if _is_example(app, left, p):
        return None
    if len(re.findall(r"\b[A-Z]{2,}\b", m.group("name"))) > 1:
        return None  # a run of capitals is emphasis ("MEN ARE SIMPLE"), not a name
    cue = p.lex.cue_kind(name)
    if cue and (" " not in name or _AFFILIATION.search(left)):
        return None  # a bare cue word ("The Journal"), or an affiliation ("founder of the Y Institute")
    how = ("dash" if dash else "inverted" if inv else "according" if acc else "verb" if rv
           else "work" if p.right_work.match(right) else None)
    post = m.group("post")
    role = (_role_phrase(run_role, stop)
            or _role_phrase(next((x.group("pre") for x in (inv, acc, dash, lrole) if x and x.group("pre")), None), stop)
            or _appos_role(app, p) or (post.strip(" ,") if post else None) or (title if title else None))
    if cue:
        kind = cue
    elif _ACRONYM.match(name) and " " not in name:
        kind = "organization"
    else:
        kind = "person"
    signalled = how is not None or bool(title or post or role)
    solo = kind == "person" and " " not in name and not title and how != "dash"
    if not signalled and not solo and kind == "person":
        how = "plain"
    elif not signalled:
        return None if kind != "person" else Hit(start, end, name, kind, None, "mention", "plain", True)
    if how is None:
        how = "role"
    attribution = ("quote" if how == "dash" or (quoted and how in _QUOTED_HOW)
                   else "paraphrase" if how in _QUOTED_HOW else "mention")
    return Hit(start, end, name, kind, role, attribution, how, solo)


def _anonymous_hits(text: str, p: Patterns, taken: list[tuple[int, int]]) -> list[Hit]:
    hits, lower = [], text.lower()
    for regex, label, attribution, triggers in p.lex.anonymous:
        if triggers and not any(s in lower for s in triggers):
            continue
        for m in regex.finditer(text):
            span = (m.start(), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            hits.append(Hit(span[0], span[1], label, "anonymous", None, attribution, "anonymous"))
    return hits


def sentence_hits(text: str, quotes, *, patterns: Patterns | None = None) -> list[Hit]:
    """Every candidate mention in ``text``; ``quotes`` are local quotation spans."""
    p = patterns or compiled_patterns()
    stop = _stop()
    quoted = bool(quotes)
    hits, cue_spans = [], []
    if _CAPITAL.search(text, 1):  # else no name after a cue word
        hits, cue_spans = _context_hits(text, p, quoted)
    taken = [(h.start, h.end) for h in hits]
    for m in p.person.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        hit = _person_hit(text, m, p, stop, quoted)
        if hit is not None:
            hits.append(hit)
            if hit.how != "plain":
                taken.append((hit.start, hit.end))
    for m in p.pronoun.finditer(text):
        if not any(s <= m.start("pro") < e for s, e in taken):
            attribution = "quote" if quoted else "paraphrase"
            hits.append(Hit(m.start("pro"), m.end("pro"), m.group("pro"), "person", None,
                            attribution, "pronoun"))
    hits += _anonymous_hits(text, p, taken + cue_spans)
    return sorted(hits, key=lambda h: (h.start, h.end))
