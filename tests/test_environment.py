"""The environment files agree, and `import utils` prepares Keras as the course expects."""

import os
import subprocess
import sys

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
