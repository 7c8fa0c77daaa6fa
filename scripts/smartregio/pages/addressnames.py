"""Readable names for addresses outside the site: „GitHub: smart-village-solutions › app“.

A source list of bare URLs tells a reader nothing until they click; the site's name (from the
``website`` vocabulary in ``data/reference/vocabularies/``, else the domain) and the last parts
of the path, as the address writes them, say where a link leads. Query and fragment (a text
fragment ``#:~:text=…`` quotes the page, often cut mid-word) are left out. Page titles are not
fetched: the build has no network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

MAX_PATH = 80
EXTENSIONS = {".html", ".htm", ".php", ".aspx", ".asp", ".jsp", ".shtml"}
DOCUMENTS = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel", ".odt": "ODT", ".csv": "CSV"}


def site_name(host: str, label: Callable[[str, str], str]) -> str:
    """The site's name if the vocabulary knows the host (or a parent domain), else the host."""
    host = host.lower().removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        name = label("website", candidate)
        if name != candidate:
            return name
    return host


# code hostings: the path is owner/repository, kept as written (hyphens belong to the name)
CODE_HOSTS = {"github.com", "gitlab.com", "gitlab.opencode.de", "codeberg.org", "bitbucket.org"}


def _decoded(segment: str) -> str:
    """A path segment with its percent-encoding undone, where that gives text: a segment in
    another encoding („%E4“) stays as written instead of showing a replacement character, and a
    text fragment written into the path (``%23:~:text=…``) is left out."""
    try:
        text = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return segment
    text = text.split(":~:", 1)[0].removesuffix("#")
    if not text.isprintable():
        return segment
    return text


def _readable(segment: str) -> str:
    """A segment as the address writes it, hyphens kept: turning them into spaces made a slug
    look like a sentence („gie a bit more the bume“). Only underscores, the spaces of wiki
    addresses, become spaces („Landkreis_Potsdam-Mittelmark“)."""
    return _decoded(segment).replace("_", " ").strip()


def describe_address(address: str, label: Callable[[str, str], str]) -> str:
    parts = urlsplit(address)
    name = site_name(parts.hostname or address, label)
    segments = [s for s in parts.path.split("/") if s]
    host = (parts.hostname or "").removeprefix("www.")
    if host in CODE_HOSTS and len(segments) >= 2:
        repository = "/".join(_decoded(s) for s in segments[:2])
        rest = f" › {_decoded(segments[-1])}" if len(segments) > 2 else ""
        return f"{name}: {repository}{rest}"
    kind = ""
    if segments:
        last = PurePosixPath(segments[-1])
        suffix = last.suffix.lower()
        if suffix in DOCUMENTS:
            kind = f" ({DOCUMENTS[suffix]})"
            segments[-1] = last.stem
        elif suffix in EXTENSIONS:
            segments[-1] = last.stem
        if segments[-1] in {"index", "default", "start"}:
            segments.pop()
    path = " › ".join(part for part in map(_readable, segments[-2:]) if part)
    if len(path) > MAX_PATH:
        path = path[: MAX_PATH - 1].rstrip() + "…"
    return f"{name}: {path}{kind}" if path else name + kind
