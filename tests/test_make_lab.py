"""`make lab` serves JupyterLab on loopback, with a token, on the first notebook."""

import urllib.error
import urllib.request

import pytest
from lab_server import running_lab


def test_make_lab_prints_a_working_url_to_the_first_notebook():
    with running_lab() as lab:
        assert lab["url"].startswith(f"http://127.0.0.1:{lab['port']}/lab/tree/notebooks/00_start_here.ipynb")
        assert len(lab["token"]) >= 32
        assert "started" in lab["status"]
        with urllib.request.urlopen(lab["url"], timeout=30) as response:
            assert response.status == 200
            assert "JupyterLab" in response.read().decode()
        api = f"{lab['base']}/api/contents/notebooks/00_start_here.ipynb?content=0&token={lab['token']}"
        with urllib.request.urlopen(api, timeout=10) as response:
            assert response.status == 200


def test_make_lab_refuses_requests_without_the_token():
    with running_lab() as lab:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{lab['base']}/api/contents", timeout=10)
        assert err.value.code == 403


def test_the_environment_turns_off_jupyterlab_news():
    """Classrooms are often offline: no news pop-up asking to fetch announcements."""
    import json
    import sys
    from pathlib import Path

    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
