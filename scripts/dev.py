#!/usr/bin/env python3
"""Bootstrap and run smartregio's two main jobs on a fresh machine with only python3 ≥ 3.11.

    python3 scripts/dev.py build   # validate the data and build the whole site into site/
    python3 scripts/dev.py test    # lint and run the whole test suite (installs Chromium and
                                   # LibreOffice Calc with apt-get when missing)

Both create ``.venv`` from ``requirements.lock`` (pinned versions) on first use and again
whenever the lock or ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".smartregio-installed"


def _python() -> Path:
    return VENV / "bin" / "python"


def _run(*args: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def _no_bytecode() -> dict[str, str]:
    """The environment of a build or test run: no bytecode written unless the caller asks for
    it (given to those processes only; this script's own environment stays as it is)."""
    return {"PYTHONDONTWRITEBYTECODE": "1", **os.environ}


def ensure_environment() -> None:
    """Create or refresh the virtual environment; a no-op when nothing changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older python3
        sys.exit("smartregio braucht Python 3.11 oder neuer.")
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == digest and _python().exists():
        return
    if not _python().exists():
        print("Lege die Python-Umgebung .venv an …", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installiere die festgelegten Pakete aus requirements.lock …", flush=True)
    pip = [_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    # editable: scripts/ goes on the path, with the developer tools of scripts/smartregio_dev
    # (smartregio bench) that the package itself does not ship
    if _run(*pip, "-r", LOCK) or _run(*pip, "--no-deps", "-e", ROOT):
        sys.exit("Installation fehlgeschlagen.")
    STAMP.write_text(digest)


# what the tests drive, each with the Debian package that provides it
TEST_TOOLS = {
    Path("/usr/bin/chromium"): ("chromium", "fonts-dejavu-core"),  # browser tests (Playwright)
    Path("/usr/bin/soffice"): ("libreoffice-calc-nogui",),  # the XLSX download as LibreOffice reads it
}


def ensure_test_tools() -> None:
    """Install Debian's Chromium (Playwright's own download is not available) and LibreOffice
    Calc when missing: CI starts on a fresh machine."""
    packages = [p for path, names in TEST_TOOLS.items() if not path.exists() for p in names]
    if not packages:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit(
            "Die Tests brauchen Chromium und LibreOffice Calc: bitte als root "
            f"'apt-get install {' '.join(packages)}' ausführen."
        )
    print(f"Installiere für die Tests: {', '.join(packages)} …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.call(["apt-get", "update", "-qq"], env=env) or subprocess.call(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env
    ):
        sys.exit(f"Konnte nicht installiert werden: {', '.join(packages)}.")


def build(extra: list[str]) -> int:
    return _run(VENV / "bin" / "smartregio", "build", *extra, env=_no_bytecode())


def test(extra: list[str]) -> int:
    ensure_test_tools()
    code = _run(VENV / "bin" / "ruff", "check", "scripts", "tests", env=_no_bytecode())
    # the suite's modules spread over the machine's cores, each module whole on one worker
    # (its fixtures built once); the builds and browsers inside it are CPU-bound
    chosen = any(a.startswith(("-n", "--numprocesses")) for a in extra)
    spread = [] if chosen else ["-n", "auto", "--dist", "loadfile"]
    pytest_code = _run(_python(), "-m", "pytest", *spread, *extra, env=_no_bytecode())
    return code or pytest_code


def main() -> int:
    jobs = {"build": build, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in jobs:
        print(__doc__)
        return 2
    ensure_environment()
    return jobs[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
