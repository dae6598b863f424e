"""The course website (`make site`): how site/build.py stages the course, and the built site in a browser.

The staging tests are fast and need no build. The browser tests reuse the site that `make site` built
earlier in the same run (CI runs it before `make test`): they serve site/_build/html on 127.0.0.1 and open
every page in Debian's headless Chromium through Python playwright. Any request to another host is aborted
and fails the test. Without a built site or without Chromium those tests are skipped, saying why, except
under CI=true, where either is a failure.
"""

import functools
import importlib.util
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
HTML = REPO / "site" / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI") == "true"


def _load_build():
    spec = importlib.util.spec_from_file_location("site_build", REPO / "site" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()


# --- staging: no Sphinx needed -----------------------------------------------------------------------------

def test_every_notebook_lesson_and_readme_is_staged():
    pages = build.staged_pages()
    assert pages[:14] == sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notebooks").glob("*.ipynb"))
    assert len([p for p in pages if p.startswith("lessons/")]) == 14
    assert {"data/README.md", "benchmarks/README.md"} <= set(pages)


def test_links_are_rewritten_for_the_site():
    pages = ["notebooks/05_binary_relevance.ipynb", "lessons/05_binary_relevance.md"]
    text = ("[Course index](../README.md) | [plan](../lessons/05_binary_relevance.md) | "
            "[code](../utils/thresholds.py) | [web](https://example.org/x) | [here](#setup)")
    out = build.rewrite_links(text, "notebooks/05_binary_relevance.ipynb", pages)
    assert "[Course index](../index.md)" in out
    assert "[plan](../lessons/05_binary_relevance.md)" in out
    assert "code (`utils/thresholds.py` in the course files)" in out and "(../utils" not in out
    assert "[web](https://example.org/x)" in out and "[here](#setup)" in out
    assert build.rewrite_links("[`CONTRIBUTING.md`](CONTRIBUTING.md)", "README.md", pages) == "`CONTRIBUTING.md`"


def test_glossary_has_every_core_term_with_its_chinese_name():
    terms = build.glossary_terms((REPO / "site" / "glossary.md").read_text(encoding="utf-8"))
    english = {t.split(" (", 1)[0] for t in terms}
    core = {"multi-label", "label set", "label powerset", "binary relevance", "classifier chain", "Hamming loss",
            "micro averaging", "macro averaging", "threshold", "calibration", "iterative stratification",
            "TF-IDF", "ROC AUC", "LRAP", "one-error", "coverage", "ranking loss", "early stopping", "ML-kNN",
            "RAkEL", "ensemble of classifier chains", "co-occurrence", "label cardinality", "sigmoid", "softmax"}
    assert core <= english, f"missing from the glossary: {sorted(core - english)}"
    for term in terms:  # every entry carries a Chinese name in its parentheses
        assert re.search(r"\(.*[\u4e00-\u9fff].*\)$", term), f"no Chinese term beside {term!r}"


def test_only_the_first_use_of_a_term_is_linked_outside_code_links_and_headings():
    terms = build.glossary_terms((REPO / "site" / "glossary.md").read_text(encoding="utf-8"))
    cells = [nbformat.v4.new_markdown_cell(s) for s in [
        "## Binary relevance\n\nThe `binary relevance` code and [binary relevance](x.ipynb) are not linked.",
        "We fit **binary relevance**: then binary relevance again, and two thresholds.",
    ]]
    linked = build.link_glossary_terms(cells, terms)
    assert cells[0].source.startswith("## Binary relevance\n\nThe `binary relevance` code and [binary")
    assert "{term}" not in cells[0].source
    assert cells[1].source == ("We fit **{term}`binary relevance <binary relevance (二元相关)>`**: then binary "
                               "relevance again, and two {term}`thresholds <threshold (阈值)>`.")
    assert set(linked) == {"binary relevance (二元相关)", "threshold (阈值)"}


def test_each_widget_gets_the_jupyterlab_note_and_hides_its_output():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("### Interactive demo\nMove the slider."),
        nbformat.v4.new_code_cell("demo.widget()"),
        nbformat.v4.new_markdown_cell("No widget showing? Here is the default:"),
        nbformat.v4.new_code_cell("print(demo.report())"),
    ])
    assert build.mark_widgets(nb) == 1
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "markdown", "code"]
    assert nb.cells[1].metadata["tags"] == ["remove-output"]
    assert "Interactive in JupyterLab" in nb.cells[2].source
    assert "tags" not in nb.cells[4].metadata


def test_every_course_widget_is_found():
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        headings = sum(build.WIDGET_HEADING in c.source for c in nb.cells if c.cell_type == "markdown")
        assert build.mark_widgets(nb) == headings, path.name


def test_outputs_are_re_executed_when_utils_or_the_course_pins_change(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "REPO", tmp_path)
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "metrics.py").write_text("x = 1\n")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("numpy==2.4.6\n# --- testing ---\npytest==9.2.0\n")
    first = build.dependency_fingerprint()
    requirements.write_text("numpy==2.4.6\n# --- testing ---\npytest==9.3.0\n# --- site ---\nsphinx==9.0.4\n")
    assert build.dependency_fingerprint() == first, "a test or site pin must not re-execute the notebooks"
    requirements.write_text("numpy==2.5.0\n# --- testing ---\npytest==9.3.0\n")
    second = build.dependency_fingerprint()
    assert second != first
    (tmp_path / "utils" / "metrics.py").write_text("x = 2\n")
    assert build.dependency_fingerprint() not in (first, second)


