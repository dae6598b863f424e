"""Build the course website: stage the course files, then run Sphinx (MyST-NB) on them.

``python site/build.py`` copies the notebooks, lesson plans and READMEs into the git-ignored folder
``site/_stage`` (the files in git are never touched), rewrites their links for the site, links the first
use of every glossary term in each notebook, puts an "interactive in JupyterLab" note under each widget,
and runs ``sphinx-build`` into ``site/_build/html``. Notebooks are executed on the classroom corpus through
MyST-NB's jupyter-cache (``site/_cache``, or ``$SITE_CACHE``), so a rebuild re-executes only the notebooks
whose code changed (and all of them when utils/, the corpus or the pins change).
A staged file is rewritten only when its content changes, so Sphinx re-reads only what changed.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

SITE = Path(__file__).resolve().parent
REPO = SITE.parent
STAGE = SITE / "_stage"
BUILD = SITE / "_build"
HTML = BUILD / "html"
CACHE = Path(os.environ.get("SITE_CACHE") or SITE / "_cache")
# What notebook outputs depend on besides their own code (which jupyter-cache hashes itself): a change
# here re-executes every notebook, so the site never shows outputs of an older utils/ or corpus.
# Of requirements.txt only the course pins count (the lines before "# --- testing"): a new site or test pin
# does not change what a notebook prints.
DEPENDENCIES = ["utils/**/*.py", "data/classroom_comments.csv", "pyproject.toml"]

# Site pages written in site/ (copied as they are) and course files staged from the repository.
SITE_PAGES = ["course.md", "teachers.md", "glossary.md"]
COURSE_FILES = ["data/README.md", "benchmarks/README.md"]
INDEX_PLACEHOLDER = "<!-- README -->"

WIDGET_HEADING = "### Interactive demo"
WIDGET_NOTE = """```{admonition} Interactive in JupyterLab
:class: note widget-note
The cell above builds an interactive widget. It runs in JupyterLab (`make lab`), not on this page:
what follows is its static fallback, the result the widget shows at its starting setting.
```"""
TEACHER_NOTE = """```{admonition} Teacher's page
:class: warning teacher-page
This lesson plan is written for teachers and contains the **exercise solutions**. Learners: try the
exercises in the notebook first.
```"""

# Extra spellings of glossary terms (regular expressions), besides the term itself and its plural.
ALIASES = {
    "micro averaging": [r"micro[- ](?:averag\w*|F1|precision|recall)", r"micro"],
    "macro averaging": [r"macro[- ](?:averag\w*|F1|precision|recall)", r"macro"],
    "sample averaging": [r"samples?[- ](?:averag\w*|F1)"],
    "ensemble of classifier chains": [r"ECC"],
    "k-nearest neighbours": [r"nearest neighbou?rs?"],
    "calibration": [r"calibrat\w*"],
    "overfitting": [r"overfit\w*"],
    "prior probability": [r"priors?"],
    "posterior probability": [r"posteriors?"],
    "Laplace smoothing": [r"smoothing"],
    "multi-output model": [r"multi-output"],
    "sparse matrix": [r"sparse"],
    "token": [r"tokeni[sz]\w*"],
    "true positive": [r"false positives?", r"false negatives?"],
    "precision–recall curve": [r"precision[–-]recall"],
    "LRAP": [r"label ranking average precision"],
    "ROC AUC": [r"AUC"],
    "stratified split": [r"stratifi\w*"],
    "Jaccard index": [r"Jaccard"],
    "labelset": [r"k-labelsets?"],
}
CASE_SENSITIVE = {"F1", "TF-IDF", "ECC", "AUC", "ROC AUC", "LRAP", "RAkEL", "ML-kNN", "Adam"}

# Markdown that must not receive a glossary link: code, math, links, roles, HTML, URLs, headings.
PROTECTED = re.compile(
    r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]+\$|!?\[[^\]\n]*\]\([^)\n]*\)|\{[\w:-]+\}`[^`]*`"
    r"|<[^>\n]+>|https?://\S+|^#{1,6} [^\n]*$",
    re.DOTALL | re.MULTILINE,
)
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]+)\)")


def write_if_changed(path, text):
    """Write ``text`` to ``path`` unless it already holds exactly that (keeps mtimes for Sphinx)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def staged_pages():
    """The repository paths (relative, POSIX) of every course file that becomes a site page."""
    notebooks = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    lessons = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "lessons").glob("[0-9][0-9]_*.md"))
    return notebooks + lessons + COURSE_FILES


