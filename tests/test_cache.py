"""The disk cache: read back for the same key, computed afresh when anything in the key changes."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import cache


@pytest.fixture
def counter():
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"n": [len(calls)]})
    return calls, compute


def test_same_key_is_read_back(tmp_path, monkeypatch, counter):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    calls, compute = counter
    first = cache.cached("thing", ("a", 1), compute)
    second = cache.cached("thing", ("a", 1), compute)
    pd.testing.assert_frame_equal(first, second)
    assert len(calls) == 1
    cache.cached("thing", ("a", 2), compute)
    cache.cached("other", ("a", 1), compute)
    assert len(calls) == 3


def test_a_changed_input_file_changes_the_key(tmp_path, monkeypatch, counter):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    calls, compute = counter
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n", encoding="utf-8")
    cache.cached("thing", (), compute, paths=[data])
    cache.cached("thing", (), compute, paths=[data])
    assert len(calls) == 1
    (data / "a.csv").write_text("x\n2\n", encoding="utf-8")
    cache.cached("thing", (), compute, paths=[data])
    (data / "b.csv").write_text("x\n2\n", encoding="utf-8")
    cache.cached("thing", (), compute, paths=[data])
    assert len(calls) == 3


def test_off_and_unusable_folders_compute(tmp_path, monkeypatch, counter):
    calls, compute = counter
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    cache.cached("thing", (), compute)
    cache.cached("thing", (), compute)
    assert len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "sub"))
    assert cache.cached("thing", (), compute)["n"].iloc[0] == 3


def test_a_corrupt_entry_is_recomputed(tmp_path, monkeypatch, counter):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    calls, compute = counter
    cache.cached("thing", (), compute)
    (entry,) = tmp_path.glob("thing-*.pkl")
    entry.write_bytes(b"garbage")
    assert cache.cached("thing", (), compute)["n"].iloc[0] == 2
    assert cache.cached("thing", (), compute)["n"].iloc[0] == 2


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "analysis"
