"""Quanteda-style YAML dictionaries, read with a small parser of the YAML subset they use.

A dictionary nests keys and ends in lists of cues::

    cause:
      fear:
        - afraid
        - fear* + he|men      # a pattern: both groups in one sentence
      nature: [biolog*, instinct*]
    remedy:
      professional:
        - therap*

Nested keys join with ``.`` into the code (``cause.fear``); the first key
gives the function. Entries holding ``+`` are patterns. Remedies require a
directive sentence, as in the CSV codebook.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "d.yml"
>>> _ = p.write_text("cause:\\n  fear: [afraid, scared]\\n")
>>> read_yaml_dictionary(p)[0][1]["code"]
'cause.fear'
"""
from __future__ import annotations

import re
from pathlib import Path

_KEY_RE = re.compile(r"^(?P<key>[^:\s][^:]*?)\s*:\s*(?P<value>.*)$")


class _Error(ValueError):
    pass


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if ch in "'\"":
            quote = None if quote == ch else (quote or ch)
        elif ch == "#" and quote is None and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line.rstrip()


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _inline_list(value: str, path, line) -> list[str]:
    if not value.endswith("]"):
        raise _Error(f"{path}:{line}: unclosed '[' in {value!r}")
    return [_unquote(v) for v in value[1:-1].split(",") if v.strip()]


def _entry(keys, items, line) -> tuple[int, dict]:
    from .codebook import _FUNCTION_ALIASES
    function = _FUNCTION_ALIASES.get(keys[0].lower(), keys[0])
    cues = [c for c in items if "+" not in c]
    patterns = [c for c in items if "+" in c]
    return line, {"code": ".".join(keys), "function": function, "scope": "any",
                  "requires": "directive" if function == "remedy" else "",
                  "definition": "", "cues": ";".join(cues), "patterns": ";".join(patterns)}


def _parse(lines, path) -> list[tuple[int, dict]]:
    stack: list[tuple[int, str]] = []      # (indent, key)
    leaves: dict[tuple, list] = {}         # key path -> [line, items]
    opened: dict[tuple, int] = {}          # key path -> line of the key
    for number, raw in enumerate(lines, 1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise _Error(f"{path}:{number}: tabs are not allowed for indentation")
        text = _strip_comment(raw)
        if not text.strip() or text.strip() == "---":
            continue
        indent = len(text) - len(text.lstrip())
        body = text.strip()
        if body.startswith("- ") or body == "-":
            if not stack:
                raise _Error(f"{path}:{number}: list item outside any key")
            keys = tuple(k for _, k in stack)
            item = _unquote(body[1:])
            if not item:
                raise _Error(f"{path}:{number}: empty list item")
            leaves.setdefault(keys, [number, []])[1].append(item)
            continue
        match = _KEY_RE.match(body)
        if not match:
            raise _Error(f"{path}:{number}: expected 'key:' or '- item', got {body!r}")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if tuple(k for _, k in stack) in leaves:
            raise _Error(f"{path}:{number}: key {match['key']!r} under a key that already lists cues")
        stack.append((indent, _unquote(match["key"])))
        value = match["value"].strip()
        keys = tuple(k for _, k in stack)
        if keys in opened:
            raise _Error(f"{path}:{number}: key {'.'.join(keys)!r} already defined on line {opened[keys]}")
        opened[keys] = number
        if value.startswith("["):
            leaves[keys] = [number, _inline_list(value, path, number)]
        elif value:
            leaves[keys] = [number, [_unquote(value)]]
    return [_entry(keys, items, line) for keys, (line, items) in leaves.items()]


def read_yaml_dictionary(path) -> list[tuple[int, dict]]:
    """Read a quanteda-style YAML dictionary into ``(line, codebook row)`` pairs.

    Raises :class:`~analysis.framing.codebook.CodebookError` naming the file
    and line for tabs, stray list items, unclosed lists and malformed keys.
    """
    from ..datafiles import read_text_file
    from .codebook import CodebookError
    path = Path(path)
    try:
        rows = _parse(read_text_file(path, error=CodebookError).splitlines(), path)
    except _Error as exc:
        raise CodebookError(str(exc)) from None
    if not rows:
        raise CodebookError(f"{path}:1: the dictionary holds no cues")
    return rows
