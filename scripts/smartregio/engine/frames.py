"""Entry and place pages filled into the engine's own page of their shape.

Every page of a section (``<section>/<key>/index.md``) is made by the generator, outside the
navigation: one line of JSON front matter and no Markdown. Its HTML depends on that front
matter only, and within a section most of it is the same from page to page (the template,
the hidden table of contents, the collection). What differs are a few strings (``SLOTS``: the
title, description, finished body, key, JSON address, edit link, JSON-LD) and the page's
folder. So the engine renders one page per *shape* (the section and the front matter without
those strings) with tokens in place of the strings, and every page of that shape is that HTML
with its own strings where the tokens are, in the form the template wrote them: as they are,
HTML-escaped, as JSON or URL-encoded, each by Jinja's own function. At 22,500 pages the engine
spent ~2 ms of a core on each; filling takes a tenth of that.

Nothing is taken on trust. Each shape is rendered twice, with two sets of tokens that hold
every character an HTML, JSON or URL filter changes; the first rendering filled with the
second set must give the second rendering's bytes exactly, and no token may be left in a form
this module does not know (any other filter). A shape that fails makes the caller render
every page with the engine; a page that is not one line of the generator's JSON is rendered
by the engine beside the frames. The templates' part of the contract: a string in ``SLOTS`` is
written, never inspected (an ``if`` only asks whether it is there; the body's own heading is
said by ``body_heading``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import markupsafe
from jinja2.filters import do_urlencode
from jinja2.utils import htmlsafe_json_dumps

from ..inputs import open_regular
from ..pages.generate import front_matter

# the strings that differ from page to page, by their path in the front matter
SLOTS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("description",),
    ("body_html",),
    ("smartregio", "key"),
    ("smartregio", "json_url"),
    ("smartregio", "edit_url"),
    ("smartregio", "jsonld"),
)

# how a template may write a slot: Jinja's ``{{ x }}``, ``| e``, ``| tojson`` (with Jinja's
# default policy, sorted keys) and ``| urlencode``
TRANSFORMS: dict[str, Callable[[Any], str]] = {
    "raw": str,
    "escape": lambda value: str(markupsafe.escape(value)),
    "json": lambda value: str(htmlsafe_json_dumps(value, sort_keys=True)),
    "url": do_urlencode,
}

# a token's opening bracket in each form: any left in a frame's text was written another way
_OPENINGS = ("\u27e6", "\\u27e6", "%E2%9F%A6")
FOLDER_PREFIX = "srrahmen"
_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def token(variant: str, slot: int) -> str:
    """A slot's stand-in: changed by every filter above, found in each of their forms."""
    return f"\u27e6{variant}{slot}&<>\"' \u27e7"


def read_page(path: Path) -> dict[str, Any] | None:
    """The front matter of a generated page, or None when the file is anything else (more
    than one line of front matter, Markdown after it, or JSON not written as the generator
    writes it: then YAML might read it otherwise than JSON does)."""
    data = _page_bytes(path)
    return _front_of(data) if data is not None else None


def _page_bytes(path: Path) -> bytes | None:
    try:  # a regular file, never read through a symlink
        with open_regular(path) as handle:
            return handle.read()
    except OSError:
        return None


def _front_of(data: bytes) -> dict[str, Any] | None:
    if not (data.startswith(b"---\n") and data.endswith(b"\n---\n")) or b"\n" in data[4:-5]:
        return None
    try:
        text = data[4:-5].decode("utf-8")
        front = json.loads(text)
    except ValueError:
        return None
    if not isinstance(front, dict) or front_matter(front) != text:
        return None
    return front


