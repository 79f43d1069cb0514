"""The registry of every figure and table, and the command that writes them.

Each entry is a function ``make(corpus) -> (table, axes)`` registered with
:func:`register`. :func:`write_figures` calls every entry and writes
``<name>.png``, ``<name>.svg`` and the ``<name>.csv`` behind it (``axes``
may be None for a table-only entry). Files are byte-identical across runs:
fixed seeds, no dates or software versions in the metadata.

Theme modules (``figures/overview.py``, ``figures/topics.py``, ...) hold the
entries; importing this package registers them all.

Examples
--------
>>> from analysis.figures import FIGURES
>>> "article_stats" in FIGURES
True
"""
from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from .. import config

THEMES = ("overview", "topics", "framing", "claims", "sources", "compare")


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure: its file name, notebook, caption and maker."""

    name: str
    notebook: str
    caption: str
    make: Callable


FIGURES: dict[str, FigureSpec] = {}


def register(name: str, *, notebook: str, caption: str):
    """Decorator: register ``make(corpus) -> (table, axes)`` under ``name``."""
    def decorate(make):
        if name in FIGURES:
            raise ValueError(f"figure {name!r} is registered twice")
        FIGURES[name] = FigureSpec(name, notebook, caption, make)
        return make
    return decorate


def _figure_of(axes):
    if axes is None:
        return None
    if hasattr(axes, "savefig"):
        return axes
    if hasattr(axes, "figure"):
        return axes.figure
    return next(iter(getattr(axes, "flat", axes))).figure


def save(table: pd.DataFrame, axes, out_dir, name: str) -> list[Path]:
    """Write ``name.csv`` and, when there is a figure, ``name.png`` and ``name.svg``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{name}.csv"]
    table.to_csv(paths[0], index=False, float_format="%.6g", lineterminator="\n")
    fig = _figure_of(axes)
    if fig is not None:
        with matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "path"}):
            fig.savefig(out_dir / f"{name}.png", dpi=150, metadata={"Software": None})
            fig.savefig(out_dir / f"{name}.svg", metadata={"Date": None, "Creator": None})
        paths += [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
        plt.close(fig)
    return paths


def load_all() -> dict[str, FigureSpec]:
    """Import every theme module that exists, registering its entries."""
    for theme in THEMES:
        try:
            importlib.import_module(f"{__name__}.{theme}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{theme}":
                raise
    return FIGURES


def write_figures(corpus, out_dir=config.FIGURES_DIR, *, names=None, progress=print) -> list[Path]:
    """Regenerate the registered figures (all, or ``names``) into ``out_dir``.

    Prints one progress line per figure through ``progress`` (None: silent).
    An entry the corpus cannot support (its ``make`` raises ``ValueError``,
    as topic models do on a corpus with too few words) is skipped with its
    reason on the progress line, its old files in ``out_dir`` are removed,
    and a ``UserWarning`` names every skipped entry. Returns the written paths.
    """
    matplotlib.use("Agg")
    specs = load_all()
    unknown = set(names or ()) - set(specs)
    if unknown:
        raise KeyError(f"unknown figure(s) {sorted(unknown)}; known: {sorted(specs)}")
    chosen = [s for s in specs.values() if not names or s.name in names]
    written, skipped = [], []
    for i, spec in enumerate(chosen, 1):
        try:
            table, axes = spec.make(corpus)
        except ValueError as exc:
            plt.close("all")
            skipped.append(spec.name)
            for stale in (Path(out_dir) / f"{spec.name}{suffix}" for suffix in (".csv", ".png", ".svg")):
                stale.unlink(missing_ok=True)
            if progress:
                progress(f"[{i}/{len(chosen)}] {spec.name} skipped: {exc}")
            continue
        paths = save(table, axes, out_dir, spec.name)
        written += paths
        if progress:
            kinds = " ".join(p.suffix[1:] for p in paths)
            progress(f"[{i}/{len(chosen)}] {spec.name} ({kinds})")
    if skipped:
        warnings.warn(f"{len(skipped)} of {len(chosen)} figures could not be made for this corpus "
                      f"and were skipped: {', '.join(skipped)}", UserWarning, stacklevel=2)
    return written
