"""Generate the site's pages as Markdown with structured front matter, for any engine.

Hand-written pages from ``content/`` are copied; every catalogue, entry, municipality, map,
comparison and search page is written from the catalogue. Markup comes from the Jinja2
templates beside this module, with autoescaping on; entry text arrives sanitised.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

import jinja2

from ..addresses import API, SECTION_TITLES, SECTIONS, page_path, url
from ..catalogue import COLLECTIONS, Catalogue
from ..collections import MODELS, REGISTRY
from ..fields import field_infos
from ..inputs import InputTree
from ..limits import FIXED_DATE
from ..models import Entry
from ..project import Project
from ..registry import LEAD, ORIGIN, PARTNER, USE
from ..settings import DEFAULT_SITE_URL, SmartregioSettings
from ..text import format_date, format_eur, format_eur_compact, format_number, plural
from . import changelog as changelog_text
from . import contribute, datapage, finder, legal
from .contribute import IssueForm
from .datapage import Publication
from .mapping import HEIGHT, WIDTH, attribution, height, land_outline, outline_paths, project
from .markdown import render
from .memo import PageMemo
from .placepage import PlacePages
from .views import EntryView, Views, facets, place_title, sorts, table_columns, title_of, with_role

PAGE_SIZE = 100
PLACES_FIGURE = 70  # the rank of the start page's tile counting the places (``registry.Figure``)
# the facet a related topic of the search leads to (a Handlungsfeld), in the first catalogue with it
TOPIC_FACET = "handlungsfeld"
# the map's two kinds of points (its script and styles know them): where entries are carried out
# (projects, led or as partner) and where they are used or were made (solutions)
PROJECT_ROLES = (LEAD, PARTNER)
USER_ROLES = (USE, ORIGIN)
# what a point says, in this order: the roles counted together and what follows the number
MAP_PARTS = ((PROJECT_ROLES, ""), ((USE,), " im Einsatz"), ((ORIGIN,), " hier entstanden"))
# the Handlungsfelder: the map filters by them, a search without hits offers them as topics
FIELDS_VOCABULARY = "action_field"
USE_MAP_WIDTH = 200  # the small map of a solution's places, in pixels
FIGURES_MARKER = "<!-- kennzahlen -->"
DOWNLOADS_MARKER = "<!-- downloads -->"
CITATION_MARKER = "<!-- zitieren -->"
FINDER_MARKER = "<!-- kommune-finden -->"
TEMPLATES = Path(__file__).parent / "templates"
LEAFLET = Path(__file__).parent / "assets" / "leaflet-1.9.4"  # vendored unchanged, see its README
LEAFLET_URL = "/assets/leaflet-1.9.4/"


def _codes(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value] if value else []


@dataclass
class Page:
    path: str  # inside the docs folder, e.g. "loesungen/x/index.md"
    front: dict[str, Any]
    body: str


@dataclass
class Draft:
    """An entry's or a place's page before its body is rendered: ``inputs`` (with the front
    matter) are everything the body is made of, the page's key in the memo (``memo.py``)."""

    path: str
    front: dict[str, Any]
    inputs: tuple[Any, ...]
    make: Callable[[], str]

    def page(self) -> Page:
        return Page(self.path, self.front, self.make())


class PlaceShare(Protocol):
    """The place pages shared with another process that writes its part into the same folder
    (the build's second process, see ``pipeline.SharedPlaces``)."""

    def start(self, docs: Path, memo: PageMemo | None) -> None:
        """Tell the other process where the pages go and what the last generation holds."""
        ...

    def mine(self, keys: list[str]) -> Iterator[list[str]]:
        """This process's part of the place ``keys``, a chunk at a time, as it takes them."""
        ...

    def finish(self, memo: PageMemo | None) -> int:
        """Wait for the other process's part and add its pages to ``memo``; their number."""
        ...


def _page_url(path: str) -> str:
    """The address MkDocs gives a page source with directory URLs."""
    if path == "index.md":
        return "/"
    if path.endswith("/index.md"):
        return "/" + path[: -len("index.md")]
    return "/" + path[:-3] + "/"


