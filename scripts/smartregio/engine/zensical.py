"""Zensical, the successor of Material for MkDocs, as a second engine for the same pages.

Zensical reads ``mkdocs.yml`` but wants the docs and site folders inside the folder of its
configuration file, and it ignores MkDocs' hooks and plugins (smartregio uses none). So the
configuration is copied next to the generated docs with those paths rewritten, Zensical runs
there in its own process, and its site is moved into the staging folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from ..outputs import remove_stale, working_prefix
from . import BuiltinEngine
from .errors import EngineError
from .mkdocs import normalise_sitemap


class _Keep(yaml.SafeLoader):
    """Read mkdocs.yml without evaluating tags (``!!python/name:…`` stays a plain string)."""


_Keep.add_multi_constructor("", lambda loader, suffix, node: f"{suffix}{getattr(node, 'value', '')}")


def _config(config_file: Path, folder: Path, docs: Path, site: Path, site_url: str | None = None) -> Path:
    """The configuration, written into the project root (``docs``' parent) as Zensical wants."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Keep) or {}
    config["docs_dir"] = str(docs.relative_to(docs.parent))
    config["site_dir"] = str(site.relative_to(docs.parent))
    if site_url:
        config["site_url"] = site_url
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config_file.parent / theme["custom_dir"]).resolve())
    config["theme"] = theme
    target = docs.parent / f"{folder.name}.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def render(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...] = (),
    site_url: str | None = None,
    build_date: int | None = None,
) -> None:
    """Build ``docs_dir`` into ``site_dir`` with Zensical (one run; it parallelises itself);
    ``site_url`` replaces the configured one (a version's copy lives under its own address);
    ``build_date`` (seconds since 1970, UTC) is given to its process as ``SOURCE_DATE_EPOCH``."""
    docs_dir = docs_dir.resolve()
    root = docs_dir.parent  # Zensical's project root: docs and site must lie inside it
    remove_stale(root)
    with tempfile.TemporaryDirectory(prefix=working_prefix("zensical"), dir=root) as tmp:
        out = Path(tmp) / "site"
        config = _config(config_file, Path(tmp), docs_dir, out, site_url)
        env = dict(os.environ)
        if build_date is not None:
            env["SOURCE_DATE_EPOCH"] = str(build_date)  # its process only
        try:
            run = subprocess.run(
                [sys.executable, "-m", "zensical", "build", "--config-file", str(config), "--clean"],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            config.unlink(missing_ok=True)
        output = (run.stdout + run.stderr).strip()
        if run.returncode != 0 or not (out / "index.html").is_file():
            raise EngineError(f"Zensical hat die Seiten nicht gebaut:\n{output[-4000:]}")
        if site_dir.exists():
            shutil.rmtree(site_dir)
        out.rename(site_dir)
        site_dir.chmod(0o755)
    normalise_sitemap(site_dir)


#: registered as the entry point ``zensical`` of ``smartregio.engines`` (pyproject.toml)
ENGINE = BuiltinEngine("zensical", "Zensical", __name__)
