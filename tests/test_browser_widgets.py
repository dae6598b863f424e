"""Every widget notebook in a real browser: JupyterLab on loopback (``make lab``), headless Chromium, 1,366×768.

For each notebook that builds a widget from ``utils.widgets``: open it with ``?reset`` (file browser open), run
all cells, and for each widget check that it renders as controls, that it fits in the visible notebook area
(bounding boxes) at 1,366×768 and at 1,280×800, that its text is at least 13 px, that each kind of control
(slider, dropdown, button, checkbox, text box), operated with the keyboard, changes the widget's output while
every single key leaves the notebook's cell selection and the focus where they were (JupyterLab's command-mode
shortcuts take ArrowUp/ArrowDown, letters... from any focused element that is not a text field, unless the
widget keeps them: see ``utils.widgets.messages.LIVE_HTML``), that Tab moves inside the widget and a Ctrl
shortcut still reaches JupyterLab, and that the page logs no JavaScript error. A screenshot per widget and the
measured update times (median of several interactions) go to ``tests/output/browser/``. There are no timing
assertions: the machine may be loaded.
"""

import json
import re
import statistics
import urllib.request

import pytest
from browser import (
    OUTPUT,
    REPO,
    active_cell,
    lab_session,
    notebook_area,
    run_all,
    sidebar_width,
    text,
    timed_change,
    widget_views,
)

NOTEBOOKS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notebooks").glob("*.ipynb")
                   if "utils.widgets" in p.read_text())
CONTROLS = {  # kind -> CSS selector of the element the keyboard operates
    "slider": ".widget-slider .noUi-handle",
    "dropdown": ".widget-dropdown select",
    "checkbox": ".widget-checkbox input[type=checkbox]",
    "text box": ".widget-text input[type=text]",
    "button": "button.jupyter-button:not([disabled])",
}
REPEATS = 5  # interactions per kind for the median
SMALL_SCREEN = {"width": 1280, "height": 800}  # the widget must fit here too (the default page is 1,366×768)
MIN_TEXT_PX = 13
# The smallest font size (px) of visible text in a widget, and where it is.
MIN_TEXT_JS = """(root) => { let size = 99, where = '';
  for (const e of root.querySelectorAll('*')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const px = parseFloat(getComputedStyle(e).fontSize);
    if (px < size) { size = px; where = e.textContent.trim().slice(0, 40); }
  }
  return [size, where]; }"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with lab_session(tmp_path_factory.mktemp("lab")) as session:
        yield session
    assert not session.restore(), "JupyterLab saved a notebook (autosave should be off)"


def _measurements(name, entry):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / "measurements.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = entry
    path.write_text(json.dumps(data, indent=1))


def _operate(page, control, kind, attempt):
    """One keyboard interaction with the focused ``control``; a callable for :func:`timed_change`."""
    keys = {"slider": ("ArrowRight", "ArrowLeft"), "dropdown": ("ArrowDown", "ArrowUp"),
            "checkbox": ("Space", "Space"), "button": ("Enter", "Enter")}

    def act():
        if kind == "text box":
            control.fill(["You are a clown and an idiot.", "Thanks for the careful edit!"][attempt % 2]
                         + f" ({attempt})")
            control.press("Enter")
        else:
            page.keyboard.press(keys[kind][attempt % 2])
    return act


def _key_stayed(page, view, kind, cell):
    """Fail if the last key moved the notebook's cell selection or took the focus out of the widget."""
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
    assert active_cell(page) == cell, (f"a key on a {kind} moved the notebook's cell selection (a JupyterLab "
                                       "command-mode shortcut took it)")
    assert view.evaluate("(v) => v.contains(document.activeElement)"), f"a key on a {kind} took the focus away"


def _exercise(page, view, kind):
    """Operate each control of ``kind`` in ``view``; the first one ``REPEATS`` times. Times (ms) of changes.

    After every single key the cell selection and the focus must not have moved: checking only after a key and
    its opposite would miss a shortcut that moves the selection down and then back up.
    """
    controls = view.locator(CONTROLS[kind])
    times, dead = [], []
    for c in range(min(controls.count(), 3)):
        control = controls.nth(c)
        control.scroll_into_view_if_needed()
        for attempt in range(REPEATS if c == 0 else 1):
            control.focus()  # focusing a control makes its cell the active one; a key must not move it after
            cell = active_cell(page)
            ms = timed_change(view, _operate(page, control, kind, attempt), timeout=30)
            _key_stayed(page, view, kind, cell)
            if ms is None and kind in ("slider", "dropdown"):  # at an end of its range: go the other way
                ms = timed_change(view, _operate(page, control, kind, attempt + 1), timeout=30)
                _key_stayed(page, view, kind, cell)
            if ms is None:
                dead.append(c)
            else:
                times.append(ms)
    return times, dead


