"""A disk cache for slow, deterministic results (the framing classifiers and set cross-validation).

A result is stored once and read back on the next call with the same key.
The key is a hash of

* every file of the ``analysis`` package (its code and data files),
* the versions of Python and of the libraries the result depends on,
* the files of the input folders, and
* the call's arguments,

so a change to any of them computes the result afresh. The cache lives in
:func:`cache_dir`: ``$ANALYSIS_CACHE_DIR`` when it is set (``off`` turns the
cache off), else ``$XDG_CACHE_HOME/analysis`` or ``~/.cache/analysis``. A
cache that cannot be read or written is skipped without error: the result is
computed.

Examples
--------
>>> import os, tempfile
>>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
>>> calls = []
>>> def slow():
...     calls.append(1)
...     return 42
>>> cached("example", ("a", 1), slow), cached("example", ("a", 1), slow), len(calls)
(42, 42, 1)
>>> del os.environ[CACHE_ENV]
"""
from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from pathlib import Path

from . import config

#: Environment variable naming the cache folder (``off``: no cache).
CACHE_ENV = "ANALYSIS_CACHE_DIR"
#: Libraries whose versions enter every key.
LIBRARIES = ("numpy", "scipy", "pandas", "sklearn", "nltk", "joblib")

_PACKAGE_HASH: str | None = None


def cache_dir() -> Path | None:
    """The cache folder, or None when ``$ANALYSIS_CACHE_DIR`` is ``off``."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in {"off", "0", "no", "false"}:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "analysis"


def _hash_files(h, root: Path) -> None:
    root = Path(root)
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    h.update(str(len(files)).encode())
    for path in files:
        h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def package_hash() -> str:
    """Hash of the package's files and of the library versions (computed once per process)."""
    global _PACKAGE_HASH
    if _PACKAGE_HASH is None:
        import importlib

        h = hashlib.sha256(platform.python_version().encode())
        for name in LIBRARIES:
            h.update(f"{name}={getattr(importlib.import_module(name), '__version__', '?')};".encode())
        _hash_files(h, config.PACKAGE_DIR)
        _PACKAGE_HASH = h.hexdigest()
    return _PACKAGE_HASH


def cache_key(name: str, params, paths=()) -> str:
    """Hash of the package, the files under ``paths`` and ``repr(params)``."""
    h = hashlib.sha256(f"{name}\0{package_hash()}\0{params!r}\0".encode("utf-8", "surrogatepass"))
    for path in paths:
        path = Path(path)
        h.update(str(path.resolve()).encode("utf-8", "surrogatepass") + b"\0")
        if path.exists():
            _hash_files(h, path)
    return h.hexdigest()


def cached(name: str, params, compute, *, paths=()):
    """``compute()``, or its stored result for the same name, arguments, package and files.

    Parameters
    ----------
    name : str
        What is computed (also the stem of the file name).
    params
        Everything else the result depends on; its ``repr`` enters the key.
    compute : callable
        Returns the result (anything that pickles).
    paths : iterable of path
        Files or folders the result is computed from.
    """
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{name}-{cache_key(name, params, paths)[:32]}.pkl"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        pass
    result = compute()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        if tmp is not None and os.path.exists(tmp):
            os.remove(tmp)
    return result
