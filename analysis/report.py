"""One self-contained HTML report of every notebook, run on any corpus.

:func:`build_report` executes ``notebooks/0*.ipynb`` in order against a
corpus (through ``$ANALYSIS_CORPUS``, into a temporary folder, so the
committed notebooks are never touched), converts each one with nbconvert's
``HTMLExporter`` and joins them into one page: a title naming the corpus, a
table of contents linking every notebook and heading, and every figure
inline as a ``data:`` URI. No script or style sheet is loaded from the
network.

Article text can reach the outputs (tables of sentences, printed examples).
Plain-text outputs and pandas tables are escaped by nbconvert and pandas;
markdown outputs are escaped here, ``<script>``-like tags in HTML outputs are
neutralised and JavaScript outputs are dropped, so an article containing
``<script>`` shows as text.

Examples
--------
``python -m analysis report --corpus my_articles/ --out report.html``

>>> from analysis.report import default_notebooks
>>> [p.name for p in default_notebooks()][:1]
['00-index.ipynb']
"""
from __future__ import annotations

import html
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from . import config
from .corpus import CorpusError, load_corpus


class ReportError(RuntimeError):
    """A notebook failed while the report was built; the message names it and the corpus."""


#: Output types that would run code in the reader's browser, or that the exporter
#: inserts without escaping (mermaid source): dropped.
_ACTIVE_MIME = ("application/javascript", "text/javascript",
                "application/vnd.jupyter.widget-view+json", "text/vnd.mermaid")
_ACTIVE_TAG_RE = re.compile(r"<(/?)(script|iframe|object|embed|base|meta|link)\b", re.I)
_EVENT_ATTR_RE = re.compile(r"(<[^>]*?\s)on(\w+\s*=)", re.I)
_MAIN_RE = re.compile(r"<main>(.*)</main>", re.S)
_HEAD_RE = re.compile(r"(.*?<body[^>]*>)", re.S)
_ID_RE = re.compile(r'(\sid=")([^"]+)(")')
_HREF_RE = re.compile(r'(\shref="#)([^"]+)(")')
#: The exporter's own scripts (MathJax, require.js, mermaid) load code from the network.
_HEAD_SCRIPT_RE = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.I | re.S)

_PAGE_CSS = """
body.jp-Notebook { max-width: 1100px; margin: 0 auto; padding: 1em 2em;
                  font-family: var(--jp-content-font-family, sans-serif); }
header.report-title h1 { margin-bottom: 0.2em; }
nav.report-toc { border: 1px solid #ccc; padding: 0.5em 1.5em; margin: 1em 0 2em; }
nav.report-toc ul { margin: 0.2em 0; }
section.report-notebook { border-top: 3px solid #0072B2; margin-top: 2em; padding-top: 1em; }
"""


class EscapeOutputs(Preprocessor):
    """Make every output inert: escape markdown, neutralise active HTML, drop scripts."""

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            for mime in _ACTIVE_MIME:
                data.pop(mime, None)
            if "text/markdown" in data:
                data["text/markdown"] = escape_markdown(data["text/markdown"])
            if "text/html" in data:
                data["text/html"] = neutralize_html(data["text/html"])
        return cell, resources


def escape_markdown(text: str) -> str:
    """Escape ``&`` and ``<`` so raw HTML in markdown renders as text.

    Examples
    --------
    >>> escape_markdown("**a** <script>x</script>")
    '**a** &lt;script>x&lt;/script>'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;")


def neutralize_html(text: str) -> str:
    """Escape script-like tags and event attributes in an HTML fragment.

    Examples
    --------
    >>> neutralize_html('<td><script>x</script></td>')
    '<td>&lt;script>x&lt;/script></td>'
    """
    text = _ACTIVE_TAG_RE.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", text)
    return _EVENT_ATTR_RE.sub(lambda m: f"{m.group(1)}data-on{m.group(2)}", text)


def default_notebooks(folder=config.NOTEBOOKS_DIR) -> list[Path]:
    """The report's notebooks: ``folder/0*.ipynb`` in name order."""
    return sorted(Path(folder).glob("0*.ipynb"))


