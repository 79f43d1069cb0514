"""Detect cited sources: one row per mention, resolved to one name per source and article.

Sentences are read one by one (:mod:`analysis.sources.sentence`); then each
article is resolved as a whole: a surname or a title plus surname joins the
full name used elsewhere in the article, a pronoun that opens a clause with a
reporting verb joins the one named person cited in the nearest of the two
sentences before it that cites anyone, single first names never attached to
a full name (people in a story) are dropped, and so are the article's own
author, headings and "about the author" sections.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Dr. Ana Lind, a family therapist, says men hide. "
...                              "Lind adds that they need time."})
>>> detect_sources(c)[["source", "kind", "role", "attribution"]].values.tolist()
[['Ana Lind', 'person', 'family therapist', 'paraphrase'], ['Ana Lind', 'person', 'family therapist', 'paraphrase']]
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from .. import config
from ..tokens import normalize_quotes
from .patterns import compiled_patterns
from .sentence import sentence_hits

COLUMNS = ["doc_id", "sent_id", "start", "end", "surface", "source", "kind", "role", "attribution"]
KINDS = ("person", "organization", "publication", "study", "anonymous")
ATTRIBUTIONS = ("quote", "paraphrase", "mention", "venue")
_ABOUT_RE = re.compile(r"(?i)^(?:about (?:the )?(?:author|writer|me|us)|author bio|meet the author)\b")
_QUOTE_RE = re.compile(r'"[^"\n]{2,}?"')
_WINDOW = 2


def name_key(name: str, *, titles=(), postnominals=()) -> str:
    """A comparable form of a name: no accents, case, titles, degrees, "the" or possessive.

    Examples
    --------
    >>> name_key("Dr. Zoë  Okafor, PhD", titles={"Dr."}, postnominals={"PhD"})
    'zoe okafor'
    """
    text = unicodedata.normalize("NFKD", normalize_quotes(str(name)))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w.strip(",;:") for w in text.split()]
    words = [w for w in words if w and w not in titles and w not in postnominals]
    text = re.sub(r"'s\b|'$", "", " ".join(words).casefold())
    text = re.sub(r"[^\w\s&-]", " ", text)
    words = text.split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def source_key(name: str, *, lexicon_dir=config.SOURCES_LEXICON_DIR) -> str:
    """:func:`name_key` with the titles and post-nominals of the lexicon.

    Examples
    --------
    >>> source_key("Prof. Ana Lind, PhD") == source_key("ana lind")
    True
    """
    lex = compiled_patterns(str(lexicon_dir)).lex
    return name_key(name, titles=lex.titles, postnominals=lex.postnominals)


def quote_spans(corpus) -> pd.DataFrame:
    """Quotations of four words or more: ``doc_id``, ``para_id``, ``start``, ``end``.

    Found per paragraph between straight or curly double quotes.
    """
    rows = []
    for para in corpus.paragraphs.itertuples(index=False):
        for m in _QUOTE_RE.finditer(normalize_quotes(para.text)):
            if len(m.group().split()) >= 4:
                rows.append((para.doc_id, para.para_id, para.start + m.start(), para.start + m.end()))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "start", "end"])


def _excluded_paragraphs(corpus) -> set:
    """``(doc_id, para_id)`` of headings' "about the author" sections."""
    out, current = set(), None
    for para in corpus.paragraphs.itertuples(index=False):
        if para.is_heading:
            current = para.doc_id if _ABOUT_RE.match(para.text) else None
            if current:
                out.add((para.doc_id, para.para_id))
        elif current == para.doc_id:
            out.add((para.doc_id, para.para_id))
    return out


def _doc_hits(sents, quotes, excluded, patterns):
    hits = []
    for s in sents.itertuples(index=False):
        local = [(a - s.start, b - s.start) for a, b in quotes if a < s.end and s.start < b]
        if (s.is_heading and not local) or (s.doc_id, s.para_id) in excluded:
            continue
        for h in sentence_hits(normalize_quotes(s.text), local, patterns=patterns):
            hits.append((s.sent_id, s.start, h))
    return hits