# Characters JSON leaves raw but YAML may not carry raw: C1 controls (U+0085 is a YAML line
# break), the line and paragraph separators, the byte-order mark and two non-characters.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def front_matter(front: dict[str, Any]) -> str:
    """Front matter as one line of JSON, which every YAML parser reads (JSON is YAML's flow
    style): five times faster to write than YAML, and no line of a value can end the block."""
    text = json.dumps(front, ensure_ascii=False, sort_keys=True)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_page(docs: Path, page: Page) -> bytes:
    """Write ``page`` into ``docs``; the bytes written."""
    target = docs / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    # The finished markup travels in the front matter, so the engine's Markdown stage
    # does not parse it as raw HTML twice (most of a generated page's build time).
    front = {**page.front, "body_html": page.body}
    if "<h1" in page.body:  # the template then writes no heading of its own
        front["body_heading"] = True
    written = f"---\n{front_matter(front)}\n---\n".encode()
    target.write_bytes(written)
    return written


RELEASE_KEY = "sr_release"  # front matter of a version's page: {"version": …, "date": …}


def mark_release(path: Path, release: dict[str, str]) -> None:
    """Give a hand-written page of a version's copy the release in its front matter (a line of
    JSON, which YAML reads), adding front matter to a page that has none."""
    text = path.read_text(encoding="utf-8")
    line = f"{RELEASE_KEY}: {json.dumps(release, ensure_ascii=False, sort_keys=True)}\n"
    rest = text[4:] if text.startswith("---\n") else "---\n" + text
    path.write_text("---\n" + line + rest, encoding="utf-8")


def relative(here: str, target: str) -> str:
    """A link from page address ``here`` to site address ``target`` that works under any prefix.

    Same result as ``posixpath.relpath`` (plus the trailing slash of directory addresses),
    written out because it runs for every link of every page."""
    cut = len(target)
    for mark in ("?", "#"):
        found = target.find(mark)
        if 0 <= found < cut:
            cut = found
    path, suffix = target[:cut], target[cut:]
    base = [part for part in here.split("/") if part]
    parts = [part for part in path.split("/") if part]
    common = 0
    while common < len(base) and common < len(parts) and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + suffix


class Links:
    """:func:`relative` for the pages of one generator, each link worked out once per folder.

    A link from a page depends only on the page's folder as long as the target does not
    contain the page's own last address segment: then no part of the target can match that
    segment, and every page of the folder gets the same link. The place pages of one folder
    (``/kommunen/…/``) link to the same entries half a million times at national size."""

    def __init__(self) -> None:
        self._by_folder: dict[str, dict[str, str]] = {}

    def of(self, here: str) -> Callable[[str], str]:
        """The ``rel`` of the page at address ``here``."""
        folder, _slash, own = here.strip("/").rpartition("/")
        if not own:
            return lambda target: relative(here, target)
        known = self._by_folder.setdefault(folder, {})

        def rel(target: str) -> str:
            if own in target:  # may name the page itself or a page below it
                return relative(here, target)
            found = known.get(target)
            if found is None:
                found = known[target] = relative(here, target)
            return found

        return rel


@functools.cache  # one per process: its compiled templates serve every generator (the preview's too)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the code: no file check per page
    )
    env.filters["number"] = format_number  # German digits: 1.234, 51,4556
    return env


