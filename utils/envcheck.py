"""A readable environment check: one line per item, [ OK ], [WARN] or [FAIL], and the command that fixes it.

This file imports nothing from ``utils``, so it also runs when the course package
is not installed: notebook 00 executes it by path,
``runpy.run_path("../utils/envcheck.py")``, before its first ``import utils``.
It reads the pinned versions from the repository's ``requirements.txt`` (the
course section, above the testing-only packages), names the Python the kernel
runs, checks that ``import utils`` finds this repository, and verifies the Keras
backend by importing it.
"""

import importlib
import importlib.metadata as metadata
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = REPO_ROOT / "requirements.txt"
TESTING_MARKER = "# --- testing"
COURSE_BACKEND = "jax"
SUPPORTED_PYTHONS = {(3, 11), (3, 12)}
BACKEND_MODULES = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow", "numpy": "numpy",
                   "openvino": "openvino"}
REINSTALL = "make reinstall"

__all__ = ["Check", "PackageStatus", "course_requirements", "check_environment", "check_python",
           "check_course_package", "check_keras_backend", "run_checks", "print_environment_report",
           "stop_if_broken", "EnvironmentProblem"]


class EnvironmentProblem(RuntimeError):
    """The environment check found a [FAIL]: the course cannot run until it is fixed."""


def python_command():
    """How to call the kernel's Python from a terminal at the course folder."""
    exe = Path(os.path.abspath(sys.executable))
    try:
        return str(exe.relative_to(REPO_ROOT))
    except ValueError:
        return str(exe)


def pip_command(*pins):
    """The exact command that installs ``pins`` (``NAME==VERSION``) into the kernel's Python."""
    return f"{python_command()} -m pip install {' '.join(pins)}"


@dataclass
class Check:
    """One line of the report: what was checked, its status and, when not OK, the fix."""

    name: str
    status: str  # "OK", "WARN" or "FAIL"
    message: str
    fix: str = ""

    def line(self):
        tag = {"OK": "[ OK ]", "WARN": "[WARN]", "FAIL": "[FAIL]"}[self.status]
        return f"{tag} {self.message}" + (f"\n       Fix: {self.fix}" if self.fix else "")


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

    @property
    def fix(self):
        return "" if self.status == "OK" else pip_command(f"{self.name}=={self.wanted}")

    def line(self):
        tag = {"OK": "[ OK ]", "WARN": "[WARN]", "FAIL": "[FAIL]"}[self.status]
        if self.found is None:
            return f"{tag} {self.name}: not installed (wanted {self.wanted})"
        extra = "" if self.status == "OK" else f" (tested with {self.wanted}; it may still work)"
        return f"{tag} {self.name} {self.found}{extra}"


def course_requirements(path=REQUIREMENTS):
    """``{package: pinned version}`` for the course packages in requirements.txt."""
    pins = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
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


def check_python():
    """The Python the kernel runs: its version and where it is."""
    version = sys.version.split()[0]
    where = f"Python {version} ({python_command()})"
    if sys.version_info[:2] in SUPPORTED_PYTHONS:
        return Check("python", "OK", where)
    return Check("python", "WARN", f"{where}: the course is tested with Python 3.11 or 3.12",
                 "start JupyterLab with `make lab`, which uses the course's .venv, or pick its kernel.")


def check_course_package():
    """Whether ``import utils`` finds this repository's course package (``pip install -e .`` done)."""
    try:
        spec = importlib.util.find_spec("utils")
    except (ImportError, ValueError):
        spec = None
    fix = f"in a terminal at the course folder run `{REINSTALL}` (or `{python_command()} -m pip install --no-deps -e .`)"
    if spec is None or spec.origin is None:
        return Check("utils", "FAIL", "the course package `utils` is not installed in this Python, "
                     "so `import utils` fails", fix + ", then restart the kernel.")
    origin = Path(spec.origin).resolve().parent
    if origin != REPO_ROOT / "utils":
        return Check("utils", "WARN", "`import utils` finds another copy of the course package, not this folder's",
                     fix + ", then restart the kernel.")
    return Check("utils", "OK", "course package `utils` (import utils works)")


