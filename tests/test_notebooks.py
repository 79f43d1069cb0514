"""Every notebook runs top to bottom on a fresh kernel and reproduces its committed text outputs."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from analysis import config
from analysis.notebooks import execute_notebook

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def _text_outputs(nb):
    """Stream and text/plain outputs of every code cell (images are left out)."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for o in cell.get("outputs", []):
            text = o.get("text") or o.get("data", {}).get("text/plain", "")
            if o.get("name") == "stderr":
                continue
            out.append(" ".join(str(text).split()))
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