# --- the built site in a browser ---------------------------------------------------------------------------

def _missing(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the site test must run in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site_url():
    if not (HTML / "index.html").exists():
        _missing(f"no built site at {HTML.relative_to(REPO)}: run `make site` first")
    handler = functools.partial(type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(HTML))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser_page(site_url):
    if not CHROMIUM.exists():
        _missing("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.outside = []  # requests that tried to leave loopback
        page.errors = []  # console errors and uncaught exceptions

        def route(r):
            if urlsplit(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                page.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and page.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: page.errors.append(f"{page.url}: {e}"))
        yield page
        browser.close()


def _pages():
    skip = ("_static/", "_sources/", "_images/")
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if not p.relative_to(HTML).as_posix().startswith(skip))


def _ids(relative):
    text = (HTML / relative).read_text(encoding="utf-8")
    return set(re.findall(r'\bid="([^"]+)"', text))


def _broken_links(urls, site_url, ids_cache):
    """The same-site URLs among ``urls`` whose file (or #anchor) is missing from the built folder."""
    broken = []
    for url in urls:
        if not url.startswith(site_url):
            continue
        parts = urlsplit(url)
        relative = unquote(parts.path)[1:] or "index.html"
        if relative.endswith("/"):
            relative += "index.html"
        if not (HTML / relative).is_file():
            broken.append(url)
        elif parts.fragment and relative.endswith(".html"):
            ids = ids_cache.setdefault(relative, _ids(relative))
            if unquote(parts.fragment) not in ids:
                broken.append(url)
    return broken


LINKS_JS = """() => [...document.querySelectorAll('a[href], link[href]')].map(e => e.href)
  .concat([...document.querySelectorAll('img[src], script[src], iframe[src]')].map(e => e.src))"""
IMAGES_JS = "() => [...document.images].map(i => [i.src, i.complete, i.naturalWidth])"


def test_every_page_loads_offline_with_no_error_broken_link_or_empty_image(browser_page, site_url):
    page, pages, problems, ids_cache = browser_page, _pages(), [], {}
    assert len(pages) >= 14 + 14 + 5, f"too few pages in the built site: {pages}"
    for relative in pages:
        page.goto(site_url + relative, wait_until="load")
        page.wait_for_load_state("networkidle")
        problems += [f"{relative}: broken link {u}" for u in _broken_links(page.evaluate(LINKS_JS), site_url,
                                                                           ids_cache)]
        problems += [f"{relative}: empty image {src}" for src, complete, width in page.evaluate(IMAGES_JS)
                     if not (complete and width > 0)]
    assert not page.outside, f"requests left loopback: {sorted(set(page.outside))[:10]}"
    assert not page.errors, f"console errors: {page.errors[:10]}"
    assert not problems, "\n".join(problems[:30])


def test_notebook_pages_have_outputs_navigation_and_glossary_links(browser_page, site_url):
    page = browser_page
    page.goto(site_url + "notebooks/06_classifier_chains.html", wait_until="load")
    assert page.locator("a.left-prev").get_attribute("href").endswith("05_binary_relevance.html")
    assert page.locator("a.right-next").get_attribute("href").endswith("07_label_powerset.html")
    sidebar = page.locator("nav.bd-links a").evaluate_all("links => links.map(a => a.textContent.trim())")
    assert sum(bool(re.match(r"\d\d · ", t)) for t in sidebar) == 14, sidebar
    assert page.locator("div.cell_output").count() > 5
    glossary = page.locator("a[href*='glossary.html#term-']")
    assert glossary.count() >= 5 and "classifier chain" in glossary.first.inner_text().lower()
    page.goto(site_url + "lessons/06_classifier_chains.html", wait_until="load")
    assert page.locator(".teacher-page").first.is_visible()


def test_math_is_rendered_as_mathml(browser_page, site_url):
    page = browser_page
    page.goto(site_url + "notebooks/04_scoring_multilabel.html", wait_until="load")
    assert page.locator("article math").count() >= 10
    text = page.locator("article").inner_text()
    assert "\\frac" not in text and "$$" not in text, "TeX left unrendered on the scoring page"


def test_search_finds_the_chains_notebook(browser_page, site_url):
    page = browser_page
    page.goto(site_url + "search.html?q=classifier+chain", wait_until="load")
    hit = page.locator("#search-results a[href*='06_classifier_chains']")
    hit.first.wait_for(timeout=30_000)
    assert "Classifier chains" in hit.first.inner_text()


def test_threshold_lab_page_shows_the_static_fallback_figure(browser_page, site_url):
    page = browser_page
    page.goto(site_url + "notebooks/12_threshold_lab.html", wait_until="load")
    note = page.locator(".widget-note")
    assert note.count() == 1 and "interactive" in note.inner_text().lower()
    # the first image after the note is the fallback figure: loaded, visible and of a real size
    width = page.evaluate("""() => {
        const note = document.querySelector('.widget-note');
        const img = [...document.images].find(i => note.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING);
        img.scrollIntoView();
        return img.complete ? img.naturalWidth : 0;
    }""")
    assert width > 300
    fallback = page.locator(".widget-note ~ div.cell img").first
    assert fallback.is_visible()
