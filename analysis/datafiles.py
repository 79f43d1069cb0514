"""Readers for the project's data files: word lists and small CSV tables.

Both skip blank lines and lines that start with ``#``. A malformed table
raises the given error class with a message that names the file and line.

Examples
--------
>>> from analysis import config
>>> isinstance(read_list(config.STOPWORDS_PATH), tuple)
True
"""
from __future__ import annotations

import csv


def _content_lines(path) -> list[tuple[int, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [(i, ln) for i, ln in enumerate(fh, 1) if ln.strip() and not ln.lstrip().startswith("#")]


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