class Generator:
    @classmethod
    def for_project(
        cls,
        project: Project,
        catalogue: Catalogue,
        *,
        publication: Publication | None = None,
        changelog: str | None = None,
        release: tuple[str, str] | None = None,
        site_url: str | None = None,
        views: Views | None = None,
        memo: PageMemo | None = None,
    ) -> Generator:
        """The one way the build, the preview and the stored versions make their pages: edit
        links, operator settings and issue forms always come from the project. A stored
        version (``release`` = version and date) keeps its own entries, not every place's page,
        and lives under its own address (``site_url``); its pages offer no edit link, as its
        entries may no longer be in the project."""
        return cls(
            catalogue,
            project.settings.smartregio.edit_url if release is None else None,
            publication,
            site_url or project.site_url(),
            changelog,
            project.settings.smartregio,
            contribute.read_issue_forms(project.issue_forms),
            every_place=release is None,
            release=release,
            views=views,
            memo=memo,
        )

    def __init__(
        self,
        catalogue: Catalogue,
        edit_base: str | None = None,
        publication: Publication | None = None,
        site_url: str = DEFAULT_SITE_URL,
        changelog: str | None = None,
        settings: SmartregioSettings | None = None,
        forms: list[IssueForm] | None = None,
        every_place: bool = True,
        release: tuple[str, str] | None = None,
        views: Views | None = None,
        memo: PageMemo | None = None,
    ) -> None:
        self.catalogue = catalogue
        # the last generation's entry and place pages by their inputs: those unchanged are taken
        self.memo = memo
        # (version, date) when writing the pages of a published version under /<version>/:
        # each page then carries a notice that it is not the current state (main.html)
        self.release = {"version": release[0], "date": release[1]} if release else None
        # the operator and contribution settings behind the legal and Mitmachen pages;
        # without them those pages say what is missing
        self.settings = settings or SmartregioSettings()
        self.forms = forms or []
        self.publication = publication
        self.changelog = (
            changelog if changelog is not None else (publication.changelog if publication else None)
        )
        self.site_url = site_url.rstrip("/")
        # the build's views where it has them (computed once for pages, data page and API)
        self.views = views if views is not None else Views(catalogue, edit_base, every_place)
        if views is not None and (
            views.catalogue is not catalogue or views.edit_base != Views.base(edit_base)
        ):
            raise ValueError("views of another catalogue or edit address")
        self.env = _environment()
        self._land_outline: str | None = None  # the solution pages' small map, drawn once
        self._links = Links()

    @staticmethod
    def render_template(template: str, **context: Any) -> str:
        """A stand-alone page from the generator's templates (autoescaped)."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        return env.get_template(template).render(**context)

    def _html(self, template: str, here: str, **context: Any) -> str:
        return self.env.get_template(template).render(rel=self._links.of(here), api=API, **context)

    # --- entry pages ---------------------------------------------------------------------------
    def entry_pages(self, places: bool = True) -> Iterator[Draft]:
        """The page of every entry and (unless another process shares them, see
        ``PlaceShare``) every place, one at a time: at national size their bodies are hundreds
        of megabytes, which are written as they come, never held."""
        for collection in COLLECTIONS:
            for entry in self.catalogue.entries[collection].values():
                yield self._entry_draft(collection, entry)
        if places:
            yield from self.place_drafts(self.place_keys())
            self.views.forget_surroundings()  # only the place pages need them: hundreds of MB

    def place_keys(self) -> list[str]:
        """The places with a page, in the order their pages are made."""
        return sorted(self.views.paged_places)

    def place_drafts(self, keys: Iterable[str]) -> Iterator[Draft]:
        """The pages of the places ``keys``."""
        places = self.catalogue.reference.places
        place_pages = PlacePages(self.views)
        named = self.views.relations.named_places
        for key in keys:
            place = places[key]
            data = place_pages.view(place)
            front = {
                "template": "entry.html",
                "hide": ["toc"],
                "title": html.escape(data["title"]),
                "description": html.escape(
                    f"{data['bez'] or data['kind']} in {data['land']}, amtlicher Schlüssel {place.key}"
                ),
                "smartregio": {
                    "collection": "places",
                    "key": place.key,
                    "json_url": f"/{API}/kommunen/{place.key}.json",
                    **({} if key in named else {"unsearched": True}),
                },
            }
            make = functools.partial(self._html, "place.html", data["url"], place=data)
            yield Draft(page_path("places", place.key), front, ("place.html", data), make)

    def entry_page(self, collection: str, entry: Entry) -> Page:
        """One entry's page (the preview renders an edited entry's page on its own first)."""
        return self._entry_draft(collection, entry).page()

    def _entry_draft(self, collection: str, entry: Entry) -> Draft:
        view = self.views.entry(collection, entry)
        reviewed_iso = entry.last_reviewed.isoformat()
        use_map = self.use_map(
            [k for r in REGISTRY[collection].place_roles if r.role == USE for k in r.keys(entry)]
        )

        def make() -> str:
            body = render(entry.body) if entry.body.strip() else ""
            return self._html(
                "entry.html", view.url, view=view, body=body, reviewed_iso=reviewed_iso, use_map=use_map
            )

        inputs = ("entry.html", view, entry.body, reviewed_iso, use_map)
        return Draft(page_path(collection, entry.id), self._front(view, collection), inputs, make)

    def use_map(self, keys: list[str]) -> dict[str, Any] | None:
        """The small map of where a solution runs: the official Länder outlines (one path,
        drawn once per build) with a dot per using place; none without a using place."""
        reference = self.catalogue.reference
        places = [reference.places[k] for k in keys if k in reference.places]
        if not places or not reference.land_shapes:
            return None
        if self._land_outline is None:
            self._land_outline = land_outline(reference.land_shapes, USE_MAP_WIDTH)
        names = sorted({place_title(p) for p in places}, key=str.casefold)
        return {
            "width": USE_MAP_WIDTH,
            "height": height(USE_MAP_WIDTH),
            "outline": self._land_outline,
            "dots": sorted({(xy.x, xy.y) for p in places for xy in [project(p.lon, p.lat, USE_MAP_WIDTH)]}),
            "names": names,
            "count": plural(len(places), "Ort", "Orten"),
            "source": reference.places_source,
        }

    def _front(self, view: EntryView, collection: str) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "collection": collection,
            "collection_title": SECTION_TITLES[collection],
            "collection_url": f"/{SECTIONS[collection]}/",  # the breadcrumb: no string methods in templates
            "key": view.key,
            "json_url": view.json_url,
        }
        if view.edit_path:
            meta["edit_url"] = view.edit_path
        if REGISTRY[collection].compare:
            meta["compare"] = True  # the button „Mit anderen … vergleichen“
        meta["jsonld"] = self.views.jsonld(
            collection, self.catalogue.entries[collection][view.key], self.site_url
        )
        return {
            "template": "entry.html",
            "hide": ["toc"],
            "title": html.escape(view.title),
            "description": html.escape(view.summary or f"{MODELS[collection].label}: {view.title}"),
            "smartregio": meta,
        }

    # --- catalogue pages -----------------------------------------------------------------------
    def catalogue_pages(self) -> list[Page]:
        pages = []
        for collection in COLLECTIONS:
            entries = sorted(
                self.catalogue.entries[collection].values(), key=lambda e: title_of(e).casefold()
            )
            views = [self.views.entry(collection, e) for e in entries]
            counts: dict[str, Counter] = {key: Counter() for key, _ in facets(collection)}
            for view in views:
                for key in counts:
                    counts[key].update(view.filters.get(key, []))
            facet_values = {k: sorted(c.items(), key=lambda kv: kv[0].casefold()) for k, c in counts.items()}
            shown_facets = [(k, label) for k, label in facets(collection) if facet_values[k]]
            section = SECTIONS[collection]
            n_pages = max(1, math.ceil(len(views) / PAGE_SIZE))

            def page_url(number: int, section: str = section) -> str:
                return f"/{section}/" if number == 1 else f"/{section}/seite_{number}/"

            for number in range(1, n_pages + 1):
                chunk = entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
                here = page_url(number)
                body = self._html(
                    "catalogue.html",
                    here,
                    mode="catalogue",
                    section=section,
                    table=collection,  # the package's table of its entries: the selection's download
                    compare=REGISTRY[collection].compare,  # cards offer „Zum Vergleich hinzufügen“
                    collection_title=SECTION_TITLES[collection],
                    intro=self.catalogue.texts(collection).intro,
                    facets=shown_facets,
                    facet_values=facet_values,
                    sorts=sorts(collection),
                    columns=json.dumps(table_columns(collection), ensure_ascii=False),
                    items=[self.views.card(collection, e) for e in chunk],
                    total=len(views),
                    singular=MODELS[collection].label,
                    total_text=plural(len(views), MODELS[collection].label, SECTION_TITLES[collection]),
                    page=number,
                    pages=n_pages,
                    page_url=page_url,
                )
                path = f"{section}/index.md" if number == 1 else f"{section}/seite_{number}/index.md"
                title = SECTION_TITLES[collection] + ("" if number == 1 else f" – Seite {number}")
                pages.append(
                    Page(
                        path,
                        {
                            "template": "catalogue.html",
                            "title": title,
                            "description": self.catalogue.texts(collection).intro,
                            "hide": ["toc"],
                            "smartregio": {"collection": collection, "catalogue": True},
                        },
                        body,
                    )
                )
        return pages

    # --- other generated pages -----------------------------------------------------------------
    def places_index(self) -> Page:
        groups: dict[str, list[dict[str, Any]]] = {}
        places = self.catalogue.reference.places
        named = [places[k] for k in self.views.relations.named_places & places.keys()]
        # by name, then key: Kreis and Stadt Paderborn in the same order on every build
        for place in sorted(named, key=lambda p: (p.name.casefold(), p.key)):
            data = self.views.place(place)
            groups.setdefault(data["land"], []).append(data)
        source = self.catalogue.reference.places_source
        body = self._html(
            "places_index.html",
            "/kommunen/",
            groups=sorted(groups.items()),
            total=len(named),
            laender=[
                {"title": places[k].name, "url": url("places", k)}
                for k in sorted(self.views.paged_places, key=lambda k: (places[k].name, k))
                if len(k) == 2
            ],
            source=source,
            gebietsstand=format_date(date.fromisoformat(source.gebietsstand)) if source else "",
        )
        return Page(
            "kommunen/index.md",
            {
                "title": "Kommunen",
                "template": "finder.html",
                "hide": ["toc"],
                "description": "Alle Orte im Katalog mit amtlichem Schlüssel.",
            },
            body,
        )

    def places_az_pages(self) -> list[Page]:
        """Every official place from A to Z, one page per initial: where the field „Kommune
        finden“ leads without JavaScript (a plain form cannot pick a place itself)."""
        reference = self.catalogue.reference
        letters: dict[str, list[dict[str, str]]] = {}
        for key in self.views.paged_places:  # in a version's copy: the places it has pages for
            place = reference.places[key]
            letters.setdefault(finder.initial(place), []).append(
                {
                    "sort": finder.normalise(place.name),
                    "title": place_title(place),
                    "description": finder.describe(place, reference),
                    "url": url("places", place.key),
                }
            )
        for places in letters.values():
            places.sort(key=lambda p: (p["sort"], p["title"], p["description"], p["url"]))
        names = sorted(letters)
        here = "/alle-kommunen/"
        pages = [
            Page(
                "alle-kommunen/index.md",
                {
                    "title": "Alle Orte von A bis Z",
                    "template": "listing.html",
                    "hide": ["toc"],
                    "description": "Alle Gemeinden, Gemeindeverbände, Kreise und Länder mit amtlichem "
                    "Schlüssel.",
                },
                self._html(
                    "places_az.html",
                    here,
                    letters=names,
                    letter=None,
                    places=[],
                    total=len(self.views.paged_places),
                ),
            )
        ]
        for letter in names:
            shown = letter.upper() if letter != "#" else "Ziffern und Zeichen"
            folder = letter if letter != "#" else "andere"
            page_url = f"{here}{folder}/"
            pages.append(
                Page(
                    f"alle-kommunen/{folder}/index.md",
                    {
                        "title": f"Orte mit {shown}",
                        "template": "listing.html",
                        "hide": ["toc"],
                        "description": f"Alle amtlichen Orte, deren Name mit {shown} beginnt.",
                    },
                    self._html(
                        "places_az.html",
                        page_url,
                        letters=names,
                        letter=letter,
                        places=letters[letter],
                        total=len(self.views.paged_places),
                    ),
                )
            )
        return pages

    def map_points(self) -> list[dict[str, Any]]:
        """One point per place an entry names (``Relations.named_places``), with what the map's
        filters need: the Handlungsfelder and the solutions there (a project's topics count)."""
        r = self.views.relations
        entries = self.catalogue.entries
        places = self.catalogue.reference.places
        fields = {
            name: [i.name for i in field_infos(MODELS[name]) if i.vocabulary == FIELDS_VOCABULARY]
            for name in REGISTRY
        }
        points = []
        for key in sorted(r.named_places & places.keys()):
            place = places[key]
            projects = {(name, e) for name, keys in r.at(key, PROJECT_ROLES) for e in keys}
            users = sorted({e for name, keys in r.at(key, USER_ROLES) for e in keys})
            kind = "both" if projects and users else ("project" if projects else "user")
            what = ", ".join(
                plural(len(keys), MODELS[name].label, MODELS[name].label_plural) + suffix
                for roles, suffix in MAP_PARTS
                for name, keys in r.at(key, roles)
            )
            codes = {
                code
                for name, keys in r.at(key)
                for e in keys
                for field in fields[name]
                for code in _codes(getattr(entries[name][e], field))
            }
            xy = project(place.lon, place.lat)
            points.append(
                {
                    "key": key,
                    "x": xy.x,
                    "y": xy.y,
                    "lat": place.lat,
                    "lon": place.lon,
                    "r": 5 if kind != "user" else 4,
                    "kind": kind,
                    "title": place_title(place),
                    "what": what,
                    "url": url("places", key),
                    "land": self.catalogue.reference.label("land", place.land),
                    "projects": len(projects),
                    "users": len(users),
                    "fields": " ".join(sorted(codes)),
                    "user_keys": " ".join(users),
                }
            )
        return sorted(points, key=lambda p: (p["title"].casefold(), p["key"]))

    def map_page(self) -> Page:
        reference = self.catalogue.reference
        points = self.map_points()
        field_counts = Counter(f for p in points for f in p["fields"].split())
        user_counts = Counter(s for p in points for s in p["user_keys"].split())
        names = {
            key: title_of(entry)
            for name in with_role(*USER_ROLES)
            for key, entry in self.catalogue.entries[name].items()
        }
        kreise: dict[str, list[tuple[str, str]]] = {}
        for place in reference.places.values():
            if place.kind in ("landkreis", "stadtkreis", "region"):
                kreise.setdefault(place.land, []).append((place.key, place_title(place)))
        body = self._html(
            "map.html",
            "/karte/",
            points=points,
            outline=outline_paths(),
            width=WIDTH,
            height=HEIGHT,
            attribution=attribution(),
            places_source=reference.places_source,
            projects_count=sum(1 for p in points if p["projects"]),
            users_count=sum(1 for p in points if p["users"]),
            fields=[
                (code, term.label, field_counts[code])
                for code, term in reference.vocabularies.get(FIELDS_VOCABULARY, {}).items()
                if field_counts[code]
            ],
            users=sorted(
                ((key, names[key], n) for key, n in user_counts.items()),
                key=lambda s: s[1].casefold(),
            ),
            laender=sorted(
                ((code, term.label) for code, term in reference.vocabularies.get("land", {}).items()),
                key=lambda land: land[1],
            ),
            kreise=json.dumps(
                {land: sorted(row, key=lambda k: k[1].casefold()) for land, row in sorted(kreise.items())},
                ensure_ascii=False,
                separators=(",", ":"),
            ),
            outlines=sorted(reference.outlines),
            leaflet=LEAFLET_URL,
        )
        return Page(
            "karte/index.md",
            {
                "title": "Karte",
                "template": "map.html",
                "hide": ["toc"],
                "description": "Förderprojekte und Lösungen auf der Karte.",
            },
            body,
        )

    def write_map_files(self, docs: Path) -> None:
        """The map's library (Leaflet, with its licence) and the official outlines as site files:
        the map loads nothing from another host."""
        target = docs / LEAFLET_URL.strip("/")
        for source in sorted(LEAFLET.rglob("*")):
            if source.is_file() and source.suffix != ".md":
                name = source.relative_to(LEAFLET)
                copy = target / (f"{name}.txt" if name.name == "LICENSE" else name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(source.read_bytes())
        for name, text in self.catalogue.reference.outlines.items():
            (docs / "karte").mkdir(parents=True, exist_ok=True)
            (docs / "karte" / f"{name}.geojson").write_text(text, encoding="utf-8")

    def compare_page(self) -> Page | None:
        """Entries side by side, for the collection that offers it (``Collection.compare``)."""
        name = next((name for name, spec in REGISTRY.items() if spec.compare), None)
        if name is None:
            return None
        entries = sorted(
            ({"key": e.id, "title": title_of(e)} for e in self.catalogue.entries[name].values()),
            key=lambda e: e["title"].casefold(),
        )
        title = SECTION_TITLES[name]
        body = self._html("compare.html", "/vergleich/", entries=entries, section=SECTIONS[name])
        return Page(
            "vergleich/index.md",
            {
                "title": f"{title} vergleichen",
                "template": "compare.html",
                "hide": ["toc"],
                "description": f"Bis zu vier {title} nebeneinander.",
            },
            body,
        )

    def search_page(self) -> Page:
        """Full-text search over every page: the catalogue layout with one facet, the section."""
        counts = Counter({SECTION_TITLES[c]: len(self.catalogue.entries[c]) for c in COLLECTIONS})
        # the places the search finds: those with a page that an entry names
        searched = self.views.relations.named_places & set(self.views.paged_places)
        counts[SECTION_TITLES["places"]] = len(searched)
        body = self._html(
            "catalogue.html",
            "/suche/",
            mode="search",
            section="",
            collection_title="",
            facets=[("sammlung", "Bereich")],
            facet_values={"sammlung": sorted(counts.items())},
            sorts=[],
            catalogues=[(f"/{SECTIONS[c]}/", SECTION_TITLES[c]) for c in COLLECTIONS],
            sections=json.dumps(
                {
                    **{SECTION_TITLES[c]: MODELS[c].label for c in COLLECTIONS},
                    SECTION_TITLES["places"]: "Kommune",
                },
                ensure_ascii=False,
            ),
            topics=self.search_topics(),
            intro="Durchsuchen Sie alle Lösungen, Förderprojekte, Leitfäden, Programme und Hinweise. "
            "Die Suche läuft in Ihrem Browser und lädt nur die Teile des Suchindex, die sie für Ihre "
            "Anfrage braucht.",
            items=[],
            total=0,
            page=1,
            pages=1,
            page_url=lambda n: "/suche/",
        )
        return Page(
            "suche/index.md",
            {
                "title": "Suche",
                "template": "catalogue.html",
                "hide": ["toc"],
                "description": "Volltextsuche in allen Einträgen.",
            },
            body,
        )

    def search_topics(self) -> list[dict[str, Any]]:
        """Related terms for a search without hits: each Handlungsfeld (its solutions) and the
        topics its description names (a search of their own), from the vocabulary table."""
        topics: list[dict[str, Any]] = []
        faceted = [n for n, spec in REGISTRY.items() if any(f.key == TOPIC_FACET for f in spec.facets)]
        name = faceted[0] if faceted else None
        if name is None:
            return topics
        for term in self.catalogue.reference.vocabularies.get(FIELDS_VOCABULARY, {}).values():
            named = [t.strip() for t in re.split(r",| und ", term.description.rstrip(".")) if t.strip()]
            topics.append(
                {
                    "label": term.label,
                    "words": " ".join([term.label, *named]),
                    "main": True,
                    "url": f"/{SECTIONS[name]}/?" + urlencode({TOPIC_FACET: term.label}),
                }
            )
            for topic in named:
                if " " not in topic and not topic.endswith("-"):
                    topics.append(
                        {
                            "label": topic,
                            "words": topic,
                            "main": False,
                            "url": "/suche/?" + urlencode({"q": topic}),
                        }
                    )
        return topics

    def figures(self) -> str:
        """The start page's tiles: each collection's (``Collection.figures``) and the places'."""
        ctx = self.views.context()
        tiles: list[tuple[int, dict[str, str]]] = []
        for name, spec in REGISTRY.items():
            entries = self.catalogue.entries[name]
            for figure in spec.figures:
                value = figure.value(entries, ctx)
                if value is None:
                    continue
                if figure.entry is not None:
                    key = figure.entry(entries, ctx)
                    if key is None:
                        continue
                    link = url(name, key)
                else:
                    link = figure.link if figure.link.startswith("/") else f"/{SECTIONS[name]}/{figure.link}"
                label = figure.one if value == 1 else figure.many
                if figure.money:
                    # compact on the tile („1,15 Mrd. €“), the exact sum in its title
                    tile = {"value": format_eur_compact(value), "exact": format_eur(value), "label": label}
                else:
                    tile = {"value": format_number(value), "label": label, "exact": ""}
                tiles.append((figure.rank, {**tile, "url": link}))
        places = len(self.views.relations.named_places & self.catalogue.reference.places.keys())
        tiles.append(
            (
                PLACES_FIGURE,
                {
                    "value": format_number(places),
                    "label": "Kommune oder Kreis" if places == 1 else "Kommunen und Kreise",
                    "url": "/kommunen/",
                    "exact": "",
                },
            )
        )
        figures = [tile for _, tile in sorted(tiles, key=lambda t: t[0])]
        return self._html("figures.html", "/", figures=figures)

    def legal_pages(self) -> list[Page]:
        """Impressum, Datenschutz and Barrierefreiheit from the operator settings."""
        dates = [e.last_reviewed for items in self.catalogue.entries.values() for e in items.values()]
        stated = max(dates) if dates else FIXED_DATE  # from the data: same input, same bytes
        context = legal.page_context(self.settings, self.site_url + "/", stated)
        return [
            Page(
                page.path,
                {"title": page.title, "description": page.description, "hide": ["toc"]},
                self._html(page.template, _page_url(page.path), **context),
            )
            for page in legal.LEGAL_PAGES
        ]

    def contribute_fragments(self) -> dict[str, str]:
        """Marker → markup of the Mitmachen page's links (forms, repository, e-mail)."""
        context = contribute.context(self.settings, self.forms)
        return {
            contribute.FORMS_MARKER: self._html("contribute_forms.html", "/mitmachen/", **context),
            contribute.CONTACT_MARKER: self._html("contribute_contact.html", "/mitmachen/", **context),
        }

    # --- writing -------------------------------------------------------------------------------
    def pages(self, places: bool = True) -> Iterator[Page | Draft]:
        """Every generated page (the places' unless another process shares them), in this
        order, each made when it is asked for."""
        yield from self.entry_pages(places)
        yield from self.catalogue_pages()
        yield self.places_index()
        yield from self.places_az_pages()
        yield self.map_page()
        compare = self.compare_page()
        if compare:
            yield compare
        yield self.search_page()

    def write_data_page(self, docs: Path, publication: Publication) -> None:
        """Fill the downloads, field dictionary, versions and citation into the hand-written
        data page, and give every file folder (``/daten/latest/``, ``/daten/<version>/``) an
        index page listing its files."""
        data_page = docs / "daten" / "index.md"
        if data_page.is_file():
            view = datapage.context(publication, self.catalogue.meta, self.catalogue.reference)
            table_version = publication.version if publication.released else None
            fragment = self._html(
                "data_page.html", "/daten/", folder="/daten/latest/", table_version=table_version, **view
            )
            cited = self._html("data_citation.html", "/daten/", **view)
            text = data_page.read_text(encoding="utf-8")
            text = text.replace(DOWNLOADS_MARKER, fragment).replace(CITATION_MARKER, cited)
            data_page.write_text(text, encoding="utf-8")
        for page in self.data_folder_pages(publication):
            write_page(docs, page)

    def data_folder_pages(self, publication: Publication) -> list[Page]:
        """``/daten/latest/`` and each ``/daten/<version>/``: the files with size and checksum."""
        folders = [("latest", publication.downloads, None, None)]
        folders += [
            (r.version, publication.titled(r.downloads()), r.version, r.date) for r in publication.releases
        ]
        pages = []
        for folder, downloads, version, day in folders:
            here = f"/daten/{folder}/"
            title = f"Dateien der Version {version}" if version else "Dateien des aktuellen Stands"
            body = self._html(
                "data_folder.html",
                here,
                folder=here,
                table_version=version,
                **datapage.folder_context(downloads, version, day),
            )
            description = (
                f"Alle Dateien der Version {version} der Daten mit Größe und SHA-256-Prüfsumme."
                if version
                else "Alle Dateien des aktuellen Stands der Daten mit Größe und SHA-256-Prüfsumme."
            )
            pages.append(Page(f"daten/{folder}/index.md", {"title": title, "description": description}, body))
        return pages

    def write(self, content: Path, docs: Path, places: PlaceShare | None = None) -> int:
        """Write every page into ``docs`` (which must not exist yet); returns the page count.
        With ``places`` the place pages are shared with another process (see ``PlaceShare``)."""
        if content.is_dir():  # regular files only, none through a symlink (see inputs.py)
            InputTree(content).copy_into("", docs)
        else:
            docs.mkdir(parents=True)
        if self.release:
            for path in sorted(docs.rglob("*.md")):
                mark_release(path, self.release)
        start = docs / "index.md"
        if start.is_file():
            text = start.read_text(encoding="utf-8")
            text = text.replace(FIGURES_MARKER, self.figures())
            text = text.replace(FINDER_MARKER, self._html("place_finder.html", "/"))
            start.write_text(text, encoding="utf-8")
        if self.publication:
            self.write_data_page(docs, self.publication)
        contributing = docs / "mitmachen.md"
        if contributing.is_file():
            text = contributing.read_text(encoding="utf-8")
            for marker, fragment in self.contribute_fragments().items():
                text = text.replace(marker, fragment)
            contributing.write_text(text, encoding="utf-8")
        self.write_map_files(docs)
        if places is not None:
            places.start(docs, self.memo)  # the other process begins its part when it is free
        count = 0
        if self.changelog and changelog_text.shorten(self.changelog)[1]:
            # the whole changelog beside the page that counts its long lists (BOM: read as UTF-8
            # by a browser even where the server names no character set)
            full = docs / "aenderungen" / changelog_text.FULL_TEXT
            full.parent.mkdir(parents=True, exist_ok=True)
            full.write_text("\ufeff" + self.changelog, encoding="utf-8")
        pages = itertools.chain(self.pages(places is None), self.legal_pages(), [self.changelog_page()])
        count += self.write_pages(pages, docs)
        if places is not None:
            for keys in places.mine(self.place_keys()):
                count += self.write_pages(self.place_drafts(keys), docs)
            count += places.finish(self.memo)
            self.views.forget_surroundings()
        return count

    def write_pages(self, pages: Iterable[Page | Draft], docs: Path) -> int:
        """Write ``pages`` into ``docs``, each as it comes (nothing stays in memory); a draft
        made of the same inputs as the last generation's copy is taken from the memo."""
        count = 0
        memo = self.memo
        for page in pages:
            count += 1
            if self.release:
                page.front[RELEASE_KEY] = self.release
            if isinstance(page, Draft):
                key = memo.key(page.front, page.inputs) if memo else ""
                if memo and memo.take(page.path, key, docs):
                    continue
                written = write_page(docs, page.page())
                if memo:
                    memo.note(page.path, key, written, docs / page.path)
            else:
                write_page(docs, page)
        return count

    def changelog_page(self) -> Page:
        changelog = self.changelog
        body = changelog.split("\n", 1)[1] if changelog and changelog.startswith("# ") else changelog
        body = changelog_text.shorten(body)[0] if body else body  # long lists counted, see changelog.py
        # the changelog names entries: contributors' text, rendered and cleaned like an entry's
        return Page(
            "aenderungen.md",
            {
                "title": "Änderungen",
                "description": "Änderungen je veröffentlichter Version der Daten.",
                # a list of every changed entry and place: the search finds those themselves
                "smartregio": {"unsearched": True},
            },
            render(body or "Es wurde noch keine Version der Daten veröffentlicht."),
        )
