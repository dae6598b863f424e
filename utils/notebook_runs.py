"""Running notebooks top to bottom, for the benchmark timings and the real-data test.

:func:`execute_notebook` runs one notebook on a fresh kernel (optionally on
``MLC_DATA``) and reports a :class:`NotebookRun`; :func:`source_name` names the
data in use. ``benchmarks/run_benchmarks.py`` and ``tests/test_real_data.py`` use them.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NotebookRun", "execute_notebook", "source_name"]


@dataclass
class NotebookRun:
    """How one notebook execution went."""

    name: str
    seconds: float
    n_cells: int
    error: str | None = None

    @property
    def ok(self):
        return self.error is None


def execute_notebook(path, data=None, timeout=600, kernel_name="python3"):
    """Run a notebook top to bottom on a fresh kernel (cwd = its folder); never raises on cell errors.

    ``data`` sets ``MLC_DATA`` for the kernel; ``None`` removes it, so the
    classroom corpus is used. ``timeout`` is the limit per cell, in seconds.
    Returns a :class:`NotebookRun` whose ``error`` holds the failure, if any.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    env = os.environ.copy()
    env.pop("MLC_DATA", None)
    if data is not None:
        env["MLC_DATA"] = str(data)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name=kernel_name, resources={"metadata": {"path": str(path.parent)}}
    )
    n_cells = sum(cell.cell_type == "code" for cell in notebook.cells)
    start = time.perf_counter()
    error = None
    try:
        client.execute(env=env)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        error = str(err)
    return NotebookRun(path.name, time.perf_counter() - start, n_cells, error)


def source_name(source=None):
    """A short name for the data in use: ``classroom_corpus`` or the file/folder name."""
    from utils.data import resolve_source, using_classroom_corpus

    if using_classroom_corpus(source):
        return "classroom_corpus"
    path = resolve_source(source)
    name = path.name
    for suffix in (".gz", ".csv"):
        name = name.removesuffix(suffix)
    return name
