"""Every official place has its page: what it is, what runs here and nearby, what reaches it
from its Verband and Kreis, what lies within it. Checked on the shipped site against figures
computed here independently from the data (plain math, not the generator's numpy)."""

from __future__ import annotations

import gzip
import math
import re
from html import unescape
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

EARTH_KM = 6371.0088


def km(a, b) -> float:
    """Great-circle distance between two places' points."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(h, 1.0)))


def page_of(site: Path, key: str) -> str:
    return (site / "kommunen" / key / "index.html").read_text(encoding="utf-8")


def section(html: str, title: str) -> str:
    """The text of the section whose heading starts with ``title`` ("" when there is none)."""
    match = re.search(r"<h2[^>]*>" + re.escape(title) + r".*?</h2>(.*?)</section>", html, re.S)
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1))) if match else ""


def sample(catalogue) -> list[str]:
    """Gemeinden from every Land (every 400th key), and the towns the issue names."""
    places = catalogue.reference.places
    gemeinden = sorted(k for k in places if len(k) == 8)
    chosen = set(gemeinden[::400])
    chosen |= {k for k, p in places.items() if len(k) == 8 and p.name in ("Wadern", "Fuchstal", "Apfeldorf")}
    return sorted(chosen)


def test_every_official_place_has_a_page_and_an_api_document(shipped_site, catalogue):
    pages = {p.name for p in (shipped_site / "kommunen").iterdir() if (p / "index.html").is_file()}
    assert pages == set(catalogue.reference.places)
    api = {p.stem for p in (shipped_site / "api/v1/kommunen").glob("*.json")} - {"index"}
    assert api == set(catalogue.reference.places)


def test_a_gemeinde_page_shows_what_it_is_with_a_locator_and_the_attribution(shipped_site, catalogue):
    places = catalogue.reference.places
    fuchstal = next(k for k, p in places.items() if p.name == "Fuchstal" and len(k) == 8)
    html = page_of(shipped_site, fuchstal)
    place = places[fuchstal]
    assert 'class="sr-locator"' in html and "<circle" in html
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in html and 'href="https://www.bkg.bund.de"' in html
    facts = unescape(re.sub(r"<[^>]+>", " ", html))
    assert "Verwaltungsgemeinschaft Fuchstal" in facts and "Landkreis Landsberg am Lech" in facts
    assert place.key in facts and "Bayern" in facts


def test_nearby_solutions_and_projects_are_the_nearest_within_50_km(shipped_site, catalogue):
    """The nearest (at most 12) solutions in use and projects led within 50 km, nearest first;
    how many more there are; none beyond 50 km."""
    places = catalogue.reference.places
    entries = catalogue.entries
    checked = 0
    for key in sample(catalogue):
        place = places[key]
        html = page_of(shipped_site, key)
        solutions = []
        for solution in entries["solutions"].values():
            users = [places[k] for k in solution.used_by if k in places]
            if users and key not in solution.used_by and key not in solution.origin:
                solutions.append((min(km(place, u) for u in users), solution.name))
        projects = [
            (km(place, places[p.lead]), p.title)
            for p in entries["funding-projects"].values()
            if p.lead in places and key not in (p.lead, *p.partners)
        ]
        for title, found in (
            ("In der Nähe eingesetzte Lösungen", solutions),
            ("Förderprojekte in der Nähe", projects),
        ):
            listed = section(html, title)
            within = sorted(d for d, _ in found if d <= 50.0)
            cut = within[11] if len(within) > 12 else 50.0  # the 12th nearest
            for distance, name in found:
                if distance < cut - 0.5:
                    assert name in listed, (key, name, distance)
                    checked += 1
                elif distance > 50.5:
                    assert name not in listed, (key, name, distance)
            if len(within) > 12 and not any(49.5 < d < 50.5 for d, _ in found):
                assert f"und {len(within) - 12} weitere" in listed, (key, title)
    assert checked > 10  # the sample meets solutions in use nearby


def test_what_is_near_comes_nearest_first_then_by_id_as_plain_math_finds_it(catalogue):
    """Every place's nearby entries in both roles (the whole list, not only the twelve shown):
    the entries naming a place within 50 km other than this one, each at its nearest such
    place (the first named on a tie), nearest first, equal distances by id."""
    from smartregio.pages.nearby import Surroundings

    places = catalogue.reference.places
    named = {
        "use": {(("solutions", s.id)): s.used_by for s in catalogue.entries["solutions"].values()},
        "lead": {
            ("funding-projects", p.id): [p.lead] for p in catalogue.entries["funding-projects"].values()
        },
    }
    surroundings = Surroundings(catalogue, ("use", "lead"))
    compared = 0
    for role, entries in named.items():
        points = {e: [places[k] for k in keys if k in places] for e, keys in entries.items()}
        for key in sorted(places)[::25]:
            place = places[key]
            expected: dict[str, list[tuple[str, str, float]]] = {}
            for (collection, entry), here in points.items():
                if not here:
                    continue
                distances = [km(place, other) for other in here]
                nearest = min(distances)
                where = here[distances.index(nearest)]
                if nearest <= 50.0 and where.key != key:
                    expected.setdefault(collection, []).append((entry, where.key, nearest))
            found = surroundings.near(role, place, set(), 10_000)
            assert sorted(found) == sorted(expected), (key, role)
            for collection, wanted in expected.items():
                wanted.sort(key=lambda item: (round(item[2], 9), item[0]))
                near, count = found[collection]
                assert count == len(wanted)
                got = [(n.entry, n.where, n.km) for n in near]
                assert [(e, w) for e, w, _ in got] == [(e, w) for e, w, _ in wanted], (key, role)
                assert all(abs(a[2] - b[2]) < 1e-6 for a, b in zip(got, wanted, strict=True))
                compared += len(wanted)
    assert compared > 1000


def test_projects_of_the_verband_and_kreis_reach_their_gemeinden(shipped_site, catalogue):
    places = catalogue.reference.places
    projects = catalogue.entries["funding-projects"].values()
    holders = {k for p in projects for k in (p.lead, *p.partners) if k and len(k) in (5, 9)}
    gemeinden = [k for k, p in places.items() if len(k) == 8 and (p.kreis in holders or p.verband in holders)]
    assert len(gemeinden) > 100
    for key in gemeinden[:: max(1, len(gemeinden) // 40)]:
        place = places[key]
        above = section(page_of(shipped_site, key), "Projekte von Verband und Kreis")
        for project in projects:
            if {place.kreis, place.verband} & {project.lead, *project.partners} - {None}:
                assert project.title in above, (key, project.id)


def test_kreis_and_land_pages_list_what_lies_within(shipped_site, catalogue):
    places = catalogue.reference.places
    kreis = next(k for k, p in places.items() if p.name == "Landsberg am Lech" and len(k) == 5)
    html = page_of(shipped_site, kreis)
    gemeinden = [p for p in places.values() if len(p.key) == 8 and p.kreis == kreis]
    listed = section(html, f"{len(gemeinden)} Gemeinden")
    assert all(p.name in listed for p in gemeinden)
    land = page_of(shipped_site, "10")
    kreise = section(land, "Kreise und kreisfreie Städte")
    assert all(p.name in kreise for p in places.values() if len(p.key) == 5 and p.land == "SL")
    assert "Förderprojekte in Saarland" in land  # what its Kreise lead


def test_a_place_with_nothing_known_says_so_and_how_to_add_it(shipped_site, catalogue):
    places = catalogue.reference.places
    entries = catalogue.entries
    used = [places[k] for s in entries["solutions"].values() for k in s.used_by if k in places]
    leads = [places[p.lead] for p in entries["funding-projects"].values() if p.lead in places]
    named = {k for p in entries["funding-projects"].values() for k in (p.lead, *p.partners) if k}
    lonely = next(
        k
        for k, p in sorted(places.items())
        if len(k) == 8
        and k not in named
        and {p.kreis, p.verband}.isdisjoint(named)
        and all(km(p, u) > 51 for u in used + leads)
    )
    html = page_of(shipped_site, lonely)
    assert "noch kein Förderprojekt und keine eingesetzte Lösung" in html
    assert "/mitmachen/" in html
    assert "data-pagefind-body" not in html  # the finder reaches it, the search does not


def test_a_gemeinde_page_stays_small(shipped_site, catalogue):
    for key in sample(catalogue):
        raw = (shipped_site / "kommunen" / key / "index.html").read_bytes()
        assert len(gzip.compress(raw)) <= 40_000, key


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_new_place_pages(browser, origin, catalogue, width):
    """A Gemeinde no entry names, a Kreis, a Land and a Verband."""
    first_gemeinde = next(k for k in sorted(catalogue.reference.places) if len(k) == 8)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for key in (first_gemeinde, "09181", "10", "091815138"):
        page.goto(f"{origin}/kommunen/{key}/", wait_until="networkidle")
        violations = Axe().run(page).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == [], key
    context.close()


def test_the_official_outlines_are_downloads_with_their_licence_and_attribution(shipped_site):
    """/daten/ lists the boundary files (served once under /karte/) with size and checksum and the
    BKG attribution; DCAT describes them as their own dataset under the Datenlizenz Deutschland."""
    import hashlib

    data_page = (shipped_site / "daten/index.html").read_text(encoding="utf-8")
    part = data_page.split('id="amtliche-verwaltungsgebiete"', 1)[1].split("<h3", 1)[0]
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in part and 'href="https://www.bkg.bund.de"' in part
    assert "Gebietsstand 01.01.2021" in part and "Datenlizenz Deutschland" in part
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDFS

    graph = Graph().parse(shipped_site / "daten/dcat.ttl")
    dataset = next(
        s for s in graph.subjects(DCAT.distribution, None) if str(s).endswith("#verwaltungsgebiete")
    )
    rights = graph.value(dataset, DCTERMS.rights)
    assert "Datenlizenz Deutschland" in str(graph.value(rights, RDFS.label))
    for name in ("laender", "kreise"):
        served = (shipped_site / "karte" / f"{name}.geojson").read_bytes()
        digest = hashlib.sha256(served).hexdigest()
        assert f"../karte/{name}.geojson" in part and digest in part
        distribution = URIRef(f"{dataset}/{name}.geojson")
        assert (dataset, DCAT.distribution, distribution) in graph
        assert str(graph.value(distribution, DCAT.downloadURL)).endswith(f"/karte/{name}.geojson")
        assert (
            str(graph.value(distribution, DCTERMS.license)) == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
        )
        assert "GeoBasis-DE / BKG 2021" in str(
            graph.value(distribution, URIRef("http://dcat-ap.de/def/dcatde/licenseAttributionByText"))
        )
        assert int(graph.value(distribution, DCAT.byteSize)) == len(served)


def test_a_towns_contact_shows_on_its_page_and_on_the_solutions_it_uses(shipped_site, catalogue):
    """data/reference/place-contacts.csv: the place page names the contact with its source; each
    solution the town uses lists it among „Ansprechstellen in Kommunen, die sie einsetzen“."""
    contacts = catalogue.reference.contacts
    assert contacts
    for key, contact in sorted(contacts.items()):
        html = page_of(shipped_site, key)
        facts = html.split('id="eckdaten"', 1)[1].split("</aside>", 1)[0]
        assert "Ansprechstelle für Digitales" in facts
        facts = facts.replace("&amp;", "&")
        assert f'href="{contact.contact}"' in facts and f'href="{contact.source}"' in facts
    users = [
        (s, key) for s in catalogue.entries["solutions"].values() for key in s.used_by if key in contacts
    ]
    assert users, "some town with a contact uses a solution"
    for solution, key in users:
        page = (shipped_site / "loesungen" / solution.id / "index.html").read_text(encoding="utf-8")
        listed = page.split("Ansprechstellen in Kommunen, die sie einsetzen", 1)[1].split("</section>", 1)[0]
        assert f'href="{contacts[key].contact}"' in listed.replace("&amp;", "&")
        assert catalogue.reference.places[key].name in unescape(listed)
    without = next(k for k in catalogue.reference.places if len(k) == 8 and k not in contacts)
    assert "Ansprechstelle für Digitales" not in page_of(shipped_site, without)


def test_a_place_lists_the_running_programmes_first_and_counts_the_rest(tmp_path):
    """Every place's page lists its Land's and the Bund's programmes: at national size there are
    hundreds, so the first twenty are shown (running ones first) and the others are counted
    with a link to the catalogue."""
    from smartregio.load import load_catalogue
    from smartregio.pages.placepage import FOR_PLACES_LISTED, PlacePages
    from smartregio.pages.views import Views

    from .conftest import make_data

    data = make_data(tmp_path / "data")
    template = (data / "programmes/bundesprogramm.md").read_text(encoding="utf-8")
    for n in range(FOR_PLACES_LISTED + 5):
        text = template.replace("id: bundesprogramm", f"id: programm-{n:02d}")
        text = text.replace("Bundesprogramm Smarte Orte", f"Programm {n:02d}")
        if n < 3:  # ended long ago: listed after every running one
            text = text.replace("end: 2027", "end: 2020")
        (data / f"programmes/programm-{n:02d}.md").write_text(text, encoding="utf-8")
    catalogue, problems = load_catalogue(data)
    assert not problems, problems.as_text()
    view = PlacePages(Views(catalogue, None)).view(catalogue.reference.places["09162000"])
    listed = next(s for s in view["sections"] if s.title.startswith("Förderprogramme für"))
    assert len(listed.items) == FOR_PLACES_LISTED and listed.more == 6  # 26 programmes in all
    assert listed.more_href == "/programme/" and listed.more_text == "… und 6 weitere im Katalog"
    assert all("beendet" not in item.note for item in listed.items)  # the three ended ones are counted
    assert listed.items[0].text == "Bundesprogramm Smarte Orte"  # running ones by name
