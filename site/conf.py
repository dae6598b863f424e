"""Sphinx configuration of the course website (built by site/build.py; see its docstring)."""

import os
from html import escape
from pathlib import Path

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.util import logging

logger = logging.getLogger(__name__)

SITE = Path(__file__).resolve().parent

project = "Multi-label text classification"
author = "The course authors"
copyright = "the course authors, MIT licence"
language = "en"
root_doc = "index"
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "utils"]  # utils: a link for notebook 00

# Markdown: $math$, anchors on headings (links such as data/README.md#baseline), ::: fences.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_dmath_double_inline = True  # $$...$$ inside a paragraph, as JupyterLab renders it

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

# Math: rendered at build time as MathML (latex2mathml), which browsers display natively: no MathJax, no CDN.
html_math_renderer = "mathml"
myst_update_mathjax = False

html_theme = "sphinx_book_theme"
html_title = "Multi-label text classification"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_last_updated_fmt = None
html_context = {"default_mode": "auto"}  # light or dark as the reader's system prefers
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}


def _mathml(self, node, display):
    """The MathML of a math node's TeX; a TeX the converter cannot read is a build warning naming it."""
    try:
        return convert(node.astext(), display=display)
    except Exception as error:  # latex2mathml raises several exception types
        logger.warning("cannot render the math %r as MathML (%s); write it in simpler TeX", node.astext(), error,
                       location=node)
        return f"<code>{escape(node.astext())}</code>"


def visit_math(self, node):
    self.body.append(_mathml(self, node, "inline"))
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(f'<div class="math-display">{_mathml(self, node, "block")}</div>')
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
