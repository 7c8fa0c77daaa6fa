"""The engine: the only module that knows MkDocs. It renders generated Markdown to HTML.

Replacing the engine (ProperDocs, Zensical) means replacing this one function; the pages,
front matter and template overrides it reads are engine-neutral.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path


class EngineError(Exception):
    """The engine refused the generated pages (a bug in the generator or a hand-written page)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Build ``docs_dir`` into ``site_dir`` with the configuration in ``config_file``, strictly."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as exc:
        raise EngineError("\n".join([*handler.messages, str(exc)])) from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
