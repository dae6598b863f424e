"""A readable environment check: one line per course package, [ OK ] or [FAIL].

Reads the pinned versions from the repository's ``requirements.txt`` (the
course section, above the testing-only packages).
"""

import importlib.metadata as metadata
import os
import sys
from dataclasses import dataclass

from utils import REPO_ROOT

REQUIREMENTS = REPO_ROOT / "requirements.txt"
TESTING_MARKER = "# --- testing"

__all__ = ["PackageStatus", "course_requirements", "check_environment", "print_environment_report"]


@dataclass
class PackageStatus:
    """What one package should be, and what is installed."""

    name: str
    wanted: str
    found: str | None

    @property
    def status(self):
        if self.found is None:
            return "FAIL"
        return "OK" if self.found == self.wanted else "WARN"

    def line(self):
        tag = {"OK": "[ OK ]", "WARN": "[WARN]", "FAIL": "[FAIL]"}[self.status]
        if self.found is None:
            return f"{tag} {self.name}: not installed (wanted {self.wanted})"
        extra = "" if self.status == "OK" else f" (tested with {self.wanted}; it may still work)"
        return f"{tag} {self.name} {self.found}{extra}"


def course_requirements(path=REQUIREMENTS):
    """``{package: pinned version}`` for the course packages in requirements.txt."""
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(TESTING_MARKER):
            break
        line = raw.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip()] = version.strip()
    return pins


def _installed_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_environment(path=REQUIREMENTS):
    """A :class:`PackageStatus` per course package."""
    return [PackageStatus(name, wanted, _installed_version(name)) for name, wanted in course_requirements(path).items()]


def print_environment_report(path=REQUIREMENTS):
    """Print the check (Python, packages, Keras backend) and return the statuses."""
    statuses = check_environment(path)
    print(f"[ OK ] Python {sys.version.split()[0]}" if sys.version_info[:2] in {(3, 11), (3, 12)}
          else f"[WARN] Python {sys.version.split()[0]} (the course needs 3.11 or 3.12)")
    for status in statuses:
        print(status.line())
    print(f"[ OK ] Keras backend: {os.environ.get('KERAS_BACKEND')} (set by `import utils` unless you chose one)")
    failed = [s.name for s in statuses if s.status == "FAIL"]
    print("\nAll course packages are installed." if not failed else
          f"\nMissing: {', '.join(failed)}. Run `make lab` (or see the README) to install them.")
    return statuses