def _tab_and_shortcuts(page, view):
    """Tab reaches the widget's next control without moving the cell selection; a Ctrl shortcut pressed on a
    control (other than a text box) still reaches JupyterLab (Ctrl+Shift+C opens the command palette)."""
    focusable = view.locator(", ".join(CONTROLS.values()))
    focusable.first.focus()
    cell = active_cell(page)
    if focusable.count() >= 2:
        page.keyboard.press("Tab")
        _key_stayed(page, view, "Tab", cell)
    others = view.locator(", ".join(selector for kind, selector in CONTROLS.items() if kind != "text box"))
    if not others.count():  # ipywidgets' text box keeps every key it gets (it stops their propagation)
        return
    others.first.focus()
    page.keyboard.press("Control+Shift+C")
    palette = page.locator(".jp-ModalCommandPalette")
    palette.wait_for(state="visible", timeout=10_000)
    page.keyboard.press("Escape")
    palette.wait_for(state="hidden", timeout=10_000)


def _fits(view, page):
    """The widget's and the visible notebook area's sizes (px), at the page's current viewport."""
    view.scroll_into_view_if_needed()
    box, area = view.bounding_box(), notebook_area(page)
    return {"widget_px": [round(box["width"]), round(box["height"])],
            "area_px": [round(area["width"]), round(area["height"])]}


def _micro_f1(metrics_text):
    match = re.search(r"micro-F1 ↑\s*([0-9.]+)", metrics_text)
    assert match, f"no micro-F1 in the metrics panel: {metrics_text[:300]!r}"
    return float(match.group(1))


def _wait_text(page, selector, predicate_js, arg=None, timeout=60_000):
    page.wait_for_function(f"(arg) => {{ const e = document.querySelector({selector!r}); "
                           f"return e && ({predicate_js})(e.innerText.replace(/\\s+/g, ' '), arg); }}",
                           arg=arg, timeout=timeout)


