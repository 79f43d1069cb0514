"""Execute notebooks reproducibly: ``python -m analysis.notebooks NB.ipynb ...``.

Notebooks run top to bottom on a fresh kernel, in their own folder, with
``$ANALYSIS_CORPUS`` set when a corpus is given. Timing metadata is not
recorded and each cell's stdout and stderr are merged into one stream each
(the kernel may otherwise split one ``print`` into several chunks, depending
on timing), so re-executing gives the same file when the outputs are the same.

Examples
--------
``python -m analysis.notebooks notebooks/*.ipynb`` re-executes in place.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import config


@contextmanager
def _env(corpus):
    old = os.environ.get(config.CORPUS_ENV)
    if corpus is not None:
        os.environ[config.CORPUS_ENV] = str(Path(corpus).resolve())
    try:
        yield
    finally:
        if corpus is not None:
            if old is None:
                os.environ.pop(config.CORPUS_ENV, None)
            else:
                os.environ[config.CORPUS_ENV] = old


def execute_notebook(path, *, out=None, corpus=None, timeout: int = 600):
    """Execute ``path`` and write it to ``out`` (default: in place); return the notebook."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    with _env(corpus):
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                record_timing=False, coalesce_streams=True,
                                # the kernel's own log: only errors (it warns at every start
                                # that it talks to this process over local TCP)
                                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, out or path)
    return nb


def main(argv=None) -> int:
    paths = (argv if argv is not None else sys.argv[1:])
    for path in paths:
        print(f"executing {path}", flush=True)
        execute_notebook(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
