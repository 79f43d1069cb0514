"""Readers for the project's data files: word lists and small CSV tables.

:func:`read_list` and :func:`read_table` skip blank lines and lines that
start with ``#``. :func:`read_csv` reads a CSV file that users write (a
codebook, a hand coding): UTF-8 with or without a byte-order mark, checked
quoting. A malformed file raises the given error class with a message that
names the file and line.

Examples
--------
>>> from analysis import config
>>> isinstance(read_list(config.STOPWORDS_PATH), tuple)
True
"""
from __future__ import annotations

import csv
import io
from pathlib import Path


def line_at(data: bytes, offset: int) -> int:
    """The line number (from 1) of byte ``offset``; lines end in LF, CRLF or a lone CR.

    Examples
    --------
    >>> line_at(b"a\\nb\\r\\nc\\rd", 7), line_at(b"abc", 1)
    (4, 1)
    """
    head = data[:offset]
    return head.count(b"\n") + head.replace(b"\r\n", b"").count(b"\r") + 1


def read_text_file(path, *, error: type[Exception] = ValueError) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped); errors name the file.

    A missing file raises ``FileNotFoundError``; a folder, or bytes that are
    not UTF-8, raise ``error`` with the file and the line of the first bad byte.
    """
    path = Path(path)
    if path.is_dir():
        raise error(f"{path}: is a folder, not a file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_at(data, exc.start)
        raise error(f"{path}:{line}: not UTF-8 text (byte {data[exc.start]:#04x} at offset "
                    f"{exc.start}); save the file as UTF-8") from None


def read_csv(path, *, required=(), allowed=None, comments: bool = False,
             error: type[Exception] = ValueError) -> list[tuple[int, dict]]:
    """Rows of a user's CSV file as ``(line number, {column: value})``.

    The header must hold every name in ``required`` and, when ``allowed`` is
    given, no other name. A row with more fields than the header, or broken
    quoting, raises ``error`` naming the file and line; missing trailing
    fields are ``None``. With ``comments``, rows whose first field starts
    with ``#`` are skipped.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text('a,b\\n1,"x"y\\n')
    >>> read_csv(p)
    Traceback (most recent call last):
    ...
    ValueError: ...t.csv:2: ',' expected after '"'
    """
    reader = csv.DictReader(io.StringIO(read_text_file(path, error=error), newline=""), strict=True)
    try:
        fields = reader.fieldnames or []
        missing = [c for c in required if c not in fields]
        if missing:
            raise error(f"{path}:1: missing column(s) {missing}; the header is {fields}")
        unknown = [c for c in fields if allowed is not None and c not in allowed]
        if unknown:
            raise error(f"{path}:1: unknown column(s) {unknown}; expected {list(allowed)}")
        rows = []
        for row in reader:
            if None in row:
                raise error(f"{path}:{reader.line_num}: more fields than the header ({len(fields)})")
            first = row.get(fields[0]) if fields else None
            if comments and first is not None and first.lstrip().startswith("#"):
                continue
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise error(f"{path}:{reader.line_num + 1}: {exc}") from None
    return rows


def _content_lines(path) -> list[tuple[int, str]]:
    lines = read_text_file(path).splitlines(keepends=True)
    return [(i, ln) for i, ln in enumerate(lines, 1) if ln.strip() and not ln.lstrip().startswith("#")]


def read_list(path) -> tuple[str, ...]:
    """The non-empty, non-comment lines of a text file, stripped, in file order."""
    return tuple(ln.strip() for _, ln in _content_lines(path))


def read_table(path, columns, *, error: type[Exception] = ValueError) -> list[tuple[int, dict]]:
    """Rows of a CSV file as ``(line number, {column: value})``.

    The header must hold every name in ``columns`` (other columns are kept
    and may be empty); each row must give a non-empty value for every name
    in ``columns`` and no more fields than the header.
    """
    lines = _content_lines(path)
    reader = csv.DictReader([ln for _, ln in lines])
    missing = sorted(set(columns) - set(reader.fieldnames or ()))
    if missing:
        raise error(f"{path}:{lines[0][0] if lines else 1}: missing column(s) {missing}")
    rows = []
    for (number, _), row in zip(lines[1:], reader):
        if None in row:
            raise error(f"{path}:{number}: more fields than the header")
        if any(row.get(c) in (None, "") for c in columns):
            raise error(f"{path}:{number}: empty value in {list(columns)}")
        rows.append((number, row))
    return rows


def span_offsets(row: dict, path, line, *, error: type[Exception] = ValueError) -> tuple[int, int]:
    """The ``start`` and ``end`` of a hand-coded row: integers with ``0 <= start < end``.

    Examples
    --------
    >>> span_offsets({"start": "3", "end": "9"}, "f.csv", 2)
    (3, 9)
    >>> span_offsets({"start": "9", "end": "3"}, "f.csv", 2)
    Traceback (most recent call last):
    ...
    ValueError: f.csv:2: start 9 must be below end 3
    """
    try:
        start, end = int(row["start"]), int(row["end"])
    except (KeyError, TypeError, ValueError):
        raise error(f"{path}:{line}: start/end must be integers, got "
                    f"{row.get('start')!r}, {row.get('end')!r}") from None
    if start < 0:
        raise error(f"{path}:{line}: start {start} is negative")
    if start >= end:
        raise error(f"{path}:{line}: start {start} must be below end {end}")
    return start, end
