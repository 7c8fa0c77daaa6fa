"""The map at /karte/ (Leaflet over the official outlines, served from the site) and the small
maps of solution pages, in Chromium; the expected points are computed from the data."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest

from smartregio.pages.views import place_title

from .site_helpers import REPO

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

DOTS = ".sr-map__dot"
BOUNDS = "document.querySelector('[data-sr-map]').sr.map.getBounds().toBBoxString()"


@pytest.fixture(scope="module")
def named(catalogue) -> dict[str, dict[str, set[str]]]:
    """Each place an entry names → the Handlungsfelder and solutions there (projects' topics
    count), as the map's filters should see them."""
    e = catalogue.entries
    places: dict[str, dict[str, set[str]]] = {}

    def at(key: str) -> dict[str, set[str]]:
        return places.setdefault(key, {"fields": set(), "solutions": set()})

    for s in e["solutions"].values():
        for key in [*s.origin, *s.used_by]:
            at(key)["solutions"].add(s.id)
            at(key)["fields"].update(s.action_fields)
    for p in e["funding-projects"].values():
        for key in [p.lead, *p.partners]:
            if key:
                at(key)["fields"].update(p.topics)
    return {k: v for k, v in places.items() if k in catalogue.reference.places}


def open_map(page, origin):
    page.goto(origin + "/karte/", wait_until="networkidle")
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()


def shown_keys(page) -> set[str]:
    return set(page.locator("tr[data-sr-place]:not([hidden])").evaluate_all("rows => rows.map(r => r.dataset.srPlace)"))


