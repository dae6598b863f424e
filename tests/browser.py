"""Browser harness: JupyterLab started like a teacher does (``make lab``), driven by headless Chromium.

One :class:`Lab` serves a whole test module (start it with :func:`lab_session`); :meth:`Lab.open` gives one
page per notebook at 1,366×768, opened with ``?reset`` (no earlier workspace leaks in) and with JupyterLab's
news and autosave off (a throwaway settings folder), so the notebook on disk keeps no outputs.
:meth:`Lab.restore` puts back any notebook or checkpoint the session touched.

Without Chromium or Python playwright the tests are skipped, except in CI (``CI=true``), where that is a failure.
"""

import contextlib
import json
import os
import re
import time
from pathlib import Path

import pytest
from lab_server import REPO, running_lab

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
OUTPUT = REPO / "tests" / "output" / "browser"  # screenshots and the measurements (git-ignored)
LAB_SETTINGS = {  # written to a throwaway JUPYTERLAB_SETTINGS_DIR
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}
# The text a widget's outputs show (HTML panels, labels, images), not its controls' own readouts.
OUTPUT_SIGNATURE_JS = """(root) => {
  const parts = [...root.querySelectorAll('.widget-html-content, div.widget-label, .widget-output')]
    .map(e => e.innerText);
  const images = [...root.querySelectorAll('img')].map(i => (i.src || '').length + ':' + (i.src || '').slice(-40));
  return parts.join('\\n') + images.join('|');
}"""


def require_playwright():
    """``playwright.sync_api``; skipped when Chromium or playwright is missing, a failure in CI."""
    reason = None
    if not CHROMIUM.exists():
        reason = "Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)"
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        sync_api, reason = None, reason or "python playwright is not installed (pip install playwright)"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and the browser test cannot run: {reason}.")
        pytest.skip(reason)
    return sync_api


def lab_settings(folder):
    """Environment variables pointing JupyterLab at fresh settings/workspaces folders under ``folder``."""
    for name, content in LAB_SETTINGS.items():
        path = folder / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))
    (folder / "workspaces").mkdir(exist_ok=True)
    return {"JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces")}


def text(locator):
    """The rendered text of ``locator``'s first element, whitespace collapsed."""
    return " ".join(locator.first.inner_text(timeout=10_000).split())


class Lab:
    """A running JupyterLab plus a Chromium; one page per notebook."""

    def __init__(self, server, browser, sync_api):
        self.server, self.browser, self.sync_api = server, browser, sync_api
        self.saved = {}  # path -> bytes before the session, restored by restore()

    def open(self, notebook, viewport=VIEWPORT):
        """A page showing ``notebook`` with an idle kernel; ``page.console_errors`` collects JS errors."""
        path = REPO / notebook
        self.saved.setdefault(path, path.read_bytes())
        checkpoint = path.parent / ".ipynb_checkpoints" / f"{path.stem}-checkpoint.ipynb"
        self.saved.setdefault(checkpoint, checkpoint.read_bytes() if checkpoint.exists() else None)
        page = self.browser.new_page(viewport=viewport)
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        page.set_default_timeout(60_000)
        page.goto(f"{self.server['base']}/lab/tree/{notebook}?reset&token={self.server['token']}",
                  wait_until="domcontentloaded")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
        wait_for_kernel(page)
        return page

    def restore(self):
        """Put back every notebook and checkpoint as it was before the session."""
        changed = []
        for path, content in self.saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            elif path.read_bytes() != content:
                path.write_bytes(content)
                changed.append(path.name)
        return changed


@contextlib.contextmanager
def lab_session(folder):
    """Yield a :class:`Lab`; on exit close everything and restore touched files."""
    sync_api = require_playwright()
    with running_lab(env=lab_settings(folder)) as server, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        lab = Lab(server, browser, sync_api)
        try:
            yield lab
        finally:
            browser.close()
            lab.restore()


def wait_for_kernel(page, timeout=120):
    """Wait until the notebook's Python kernel is idle; answer a "Select Kernel" dialog if one appears."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.first.inner_text():
            select = dialog.locator("select")
            if select.count():
                select.first.select_option(label="Python 3 (ipykernel)")
            dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        name = page.locator(".jp-NotebookPanel-toolbar .jp-KernelName, .jp-Toolbar-kernelName").all_inner_texts()
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
        if idle and any("Python 3" in n for n in name):
            return
        time.sleep(0.5)
    pytest.fail(f"the notebook's kernel did not start within {timeout} s")


def run_all(page, timeout=300):
    """Run → Run All Cells, wait until every code cell has run; fail on a cell that raised."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    try:
        page.wait_for_function(
            "() => { const p = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];"
            " return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }",
            timeout=timeout * 1000, polling=1000,
        )
    except PlaywrightTimeout as error:
        prompts = [p for p in page.locator(".jp-InputPrompt").all_text_contents() if p.strip()]
        pytest.fail(f"the notebook did not finish in JupyterLab within {timeout} s; prompts {prompts}: {error}")
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    traceback = [t for t in errors.all_text_contents() if "Traceback" in t or "Error" in t]
    assert not traceback, f"a cell failed in JupyterLab: {traceback[0][:500]}"


def widget_views(page):
    """Each rendered widget output of the notebook (the top-level widget of a cell's display)."""
    return page.locator(".jp-OutputArea-output:has(> .jupyter-widgets)")


def sidebar_width(page):
    """Width in px of the open left sidebar (the file browser), 0 when it is closed."""
    box = page.locator("#jp-left-stack").bounding_box()
    return 0 if box is None else box["width"]


def notebook_area(page):
    """Bounding box of the visible notebook area (what scrolls), in page pixels."""
    return page.locator(".jp-NotebookPanel-notebook").first.bounding_box()


def output_signature(view):
    return view.evaluate(OUTPUT_SIGNATURE_JS)


def active_cell(page):
    """Position of the notebook's active (selected) cell."""
    return page.evaluate("() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
                         ".findIndex(c => c.classList.contains('jp-mod-active'))")


def timed_change(view, action, timeout=30):
    """Run ``action()``, wait until the widget's outputs change; the time in ms, or None if nothing changed."""
    before = output_signature(view)
    start = time.perf_counter()
    action()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        if output_signature(view) != before:
            return 1000 * (time.perf_counter() - start)
        time.sleep(0.01)
    return None
