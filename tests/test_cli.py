"""``python -m analysis``: help, listing, exports and clear errors."""
from __future__ import annotations

import subprocess
import sys

COMMANDS = ("figures", "report", "sources", "claims", "frames", "topics", "sentences")


def _cli(*args, check=False):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=check)


def test_help_lists_commands():
    out = _cli("--help", check=True).stdout
    for command in COMMANDS:
        assert command in out
    assert "examples:" in out and "``" not in out


def test_every_corpus_option_says_its_default():
    for command in COMMANDS:
        out = _cli(command, "--help", check=True).stdout
        assert "$ANALYSIS_CORPUS" in out and "seeds/" in out


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


def test_export_makes_the_folder_of_out_and_refuses_a_folder(tiny_dir, tmp_path):
    out = tmp_path / "new" / "deeper" / "s.csv"
    _cli("sentences", "--corpus", str(tiny_dir), "--out", str(out), check=True)
    assert out.is_file()
    result = _cli("sentences", "--corpus", str(tiny_dir), "--out", str(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "is a folder; give a file name" in result.stderr


def test_report_bad_corpus_is_a_clear_error(tmp_path):
    result = _cli("report", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html"))
    assert result.returncode != 0 and "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_frames_export_with_own_codebook(tiny_dir, tmp_path):
    book = tmp_path / "book.yml"
    book.write_text("cause:\n  money: [money, debt*, bills]\n", encoding="utf-8")
    out = tmp_path / "f.csv"
    corpus = tmp_path / "c.csv"
    corpus.write_text('doc_id,text\na,"He goes quiet when the bills pile up. We talk."\n', encoding="utf-8")
    _cli("frames", "--corpus", str(corpus), "--codebook", str(book), "--model", "rules", "--out", str(out),
         check=True)
    lines = out.read_text().splitlines()
    assert lines[0] == "doc_id,sent_id,start,end,code,evidence"
    assert lines[1:] == ["a,0,0,37,cause.money,bills [23:28]"]


def test_frames_bad_codebook_is_a_clear_error(tiny_dir, tmp_path):
    book = tmp_path / "book.csv"
    book.write_text("code,function,cues\nmy.code,cause,\n", encoding="utf-8")
    result = _cli("frames", "--corpus", str(tiny_dir), "--codebook", str(book), "--out", str(tmp_path / "f.csv"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "book.csv:2: code 'my.code' has no cues and no patterns" in result.stderr
    result = _cli("frames", "--corpus", str(tiny_dir), "--codebook", str(tmp_path / "none.yml"))
    assert result.returncode != 0 and "codebook not found" in result.stderr


def test_topics_export_takes_k_and_method(tiny_dir, tmp_path):
    out = tmp_path / "t.csv"
    _cli("topics", "--corpus", str(tiny_dir), "--k", "2", "--method", "lda", "--out", str(out), check=True)
    lines = out.read_text().splitlines()
    assert lines[0] == "doc_id,topic,label,prevalence,method,k"
    assert {line.rsplit(",", 2)[1:] == ["lda", "2"] for line in lines[1:]} == {True}
    for bad, message in (("0", "must be at least 1"), ("two", "not a whole number"),
                         ("900", "k=900 topics is not possible")):
        result = _cli("topics", "--corpus", str(tiny_dir), "--k", bad, "--out", str(out))
        assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_claims_export_takes_a_threshold(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('doc_id,text\na,"Men are taught to hide their feelings. Buy a cake."\n'
                      'b,"Guys are taught to hide feelings. Paint the fence."\n', encoding="utf-8")
    out = tmp_path / "c_out.csv"
    _cli("claims", "--corpus", str(corpus), "--threshold", "0.3", "--out", str(out), check=True)
    assert len(out.read_text().splitlines()) == 3  # header, one claim in two articles
    _cli("claims", "--corpus", str(corpus), "--threshold", "1", "--out", str(out), check=True)
    assert len(out.read_text().splitlines()) == 1  # nothing is that similar
    result = _cli("claims", "--corpus", str(corpus), "--threshold", "1.5")
    assert result.returncode != 0 and "must be in (0, 1]" in result.stderr


def test_table_columns_are_named_on_the_command_line(tmp_path):
    table = tmp_path / "a.csv"
    table.write_text("ident,body,outlet\nx,Men hide. Women ask.,Daily\n", encoding="utf-8")
    result = _cli("sentences", "--corpus", str(table), "--out", "-")
    assert result.returncode != 0 and "--text-column and --id-column" in result.stderr
    out = _cli("sentences", "--corpus", str(table), "--text-column", "body", "--id-column", "ident",
               "--out", "-", check=True).stdout
    assert out.splitlines()[1:] == ["x,0,0,0,9,Men hide.,False", "x,1,0,10,20,Women ask.,False"]


def test_each_export_help_names_its_columns():
    first = {"sources": "doc_id", "claims": "claim_id", "frames": "doc_id", "topics": "doc_id",
             "sentences": "doc_id"}
    for command, column in first.items():
        assert f"Columns: {column}" in _cli(command, "--help", check=True).stdout


def test_unknown_figure_is_an_error_before_the_corpus_is_read(tmp_path):
    result = _cli("figures", "--corpus", str(tmp_path / "missing"), "--only", "nosuch", "--out", str(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "unknown figure(s) nosuch" in result.stderr


def test_main_restores_the_warning_format(tiny_dir, tmp_path):
    import warnings
    from analysis.cli import main
    before = warnings.formatwarning
    assert main(["sentences", "--corpus", str(tiny_dir), "--out", str(tmp_path / "s.csv")]) == 0
    assert warnings.formatwarning is before
