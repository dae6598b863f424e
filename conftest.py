"""Repository-wide pytest hooks: report how long each notebook took to execute."""

from collections import defaultdict

_NOTEBOOK_SECONDS = defaultdict(float)


def pytest_runtest_logreport(report):
    """Add up the cell durations of each notebook run by nbval."""
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb") and report.when == "call":
        _NOTEBOOK_SECONDS[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    """Print a table of notebook execution times after the run."""
    if not _NOTEBOOK_SECONDS:
        return
    terminalreporter.section("notebook execution time (nbval, seconds)")
    for path, seconds in sorted(_NOTEBOOK_SECONDS.items()):
        terminalreporter.write_line(f"{seconds:7.1f}  {path}")
    terminalreporter.write_line(f"{sum(_NOTEBOOK_SECONDS.values()):7.1f}  all notebooks")
