"""Widget logic for the notebooks, testable without a browser.

Each widget is a thin ipywidgets wrapper over a plain class or function in
one of this package's modules; tests drive the class directly.
"""