def test_the_map_draws_the_outlines_and_a_point_per_named_place_from_this_site_only(browser, origin, named):
    kreise = json.loads((REPO / "data/reference/kreise-grenzen.geojson").read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_map(page, origin)
    expect(page.locator(DOTS)).to_have_count(len(named))
    expect(page.locator(".leaflet-overlay-pane path")).to_have_count(16 + len(kreise["features"]))
    assert shown_keys(page) == set(named)
    expect(page.locator("[data-sr-map-status]")).to_have_text(f"{len(named)} Orte auf Karte und Liste.")
    expect(page.locator("[data-sr-map-static]")).to_be_hidden()  # the drawn map is the fallback
    attribution = page.locator(".leaflet-control-attribution")
    expect(attribution.get_by_role("link", name="© GeoBasis-DE / BKG 2021 (Daten verändert)")).to_have_attribute(
        "href", "https://www.bkg.bund.de"
    )
    assert any(u.endswith("/assets/leaflet-1.9.4/leaflet.js") for u in requests)
    assert any(u.endswith("/karte/kreise.geojson") for u in requests)
    foreign = [u for u in requests if urlsplit(u).scheme not in ("data", "blob") and not u.startswith(origin + "/")]
    assert foreign == []
    assert errors == []
    context.close()


def test_an_action_field_or_a_solution_leaves_only_its_places_on_map_and_list(page, origin, named, catalogue):
    open_map(page, origin)
    field = "mobilitaet"
    expected = {k for k, p in named.items() if field in p["fields"]}
    assert 0 < len(expected) < len(named)
    page.select_option("#sr-karte-feld", field)
    expect(page.locator(DOTS)).to_have_count(len(expected))
    assert shown_keys(page) == expected
    expect(page.locator("[data-sr-map-status]")).to_contain_text(f"{len(expected)} von {len(named)} Orten")
    solution = "stadtnavi"
    both = {k for k in expected if solution in named[k]["solutions"]}
    page.select_option("#sr-karte-loesung", solution)
    expect(page.locator(DOTS)).to_have_count(len(both))
    assert shown_keys(page) == both
    page.select_option("#sr-karte-feld", "")
    only = {k for k, p in named.items() if solution in p["solutions"]}
    expect(page.locator(DOTS)).to_have_count(len(only))
    assert only == set(catalogue.entries["solutions"][solution].used_by) | set(
        catalogue.entries["solutions"][solution].origin
    )


def test_a_point_opens_by_keyboard_and_its_popup_links_the_place_page(page, origin, catalogue, named):
    open_map(page, origin)
    key = sorted(named)[0]
    title = place_title(catalogue.reference.places[key])
    dot = page.locator(f'{DOTS}[aria-label^="{title}:"]')
    expect(dot).to_have_attribute("role", "button")
    dot.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text(title)
    link = popup.get_by_role("link", name=f"Zur Seite von {title}")
    expect(link).to_be_focused()  # the focus follows into the popup
    expect(popup.get_by_role("button", name="Schließen")).to_be_attached()
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(dot).to_be_focused()  # and comes back
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/kommunen/{key}/")
    expect(page.locator("h1")).to_contain_text(catalogue.reference.places[key].name)


def bounds(page) -> tuple[float, ...]:
    return tuple(map(float, page.evaluate(BOUNDS).split(",")))


def inside(inner, outer) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def test_choosing_a_land_and_a_kreis_zooms_the_map_by_keyboard(page, origin, catalogue):
    open_map(page, origin)
    germany = bounds(page)
    land = page.locator("#sr-karte-land")
    land.focus()
    page.keyboard.press("ArrowDown")  # the first Land in the list: Baden-Württemberg
    expect(land).to_have_value("BW")
    expect(page.locator("[data-sr-map]")).to_have_attribute("data-view", "BW")
    shown = bounds(page)
    bw = catalogue.reference.land_shapes["BW"].bbox
    assert inside(bw, shown) and inside(shown, germany) and shown != germany
    assert (shown[3] - shown[1]) < (germany[3] - germany[1]) / 2  # zoomed in, not just moved
    kreis = page.locator("#sr-karte-kreis")
    expect(kreis).to_be_enabled()
    kreise = {p.key for p in catalogue.reference.places.values() if p.land == "BW" and len(p.key) == 5}
    values = kreis.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert set(values) == kreise | {""}
    kreis.focus()
    page.keyboard.press("ArrowDown")
    chosen = kreis.input_value()
    assert chosen in kreise
    expect(page.locator("[data-sr-map]")).to_have_attribute("data-view", chosen)
    in_kreis = bounds(page)
    assert inside(in_kreis, shown) and (in_kreis[2] - in_kreis[0]) < (shown[2] - shown[0]) / 2
    place = catalogue.reference.places[chosen]
    assert in_kreis[0] < place.lon < in_kreis[2] and in_kreis[1] < place.lat < in_kreis[3]
    map_box = page.locator(".leaflet-container")
    map_box.focus()
    zoom = page.evaluate("document.querySelector('[data-sr-map]').sr.map.getZoom()")
    page.keyboard.press("-")
    page.wait_for_function(f"document.querySelector('[data-sr-map]').sr.map.getZoom() < {zoom}")


def test_without_javascript_the_drawn_map_and_the_whole_list_remain(browser, origin, named):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/karte/")
    expect(page.locator("[data-sr-map-static] svg circle")).to_have_count(len(named))
    expect(page.locator("tr[data-sr-place]")).to_have_count(len(named))
    expect(page.locator("[data-sr-map-controls]")).to_be_hidden()
    context.close()


def test_the_first_view_of_the_map_stays_under_600_kb_compressed(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_map(page, origin)
    page.wait_for_load_state("networkidle")
    sizes = {urlsplit(r.url).path: len(gzip.compress(r.body(), 9)) for r in responses if r.status == 200}
    assert "/karte/laender.geojson" in sizes and "/assets/leaflet-1.9.4/leaflet.js" in sizes
    assert sum(sizes.values()) <= 600_000, sizes
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/karte/", "/loesungen/smart-village-app/"])
def test_axe_finds_no_violations_on_the_maps(browser, origin, path, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(origin + path, wait_until="networkidle")
    expect(page.locator(".leaflet-container, .sr-usemap svg").first).to_be_visible()
    if path == "/karte/":  # with a popup open, too
        page.locator(DOTS).first.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".leaflet-popup")).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    context.close()


def test_solution_pages_show_their_places_on_a_small_map(shipped_site, catalogue):
    places = catalogue.reference.places
    for solution in catalogue.entries["solutions"].values():
        page = (shipped_site / f"loesungen/{solution.id}/index.html").read_text(encoding="utf-8")
        figure = re.search(r'<figure class="sr-usemap".*?</figure>', page, re.S)
        using = [places[k] for k in solution.used_by if k in places]
        if not using:
            assert figure is None, solution.id
            continue
        assert figure, solution.id
        markup = figure.group(0)
        assert "<script" not in markup and len(markup) < 10_000
        assert 1 <= markup.count("<circle") <= len(using)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", markup, re.S).group(1)
        for place in using:
            assert place_title(place).replace("&", "&amp;") in caption
        assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in caption


def test_the_map_scrolls_under_the_page_header(browser, origin):
    """Leaflet's controls stack high (z-index 1000); the map keeps them below the sticky header."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_map(page, origin)
    zoom_in = page.locator(".leaflet-control-zoom-in")
    top = page.locator("header.md-header").bounding_box()
    page.evaluate(f"window.scrollBy(0, {zoom_in.bounding_box()['y'] - top['height'] / 2})")
    box = zoom_in.bounding_box()
    assert box["y"] < top["height"]  # the button is under the header now
    x, y = box["x"] + box["width"] / 2, max(box["y"], 0) + 2
    assert page.evaluate(f"!!document.elementFromPoint({x}, {y}).closest('header')")
    context.close()