def rewrite_links(text, source, pages):
    """Rewrite the relative links of ``text`` (a file at repo path ``source``) for the site.

    Links to staged pages stay as they are (MyST resolves them); the course README becomes the home page;
    a link to any other repository file (code, CONTRIBUTING.md) becomes its path in code font, since the
    site holds no copy of it. External links and in-page anchors are kept.
    """
    folder = Path(source).parent

    def replace(match):
        bang, label, target = match.groups()
        if bang or re.match(r"[a-z][a-z0-9+.-]*:|#", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        repo_path = os.path.normpath(folder / path).replace(os.sep, "/")
        if repo_path == "README.md":
            index = os.path.relpath("index.md", folder).replace(os.sep, "/")
            return f"[{label}]({index}{'#' + anchor if anchor else ''})"
        if repo_path in pages:
            return match.group(0)
        shown = f"`{repo_path}`"
        return shown if label.strip("`") in (path, repo_path) else f"{label} ({shown} in the course files)"

    return LINK.sub(replace, text)


def glossary_terms(glossary_md):
    """The terms of the glossary page: ``{term text: [regular expressions of its spellings]}``.

    A term line reads ``English (Chinese)``; its English part, with spaces and hyphens interchangeable and
    an optional plural, is the first spelling, followed by any ``ALIASES``.
    """
    block = re.search(r"```\{glossary\}\n(.*?)```", glossary_md, re.DOTALL)
    if block is None:
        raise ValueError("site/glossary.md has no ```{glossary} block; expected the term list in one.")
    terms = {}
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith((" ", ":")):
            continue
        english = line.split(" (", 1)[0].strip()
        words = [re.escape(w) for w in re.split(r"[\s-]+", english)]
        spellings = [r"[\s-]+".join(words) + r"(?:s|es)?"] + ALIASES.get(english, [])
        flags = 0 if english in CASE_SENSITIVE else re.IGNORECASE
        terms[line.strip()] = [re.compile(rf"(?<![\w-]){s}(?![\w-])", flags) for s in spellings]
    unknown = set(ALIASES) - {t.split(" (", 1)[0] for t in terms}
    if unknown:
        raise ValueError(f"ALIASES name terms missing from site/glossary.md: {sorted(unknown)}")
    return terms


def first_match(pattern, text):
    """The first match of ``pattern`` in ``text`` outside code, math, links, roles and headings."""
    protected = [m.span() for m in PROTECTED.finditer(text)]
    for match in pattern.finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in protected):
            return match
    return None


def link_glossary_terms(cells, terms):
    """Link the first use of each glossary term in the markdown ``cells`` (in place); return the terms linked."""
    linked = []
    for term in sorted(terms, key=len, reverse=True):  # longer terms first: "average precision" before "precision"
        for cell in cells:
            matches = [m for m in (first_match(p, cell.source) for p in terms[term]) if m]
            if matches:
                m = min(matches, key=lambda m: m.start())
                role = f"{{term}}`{' '.join(m.group(0).split())} <{term}>`"
                cell.source = cell.source[: m.start()] + role + cell.source[m.end():]
                linked.append(term)
                break
    return linked


def mark_widgets(nb):
    """Hide each widget's output and put the "interactive in JupyterLab" note before its static fallback.

    A widget is the first code cell after a markdown cell holding the ``### Interactive demo`` heading
    (CONTRIBUTING.md). Returns how many widgets were found.
    """
    cells, found, waiting = [], 0, False
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type == "markdown" and WIDGET_HEADING in cell.source:
            waiting = True
        elif cell.cell_type == "code" and waiting:
            tags = cell.metadata.setdefault("tags", [])
            tags.append("remove-output")
            note = nbformat.v4.new_markdown_cell(WIDGET_NOTE)
            note.id = f"widget-note-{found + 1}"  # fixed, so the staged file only changes with its source
            cells.append(note)
            found, waiting = found + 1, False
    nb.cells = cells
    return found


