"""The course's conventions (CONTRIBUTING.md), enforced on every notebook and lesson plan."""

import json
import re

import nbformat
import pytest

from utils import REPO_ROOT
from utils.nbtools import KEEP_METADATA, is_stripped

NOTEBOOKS = [
    "00_start_here", "01_multiclass_vs_multilabel", "02_the_data", "03_text_to_features",
    "04_scoring_multilabel", "05_binary_relevance", "06_classifier_chains", "07_label_powerset",
    "08_ml_knn", "09_ensembles", "10_keras_single_output", "11_keras_multiple_outputs",
    "12_threshold_lab", "13_comparison",
]
LESSON_HEADINGS = ["## Learning objectives", "## Prerequisites", "## Timed plan", "## Discussion questions",
                   "## Common misconceptions", "## Exercise solutions"]
NB_DIR = REPO_ROOT / "notebooks"
MACHINE_PATHS = re.compile(r"(/work/|/root/|/home/|/tmp/|[A-Z]:\\\\|\.\./shared)")
INSTALLS = re.compile(r"^\s*[!%]\s*(pip|conda|apt)", re.M)
MAX_CODE_LINES = 25  # every line a learner scrolls past, blank ones included


def load(name):
    return json.loads((NB_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_the_notebook_folder_holds_exactly_the_course():
    found = sorted(p.stem for p in NB_DIR.glob("*.ipynb"))
    assert found == NOTEBOOKS
    assert sorted(p.stem for p in (REPO_ROOT / "lessons").glob("*.md")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_valid_and_committed_without_outputs(name):
    nb = load(name)
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
    assert nb["metadata"] == KEEP_METADATA
    assert is_stripped(nb), f"{name}: run `make strip` before committing"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_opens_with_title_navigation_time_and_objectives(name):
    first = source(load(name)["cells"][0])
    number = name[:2]
    assert first.startswith(f"# {number} · "), first[:60]
    assert "[Course index](../README.md)" in first
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", first)
    assert "## Learning objectives" in first


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_navigation_links_point_to_the_neighbours(name):
    cells = load(name)["cells"]
    index = NOTEBOOKS.index(name)
    for cell in (cells[0], cells[-1]):
        text = source(cell)
        assert cell["cell_type"] == "markdown"
        links = re.findall(r"\]\(([^)]+\.ipynb)\)", text)
        expected = []
        if index > 0:
            expected.append(f"{NOTEBOOKS[index - 1]}.ipynb")
        if index < len(NOTEBOOKS) - 1:
            expected.append(f"{NOTEBOOKS[index + 1]}.ipynb")
        assert links == expected, (name, links)
        assert "[Course index](../README.md)" in text


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_exercises_with_checkers_and_a_summary(name):
    cells = load(name)["cells"]
    headings = [source(c).strip().splitlines()[0] for c in cells if c["cell_type"] == "markdown" and source(c).strip()]
    assert "## Exercises" in headings
    assert "## Summary" in headings
    assert headings.index("## Exercises") < headings.index("## Summary")
    code = "\n".join(source(c) for c in cells if c["cell_type"] == "code")
    module = f"utils.exercises.nb{name[:2]}"
    assert f"from utils.exercises import nb{name[:2]}" in code or f"import {module}" in code
    assert (REPO_ROOT / "utils" / "exercises" / f"nb{name[:2]}.py").exists()
    assert code.count("answer = None") + code.count("= None  # your") >= 2, "two or more exercises to answer"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_results_the_prose_claims_are_asserted(name):
    code = "\n".join(source(c) for c in load(name)["cells"] if c["cell_type"] == "code")
    assert "claim(" in code


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_portable_and_installs_nothing(name):
    for i, cell in enumerate(load(name)["cells"]):
        text = source(cell)
        assert not MACHINE_PATHS.search(text), f"{name} cell {i} names a machine-specific path"
        assert not INSTALLS.search(text), f"{name} cell {i} installs packages"
        assert "sys.path" not in text, f"{name} cell {i} edits sys.path (utils is installed by make)"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_cells_are_short(name):
    for i, cell in enumerate(load(name)["cells"]):
        if cell["cell_type"] == "code":
            lines = source(cell).strip("\n").splitlines()
            assert len(lines) <= MAX_CODE_LINES, (
                f"{name} cell {i} ({cell.get('id')}) has {len(lines)} lines, more than {MAX_CODE_LINES}; "
                "split it at a natural seam or move logic to utils")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_plan_has_every_section_in_order(name):
    text = (REPO_ROOT / "lessons" / f"{name}.md").read_text(encoding="utf-8")
    positions = [text.find(h) for h in LESSON_HEADINGS]
    assert all(p >= 0 for p in positions), [h for h, p in zip(LESSON_HEADINGS, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert f"../notebooks/{name}.ipynb" in text, "the lesson plan links its notebook"


def test_readme_lists_every_notebook_and_lesson():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        assert f"notebooks/{name}.ipynb" in readme
        assert f"lessons/{name}.md" in readme


def test_readme_quick_start_shows_the_two_commands_first():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Quick start")
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", readme[start:], re.S).group(1)
    commands = [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands[:2] == ["make lab", "make test"]


def test_ci_calls_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert "make test" in ci



CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_cell_holds_a_control_character(name):
    """TAB, BS, FF, BEL ... in a cell come from a non-raw string (``"\\frac"`` is FF + "rac") and render as garbage."""
    bad = []
    for i, cell in enumerate(load(name)["cells"]):
        for match in CONTROL_CHARACTERS.finditer(source(cell)):
            bad.append(f"cell {i}: {match.group()!r} at {source(cell)[max(match.start() - 15, 0):match.start()]!r}")
    assert not bad, f"{name} has control characters (only newline is allowed):\n" + "\n".join(bad)


def notebook_minutes(name):
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", source(load(name)["cells"][0]))
    return int(match.group(1)) if match else None


def plan_duration(name):
    text = (REPO_ROOT / "lessons" / f"{name}.md").read_text(encoding="utf-8")
    match = re.search(r"^\*\*Duration:\*\* (\d+) minutes$", "\n".join(text.splitlines()[:5]), re.M)
    return int(match.group(1)) if match else None


def timed_plan_rows(name):
    """The (start, end) minutes of every row of the lesson plan's timed plan table."""
    text = (REPO_ROOT / "lessons" / f"{name}.md").read_text(encoding="utf-8")
    section = text[text.find("## Timed plan"):text.find("## Discussion questions")]
    return [(int(a), int(b)) for a, b in re.findall(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|", section, re.M)]


def readme_minutes():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\d\d) \|.*\| (\d+) min \|\s*$", readme, re.M)}


def duration_disagreements():
    """One line per notebook whose header, lesson plan, timed plan and README disagree on its duration."""
    readme = readme_minutes()
    problems = []
    for name in NOTEBOOKS:
        rows = timed_plan_rows(name)
        values = {"notebook **Time:**": notebook_minutes(name), "plan **Duration:**": plan_duration(name),
                  "timed plan total": rows[-1][1] if rows else None, "README time": readme.get(name[:2])}
        if None in values.values() or len(set(values.values())) > 1:
            problems.append(f"{name}: " + ", ".join(f"{k} = {v}" for k, v in values.items()))
        gaps = [f"{a}–{b} after …–{prev}" for (_, prev), (a, b) in zip(rows, rows[1:], strict=False) if a != prev]
        if rows and (rows[0][0] != 0 or gaps):
            problems.append(f"{name}: the timed plan does not run 0–{rows[-1][1]} without gaps: {gaps or rows[0]}")
    return problems


def test_durations_agree_across_notebook_plan_and_readme():
    problems = duration_disagreements()
    assert not problems, "durations disagree:\n" + "\n".join(problems)


def test_duration_check_notices_a_disagreement(monkeypatch):
    monkeypatch.setitem(globals(), "readme_minutes", lambda: {})
    assert len(duration_disagreements()) == len(NOTEBOOKS)


TIMING_WORDS = re.compile(r"(seconds|elapsed|perf_counter|process_time|latency|timings?|_ms\b|\bms\b|time\.time)")


def _code_cells(name):
    """``(index, source)`` of each code cell of a notebook."""
    return [(i, source(cell)) for i, cell in enumerate(load(name)["cells"]) if cell["cell_type"] == "code"]


def _claim_calls(code):
    """Every ``claim(...)`` call in ``code`` as an ``ast.Call`` (none if the cell does not parse)."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "claim" and node.args]


def _claim_conditions(code):
    """The source of the first argument of every ``claim(...)`` call in ``code``."""
    import ast

    return [ast.get_source_segment(code, node.args[0]) or "" for node in _claim_calls(code)]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_claim_rests_on_a_timing(name):
    """Wall-clock and CPU times change from run to run and machine to machine: never assert them (issue 16.7)."""
    for i, code in _code_cells(name):
        for condition in _claim_conditions(code):
            assert not TIMING_WORDS.search(condition), f"{name} cell {i}: a claim rests on a timing: {condition!r}"


def test_timing_claim_check_notices_a_timed_claim():
    assert TIMING_WORDS.search(_claim_conditions("claim(t.fit_seconds < 2 * base, 'fast')")[0])
    assert not _claim_conditions("print(1)")
    assert not TIMING_WORDS.search(_claim_conditions("claim(n_fits == 10 * n_labels, 'ten times the fits')")[0])


STATEMENT_OPENERS = re.compile(r"^\s*(but|yet|and|on the classroom corpus)\b|\(as on ", re.I)


def _claim_statements(code):
    """The literal text of each ``claim(condition, statement)`` statement in a cell (f-string parts joined)."""
    import ast

    statements = []
    for node in _claim_calls(code):
        if len(node.args) > 1:
            arg = node.args[1]
            parts = [arg] if isinstance(arg, ast.Constant) else getattr(arg, "values", [])
            statements.append("".join(p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)))
    return statements


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_claim_statements_stand_alone(name):
    """A false claim prints "Note: on the classroom corpus, <statement>; ...": the statement must read on its own."""
    for i, code in _code_cells(name):
        for statement in _claim_statements(code):
            assert not STATEMENT_OPENERS.search(statement), f"{name} cell {i}: claim statement {statement!r}"


def test_claim_statement_check_notices_a_dependent_statement():
    assert _claim_statements('claim(x, "on the classroom corpus, " f"{a} helps")') == ["on the classroom corpus,  helps"]
    assert STATEMENT_OPENERS.search(_claim_statements("claim(x, 'but chains win')")[0])
    assert not STATEMENT_OPENERS.search(_claim_statements("claim(x, 'chains win, butterflies aside')")[0])


def _shows_a_claim_value(code):
    """True when the cell ends in a bare ``claim(...)`` without ``;``: Jupyter would print its True/False."""
    import ast

    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    last = body[-1] if body else None
    return (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and getattr(last.value.func, "id", None) == "claim" and not code.rstrip().endswith(";"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_cell_shows_a_claims_return_value(name):
    for i, code in _code_cells(name):
        assert not _shows_a_claim_value(code), f"{name} cell {i} ends in claim(...) without ';': it would print True/False"


def test_claim_value_check_notices_a_missing_semicolon():
    assert _shows_a_claim_value("x = 1\nclaim(x == 1, 'one')")
    assert not _shows_a_claim_value("claim(x == 1, 'one');")
    assert not _shows_a_claim_value("claim(x == 1, 'one')\nprint(x)")
