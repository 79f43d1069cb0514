"""The figures command writes every registered figure, byte-identically on a re-run."""
from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.figures import FIGURES, load_all, register, save


def _start_figures(corpus_dir, out_dir):
    return subprocess.Popen([sys.executable, "-m", "analysis", "figures", "--corpus", str(corpus_dir),
                             "--out", str(out_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, seeds_corpus):
    """Two independent runs of the figures command, side by side (the classifiers fitted once before)."""
    from analysis import config
    from analysis.framing import fit_code_model
    fit_code_model()  # into this session's disk cache, which both runs read
    first, second = tmp_path_factory.mktemp("fig1"), tmp_path_factory.mktemp("fig2")
    runs = [_start_figures(config.SEEDS_DIR, out) for out in (first, second)]
    outputs = [run.communicate(timeout=900) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0, err[-3000:]
    return first, second, outputs[0][0]


def test_every_registered_figure_is_written(two_runs):
    first, _, stdout = two_runs
    specs = load_all()
    for name, spec in specs.items():
        assert (first / f"{name}.csv").exists(), name
    progress = [line for line in stdout.splitlines() if line.startswith("[")]
    assert len(progress) == len(specs)


def test_rerun_is_byte_identical(two_runs):
    first, second, _ = two_runs
    files = sorted(p.name for p in first.iterdir())
    assert files == sorted(p.name for p in second.iterdir())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert not different


def test_overview_figures_registered():
    specs = load_all()
    assert {"article_stats", "keyness", "article_similarity"} <= set(specs)
    assert all(spec.notebook.endswith(".ipynb") and spec.caption for spec in specs.values())


def test_register_refuses_duplicates():
    with pytest.raises(ValueError, match="registered twice"):
        register("article_stats", notebook="x.ipynb", caption="x")(lambda corpus: None)


def test_save_table_only(tmp_path):
    import pandas as pd
    paths = save(pd.DataFrame({"a": [1]}), None, tmp_path, "t")
    assert [p.name for p in paths] == ["t.csv"]
    assert "article_stats" in FIGURES


def test_validation_entries_are_skipped_on_another_corpus(tiny_corpus, seeds_corpus, tmp_path):
    """The seeds' hand coding does not score another corpus: the validation entries are skipped
    with the reason."""
    from analysis import config
    from analysis.figures import write_figures
    from analysis.validate import covers
    specs = load_all()
    names = ["frame_validation", "claim_threshold_curve", "sources_validation"]
    for name in names:
        with pytest.raises(ValueError, match="no hand coding of this corpus"):
            specs[name].make(tiny_corpus)
    lines = []
    with pytest.warns(UserWarning, match="3 of 3 figures could not be made"):
        assert write_figures(tiny_corpus, tmp_path, names=names, progress=lines.append) == []
    assert all("skipped: no hand coding of this corpus" in line for line in lines)
    gold = config.ANNOTATIONS_DIR / "frames.csv"
    assert covers(seeds_corpus, gold) and not covers(tiny_corpus, gold)
    assert not specs["frame_validation"].make(seeds_corpus)[0].empty


def test_one_short_article_skips_what_it_cannot_support(tmp_path):
    """Topics need more words than one short article has: those entries are skipped with the reason
    (their old files removed), the comparison figures are still drawn, and a warning names them."""
    from analysis import Corpus
    from analysis.figures import write_figures
    corpus = Corpus.from_texts({"only": "Why He Pulls Away\n\nMen go quiet when stressed at work. "
                                        "Give him space and be patient.\n"})
    (tmp_path / "topic_top_terms.png").write_bytes(b"from an earlier run")
    lines = []
    with pytest.warns(UserWarning, match="1 of 3 figures could not be made.*topic_top_terms"):
        written = write_figures(corpus, tmp_path, names=["keyness", "topic_top_terms", "combined_dendrogram"],
                                progress=lines.append)
    assert any("topic_top_terms skipped: no terms left to model" in line for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    assert {p.stem for p in written} == {"keyness", "combined_dendrogram"}


def test_covers_names_a_file_without_doc_id(tmp_path, tiny_corpus):
    from analysis.validate import covers
    bad = tmp_path / "gold.csv"
    bad.write_text("document,start,end\na,0,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.csv:1: missing column\(s\) \['doc_id'\]"):
        covers(tiny_corpus, bad)
    assert not covers(tiny_corpus, tmp_path / "missing.csv")