def _threshold_lab_checks(page):
    """Notebook 12: the "all labels" slider moves every threshold and the scores; the button tunes; typing scores."""
    page.locator(".lm-TabBar-tab", has_text="Scores").first.click()  # innerText needs the panel shown
    page.locator("button.jupyter-button", has_text="All at 0.50").first.click()
    _wait_text(page, ".mlc-threshold-metrics", "(t) => t.includes('all at 0.50') && t.includes('thresholds: default')")
    metrics_before = text(page.locator(".mlc-threshold-metrics"))
    handle = page.locator(".mlc-threshold-global .noUi-handle").first
    handle.focus()
    for _ in range(25):  # 0.50 -> 0.25 with the keyboard
        page.keyboard.press("ArrowLeft")
    _wait_text(page, ".mlc-threshold-metrics", "(t) => t.includes('toxic 0.25 ')")
    metrics_after = text(page.locator(".mlc-threshold-metrics"))
    assert "thresholds: global" in metrics_after and _micro_f1(metrics_after) != _micro_f1(metrics_before)
    assert "0.25" in text(page.locator(".mlc-threshold-label"))  # the picked label's slider follows
    page.locator("button.mlc-threshold-tune").first.click()
    _wait_text(page, ".mlc-threshold-metrics", "(t) => t.includes('thresholds: tuned')")
    # every widget value travels as its own message: wait for the note too rather than read it at once
    _wait_text(page, ".mlc-threshold-mode", "(t) => t.includes('tuned on validation')", timeout=15_000)
    box = page.locator(".mlc-threshold-text input").first
    box.fill("Thank you for fixing the citation, much appreciated.")
    box.press("Enter")
    _wait_text(page, ".mlc-threshold-typed", "(t) => t.includes('Predicted:')")
    return {"micro_f1": [_micro_f1(metrics_before), _micro_f1(metrics_after)],
            "typed": text(page.locator(".mlc-threshold-typed"))[:200]}


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_widget_notebook_renders_fits_and_reacts(lab, notebook):
    page = lab.open(notebook)
    name = re.sub(r"\.ipynb$", "", notebook.split("/")[-1])
    entry = {"sidebar_px": sidebar_width(page), "widgets": []}
    try:
        assert entry["sidebar_px"] > 150, "the file browser should be open in a fresh (?reset) workspace"
        run_all(page)
        views = widget_views(page)
        assert views.count() >= 1, "no widget rendered"
        notebook_text = " ".join(page.locator(".jp-Cell-outputArea").all_inner_texts())  # outputs, not prose
        assert "VBox(children=" not in notebook_text and "Error displaying widget" not in notebook_text
        notes = page.locator(".mlc-reopen-note")
        assert notes.count() == views.count(), "every widget should be shown with show() and its re-run note"
        assert not any(notes.nth(i).is_visible() for i in range(notes.count())), "the re-run note shows under a live widget"
        for i in range(views.count()):
            view = views.nth(i)
            view.scroll_into_view_if_needed()
            assert view.locator(", ".join(CONTROLS.values())).count(), "the widget shows no control"
            widget = {"sizes": {"1366x768": _fits(view, page)}, "min_text": view.evaluate(MIN_TEXT_JS),
                      "update_ms": {}}
            view.screenshot(path=str(OUTPUT / f"{name}_widget{i}.png"))
            _tab_and_shortcuts(page, view)
            for kind in CONTROLS:
                if view.locator(CONTROLS[kind]).count():
                    times, dead = _exercise(page, view, kind)
                    widget["update_ms"][kind] = round(statistics.median(times)) if times else None
                    widget.setdefault("no_change", {})[kind] = dead
            entry["widgets"].append(widget)
        if name == "12_threshold_lab":
            entry["deep"] = _threshold_lab_checks(page)
        page.set_viewport_size(SMALL_SCREEN)
        page.wait_for_timeout(1000)  # JupyterLab lays its panels out again
        for i, widget in enumerate(entry["widgets"]):
            widget["sizes"]["1280x800"] = _fits(views.nth(i), page)
            views.nth(i).screenshot(path=str(OUTPUT / f"{name}_widget{i}_1280x800.png"))
        entry["console_errors"] = page.console_errors[:5]
    finally:
        _measurements(name, entry)
        page.close()
    assert not entry["console_errors"], f"JavaScript console errors: {entry['console_errors']}"
    for widget in entry["widgets"]:
        for screen, size in widget["sizes"].items():
            (width, height), (area_width, area_height) = size["widget_px"], size["area_px"]
            assert width <= area_width and height <= area_height, (
                f"at {screen} the widget ({width}×{height} px) does not fit in the visible notebook area "
                f"({area_width}×{area_height} px)")
        assert widget["min_text"][0] >= MIN_TEXT_PX, f"text smaller than {MIN_TEXT_PX} px: {widget['min_text']}"
        for kind, dead in widget.get("no_change", {}).items():
            if kind == "button":  # a button may legitimately do nothing in the state it is pressed in
                assert widget["update_ms"][kind] is not None, "no button changed the widget's output"
            else:
                assert not dead, f"operating {kind} number {dead} did not change the widget's output"


def test_a_reopened_notebook_says_to_run_the_cell_again(lab):
    """Save a notebook with live widgets, end its kernel session, reopen it: the note says to re-run the cell."""
    notebook = "notebooks/00_start_here.ipynb"
    page = lab.open(notebook)
    try:
        run_all(page)
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        path = REPO / notebook
        page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
        assert "mlc-reopen-note" in path.read_text(), "the notebook was not saved with its outputs"
    finally:
        page.close()
    base, token = lab.server["base"], lab.server["token"]
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as response:
        sessions = json.loads(response.read())
    for session in sessions:  # the kernel is gone, as after closing JupyterLab or restarting the kernel
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()
    page = lab.open(notebook)
    try:
        note = page.locator(".mlc-reopen-note").first
        note.wait_for(state="visible", timeout=30_000)
        note.scroll_into_view_if_needed()
        shown = text(note.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea')][1]"))
        page.screenshot(path=str(OUTPUT / "reopened_00_start_here.png"))
        _measurements("reopened", {"shows": shown})
        assert "Run this cell again" in shown
    finally:
        page.close()
        lab.restore()
