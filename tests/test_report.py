"""The HTML report: built from invented articles, escaped, and rendered by a real browser."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import config
from analysis.corpus import CorpusError
from analysis.report import (ReportError, build_report, default_notebooks, escape_markdown,
                             neutralize_html)

SCRIPT = '<script>alert("boom")</script>'

#: Three invented articles; the second carries markup that must show as text.
ARTICLES = {
    "first.txt": (
        "Why He Goes Quiet\n\n"
        "Many men go quiet when they feel overwhelmed at work. Boys are often taught that "
        "showing feelings is weak, so they learn to keep worries to themselves.\n\n"
        "Counsellor Ines Marlowe, a family therapist, says that pressure makes the silence "
        "longer. Give him time and space, and do not push him to talk.\n\n"
        "It is not about you. Stay calm and listen without judging when he opens up.\n"),
    "second.txt": (
        "When Your Partner Pulls Away\n\n"
        f"Some readers paste code into comments, like {SCRIPT} or <b>bold</b> tags.\n\n"
        "Men are often raised to hide their emotions. Fear of rejection can make a man "
        "withdraw from the people he loves.\n\n"
        "Experts say patience helps. Ask gentle questions and wait for him to come back. "
        "A couples therapist can help when the distance lasts for months.\n"),
    "third.txt": (
        "Space Is Not the End\n\n"
        "Stress can make a man retreat into his own head for a while. Research shows that "
        "many people need time alone to process hard days.\n\n"
        "Do not take it personally. Give him space, be patient, and he will come back. "
        "Stay calm when he withdraws and take care of your own needs.\n"),
}


@pytest.fixture(scope="module")
def invented_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("invented")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _notebook(path: Path) -> Path:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        new_markdown_cell("# A small notebook\n\nWhat the sentences are."),
        new_code_cell("from analysis import config, load_corpus\nCORPUS_DIR = config.corpus_dir()"),
        new_markdown_cell("## Sentences"),
        new_code_cell("corpus = load_corpus(CORPUS_DIR)\ncorpus.sentences[['doc_id', 'text']]"),
        new_code_cell("from IPython.display import Markdown, display\n"
                      "text = ' '.join(corpus.sentences['text'])\n"
                      "display(Markdown(text))\nprint(text)"),
        new_markdown_cell("## A figure"),
        new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"),
    ]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def small_report(invented_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("small")
    lines = []
    out = build_report(invented_dir, tmp / "report.html", progress=lines.append,
                       notebooks=[_notebook(tmp / "01-small.ipynb")])
    return out, out.read_text(encoding="utf-8"), lines


def test_small_report_is_self_contained(small_report, invented_dir):
    out, page, lines = small_report
    assert lines[0] == "[1/1] executing 01-small.ipynb" and lines[-1].startswith(f"wrote {out}")
    assert f"<title>Analysis report: {invented_dir}</title>" in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', page)


def test_small_report_escapes_article_markup(small_report):
    _, page, _ = small_report
    assert SCRIPT not in page and "<b>bold</b>" not in page
    assert page.count('&lt;script&gt;alert("boom")&lt;/script&gt;') >= 2  # printed and markdown
    assert "<script" not in page.lower()


def test_small_report_table_of_contents_links_every_heading(small_report):
    _, page, _ = small_report
    toc = page[page.index('<nav class="report-toc">'):page.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets[:4] == ["nb0-01-small", "nb0-01-small-A-small-notebook",
                           "nb0-01-small-Sentences", "nb0-01-small-A-figure"]
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    assert set(targets) <= ids


def test_escape_helpers():
    assert escape_markdown("a <script>x</script> & b") == "a &lt;script>x&lt;/script> &amp; b"
    assert neutralize_html('<img src=x onerror="f()"><SCRIPT>') == '<img src=x data-onerror="f()">&lt;SCRIPT>'


def test_a_table_with_other_column_names(tmp_path):
    """The notebooks read a copy of the table under the standard names; the texts are unchanged."""
    table = tmp_path / "articles.csv"
    table.write_text("ident,body\nx,Men hide. He waits.\ny,Women ask.\n", encoding="utf-8")
    out = build_report(table, tmp_path / "r.html", progress=None, text="body", id="ident",
                       notebooks=[_notebook(tmp_path / "01-small.ipynb")])
    page = out.read_text(encoding="utf-8")
    assert "Men hide. He waits. Women ask." in page and str(table) in page
    with pytest.raises(CorpusError, match="--text-column"):
        build_report(table, tmp_path / "r2.html", progress=None, notebooks=[tmp_path / "01-small.ipynb"])


def test_bad_corpus_path_is_named(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        build_report(missing, tmp_path / "r.html", progress=None)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match=re.escape(str(empty))):
        build_report(empty, tmp_path / "r.html", progress=None)
    assert not (tmp_path / "r.html").exists()


def test_a_failing_notebook_is_named_with_its_error(invented_dir, tmp_path):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_code_cell("raise ValueError('no such column: framing')")]
    path = tmp_path / "07-broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ReportError, match=r"07-broken\.ipynb failed on the corpus .*invented") as info:
        build_report(invented_dir, tmp_path / "r.html", notebooks=[path], progress=None)
    assert str(info.value).endswith("ValueError: no such column: framing")
    assert "Traceback" in str(info.value.__cause__)
    assert not (tmp_path / "r.html").exists()


# -- the full default report, through the command line -------------------------

@pytest.fixture(scope="module")
def full_report(invented_dir, tmp_path_factory):
    if not default_notebooks():
        pytest.skip("no notebooks/0*.ipynb yet")
    before = {p: p.read_bytes() for p in default_notebooks()}
    out = tmp_path_factory.mktemp("full") / "report.html"
    run = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(invented_dir),
                          "--out", str(out)], capture_output=True, text=True, timeout=900,
                         cwd=config.PROJECT_DIR)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "IPKernelApp" not in run.stderr, run.stderr[-3000:]  # no kernel log on the terminal
    assert {p: p.read_bytes() for p in default_notebooks()} == before, "notebooks/ was modified"
    return out, run.stdout


def test_full_report_runs_every_notebook(full_report):
    out, stdout = full_report
    names = [p.name for p in default_notebooks()]
    assert [f"[{i}/{len(names)}] executing {n}" for i, n in enumerate(names, 1)] == stdout.splitlines()[:-1]
    page = out.read_text(encoding="utf-8")
    toc = page[page.index('<nav class="report-toc">'):page.index("</nav>")]
    assert all(f">{Path(n).stem}</a>" in toc for n in names)
    assert SCRIPT not in page and "<script" not in page.lower()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Written into the page copy: after load, list every image's load state and width.
PROBE = ('<script>window.addEventListener("load",function(){var o=document.createElement("pre");'
         'o.id="img-probe";o.textContent=Array.from(document.images).map(function(i){'
         'return (i.complete?"ok":"pending")+":"+i.naturalWidth}).join(" ");'
         'document.body.appendChild(o);});</script>')


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                    "(apt-get install -y chromium); the browser check cannot run")
def test_report_renders_in_headless_chromium(full_report, tmp_path):
    out, _ = full_report
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile-a'}",
                    f"--screenshot={shot}", "--window-size=1200,3000", out.resolve().as_uri()],
                   capture_output=True, timeout=180)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    probe = tmp_path / "probe.html"
    probe.write_text(out.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                     encoding="utf-8")
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile-b'}",
                          "--virtual-time-budget=10000", "--dump-dom", probe.resolve().as_uri()],
                         capture_output=True, text=True, timeout=180).stdout
    found = re.search(r'<pre id="img-probe">([^<]*)</pre>', dom)
    assert found, "the page did not finish loading"
    states = found.group(1).split()
    assert states, "the report has no images"
    assert all(s.startswith("ok:") and int(s.split(":")[1]) > 0 for s in states), states
    assert dom.lower().count("<script") == 1, "a script other than the probe is in the page"
