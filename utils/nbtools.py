"""Keeping notebooks clean in git: strip outputs and volatile metadata.

Usage: ``python -m utils.nbtools strip notebooks/*.ipynb`` (``make strip``).
"""

import json
import sys
from pathlib import Path

KEEP_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}

__all__ = ["KEEP_METADATA", "stripped", "is_stripped", "strip_file"]


def stripped(notebook):
    """A copy of a notebook dict without outputs, execution counts or volatile metadata."""
    nb = json.loads(json.dumps(notebook))
    nb["metadata"] = dict(KEEP_METADATA)
    for cell in nb["cells"]:
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in {"tags"}}
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def is_stripped(notebook):
    """True when stripping would change nothing."""
    return stripped(notebook) == notebook


def strip_file(path):
    """Strip one .ipynb file in place; return True if it changed."""
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    clean = stripped(nb)
    if clean == nb:
        return False
    path.write_text(json.dumps(clean, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def main(argv):
    if len(argv) < 2 or argv[0] != "strip":
        print("usage: python -m utils.nbtools strip NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    for name in argv[1:]:
        print(("stripped " if strip_file(name) else "clean    ") + name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
