"""Load a folder of articles (or a DataFrame) into a :class:`Corpus`.

A Corpus holds four tidy tables:

* ``documents``: one row per article (``doc_id``, ``path``, ``title``,
  ``author``, ``n_words``, ``n_sentences``, ``n_paragraphs``, ``encoding``);
* ``paragraphs`` and ``sentences``: the kept text units with ``start``/``end``
  offsets into the decoded raw text, so ``corpus.raw[doc_id][start:end] ==
  text``;
* ``removed``: every span that cleaning took out, with its ``reason``.

Cleaning works line by line with the patterns in ``data/boilerplate.csv``
(comment forms, navigation, share lines, bylines, ...), removes Markdown
front matter (a ``---`` block at the top; its ``author:`` fills ``author``)
and exact repeats of the title, and strips list and heading markers.
Nothing else is dropped: every non-blank character of a file is in a
paragraph or in ``removed``.

Bad input is reported with the file's path (reading and decoding files and
tables: :mod:`analysis.reading`): undecodable bytes produce a
:class:`CorpusWarning` naming the file and line and are decoded as cp1252;
empty and binary files are skipped with a warning (``errors="raise"`` turns
these into :class:`CorpusError`); a missing path raises
``FileNotFoundError``.

Examples
--------
>>> from analysis import load_corpus, config
>>> corpus = load_corpus(config.SEEDS_DIR)
>>> len(corpus)
5
>>> s = corpus.sentences.iloc[0]
>>> corpus.raw[s.doc_id][s.start:s.end] == s.text
True
"""
from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config
from .datafiles import read_table
from .reading import (TABLE_SUFFIXES, TEXT_SUFFIXES, CorpusError, CorpusWarning,  # noqa: F401
                      decode, read_articles_table, read_text)
from .tokens import _WORD_RE, NAME_TITLE, sentence_spans

_MAX_BOILERPLATE_WORDS = 30
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")
_MARKER_RE = re.compile(r"(?:[•●◦▪▫■□‣⁃∙·○◆◇➢➤►✓✔*+\-–]|\d{1,3}[.)]|[a-z]\)|#{1,6})\s+")
#: Most lines of Markdown front matter (``---`` ... ``---`` at the top of a file).
_MAX_FRONT_MATTER = 40
_FIELD_RE = re.compile(r"(?m)^(\w+)\s*:\s*(.*)$")
_FRONT_LINE_RE = re.compile(r"[\w-]+\s*:|- |#")
_FINAL_PUNCT_RE = re.compile(r"[.!?:;…][\"'”’)\]*_]*$")
_WORD_COUNT_RE = re.compile(_WORD_RE)
# A line ending in a quotation's attribution ("... .” – Name") is prose, not a heading.
_ATTRIBUTED_END_RE = re.compile(r"[.!?…][”\"’']?\s*(?:[–—-]+\s*" + NAME_TITLE
                                + r"[^\W\d_][^.!?]{0,60}|\([^()]{1,60}\))$")

PARAGRAPH_COLUMNS = ["doc_id", "para_id", "start", "end", "text", "is_heading", "is_list_item"]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "para_id", "start", "end", "text", "is_heading"]
REMOVED_COLUMNS = ["doc_id", "start", "end", "text", "reason"]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    reason: str
    scope: str  # "line": the line only; "tail": the line and the short tail after it


@lru_cache(maxsize=8)
def load_boilerplate(path: str | Path = config.BOILERPLATE_PATH) -> tuple[_Rule, ...]:
    """Read boilerplate rules (``pattern``, ``reason``, ``scope``) from a CSV file.

    Raises :class:`CorpusError` naming the file and line for a bad regex,
    a missing column or an unknown scope.
    """
    rules = []
    for number, row in read_table(path, ("pattern", "reason", "scope"), error=CorpusError):
        where = f"{path}:{number}"
        if row["scope"] not in ("line", "tail"):
            raise CorpusError(f"{where}: scope must be 'line' or 'tail', not {row['scope']!r}")
        try:
            rules.append(_Rule(re.compile(row["pattern"]), row["reason"], row["scope"]))
        except re.error as exc:
            raise CorpusError(f"{where}: invalid pattern {row['pattern']!r}: {exc}") from None
    return tuple(rules)


