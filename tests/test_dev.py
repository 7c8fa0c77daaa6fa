"""``scripts/dev.py``: a fresh machine gets the tools the tests drive."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .site_helpers import REPO


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("dev", REPO / "scripts/dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_missing_test_tools_are_installed_with_apt(dev, monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(
        dev,
        "TEST_TOOLS",
        {tmp_path / "chromium": ("chromium",), tmp_path / "soffice": ("libreoffice-calc-nogui",)},
    )
    (tmp_path / "chromium").touch()  # present: not installed again
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    monkeypatch.setattr(dev.subprocess, "call", lambda args, env=None: calls.append(args) or 0)
    dev.ensure_test_tools()
    assert calls[0][:2] == ["apt-get", "update"]
    assert calls[1][:2] == ["apt-get", "install"] and calls[1][-1] == "libreoffice-calc-nogui"
    assert "chromium" not in calls[1]


def test_nothing_is_installed_when_every_tool_is_there(dev, monkeypatch, tmp_path):
    (tmp_path / "soffice").touch()
    monkeypatch.setattr(dev, "TEST_TOOLS", {Path(tmp_path / "soffice"): ("libreoffice-calc-nogui",)})
    monkeypatch.setattr(dev.subprocess, "call", lambda *a, **k: pytest.fail("nothing to install"))
    dev.ensure_test_tools()
