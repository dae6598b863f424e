"""utils.notebook_runs: what an executed notebook reports (claim notes, cell times, a kept copy)."""

import nbformat

from utils.checks import CLAIM_NOTE, CLAIM_NOTE_END
from utils.notebook_runs import claim_notes, execute_notebook


def _notebook(path, sources):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, str(path))
    return path


def test_claim_notes_are_collected_from_stream_outputs_only():
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("stream", text=f"x\n{CLAIM_NOTE}chains help{CLAIM_NOTE_END}\n"),
                    nbformat.v4.new_output("execute_result",
                                           data={"text/plain": f"'{CLAIM_NOTE}not this{CLAIM_NOTE_END}'"})]
    notebook.cells = [cell, nbformat.v4.new_markdown_cell(f"{CLAIM_NOTE}prose, not an output{CLAIM_NOTE_END}")]
    assert claim_notes(notebook) == ["chains help"]


def test_execute_notebook_reports_notes_cell_times_and_errors(tmp_path):
    path = _notebook(tmp_path / "n.ipynb", [
        "from utils.checks import claim\nclaim(False, 'one equals two', strict=False)",
        "import time\ntime.sleep(1.5)",
        "1 / 0",
    ])
    kept = tmp_path / "kept.ipynb"
    run = execute_notebook(path, save_to=kept, timeout=60)
    assert run.notes == ["one equals two"]
    assert [seconds >= 1.5 for _, seconds in run.cell_seconds] == [False, True, False]
    assert "ZeroDivisionError" in run.error and not run.ok
    assert claim_notes(nbformat.read(str(kept), as_version=4)) == ["one equals two"]


def test_peak_memory_sees_this_process_or_its_children_grow():
    import subprocess
    import sys

    import numpy as np

    from utils.notebook_runs import PeakMemory

    with PeakMemory(children=False, every=0.05) as mine:
        block = np.ones(40_000_000)  # 320 MB, touched
        del block
    assert mine.peak - mine.start > 250e6
    code = "import numpy, time; a = numpy.ones(30_000_000); time.sleep(1.0)"  # a child holding 240 MB
    with PeakMemory(children=True, every=0.05) as kids:
        subprocess.run([sys.executable, "-c", code], check=True)
    assert kids.peak - kids.start > 200e6
