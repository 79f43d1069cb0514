"""Command line: ``python -m analysis {figures,report,sources,claims,frames,topics,sentences}``.

Examples
--------
``python -m analysis figures --corpus seeds --out figures``
``python -m analysis sources --corpus my_articles/ --out sources.csv``
``python -m analysis frames --corpus my_articles/ --codebook my_codebook.yml --model rules``
``python -m analysis topics --corpus my_articles/ --k 8 --method lda``
``python -m analysis claims --corpus articles.csv --threshold 0.45 --out -``
"""
from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from pathlib import Path

from . import config
from .claims.repeated import DEFAULT_THRESHOLD

#: Table exports: subcommand -> (function path, help).
EXPORTS = {
    "sources": ("analysis.sources:detect_sources", "cited sources, one row per mention"),
    "claims": ("analysis.claims:detect_repeated_claims", "repeated claims, one row per member sentence"),
    "frames": ("analysis.framing:detect_codes", "framing codes, one row per sentence and code"),
    "topics": ("analysis.topics:topic_table", "topic prevalence per article"),
    "sentences": ("analysis.corpus:sentences_table", "the cleaned sentences with offsets"),
}
#: The columns of each export, for its --help. Offsets (start, end) index the file's decoded text.
EXPORT_COLUMNS = {
    "sources": "doc_id, sent_id, start, end (of the mention); surface (as written); source (the name "
               "without titles and degrees); kind (person, organization, publication, study, "
               "anonymous); role (\"family therapist\"); attribution (quote, paraphrase, mention, venue)",
    "claims": "claim_id (1 = made by most articles); doc_id, sent_id, start, end, text (the member "
              "sentence); similarity (to the claim's label sentence: a weighted sum of the cosines of "
              "the representation's blocks, at most 1; a block the sentence lacks, such as framing "
              "codes, adds nothing); match (verbatim, paraphrase); claim_type "
              "(generalisation, causal, advice, other); label; n_docs; support (named, anonymous, "
              "none, unknown: who the sentence is attributed to)",
    "frames": "doc_id, sent_id, start, end (of the sentence); code; evidence (the cues that fired, "
              "'surface [start:end]' joined by ' | '; a code added by a classifier reads 'p=0.81: ...' "
              "with its strongest features)",
    "topics": "doc_id, topic, label (the topic's top words), prevalence (share of the article), method, k",
    "sentences": "doc_id, sent_id, para_id, start, end, text, is_heading",
}


def _load(path, args):
    from .corpus import CorpusError, load_corpus
    try:
        return load_corpus(path, text=args.text_column, id=args.id_column)
    except (FileNotFoundError, CorpusError) as exc:
        raise SystemExit(f"error: {exc}") from None


def _codebook(path):
    """The codebook at ``path`` (None: the default), read before the corpus so that errors come first."""
    if path is None:
        return None
    from .framing import CodebookError, load_codebook
    if not Path(path).is_file():
        raise SystemExit(f"error: codebook not found: {path}")
    try:
        return load_codebook(path)
    except CodebookError as exc:
        raise SystemExit(f"error: {exc}") from None


