"""Running notebooks top to bottom, for the benchmark timings and the real-data test.

:func:`execute_notebook` runs one notebook on a fresh kernel (optionally on
``MLC_DATA``) and reports a :class:`NotebookRun`; :func:`source_name` names the
data in use. ``benchmarks/run_benchmarks.py`` and ``tests/test_real_data.py`` use them.
"""

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from utils.checks import CLAIM_NOTE, CLAIM_NOTE_END  # how utils.checks.claim's note begins and ends

__all__ = ["NotebookRun", "PeakMemory", "execute_notebook", "claim_notes", "cell_seconds", "source_name"]


@dataclass
class NotebookRun:
    """How one notebook execution went."""

    name: str
    seconds: float
    n_cells: int
    error: str | None = None
    notes: list = field(default_factory=list)  # what the notebook told the learner a claim did not hold
    cell_seconds: list = field(default_factory=list)  # (cell id, seconds) of each code cell run

    @property
    def ok(self):
        return self.error is None


def execute_notebook(path, data=None, timeout=600, kernel_name="python3", save_to=None):
    """Run a notebook top to bottom on a fresh kernel (cwd = its folder); never raises on cell errors.

    ``data`` sets ``MLC_DATA`` for the kernel; ``None`` removes it, so the
    classroom corpus is used. ``timeout`` is the limit per cell, in seconds;
    ``save_to`` (a path) keeps the executed notebook, outputs included.
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
    if save_to is not None:
        nbformat.write(notebook, str(save_to))
    return NotebookRun(path.name, time.perf_counter() - start, n_cells, error, claim_notes(notebook),
                       cell_seconds(notebook))


def claim_notes(notebook):
    """The claims an executed notebook reported as not holding on its data, in order."""
    notes = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            notes += [line[len(CLAIM_NOTE):-len(CLAIM_NOTE_END)] for line in text.splitlines()
                      if line.startswith(CLAIM_NOTE) and line.endswith(CLAIM_NOTE_END)]
    return notes


def cell_seconds(notebook):
    """``(cell id, seconds)`` for each executed code cell, from the timing nbclient records."""
    from datetime import datetime

    times = []
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            seconds = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                       - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
            times.append((cell.get("id"), round(seconds, 2)))
    return times


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


class PeakMemory:
    """Peak resident memory (bytes) while the ``with`` block runs, polled in a thread.

    ``children=True``: of this process's children (a notebook's kernel); ``False``: of this process.
    ``start`` is the memory when the block began, ``peak`` the largest seen.
    """

    def __init__(self, children=True, every=0.5):
        import psutil

        self.children, self.every, self._stop = children, every, threading.Event()
        self._me = psutil.Process()
        self.start = self.peak = self._now()

    def _now(self):
        import psutil

        if not self.children:
            return self._me.memory_info().rss
        total = 0
        for child in self._me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:  # a child that ended meanwhile
                pass
        return total

    def _poll(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._now())
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._now())