class _Registry:
    """Full names of one article, for aliases (surname, title + surname)."""

    def __init__(self, hits, lex, author):
        self.lex, self.names = lex, {}
        self.author = self.key(author) if author else None
        for _, _, h in hits:
            if h.kind not in ("anonymous",) and not h.solo and h.how not in ("plain", "pronoun"):
                self.names.setdefault(self.key(h.name), (h.name, h.kind))

    def key(self, name):
        return name_key(name, titles=self.lex.titles, postnominals=self.lex.postnominals)

    def resolve(self, name):
        """``(canonical, kind)`` of a name in this article, or None.

        A shorter name (surname, first name, title and surname) joins the one
        longer person name it abbreviates; else the name stands for itself.
        """
        key = self.key(name)
        words = key.split()
        found = {v for k, v in self.names.items() if v[1] == "person" and len(words) < len(k.split())
                 and words and (k.split()[-1] == words[-1] or (len(words) == 1 and k.split()[0] == words[0]))}
        if len(found) == 1:
            return found.pop()
        return self.names.get(key)

    def is_author(self, name):
        if not self.author:
            return False
        key = self.key(name).split()
        return bool(key) and (key == self.author.split() or key[-1] == self.author.split()[-1])


def _antecedent(rows, sent_id, start):
    """The one person cited in the nearest sentence (this one first) that cites any, or None."""
    for back in range(_WINDOW + 1):
        sid = sent_id - back
        people = {r[5] for r in rows if r[1] == sid and r[6] == "person" and (back or r[2] < start)}
        if people:
            return people.pop() if len(people) == 1 else None
    return None


def _resolve_doc(doc_id, raw, hits, author, lex) -> list[list]:
    reg = _Registry(hits, lex, author)
    rows, roles = [], {}
    for sent_id, offset, h in sorted(hits, key=lambda x: (x[0], x[2].start)):
        start, end = offset + h.start, offset + h.end
        if h.kind == "anonymous":
            rows.append([doc_id, sent_id, start, end, raw[start:end], h.name, h.kind, None, h.attribution])
            continue
        if h.how == "pronoun":
            source = _antecedent(rows, sent_id, start)
            if source:
                rows.append([doc_id, sent_id, start, end, raw[start:end], source, "person", None,
                             h.attribution])
            continue
        found = reg.resolve(h.name)
        if reg.is_author(h.name) or (found is None and (h.how == "plain" or (h.solo and not h.role))):
            continue
        if h.how == "venue" and found and found[1] == "person":
            continue
        if h.needs_subject and not any(r[1] == sent_id and r[6] == "person" and r[2] < start for r in rows):
            continue  # "told X" without a quotation needs a cited subject before it
        source, kind = found if found else (h.name, h.kind)
        if kind == "person" and h.kind != "person" and h.how not in ("study",):
            kind = h.kind
        if h.role and source not in roles:
            roles[source] = h.role
        rows.append([doc_id, sent_id, start, end, raw[start:end], source, kind, None, h.attribution])
    for row in rows:
        row[7] = roles.get(row[5]) if row[6] != "anonymous" else None
    return rows


def _detect(corpus, folder) -> pd.DataFrame:
    patterns = compiled_patterns(str(folder))
    quotes = quote_spans(corpus)
    by_doc = {d: list(zip(g["start"], g["end"])) for d, g in quotes.groupby("doc_id")}
    excluded = _excluded_paragraphs(corpus)
    authors = corpus.documents.set_index("doc_id")["author"].to_dict()
    rows = []
    for doc_id, sents in corpus.sentences.groupby("doc_id", sort=False):
        hits = _doc_hits(sents, by_doc.get(doc_id, []), excluded, patterns)
        author = authors.get(doc_id)
        rows += _resolve_doc(doc_id, corpus.raw[doc_id], hits,
                             author if isinstance(author, str) else None, patterns.lex)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out = out.drop_duplicates(["doc_id", "start", "end"])
    return out.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def detect_sources(corpus, *, lexicon_dir=config.SOURCES_LEXICON_DIR) -> pd.DataFrame:
    """Find every cited source in every sentence of ``corpus``.

    Parameters
    ----------
    corpus : Corpus
    lexicon_dir : path, optional
        Folder of the word lists and patterns (default ``config.SOURCES_LEXICON_DIR``).

    Returns
    -------
    DataFrame
        One row per mention, sorted by ``doc_id`` and ``start``:
        ``doc_id``, ``sent_id``, ``start``, ``end`` (offsets into the raw text),
        ``surface`` (the raw text of the mention), ``source`` (canonical name,
        the same for every mention of a source in one article, or the label
        of an anonymous appeal: "experts", "research", "common knowledge"),
        ``kind`` (person, organization, publication, study, anonymous),
        ``role`` (the role the article gives the source, else missing) and
        ``attribution`` (quote, paraphrase, mention, venue).

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Experts say men withdraw under stress."})
    >>> detect_sources(c)[["surface", "kind"]].values.tolist()
    [['Experts say', 'anonymous']]
    """
    key = ("detect_sources", str(lexicon_dir))
    return corpus.cached(key, lambda: _detect(corpus, lexicon_dir)).copy()