def _out_file(out: str):
    """The export's target: standard output for ``-``, else a file path whose folder is made.

    Checked before the work starts, so that a wrong path fails at once.
    """
    if out == "-":
        return sys.stdout
    path = Path(out).expanduser()
    if path.is_dir():
        raise SystemExit(f"error: --out {out} is a folder; give a file name such as {path / 'out.csv'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SystemExit(f"error: cannot create the folder of --out {out}: {exc.strerror}") from None
    return path


def _resolve(target: str):
    module, func = target.split(":")
    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        raise SystemExit(f"error: {target} is not available in this version") from None


DESCRIPTION = ("Figures, an HTML report and CSV tables of a corpus of articles\n"
               "(a folder of .txt/.md files, one file, or a CSV, JSONL or JSON table).")
EPILOG = "\n".join(["examples:", *("  " + line.strip("`") for line in __doc__.splitlines()
                                     if line.startswith("``python")),
                    "", "python -m analysis COMMAND --help describes each command's options."])
CORPUS_HELP = f"corpus folder, file or table (default: ${config.CORPUS_ENV} if set, else seeds/)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    fig = sub.add_parser("figures", help="regenerate every figure and table")
    fig.add_argument("--corpus", default=None, help=CORPUS_HELP)
    _column_options(fig)
    fig.add_argument("--out", default=str(config.FIGURES_DIR), help="output folder (default: figures/)")
    fig.add_argument("--only", nargs="+", default=None, metavar="NAME",
                     help="only these figures (names from --list)")
    fig.add_argument("--list", action="store_true", help="list the registered figures and exit")
    rep = sub.add_parser("report", help="execute the notebooks on a corpus into one HTML file",
                         description="Execute the notebooks on a corpus into one HTML file. It also runs "
                                     "the project's validation, which takes minutes the first time and "
                                     "is read from the disk cache after that.")
    rep.add_argument("--corpus", default=None, help=CORPUS_HELP)
    _column_options(rep)
    rep.add_argument("--out", default="report.html", help="HTML path (default: report.html)")
    for name, (_, help_text) in EXPORTS.items():
        exp = sub.add_parser(name, help=f"write {help_text} as CSV",
                             description=f"Write {help_text} as CSV. Columns: {EXPORT_COLUMNS[name]}.")
        exp.add_argument("--corpus", default=None, help=CORPUS_HELP)
        _column_options(exp)
        exp.add_argument("--out", default=f"{name}.csv",
                         help=f"CSV path, or - for standard output (default: {name}.csv)")
        if name == "frames":
            exp.add_argument("--codebook", default=None,
                             help="codebook CSV or quanteda-style YAML dictionary (default: the project's)")
            exp.add_argument("--model", choices=("hybrid", "rules"), default="hybrid",
                             help="cue rules and classifiers (default), or the cue rules alone")
        elif name == "topics":
            exp.add_argument("--k", type=_positive_int, default=None,
                             help="number of topics (default: chosen by select_k)")
            exp.add_argument("--method", choices=("nmf", "lda"), default="nmf", help="default: nmf")
        elif name == "claims":
            exp.add_argument("--threshold", type=_unit_float, default=None,
                             help="least average similarity inside a claim; higher gives fewer, "
                                  f"tighter claims (default: {DEFAULT_THRESHOLD}, chosen on the hand-coded "
                                  "seeds and development sets, where about half the claims found match "
                                  "a hand-coded one: read them as leads)")
    return parser


def _column_options(parser) -> None:
    parser.add_argument("--text-column", default="text", metavar="NAME",
                        help="a table corpus's column of article text (default: text)")
    parser.add_argument("--id-column", default="doc_id", metavar="NAME",
                        help="a table corpus's column of article ids (default: doc_id; "
                             "without it, row numbers)")


def _checked(convert, ok, rule: str, kind: str):
    """An argparse ``type``: ``convert(text)``, which must pass ``ok`` (else ``rule`` is the message)."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {kind}: {text!r}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"{rule}, got {value}")
        return value
    return parse


_positive_int = _checked(int, lambda v: v >= 1, "must be at least 1", "a whole number")
_unit_float = _checked(float, lambda v: 0 < v <= 1, "must be in (0, 1]", "a number")


def main(argv=None) -> int:
    """Run the command line; warnings print as one ``warning:`` line while it runs."""
    args = build_parser().parse_args(argv)
    corpus_path = Path(args.corpus) if getattr(args, "corpus", None) else config.corpus_dir()
    formatwarning = warnings.formatwarning
    warnings.formatwarning = lambda msg, cat, *a, **k: f"warning: {msg}\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            return _run(args, corpus_path)
    finally:
        warnings.formatwarning = formatwarning


def _run(args, corpus_path) -> int:
    if args.command == "figures":
        from .figures import load_all, write_figures
        if args.list:
            for spec in load_all().values():
                print(f"{spec.name}\t{spec.notebook}\t{spec.caption}")
            return 0
        unknown = sorted(set(args.only or ()) - set(load_all()))
        if unknown:
            raise SystemExit(f"error: unknown figure(s) {', '.join(unknown)}; "
                             "python -m analysis figures --list names them")
        corpus = _load(corpus_path, args)
        print(f"corpus: {corpus}", flush=True)
        write_figures(corpus, args.out, names=args.only,
                      progress=lambda line: print(line, flush=True))
    elif args.command == "report":
        from .corpus import CorpusError
        from .report import ReportError
        try:
            _resolve("analysis.report:build_report")(corpus_path, args.out, text=args.text_column,
                                                     id=args.id_column)
        except (FileNotFoundError, CorpusError, ReportError) as exc:
            raise SystemExit(f"error: {exc}") from None
    else:
        options = {}
        if args.command == "frames":
            options = {"codebook": _codebook(args.codebook), "model": args.model}
        elif args.command == "topics":
            options = {"k": args.k, "method": args.method}
        elif args.command == "claims" and args.threshold is not None:
            options = {"threshold": args.threshold}
        out = _out_file(args.out)
        corpus = _load(corpus_path, args)
        try:
            table = _resolve(EXPORTS[args.command][0])(corpus, **options)
        except ValueError as exc:
            if args.command != "topics":
                raise
            raise SystemExit(f"error: {exc}") from None
        table.to_csv(out, index=False, lineterminator="\n")
        if out is not sys.stdout:
            print(f"wrote {len(table)} rows to {args.out}", file=sys.stderr)
    return 0