def stage_notebook(source, pages, terms):
    """The staged text of notebook ``source``: links rewritten, glossary terms linked, widgets marked."""
    nb = nbformat.read(REPO / source, as_version=4)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    for cell in markdown:
        cell.source = rewrite_links(cell.source, source, pages)
    link_glossary_terms(markdown, terms)
    mark_widgets(nb)
    return nbformat.writes(nb) + "\n"


def stage_markdown(source, pages):
    """The staged text of a markdown course file; lesson plans get the teacher's-page banner."""
    text = rewrite_links((REPO / source).read_text(encoding="utf-8"), source, pages)
    if source.startswith("lessons/"):
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{TEACHER_NOTE}\n{rest}"
    return text


def stage():
    """Assemble site/_stage from site/ and the course files; remove staged files no longer in the course."""
    pages = staged_pages()
    terms = glossary_terms((SITE / "glossary.md").read_text(encoding="utf-8"))
    wanted = {}
    readme = rewrite_links((REPO / "README.md").read_text(encoding="utf-8"), "README.md", pages)
    wanted["index.md"] = (SITE / "index.md").read_text(encoding="utf-8").replace(INDEX_PLACEHOLDER, readme)
    for name in SITE_PAGES:
        wanted[name] = (SITE / name).read_text(encoding="utf-8")
    for source in pages:
        wanted[source] = (stage_notebook(source, pages, terms) if source.endswith(".ipynb")
                          else stage_markdown(source, pages))
    changed = [name for name, text in wanted.items() if write_if_changed(STAGE / name, text)]
    for folder, dirs, files in os.walk(STAGE):  # never follows the utils link below
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if path.relative_to(STAGE).as_posix() not in wanted:
                path.unlink()
    link_utils()
    return changed


def link_utils():
    """``_stage/utils`` points at the course's utils/, so notebook 00 finds ``../utils/envcheck.py`` as in the repo."""
    link = STAGE / "utils"
    if not link.is_symlink():
        link.symlink_to(REPO / "utils", target_is_directory=True)


def dependency_fingerprint():
    """A short hash of the files in ``DEPENDENCIES`` (paths and contents) and of the course pins."""
    digest = hashlib.sha256()
    for pattern in DEPENDENCIES:
        for path in sorted(REPO.glob(pattern)):
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    requirements = (REPO / "requirements.txt").read_text(encoding="utf-8")
    digest.update(requirements.split("# --- testing", 1)[0].encode())
    return digest.hexdigest()[:16]


def execution_cache():
    """The jupyter-cache folder for the current dependencies; caches of older ones are removed."""
    folder = CACHE / f"jupyter-{dependency_fingerprint()}"
    for old in CACHE.glob("jupyter-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def sphinx_build(strict=True):
    """Run sphinx-build on the stage with site/conf.py; return its exit code."""
    env = {k: v for k, v in os.environ.items() if k != "MLC_DATA"}  # the classroom corpus
    env["SITE_EXECUTION_CACHE"] = str(execution_cache())
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH")] if p])
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(SITE), "-d", str(BUILD / "doctrees"),
               str(STAGE), str(HTML)]
    if strict:
        command += ["-W", "--keep-going"]
    return subprocess.call(command, cwd=REPO, env=env)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the stage, build and cache folders first")
    parser.add_argument("--no-strict", action="store_true", help="do not treat Sphinx warnings as errors")
    args = parser.parse_args(argv)
    if args.clean:
        for folder in (STAGE, BUILD, CACHE):
            shutil.rmtree(folder, ignore_errors=True)
    changed = stage()
    print(f"site: staged {len(changed)} changed file(s) in {STAGE.relative_to(REPO)}")
    code = sphinx_build(strict=not args.no_strict)
    if code == 0:
        print(f"site: open {(HTML / 'index.html').relative_to(REPO)} (or `make serve-site`)")
    return code


if __name__ == "__main__":
    sys.exit(main())
