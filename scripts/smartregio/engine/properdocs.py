"""ProperDocs with Material for MkDocs: the continuation of MkDocs 1.x, and the default engine.

ProperDocs is MkDocs 1.6 under its own import name (``properdocs``), with MkDocs' interface,
configuration file and theme entry points; it installs beside MkDocs instead of replacing it.
So it renders exactly as ``mkdocs.py`` does, imported as ``properdocs``: the same
``mkdocs.yml``, the same Material theme and overrides, the same shards and strict checks.
Nothing here turns on ProperDocs' ``mkdocs`` alias (``properdocs.replacement``, which its own
command line loads): MkDocs stays importable as itself in the same process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import BuiltinEngine
from . import mkdocs as _mkdocs


def render(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    shard_sections: tuple[str, ...] = (),
    site_url: str | None = None,
    build_date: int | None = None,
) -> None:
    """Build ``docs_dir`` into ``site_dir`` with ProperDocs (see ``mkdocs.render``)."""
    _mkdocs.render(
        config_file,
        docs_dir,
        site_dir,
        shard_sections,
        site_url=site_url,
        build_date=build_date,
        package="properdocs",
    )


# of the entry pages only ``pages``, the others from the previous site (``mkdocs.render_pages``)
render_pages = functools.partial(_mkdocs.render_pages, package="properdocs")
# only the pages newer than their HTML, for the preview (``mkdocs.render_changed``)
render_changed = functools.partial(_mkdocs.render_changed, package="properdocs")


#: registered as the entry point ``properdocs`` of ``smartregio.engines`` (pyproject.toml)
ENGINE = BuiltinEngine("properdocs", "ProperDocs", __name__, incremental=True)