def split(front: dict[str, Any]) -> tuple[str, list[Any]]:
    """The page's shape (its front matter with each present slot marked, as JSON) and the
    slots' values (None where the page has none)."""
    literal = dict(front)
    values: list[Any] = []
    for number, path in enumerate(SLOTS):
        holder: dict[str, Any] | None = literal
        for part in path[:-1]:
            inner = holder.get(part) if holder is not None else None
            if not isinstance(inner, dict):
                holder = None
                break
            holder[part] = inner = dict(inner)  # a copy: the page's own front stays as it was
            holder = inner
        if holder is not None and holder.get(path[-1]):
            values.append(holder[path[-1]])
            holder[path[-1]] = {"\u0000slot": number}
        else:
            values.append(None)
    return json.dumps(literal, ensure_ascii=False, sort_keys=True), values


def slot_values(front: dict[str, Any]) -> list[Any]:
    """The slots' values of :func:`split`, without the shape."""
    values: list[Any] = []
    for path in SLOTS:
        holder: Any = front
        for part in path[:-1]:
            holder = holder.get(part) if isinstance(holder, dict) else None
        value = holder.get(path[-1]) if isinstance(holder, dict) else None
        values.append(value if value else None)
    return values


@dataclass(frozen=True)
class Frame:
    """A shape's HTML cut at its slots: text, ``(slot, transform)`` or None for the folder."""

    parts: tuple[str | tuple[int, str] | None, ...]

    def fill(self, values: list[Any], folder: str) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.append(folder if part is None else TRANSFORMS[part[1]](values[part[0]]))
        return "".join(out)


def cut(html: str, variant: str, slots: Iterable[int], folder: str) -> Frame | None:
    """``html``, rendered with the tokens of ``variant`` for ``slots`` and in ``folder``, as a
    frame; None when a token was written in a form not in ``TRANSFORMS``."""
    found: list[tuple[int, int, str | tuple[int, str] | None]] = []
    forms = {TRANSFORMS[name](token(variant, slot)): (slot, name) for slot in slots for name in TRANSFORMS}
    forms[folder] = None
    pattern = re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))
    for match in pattern.finditer(html):
        found.append((match.start(), match.end(), forms[match.group()]))
    parts: list[str | tuple[int, str] | None] = []
    at = 0
    for start, end, part in found:
        parts.append(html[at:start])
        parts.append(part)
        at = end
    parts.append(html[at:])
    texts = [p for p in parts if isinstance(p, str)]
    if any(mark in text for text in texts for mark in (*_OPENINGS, FOLDER_PREFIX)):
        return None
    return Frame(tuple(p for p in parts if p != ""))


@dataclass
class Plan:
    """The section pages of a docs folder: the folders of each shape, and the pages the
    engine renders itself."""

    shapes: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (section, shape): folders
    unframed: list[str] = field(default_factory=list)  # docs paths, ``<section>/<key>/index.md``

    @property
    def framed(self) -> int:
        return sum(len(folders) for folders in self.shapes.values())

    def add(self, other: Plan) -> None:
        for shape, folders in other.shapes.items():
            self.shapes.setdefault(shape, []).extend(folders)
        self.unframed.extend(other.unframed)


def section_pages(docs_dir: Path, sections: Iterable[str]) -> list[str]:
    """``<section>/<key>/index.md`` of every page folder of the sections (no symlinked one)."""
    pages = []
    for section in sections:
        try:
            entries = list(os.scandir(docs_dir / section))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and os.path.isfile(os.path.join(entry.path, "index.md")):
                pages.append(f"{section}/{entry.name}/index.md")
    return sorted(pages)