def _lines(raw: str):
    """Yield ``(start, end)`` of every non-blank line, trimmed of white space."""
    for m in _LINE_RE.finditer(raw):
        line = m.group().rstrip("\r\n")
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            yield start, start + len(stripped)


def _is_heading(text: str) -> bool:
    words = text.split()
    if _ATTRIBUTED_END_RE.search(text):
        return False
    if not _FINAL_PUNCT_RE.search(text):
        return len(words) <= 20
    # A short title-case question ("When Should You Worry?") is a heading too.
    return text.endswith("?") and _is_title_case(text)


def _is_title_case(text: str) -> bool:
    """A short line whose longer words are capitalised ("3. Let Him Have His Time")."""
    words = text.split()
    long_words = [w for w in words if len(w) > 3]
    return (len(words) <= 12 and bool(long_words)
            and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _front_matter(raw: str, lines) -> tuple[int, str | None]:
    """Number of lines of a leading ``---`` ... ``---`` block (Markdown front matter), and its author."""
    if not lines or raw[lines[0][0]:lines[0][1]] != "---":
        return 0, None
    for n, (start, end) in enumerate(lines[1:_MAX_FRONT_MATTER], 2):
        if raw[start:end] in ("---", "..."):
            fields = dict(_FIELD_RE.findall("\n".join(raw[s:e] for s, e in lines[1:n - 1])))
            author = fields.get("author", "").strip().strip("\"'") or None
            return n, author
        if not _FRONT_LINE_RE.match(raw, start, end):  # prose between two rules, not front matter
            return 0, None
    return 0, None


def _clean_lines(doc_id: str, raw: str, rules):
    """Split ``raw`` into kept lines and removed spans; find title and author."""
    lines = list(_lines(raw))
    kept, removed, author, title_norm, tail_from = [], [], None, None, None
    n_front, author = _front_matter(raw, lines)
    for i, (start, end) in enumerate(lines):
        text = raw[start:end]
        reason = None
        if i < n_front:
            reason = "front matter"
        elif tail_from is not None:
            reason = tail_from
        elif len(text.split()) <= _MAX_BOILERPLATE_WORDS:
            for rule in rules:
                m = rule.pattern.search(text)
                if not m:
                    continue
                reason = rule.reason
                if "author" in rule.pattern.groupindex and author is None:
                    author = m.group("author").strip()
                rest = sum(e - s for s, e in lines[i + 1:])
                if rule.scope == "tail" and rest < 0.25 * len(raw):
                    tail_from = f"{rule.reason} (tail)"
                break
        if reason is None and title_norm is not None and _norm(text) == title_norm:
            reason = "title repeat"
        if reason is not None:
            removed.append((doc_id, start, end, text, reason))
            continue
        if title_norm is None:
            title_norm = _norm(text) if _is_heading(text) else ""
        kept.append((start, end))
    return kept, removed, author


def _segment(doc_id: str, raw: str, kept, removed):
    """Group kept lines into paragraphs, strip list markers, split sentences."""
    paras: list[list] = []  # doc_id, para_id, start, end, text, is_heading, is_list_item
    hashes: list[bool] = []
    prev_end = None
    for start, end in kept:
        marker = _MARKER_RE.match(raw, start, end)
        if marker and marker.end() < end:
            token = marker.group().rstrip()
            kind = "heading marker" if token.startswith("#") else "list marker"
            removed.append((doc_id, start, start + len(token), token, kind))
            start = marker.end()
        else:
            marker = None
        gap = raw[prev_end:start].replace("\r\n", "\n").replace("\r", "\n") if paras else ""
        if (gap.count("\n") == 1 and not marker and raw[start:start + 1].islower()
                and not _FINAL_PUNCT_RE.search(paras[-1][4])):
            paras[-1][3], paras[-1][4] = end, raw[paras[-1][2]:end]  # a hard-wrapped line
        else:
            is_hash = bool(marker and marker.group().startswith("#"))
            paras.append([doc_id, len(paras), start, end, raw[start:end], False,
                          bool(marker) and not is_hash])
            hashes.append(is_hash)
        prev_end = end
    sents = []
    for para, is_hash in zip(paras, hashes):
        para[5] = is_hash or ("\n" not in para[4] and _is_heading(para[4])
                              and (not para[6] or _is_title_case(para[4])))
        spans = [(0, len(para[4]))] if para[5] else sentence_spans(para[4])
        for a, b in spans:
            sents.append([doc_id, len(sents), para[1], para[2] + a, para[2] + b, para[4][a:b], para[5]])
    return paras, sents


def _title(paras, sents) -> str | None:
    if paras and paras[0][5]:
        return paras[0][4]
    return sents[0][5] if sents else None


class Corpus:
    """A cleaned, segmented collection of articles; see the module docstring.

    Build one with :func:`load_corpus` or :meth:`Corpus.from_frame`.
    Results of the analysis layers are cached on the object with
    :meth:`cached`; the cache is dropped whenever the raw text changes.
    """

    def __init__(self, documents, paragraphs, sentences, removed, raw: dict[str, str]):
        self.documents = documents
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.removed = removed
        self.raw = raw
        self._cache: dict = {}
        self._cache_key: str | None = None

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return (f"Corpus({len(self)} documents, {len(self.paragraphs)} paragraphs, "
                f"{len(self.sentences)} sentences, {len(self.removed)} removed spans)")

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order."""
        return self.documents["doc_id"].tolist()

    def fingerprint(self) -> str:
        """A hash of every document's raw text (changes when any text changes)."""
        h = hashlib.sha1()
        for doc_id in sorted(self.raw):
            h.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
            h.update(self.raw[doc_id].encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    def cached(self, key, compute):
        """Return ``compute()``, computed once per ``key`` while the text is unchanged.

        Examples
        --------
        >>> c = Corpus.from_frame(__import__("pandas").DataFrame({"doc_id": ["a"], "text": ["Hi."]}))
        >>> c.cached("n", lambda: 41 + 1), c.cached("n", lambda: 0)
        (42, 42)
        """
        current = self.fingerprint()
        if current != self._cache_key:
            self._cache, self._cache_key = {}, current
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @classmethod
    def from_texts(cls, texts: dict[str, str], *, paths=None, encodings=None,
                   boilerplate=config.BOILERPLATE_PATH) -> "Corpus":
        """Build a Corpus from ``{doc_id: raw text}`` (insertion order kept).

        Ids and texts must be strings (``TypeError`` naming the id otherwise);
        an empty dict raises :class:`CorpusError`. ``paths`` and ``encodings``
        (``{doc_id: value}``, optional) fill those columns of ``documents``;
        ``boilerplate`` is the CSV of cleaning patterns (default
        ``data/boilerplate.csv``, see :func:`load_boilerplate`).
        """
        if not texts:
            raise CorpusError("no texts to build a corpus from")
        for doc_id, raw in texts.items():
            if not isinstance(doc_id, str):
                raise TypeError(f"document id {doc_id!r} is a {type(doc_id).__name__}, not a string")
            if not isinstance(raw, str):
                raise TypeError(f"the text of {doc_id!r} is a {type(raw).__name__}, not a string")
        rules = load_boilerplate(str(boilerplate))
        docs, paras, sents, removed = [], [], [], []
        for doc_id, raw in texts.items():
            kept, dropped, author = _clean_lines(doc_id, raw, rules)
            p, s = _segment(doc_id, raw, kept, dropped)
            n_words = sum(len(_WORD_COUNT_RE.findall(row[5])) for row in s)
            docs.append((doc_id, (paths or {}).get(doc_id), _title(p, s), author,
                         n_words, len(s), len(p), (encodings or {}).get(doc_id, "utf-8")))
            paras += p
            sents += s
            removed += sorted(dropped, key=lambda r: r[1])
        documents = pd.DataFrame(docs, columns=["doc_id", "path", "title", "author", "n_words",
                                                "n_sentences", "n_paragraphs", "encoding"])
        return cls(documents, pd.DataFrame(paras, columns=PARAGRAPH_COLUMNS),
                   pd.DataFrame(sents, columns=SENTENCE_COLUMNS),
                   pd.DataFrame(removed, columns=REMOVED_COLUMNS), dict(texts))

    @classmethod
    def from_frame(cls, df: pd.DataFrame, text: str = "text", id: str = "doc_id", *,
                   errors: str = "warn") -> "Corpus":
        """Build a Corpus from a DataFrame with one article per row.

        Parameters
        ----------
        df : DataFrame
            For example ``pd.read_csv(...)`` or ``pd.read_json(..., lines=True)``.
        text, id : str
            Column names of the article text and of its identifier. Without an
            ``id`` column, ids are the row numbers as zero-padded strings (an
            ``id`` other than the default must name a column). Every other
            column (outlet, date, ...) is kept in ``documents``, after the
            corpus's own columns; one that has the name of one of those
            (``title``, ``author``, ...) is kept as ``table_<name>``.
        errors : {"warn", "raise"}
            What to do with empty or non-text rows: skip with a warning, or raise.

        Examples
        --------
        >>> import pandas as pd
        >>> c = Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["Men hide.", "We wait."]}))
        >>> c.documents["n_sentences"].tolist()
        [1, 1]
        >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["Men hide."], "outlet": ["Daily"], "title": ["T"]})
        >>> Corpus.from_frame(df).documents[["doc_id", "title", "outlet", "table_title"]].values.tolist()
        [['a', 'Men hide.', 'Daily', 'T']]
        """
        return cls._from_rows(df, text, id, errors, where=[f"row {i}" for i in range(len(df))],
                              name="DataFrame")

    @classmethod
    def _from_rows(cls, df: pd.DataFrame, text: str, id: str, errors: str, *, where: list[str],
                   name: str, path=None, encoding=None) -> "Corpus":
        """:meth:`from_frame`, with ``where[i]`` naming row ``i`` in messages ("row 3", "a.csv:5")."""
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"expected a pandas DataFrame of articles, got a {type(df).__name__}")
        _check_errors(errors)
        hint = "; name the columns with text= and id= (or --text-column and --id-column)"
        if text not in df.columns:
            raise CorpusError(f"{name}: no text column {text!r} (columns: {list(df.columns)}){hint}")
        if id != "doc_id" and id not in df.columns:
            raise CorpusError(f"{name}: no id column {id!r} (columns: {list(df.columns)}){hint}")
        repeated = [c for c in (text, id) if c in df.columns and (df.columns == c).sum() > 1]
        if repeated:
            raise CorpusError(f"{name}: more than one column named {repeated[0]!r}")
        width = len(str(max(len(df) - 1, 0)))
        ids = (df[id].tolist() if id in df.columns
               else [str(i).zfill(width) for i in range(len(df))])
        texts: dict[str, str] = {}
        first: dict[str, int] = {}
        kept: list[int] = []
        for row, (doc_id, value) in enumerate(zip(ids, df[text])):
            if isinstance(doc_id, (dict, list, tuple, set)):
                raise CorpusError(f"{where[row]}: the id in column {id!r} is a {type(doc_id).__name__}, "
                                  "not a single value")
            if (not isinstance(doc_id, str) and pd.isna(doc_id)) or not str(doc_id).strip():
                raise CorpusError(f"{where[row]}: no id in column {id!r}")
            doc_id = str(doc_id)
            problem = ("is not text" if not isinstance(value, str)
                       else "is empty" if not value.strip() else None)
            if doc_id in first:
                raise CorpusError(f"{where[row]}: duplicate id {doc_id!r} in column {id!r} "
                                  f"(first at {where[first[doc_id]]})")
            first[doc_id] = row
            if problem:
                _report(f"{where[row]} (id {doc_id!r}): column {text!r} {problem}", errors)
                continue
            texts[doc_id] = value
            kept.append(row)
        if not texts:
            raise CorpusError(f"{name}: no non-empty texts")
        corpus = cls.from_texts(texts, paths=None if path is None else dict.fromkeys(texts, str(path)),
                                encodings=None if encoding is None else dict.fromkeys(texts, encoding))
        extra = [c for c in dict.fromkeys(df.columns) if c not in (text, id)]
        if extra:
            meta = df.iloc[kept][extra].reset_index(drop=True)
            own = set(corpus.documents.columns)
            meta.columns = [f"table_{c}" if c in own else c for c in meta.columns]
            corpus.documents = pd.concat([corpus.documents, meta], axis=1)
        return corpus


def _check_errors(errors: str) -> None:
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")


def _report(message: str, errors: str) -> None:
    if errors == "raise":
        raise CorpusError(message)
    warnings.warn(message + "; skipped", CorpusWarning, stacklevel=4)


def _files(path: Path, recursive: bool) -> list[Path]:
    pattern = "**/*" if recursive else "*"
    return sorted(p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def load_corpus(path=config.SEEDS_DIR, *, recursive: bool = False, errors: str = "warn",
                text: str = "text", id: str = "doc_id") -> Corpus:
    """Load articles from a folder, a single text file, or a CSV/JSONL table.

    Parameters
    ----------
    path : str or Path
        A folder: its ``.txt``/``.md`` files, in sorted order (subfolders only
        with ``recursive=True``). A ``.txt``/``.md`` file: that one article.
        A ``.csv``, ``.jsonl`` or ``.json`` file: one article per row, read
        with :meth:`Corpus.from_frame` using the ``text`` and ``id`` columns.
    recursive : bool
        Also read the files of subfolders (their ids are the relative paths
        without suffix, "2024/a").
    errors : {"warn", "raise"}
        Empty or binary files are skipped with a :class:`CorpusWarning`
        (default) or raise :class:`CorpusError`.
    text, id : str
        For a table: the columns of the article text and of its id (see
        :meth:`Corpus.from_frame`; the table's other columns are kept in
        ``documents``).

    Returns
    -------
    Corpus
        ``doc_id`` is the file stem (the path relative to ``path`` without
        suffix when ``recursive=True``).

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    CorpusError
        When no readable article is found.
    """
    path = Path(path).expanduser()
    _check_errors(errors)
    if not path.exists():
        raise FileNotFoundError(f"corpus path not found: {path}")
    if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        df, where, encoding = read_articles_table(path)
        return Corpus._from_rows(df, text, id, errors, where=where, name=str(path), path=path,
                                 encoding=encoding)
    if path.is_file() and path.suffix.lower() not in TEXT_SUFFIXES:
        warnings.warn(f"{path}: not a .txt, .md, .csv, .jsonl or .json file; read as one plain-text "
                      "article", CorpusWarning, stacklevel=2)
    files = [path] if path.is_file() else _files(path, recursive)
    if not files:
        hint = "" if recursive else " (subfolders are read only with recursive=True)"
        raise CorpusError(f"no .txt or .md files in {path}{hint}")
    texts, paths, encodings = {}, {}, {}
    for file in files:
        try:
            text, encoding = read_text(file)
        except CorpusError as exc:
            _report(str(exc), errors)
            continue
        doc_id = (file.relative_to(path).with_suffix("").as_posix()
                  if recursive and path.is_dir() else file.stem)
        if doc_id in texts:
            raise CorpusError(f"{file}: its id {doc_id!r} is already the id of {paths[doc_id]}; "
                              "rename one of the two files")
        texts[doc_id], encodings[doc_id], paths[doc_id] = text, encoding, str(file)
    if not texts:
        raise CorpusError(f"no readable text files in {path}")
    return Corpus.from_texts(texts, paths=paths, encodings=encodings)


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    """The corpus's sentences (for the ``sentences`` CSV export)."""
    return corpus.sentences
