"""The code and the notebooks pass ruff's checks (settings in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from utils import REPO_ROOT


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "--no-cache", "."], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