class Share:
    """Some of the section pages: first their plan, then, when the frames are made, their HTML
    (a worker process holds one share). Each page is read twice rather than held between the
    two: at national size the pages' strings are a few hundred megabytes."""

    def __init__(self, docs_dir: Path, pages: list[str]) -> None:
        self.docs_dir = docs_dir
        self.pages = pages
        # each framed page: section, folder, shape and the SHA-256 of the bytes it was planned from
        self._framed: list[tuple[str, str, tuple[str, str], bytes]] = []

    def plan(self) -> Plan:
        found = Plan()
        for page in self.pages:
            section, folder, _ = page.split("/")
            data = _page_bytes(self.docs_dir / page) if _FOLDER.match(folder) else None
            front = _front_of(data) if data is not None else None
            if front is None or data is None:
                found.unframed.append(page)
                continue
            shape, _ = split(front)
            self._framed.append((section, folder, (section, shape), hashlib.sha256(data).digest()))
            found.shapes.setdefault((section, shape), []).append(folder)
        return found

    def fill(self, site_dir: Path, made: dict[tuple[str, str], Frame]) -> None:
        """Each page's HTML from its shape's frame, written as MkDocs writes a page. A page is
        filled only from the bytes it was planned from (checked by their digest, so its front
        matter is not checked and cut into shape and slots a second time)."""
        for section, folder, shape, digest in self._framed:
            data = _page_bytes(self.docs_dir / section / folder / "index.md")
            if data is None or hashlib.sha256(data).digest() != digest:
                raise ValueError(f"{section}/{folder}/index.md änderte sich während des Renderns.")
            values = slot_values(json.loads(data[4:-5]))
            target = site_dir / section / folder / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(made[shape].fill(values, folder).encode("utf-8", errors="xmlcharrefreplace"))
        self._framed.clear()


@dataclass(frozen=True)
class Probe:
    """The two pages of one shape the engine renders: their folders and slots."""

    section: str
    shape: str
    folders: tuple[str, str]  # variant a, variant b
    slots: tuple[int, ...]

    def docs_paths(self) -> list[str]:
        return [f"{self.section}/{folder}/index.md" for folder in self.folders]

    def text(self, variant: int) -> str:
        front = json.loads(self.shape)
        for slot in self.slots:
            holder = front
            for part in SLOTS[slot][:-1]:
                holder = holder[part]
            holder[SLOTS[slot][-1]] = token("ab"[variant], slot)
        return f"---\n{front_matter(front)}\n---\n"


def probes(docs_dir: Path, shapes: Iterable[tuple[str, str]]) -> list[Probe]:
    made = []
    for number, (section, shape) in enumerate(shapes):
        slots = tuple(n for n, _ in enumerate(SLOTS) if f'{{"\\u0000slot": {n}}}' in shape)
        folders = []
        for variant in "ab":
            name, extra = f"{FOLDER_PREFIX}{variant}{number}", 0
            while (docs_dir / section / name).exists():  # a real page of that name: another
                extra += 1
                name = f"{FOLDER_PREFIX}{variant}{number}x{extra}"
            folders.append(name)
        made.append(Probe(section, shape, (folders[0], folders[1]), slots))
    return made


def frame_of(probe: Probe, site_dir: Path) -> Frame | None:
    """The shape's frame from the engine's two renderings, or None when filling the first
    with the second's tokens does not give the second's bytes."""
    try:
        pages = [site_dir / probe.section / folder / "index.html" for folder in probe.folders]
        html = [page.read_bytes().decode("utf-8") for page in pages]  # as written: no newline turned
    except (OSError, UnicodeDecodeError):  # a probe the engine did not write as a page
        return None
    frame = cut(html[0], "a", probe.slots, probe.folders[0])
    if frame is None:
        return None
    tokens_b = [token("b", n) if n in probe.slots else None for n in range(len(SLOTS))]
    return frame if frame.fill(tokens_b, probe.folders[1]) == html[1] else None


def sitemap_entries(site_dir: Path, probe: Probe, folders: list[str], namespace: str) -> list[ET.Element]:
    """The sitemap entries of the filled pages: the first probe's, each with its own address."""
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    marker = f"/{probe.section}/{probe.folders[0]}/"
    urls = root.findall(f"{{{namespace}}}url")
    own = next((u for u in urls if (u.findtext(f"{{{namespace}}}loc") or "").endswith(marker)), None)
    if own is None:
        return []
    made = []
    for folder in folders:
        entry = copy.deepcopy(own)
        loc = entry.find(f"{{{namespace}}}loc")
        assert loc is not None and loc.text is not None
        loc.text = loc.text[: -len(marker)] + f"/{probe.section}/{folder}/"
        made.append(entry)
    return made
