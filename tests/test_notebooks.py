"""Every notebook runs top to bottom on a fresh kernel and reproduces its committed text outputs."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from analysis import config
from analysis.notebooks import execute_notebook

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def _text_outputs(nb):
    """Per code cell: its stdout (however the kernel chunked it) and its text/plain results.

    Images and stderr are left out; whitespace is normalised.
    """
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        stdout, results = [], []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                if o.get("name") == "stdout":
                    stdout.append(str(o.get("text", "")))
            else:
                results.append(" ".join(str(o.get("data", {}).get("text/plain", "")).split()))
        out.append((" ".join("".join(stdout).split()), results))
    return out


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_and_reproduces(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    fresh = execute_notebook(copy, out=copy, corpus=config.SEEDS_DIR)
    errors = [o for c in fresh.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    committed = nbformat.read(path, as_version=4)
    assert _text_outputs(fresh) == _text_outputs(committed), f"{path.name}: re-run changed its outputs"
