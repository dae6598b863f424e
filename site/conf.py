"""Sphinx configuration of the course website (built by site/build.py; see its docstring)."""

import os
import shutil
from pathlib import Path

import jupyter_server_mathjax

SITE = Path(__file__).resolve().parent

project = "Multi-label text classification"
author = "The course authors"
copyright = "the course authors, MIT licence"
language = "en"
root_doc = "index"
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]

# Markdown: $math$, anchors on headings (links such as data/README.md#baseline), ::: fences.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebooks: executed on the classroom corpus through jupyter-cache, so only changed notebooks re-run.
nb_execution_mode = "cache"
nb_execution_cache_path = os.environ.get("SITE_EXECUTION_CACHE", str(SITE / "_cache" / "jupyter"))
nb_execution_in_temp = False  # run in the staged notebooks/ folder, like JupyterLab does
nb_execution_timeout = 600  # per cell; Keras notebooks take about 30 s in all
nb_execution_raise_on_error = True  # a failing cell or claim fails the build
nb_execution_show_tb = True
nb_merge_streams = True
# Widgets: no embedding. MyST-NB would fetch the ipywidgets HTML manager from a CDN at view time; the site
# must work offline, so widget views are dropped and each widget gets an "interactive in JupyterLab" note.
nb_ipywidgets_js = {}
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "application/vnd.jupyter.widget-state+json", None),
]

# Math: MathJax 2 from the jupyter-server-mathjax wheel, served from the site itself (no CDN).
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
mathjax2_config = {
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                "processRefs": False, "processEnvironments": False},
    "HTML-CSS": {"availableFonts": [], "webFont": "STIX-Web", "imageFont": None, "preferredFont": None},
    "messageStyle": "none",
    "menuSettings": {"zoom": "None"},
}
myst_update_mathjax = False

html_theme = "sphinx_book_theme"
html_title = "Multi-label text classification"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}


def copy_mathjax(app, exception):
    """Put the local MathJax into _static/mathjax of the built site (once; it never changes)."""
    target = Path(app.outdir) / "_static" / "mathjax"
    if exception is None and not (target / "MathJax.js").exists():
        shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", target, dirs_exist_ok=True)


def setup(app):
    app.connect("build-finished", copy_mathjax)