def _keras_json_backend():
    home = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras"))
    try:
        return json.loads((home / "keras.json").read_text()).get("backend")
    except (OSError, ValueError, AttributeError):
        return None


def check_keras_backend(pins=None):
    """The Keras backend the course will use, verified by importing it."""
    pins = course_requirements() if pins is None else pins
    chosen = os.environ.get("KERAS_BACKEND")
    keras = sys.modules.get("keras")
    if keras is not None and hasattr(keras, "backend"):
        actual = keras.backend.backend()
        if actual != (chosen or COURSE_BACKEND):
            return Check("keras", "FAIL", f"Keras was imported before `import utils` and runs on {actual}",
                         "Kernel → Restart Kernel, then run the cells from the top (`import utils` comes first).")
    backend = chosen or COURSE_BACKEND
    module = BACKEND_MODULES.get(backend)
    course_pins = " ".join(f"{name}=={pins[name]}" for name in ("jax", "jaxlib") if name in pins)
    back_to_course = (f"the course runs on {COURSE_BACKEND}: unset KERAS_BACKEND (or set KERAS_BACKEND="
                      f"{COURSE_BACKEND}) before starting JupyterLab, then restart the kernel")
    if module is None:
        return Check("keras", "FAIL", f"Keras backend: {backend!r} is not a Keras backend", back_to_course + ".")
    try:
        importlib.import_module(module)
    except Exception as err:  # noqa: BLE001 - any failure to import means the backend cannot run
        reason = f"{type(err).__name__}: {err}"
        if backend == COURSE_BACKEND:
            return Check("keras", "FAIL", f"Keras backend: {backend}, but it cannot be imported ({reason})",
                         f"{REINSTALL}, or `{pip_command(course_pins)}`.")
        return Check("keras", "FAIL", f"Keras backend: {backend}, but {module} is not installed ({reason})",
                     back_to_course + ".")
    if chosen:
        return Check("keras", "OK", f"Keras backend: {backend} (from KERAS_BACKEND; imports fine)")
    default = _keras_json_backend() or "tensorflow"
    note = "" if default == COURSE_BACKEND else f" (without it Keras would try {default})"
    return Check("keras", "OK", f"Keras backend: {backend}, chosen by `import utils`: import utils before keras"
                 f"{note}")


def run_checks(path=REQUIREMENTS):
    """Every check, in report order: Python, course packages, the course package, the Keras backend."""
    packages = check_environment(path)
    return [check_python(), *packages, check_course_package(), check_keras_backend(course_requirements(path))]


def print_environment_report(path=REQUIREMENTS):
    """Print one line per check (with the fix under each problem) and return the checks."""
    checks = run_checks(path)
    for item in checks:
        print(item.line())
        if isinstance(item, PackageStatus) and item.fix:
            print(f"       Fix: {item.fix}")
    failed = [c.name for c in checks if c.status == "FAIL"]
    missing = [c for c in checks if isinstance(c, PackageStatus) and c.status != "OK"]
    if not failed:
        print("\nEverything the course needs is in place.")
        return checks
    print(f"\nProblems: {', '.join(failed)}. To fix them all, in a terminal at the course folder run:\n"
          f"    {REINSTALL}\n(it reinstalls every pinned package and the course package into .venv), "
          "then Kernel → Restart Kernel.")
    if missing:
        print("Or install the packages into this kernel's Python:\n"
              f"    {pip_command(*(f'{c.name}=={c.wanted}' for c in missing))}")
    return checks


def stop_if_broken(checks):
    """Raise :class:`EnvironmentProblem` naming the [FAIL] items; return None when there is none."""
    failed = [c.name for c in checks if c.status == "FAIL"]
    if failed:
        raise EnvironmentProblem(f"The environment check failed for {', '.join(failed)}: "
                                 "run the fix printed above, then restart the kernel.")


if __name__ == "__main__":
    stop_if_broken(print_environment_report())
