"""Real-data mode: every notebook runs to the end on Kaggle-format data.

The folder comes from ``$MLC_REAL_DATA`` (default: ``../shared/data/jigsaw_sample``
next to the repository). Each notebook is executed on a fresh kernel with
``MLC_DATA`` pointing at that folder and the working directory ``notebooks/``.
Claims only warn on data other than the classroom corpus, so a failure here is
a real error (a crash, a shape assumption, a label missing from a split...).
When the folder does not exist, every test is skipped with the reason.
"""

import os
from pathlib import Path

import pytest

from utils.notebook_runs import execute_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
DEFAULT_REAL_DATA = REPO.parent / "shared" / "data" / "jigsaw_sample"
REAL_DATA = Path(os.environ.get("MLC_REAL_DATA") or DEFAULT_REAL_DATA).expanduser()
TIMEOUT = int(os.environ.get("MLC_REAL_DATA_TIMEOUT", "900"))


def test_notebooks_are_found():
    assert NOTEBOOKS, f"no notebooks named NN_*.ipynb in {REPO / 'notebooks'}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_runs_on_real_data(notebook, capsys):
    if not REAL_DATA.exists():
        pytest.skip(
            f"real data folder {REAL_DATA} does not exist; set MLC_REAL_DATA to a folder "
            "in Kaggle's layout (train.csv[.gz], optionally test.csv + test_labels.csv) to run this."
        )
    run = execute_notebook(notebook, data=REAL_DATA, timeout=TIMEOUT)
    with capsys.disabled():
        print(f"\n[real data] {notebook.name}: {run.seconds:.1f} s ({run.n_cells} code cells)")
    assert run.error is None, f"{notebook.name} stopped on {REAL_DATA}:\n{run.error}"
