"""The environment files agree, and `import utils` prepares Keras as the course expects."""

import os
import subprocess
import sys

import pytest
import yaml

from utils import REPO_ROOT
from utils.envcheck import check_environment, course_requirements


def requirement_pins():
    lines = (REPO_ROOT / "requirements.txt").read_text().splitlines()
    return sorted(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


def test_environment_yml_lists_exactly_the_pins_of_requirements_txt():
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    pins = sorted(p for p in pip_section if p != "-e .")
    assert pins == requirement_pins()
    assert "-e ." in pip_section, "the conda route must install utils too"
    assert any(str(d).startswith("python=3.11") for d in env["dependencies"])


def test_every_requirement_is_pinned_exactly():
    for pin in requirement_pins():
        assert "==" in pin, f"{pin!r} is not pinned with =="


def test_design_card_packages_are_course_requirements():
    course = course_requirements()
    for name in ["jupyterlab", "ipywidgets", "keras", "scikit-learn", "seaborn", "jupyterlab_widgets"]:
        assert name in course
    assert "tensorflow" not in " ".join(requirement_pins())


def test_installed_versions_match_the_pins():
    statuses = check_environment()
    assert statuses, "no course packages were read from requirements.txt"
    wrong = [s.line() for s in statuses if s.status != "OK"]
    assert not wrong, wrong


def run_python(code, **env):
    clean = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True,
                            text=True, cwd="/", check=True)
    return result.stdout.strip()


def test_import_utils_selects_jax_before_keras_is_imported():
    assert run_python("import utils, keras; print(keras.backend.backend())") == "jax"


def test_a_backend_the_learner_chose_is_kept():
    out = run_python("import os, utils; print(os.environ['KERAS_BACKEND'])", KERAS_BACKEND="numpy")
    assert out == "numpy"


def test_utils_imports_from_any_folder_without_path_edits():
    assert run_python("import utils.data; print(utils.data.CLASSROOM_CORPUS.exists())") == "True"


# --- notebook 00's environment check: each failure of issue 16 reproduced ------------------ #
ENVCHECK = REPO_ROOT / "utils" / "envcheck.py"


def run_envcheck(prelude="", **env):
    """Run the check as notebook 00 does (by path, from notebooks/), after ``prelude``; return its output."""
    clean = {k: v for k, v in os.environ.items() if k not in {"KERAS_BACKEND", "MLC_DATA"}}
    code = (f"{prelude}\nimport runpy\n"
            f"checks = runpy.run_path({str(ENVCHECK)!r})['print_environment_report']()\n")
    result = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True,
                            cwd=REPO_ROOT / "notebooks", timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_check_passes_here_and_names_the_python_it_runs():
    out = run_envcheck()
    assert "[FAIL]" not in out
    assert f"Python {sys.version.split()[0]}" in out
    from utils.envcheck import python_command

    assert f"({python_command()})" in out
    assert "[ OK ] Keras backend: jax" in out
    assert "Everything the course needs is in place." in out


def test_the_check_runs_when_utils_cannot_be_imported():
    """Was: notebook 00 failed on `import utils` before the check could run."""
    out = run_envcheck("import sys; sys.modules['utils'] = None  # as if `pip install -e .` was skipped")
    assert "[FAIL] the course package `utils` is not installed" in out
    assert "make reinstall" in out and "-m pip install --no-deps -e ." in out


def test_a_torch_backend_without_torch_fails_with_the_fix():
    """Was: `[ OK ] Keras backend: torch` although torch is not installed."""
    out = run_envcheck("import sys; sys.modules['torch'] = None  # torch not installed", KERAS_BACKEND="torch")
    assert "[FAIL] Keras backend: torch, but torch is not installed" in out
    assert "unset KERAS_BACKEND (or set KERAS_BACKEND=jax)" in out
    assert "[ OK ] Keras backend" not in out


def test_a_jax_backend_that_cannot_be_imported_gives_the_pinned_install():
    pins = course_requirements()
    out = run_envcheck("import sys; sys.modules['jax'] = None", KERAS_BACKEND="jax")
    assert "[FAIL] Keras backend: jax, but it cannot be imported" in out
    assert f"jax=={pins['jax']} jaxlib=={pins['jaxlib']}" in out


def test_keras_imported_before_utils_is_explained():
    """Was: a bare `No module named 'tensorflow'`: keras falls back to TensorFlow without `import utils`."""
    bare = subprocess.run([sys.executable, "-c", "import keras"], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}, cwd="/",)
    if bare.returncode != 0:  # the original failure on this machine
        assert "tensorflow" in bare.stderr
    out = run_envcheck()
    assert "chosen by `import utils`: import utils before keras" in out
    out = run_envcheck("import os; os.environ['KERAS_BACKEND'] = 'numpy'; import keras; del os.environ['KERAS_BACKEND']")
    assert "[FAIL] Keras was imported before `import utils` and runs on numpy" in out
    assert "Restart Kernel" in out


def test_a_missing_package_prints_its_pinned_pip_line_and_the_make_target(monkeypatch, capsys):
    """Was: "Run `make lab`", a no-op once .venv/.installed exists."""
    from utils import envcheck

    real = envcheck.metadata.version

    def version(name):
        if name == "seaborn":
            raise envcheck.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(envcheck.metadata, "version", version)
    checks = envcheck.print_environment_report()
    out = capsys.readouterr().out
    wanted = course_requirements()["seaborn"]
    assert f"[FAIL] seaborn: not installed (wanted {wanted})" in out
    assert f"-m pip install seaborn=={wanted}" in out
    assert "make reinstall" in out and "make lab" not in out
    with pytest.raises(envcheck.EnvironmentProblem, match="seaborn"):
        envcheck.stop_if_broken(checks)


def test_make_reinstall_really_reinstalls():
    """`make reinstall` removes the stamp that makes `make lab`/`make env` skip the installation."""
    # Under `make test` the outer make's MAKEFLAGS/MAKELEVEL reach this make, which then prints
    # "Entering directory" lines; a clean environment gives the recipe exactly as a learner's shell runs it.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}}
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "reinstall"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, env=env,
    )
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == "rm -f .venv/.installed"
    assert any(line.endswith("env") for line in lines[1:])
    stamp_recipe = (REPO_ROOT / "Makefile").read_text()
    assert "-m pip install --quiet -r requirements.txt" in stamp_recipe
    assert "--no-deps -e ." in stamp_recipe


def test_the_check_file_imports_nothing_from_utils():
    source = ENVCHECK.read_text()
    assert "from utils" not in source and "import utils\n" not in source
