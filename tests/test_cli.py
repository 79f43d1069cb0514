"""``python -m analysis``: help, listing, exports and clear errors."""
from __future__ import annotations

import subprocess
import sys


def _cli(*args, check=False):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=check)


def test_help_lists_commands():
    out = _cli("--help", check=True).stdout
    for command in ("figures", "report", "sources", "claims", "frames", "topics"):
        assert command in out


def test_figures_list():
    out = _cli("figures", "--list", check=True).stdout
    assert "article_stats\t01-corpus-overview.ipynb" in out


def test_bad_corpus_path_is_a_clear_error(tmp_path):
    result = _cli("figures", "--corpus", str(tmp_path / "missing"), "--out", str(tmp_path))
    assert result.returncode != 0
    assert "corpus path not found" in result.stderr and "missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_sentences_export(tiny_dir, tmp_path):
    out = tmp_path / "s.csv"
    _cli("sentences", "--corpus", str(tiny_dir), "--out", str(out), check=True)
    assert out.read_text().startswith("doc_id,sent_id,para_id,start,end,text,is_heading")


def test_report_bad_corpus_is_a_clear_error(tmp_path):
    result = _cli("report", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html"))
    assert result.returncode != 0 and "nowhere" in result.stderr and "Traceback" not in result.stderr