class _Headings(HTMLParser):
    """Collect ``(level, id, text)`` of the h1-h3 headings of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3") and dict(attrs).get("id"):
            self._open = [int(tag[1]), dict(attrs)["id"], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if self._open is not None and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], self._open[1], self._open[2].rstrip("¶").strip()))
            self._open = None


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(embed_images=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.register_preprocessor(EscapeOutputs, enabled=True)
    return exporter


def _section(nb, slug: str) -> tuple[str, str, list]:
    """Export one notebook; return (page head, prefixed body, headings)."""
    page, _ = _exporter().from_notebook_node(nb)
    head = _HEAD_SCRIPT_RE.sub("", _HEAD_RE.match(page).group(1))
    body = _MAIN_RE.search(page).group(1)
    body = _ID_RE.sub(lambda m: f"{m.group(1)}{slug}-{m.group(2)}{m.group(3)}", body)
    body = _HREF_RE.sub(lambda m: f"{m.group(1)}{slug}-{m.group(2)}{m.group(3)}", body)
    parser = _Headings()
    parser.feed(body)
    return head, body, parser.found


def _toc(entries) -> str:
    lines = ['<nav class="report-toc"><h2 id="contents">Contents</h2><ul>']
    for slug, name, headings in entries:
        lines.append(f'<li><a href="#{slug}">{html.escape(name)}</a><ul>')
        lines += [f'<li class="toc-h{level}"><a href="#{hid}">{html.escape(text)}</a></li>'
                  for level, hid, text in headings]
        lines.append("</ul></li>")
    return "\n".join(lines + ["</ul></nav>"])


def assemble(sections, corpus_path) -> str:
    """Join exported notebooks ``[(name, nb)]`` into one HTML page (string)."""
    parts, entries, head = [], [], None
    for i, (name, nb) in enumerate(sections):
        slug = f"nb{i}-" + re.sub(r"[^\w-]+", "-", Path(name).stem)
        page_head, body, headings = _section(nb, slug)
        head = head or page_head
        entries.append((slug, Path(name).stem, headings))
        parts.append(f'<section class="report-notebook" id="{slug}">\n{body}\n</section>')
    title = html.escape(f"Analysis report: {corpus_path}")
    head = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", head, flags=re.S)
    head = head.replace("</head>", f"<style>{_PAGE_CSS}</style>\n</head>", 1)
    header = (f'<header class="report-title"><h1 id="report-title">{title}</h1>'
              f"<p>{len(entries)} notebooks executed on the corpus at "
              f"<code>{html.escape(str(corpus_path))}</code>.</p></header>")
    return "\n".join([head, "<main>", header, _toc(entries), *parts, "</main>", "</body>", "</html>", ""])


def _check_corpus(corpus_path, text: str = "text", id: str = "doc_id"):
    path = Path(corpus_path).expanduser().resolve()
    try:
        corpus = load_corpus(path, text=text, id=id)
    except FileNotFoundError:
        raise FileNotFoundError(f"corpus path not found: {corpus_path}") from None
    except CorpusError as exc:
        raise CorpusError(f"cannot read the corpus at {corpus_path}: {exc}") from None
    return path, corpus


def standard_table(corpus, out) -> Path:
    """Write ``corpus`` as a CSV table with ``doc_id`` and ``text`` (the raw texts, unchanged) to ``out``.

    The notebooks read a table by those two column names; a table with other
    names is passed to them this way. Offsets stay valid: the texts are
    written as they were read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": 'Men hide. "He waits," she says.', "b": "Line one,\\r\\nline two."})
    >>> p = standard_table(c, pathlib.Path(tempfile.mkdtemp()) / "t.csv")
    >>> load_corpus(p).raw == c.raw
    True
    """
    import csv

    out = Path(out)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["doc_id", "text"])
        writer.writerows(corpus.raw.items())
    return out


def build_report(corpus_path=None, out="report.html", *, notebooks=None, progress=print,
                 text: str = "text", id: str = "doc_id") -> Path:
    """Execute the notebooks on ``corpus_path`` and write one HTML report to ``out``.

    Parameters
    ----------
    corpus_path : str or Path, optional
        Anything :func:`analysis.load_corpus` reads (default: ``config.corpus_dir()``).
    out : str or Path
        The HTML file to write.
    notebooks : list of paths, optional
        The notebooks to run, in order (default: :func:`default_notebooks`).
        They are executed into a temporary folder; the files are never changed.
    progress : callable or None
        Called with one line per notebook (None: silent).
    text, id : str
        For a table: the columns of the article text and of its id (as in
        :func:`analysis.load_corpus`). With other names than ``text`` and
        ``doc_id``, the notebooks read a copy of the table with those names
        (:func:`standard_table`).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    FileNotFoundError, CorpusError
        For a corpus path that does not exist or holds no readable article
        (the message names the path).
    ReportError
        When a notebook fails; the message names the notebook, the corpus
        and the error (the failing cell's traceback is on its ``__cause__``).

    Examples
    --------
    >>> build_report("seeds", "report.html")                     # doctest: +SKIP
    """
    corpus, loaded = _check_corpus(corpus_path if corpus_path is not None else config.corpus_dir(), text, id)
    paths = [Path(p) for p in (notebooks if notebooks is not None else default_notebooks())]
    if not paths:
        raise FileNotFoundError(f"no notebooks to run (looked for 0*.ipynb in {config.NOTEBOOKS_DIR})")
    from .notebooks import execute_notebook
    sections = []
    with tempfile.TemporaryDirectory(prefix="report-") as tmp:
        source = corpus
        if (text, id) != ("text", "doc_id") and corpus.is_file():
            source = standard_table(loaded, Path(tmp) / f"{corpus.stem}.csv")
        for i, path in enumerate(paths, 1):
            if progress:
                progress(f"[{i}/{len(paths)}] executing {path.name}")
            try:
                nb = execute_notebook(path, out=Path(tmp) / path.name, corpus=source)
            except Exception as exc:  # a failing cell, a dead kernel
                # a cell's error by name and value; its traceback stays on the cause
                detail = (f"{exc.ename}: {exc.evalue}" if hasattr(exc, "ename")
                          else f"{type(exc).__name__}: {exc}")
                raise ReportError(f"{path.name} failed on the corpus {corpus}: {detail}") from exc
            sections.append((path.name, nb))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(assemble(sections, corpus), encoding="utf-8")
    if progress:
        progress(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return out
