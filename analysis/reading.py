"""Reading article files: decoding their bytes, and tables of articles (CSV, JSONL, JSON).

Every problem is reported with the file's path, and with the line where
there is one: :class:`CorpusError` for input that cannot be read,
:class:`CorpusWarning` for input read with a repair (bytes that are not
UTF-8 are decoded as cp1252). :func:`analysis.load_corpus` builds on these.

Examples
--------
>>> decode("Men hide.".encode("utf-8-sig"))
('Men hide.', 'utf-8')
"""
from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pandas as pd

from .datafiles import line_at

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json")


class CorpusError(ValueError):
    """Input that cannot become a corpus (the message names the path)."""


class CorpusWarning(UserWarning):
    """Input that was read with a repair or skipped (the message names the path)."""


def decode(data: bytes, name: str = "<text>") -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding)``.

    UTF-8 with or without BOM is read silently (the BOM is not part of the
    text), and so is UTF-16 or UTF-32 that starts with its BOM and decodes
    (as some editors save "Unicode" text). Anything else is decoded as cp1252 (else
    latin-1) with a :class:`CorpusWarning` naming the file and the line of
    the first bad byte.

    Examples
    --------
    >>> decode("He waits.".encode("utf-16"))
    ('He waits.', 'utf-16')
    """
    decoded = _bom_text(data)
    if decoded:
        return decoded
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        line = line_at(data, exc.start)
        for enc in ("cp1252", "latin-1"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            warnings.warn(f"{name}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                          f"decoded as {enc}", CorpusWarning, stacklevel=3)
            return text, enc
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _bom_text(data: bytes) -> tuple[str, str] | None:
    """``(text, "utf-32" or "utf-16")`` when ``data`` starts with that byte-order mark and decodes
    with it to text; else None."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text[:8192].encode("utf-8")):  # NULs and control characters are not text
                return text, encoding
    return None


def read_text(path: Path) -> tuple[str, str]:
    """A file's decoded text and encoding (:func:`decode`); CorpusError when it is empty or binary."""
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(f"{path}: file is empty")
    decoded = _bom_text(data)
    if decoded:
        return decoded
    if _looks_binary(data):
        raise CorpusError(f"{path}: file looks binary, not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = line_at(data, nul)
        raise CorpusError(f"{path}:{line}: a NUL byte in the text; the file looks corrupt or binary")
    return decode(data, str(path))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    return controls > 0.1 * max(len(head), 1)


def read_articles_table(path) -> tuple[pd.DataFrame, list[str], str]:
    """Read a CSV, JSONL or JSON file of articles: ``(table, where, encoding)``.

    Every value is kept as written (strings; ids are not turned into
    numbers). ``where[i]`` names row ``i`` as ``file:line`` (``file: record
    i`` for a JSON array). An empty, binary or malformed file raises
    :class:`CorpusError` naming the file and the line; a file that is not
    UTF-8 is decoded as cp1252 with a warning (:func:`decode`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text('doc_id,text\\n007,"Men hide.\\nThey wait."\\n\\nb,Give him space.\\n')
    >>> table, where, _ = read_articles_table(p)
    >>> table["doc_id"].tolist(), [w.rsplit(":", 1)[1] for w in where]
    (['007', 'b'], ['2', '5'])
    """
    path = Path(path)
    raw, encoding = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records, where = _csv_records(raw, path)
    elif suffix == ".jsonl":
        records, where = _jsonl_records(raw, path)
    else:
        records, where = _json_records(raw, path)
    if not records:
        raise CorpusError(f"{path}: no articles in the file")
    columns = list(dict.fromkeys(k for r in records for k in r))
    return pd.DataFrame(records, columns=columns, dtype=object), where, encoding  # 7 stays 7, not 7.0


def _csv_records(raw: str, path: Path) -> tuple[list[dict], list[str]]:
    reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
    limit = csv.field_size_limit(2**31 - 1)  # an article may exceed the default 128 KiB per field
    line = 1
    try:
        header = next(reader)
        if len(set(header)) < len(header):
            raise CorpusError(f"{path}:1: repeated column name in the header {header}")
        records, where, line = [], [], reader.line_num + 1
        for fields in reader:
            if fields and any(f.strip() for f in fields):
                if len(fields) != len(header):
                    raise CorpusError(f"{path}:{line}: {len(fields)} fields where the header has "
                                      f"{len(header)} ({header})")
                records.append(dict(zip(header, fields)))
                where.append(f"{path}:{line}")
            line = reader.line_num + 1
    except csv.Error as exc:
        raise CorpusError(f"{path}:{line}: not valid CSV ({exc}; a quote not closed or "
                          "not doubled inside a quoted field?)") from None
    finally:
        csv.field_size_limit(limit)
    return records, where


def _jsonl_records(raw: str, path: Path) -> tuple[list[dict], list[str]]:
    records, where = [], []
    for number, line in enumerate(raw.split("\n"), 1):  # not splitlines: U+2028 may stand inside a string
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{number}: not valid JSON ({exc.msg}, column {exc.colno})") from None
        except (ValueError, RecursionError) as exc:  # nesting too deep, an integer too long
            raise CorpusError(f"{path}:{number}: cannot read this JSON ({type(exc).__name__}: "
                              f"{str(exc)[:200]})") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{path}:{number}: expected one JSON object per line, "
                              f"got {type(record).__name__}")
        records.append(record)
        where.append(f"{path}:{number}")
    return records, where


def _json_records(raw: str, path: Path) -> tuple[list[dict], list[str]]:
    """A JSON array of objects, or an object of columns (``{"text": {"0": ...}}``, pandas' default)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise CorpusError(f"{path}: cannot read this JSON ({type(exc).__name__}: {str(exc)[:200]})") from None
    if isinstance(data, dict) and all(isinstance(v, (dict, list)) for v in data.values()):
        try:
            data = pd.DataFrame(data).to_dict("records")
        except ValueError as exc:
            raise CorpusError(f"{path}: columns of different lengths ({exc})") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CorpusError(f"{path}: expected a JSON array of objects (one per article) "
                          "or an object of columns")
    return data, [f"{path}: record {i}" for i in range(len(data))]
