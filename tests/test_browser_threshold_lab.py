"""Notebook 12 in a real browser: start JupyterLab like a teacher, run all cells, move a slider.

JupyterLab is started with `make lab` (tests/lab_server.py) on a free loopback port; Debian's headless Chromium
(/usr/bin/chromium), driven by Python playwright, opens notebooks/12_threshold_lab.ipynb, runs every cell
from the Run menu, presses the arrow key on the "all labels" slider and checks that the metrics panel and the
example table change, then presses "Best F1 on validation" and types a comment into the text box. Autosave is switched off (a throwaway settings folder), so the notebook on disk keeps no
outputs; the test also checks that the file is byte-for-byte unchanged, and removes the checkpoint copy
JupyterLab makes on opening (unless one was there before).
"""

import json
import re
import time
from pathlib import Path

import pytest
from lab_server import REPO, running_lab

CHROMIUM = Path("/usr/bin/chromium")
NOTEBOOK = "notebooks/12_threshold_lab.ipynb"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAB_SETTINGS = {  # written to a throwaway JUPYTERLAB_SETTINGS_DIR
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}


def _lab_settings(folder):
    for name, content in LAB_SETTINGS.items():
        path = folder / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))
    (folder / "workspaces").mkdir(exist_ok=True)
    return {"JUPYTERLAB_SETTINGS_DIR": str(folder / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(folder / "workspaces")}


def _text(page, selector):
    """The rendered text of the first element matching ``selector``, whitespace collapsed."""
    return " ".join(page.locator(selector).first.inner_text(timeout=10_000).split())


def _micro_f1(metrics_text):
    match = re.search(r"micro-F1 ↑\s*([0-9.]+)", metrics_text)
    assert match, f"no micro-F1 in the metrics panel: {metrics_text[:300]!r}"
    return float(match.group(1))


def _wait_for_kernel(page, timeout=90):
    """Wait until the notebook's Python kernel is idle; answer a "Select Kernel" dialog if one appears.

    On a busy machine JupyterLab sometimes asks which kernel to start; a teacher would pick the
    notebook's own kernel, and so do we.
    """
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


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                    "(apt-get install -y chromium); the browser test needs it.")
def test_threshold_lab_runs_in_jupyterlab_and_reacts_to_a_slider(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="python playwright is not installed")
    before_bytes = (REPO / NOTEBOOK).read_bytes()
    checkpoint = REPO / "notebooks" / ".ipynb_checkpoints" / "12_threshold_lab-checkpoint.ipynb"
    had_checkpoint = checkpoint.exists()
    started = time.monotonic()
    report = {}
    try:
        with running_lab(env=_lab_settings(tmp_path)) as lab, sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1500, "height": 1000})
                page.set_default_timeout(60_000)
                page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK}?token={lab['token']}", wait_until="domcontentloaded")
                page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
                _wait_for_kernel(page)

                # Run → Run All Cells, as a teacher would.
                page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

                # Done when the three exercise cells at the end print "Not answered yet" and no cell waits ([*]).
                try:
                    page.wait_for_function(
                        "() => { const t = document.querySelector('.jp-Notebook').innerText;"
                        " return (t.match(/Not answered yet/g) || []).length >= 3 && !t.includes('[*]'); }",
                        timeout=150_000, polling=1000,
                    )
                except sync_api.TimeoutError:
                    prompts = [p for p in page.locator(".jp-InputPrompt").all_text_contents() if p.strip()]
                    dialogs = page.locator(".jp-Dialog").all_inner_texts()
                    pytest.fail(f"the notebook did not finish in JupyterLab; prompts {prompts}, dialogs {dialogs}")
                page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=30_000)
                errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
                traceback = [t for t in errors.all_text_contents() if "Traceback" in t or "Error" in t]
                assert not traceback, f"a cell failed in JupyterLab: {traceback[0][:500]}"

                # Widgets render as widgets, not as their text repr.
                assert page.locator(".jupyter-widgets .widget-slider").count() >= 7
                assert page.locator("img.mlc-threshold-figure").count() == 1
                assert "VBox(children=" not in page.locator(".jp-Notebook").inner_text()

                metrics_before = _text(page, ".mlc-threshold-metrics")
                table_before = _text(page, ".mlc-threshold-table")
                report["before"] = metrics_before
                assert "all at 0.50" in metrics_before and "0.50" in _text(page, ".mlc-threshold-global")

                # Move the "all labels" slider: focus its handle and press the left arrow 25 times (0.50 -> 0.25).
                handle = page.locator(".mlc-threshold-global .noUi-handle").first
                handle.scroll_into_view_if_needed()
                handle.focus()
                for _ in range(25):
                    page.keyboard.press("ArrowLeft")
                # Wait until the kernel's per-label table shows the value the slider's readout ends on.
                time.sleep(0.5)
                shown = re.search(r"([0-9.]+)\s*$", _text(page, ".mlc-threshold-global")).group(1)
                page.wait_for_function(
                    r"(v) => document.querySelector('.mlc-threshold-metrics').innerText"
                    r".replace(/\s+/g, ' ').includes('toxic ' + v + ' ')",
                    arg=shown, timeout=30_000,
                )
                page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=30_000)
                metrics_after = _text(page, ".mlc-threshold-metrics")
                table_after = _text(page, ".mlc-threshold-table")
                report["after"] = metrics_after
                report["global slider"] = _text(page, ".mlc-threshold-global")
                report["table before"], report["table after"] = table_before, table_after

                # The button sets each label's best-F1 threshold from the validation split.
                page.locator("button.mlc-threshold-tune").first.click()
                page.wait_for_function(
                    "() => document.querySelector('.mlc-threshold-metrics').innerText.includes('thresholds: tuned')",
                    timeout=30_000,
                )
                report["after the button"] = _text(page, ".mlc-threshold-metrics")

                # A typed comment is scored by the fitted vectoriser + model.
                typed_before = _text(page, ".mlc-threshold-typed")
                box = page.locator(".mlc-threshold-text input").first
                box.fill("Thank you for fixing the citation, much appreciated.")
                box.press("Enter")
                page.wait_for_function(
                    "(old) => document.querySelector('.mlc-threshold-typed').innerText.replace(/\\s+/g, ' ').trim()"
                    " !== old", arg=typed_before, timeout=30_000,
                )
                report["typed before"], report["typed after"] = typed_before, _text(page, ".mlc-threshold-typed")
            finally:
                browser.close()
    finally:
        after_bytes = (REPO / NOTEBOOK).read_bytes()
        if after_bytes != before_bytes:  # never leave outputs in the committed notebook
            (REPO / NOTEBOOK).write_bytes(before_bytes)
        if not had_checkpoint:  # JupyterLab makes a checkpoint copy when it opens a notebook
            checkpoint.unlink(missing_ok=True)
        report["seconds"] = f"{time.monotonic() - started:.0f}"
        print("\n".join(f"{k}: {v[:700]}" for k, v in report.items()))
    assert after_bytes == before_bytes, "JupyterLab saved the notebook (autosave should be off); restored it."

    slider_value = float(re.search(r"([0-9.]+)\s*$", report["global slider"]).group(1))
    assert 0.0 <= slider_value < 0.5, f"the slider did not move down: {report['global slider']!r}"
    assert f"{slider_value:.2f}" in metrics_after  # the per-label table shows the new thresholds
    assert metrics_after != metrics_before
    assert table_after != table_before
    # The scores are the kernel's new numbers, not just a new header.
    assert _micro_f1(metrics_after) != _micro_f1(metrics_before)
    assert report["after the button"] != metrics_after
    assert report["typed after"] != report["typed before"] and "Predicted:" in report["typed after"]
