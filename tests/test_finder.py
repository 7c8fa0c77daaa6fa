"""„Kommune finden“ on the start page and /kommunen/: a combobox over every official place,
fed by a prefix index that loads only what the reader types. Run in Chromium against the
shipped site; the places and keys come from data/reference/places.csv, not from memory."""

from __future__ import annotations

import csv
import gzip
import re
from urllib.parse import urlsplit

import pytest

from smartregio.pages.finder import normalise

from .site_helpers import REPO, settle

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PLACES = list(csv.DictReader((REPO / "data/reference/places.csv").open(encoding="utf-8")))
BUDGET = 150_000  # bytes (gzip) a reader may download while typing one name
FIELD = "#sr-finder-eingabe"


def key_of(name: str, kinds=("gemeinde", "stadt", "kreisfreie-stadt")) -> str:
    (key,) = [p["key"] for p in PLACES if p["name"] == name and p["kind"] in kinds]
    return key


def field(page):
    return page.locator(FIELD)


def options(page):
    return page.locator("#sr-finder-liste [role=option]")


def finder_status(page):
    return page.locator("[data-sr-finder-status]")


def open_finder(page, origin, path: str = "/kommunen/"):
    page.goto(origin + path, wait_until="networkidle")
    box = field(page)
    expect(box).to_have_attribute("role", "combobox")  # the script has taken over
    box.click()
    return box


# --- the normaliser, in Python and in the browser -------------------------------------------------
EXAMPLES = [
    "München",
    "Muenchen",
    "munchen",
    "MÜNCHEN",
    "St. Ingbert",
    "Sankt Ingbert",
    "St Ingbert",
    "St",
    "St ",
    "Neustadt a.d. Waldnaab",
    "Neustadt a. d. Waldnaab",
    "Neustadt an der Waldnaab",
    "Neustadt a.d.Waldnaab",
    "Neustadt a.d",
    "Garching b. München",
    "Aschau i. Chiemgau",
    "Neumarkt i.d.OPf.",
    "Weißenburg i. Bay.",
    "Großenhain",
    "Grossenhain",
    "Rhein-Sieg-Kreis",
    "Oelsnitz/Vogtl., Bösenbrunn, Eichigt und Triebel/Vogtl.",
    "Halle (Saale)",
    "  Frankfurt   am Main ",
    "Sankt Peter-Ording",
    "09162000",
    "0916 2000",
    "Öhringen",
    "Überlingen",
    "Äpfelbach",
    "",
]


def test_the_normaliser_forgives_spelling():
    same = [
        ("München", "Muenchen", True),
        ("München", "munchen", False),
        ("St. Ingbert", "Sankt Ingbert", False),
        ("Neustadt a.d. Waldnaab", "Neustadt an der Waldnaab", False),
        ("Neustadt a. d. Waldnaab", "Neustadt an der Waldnaab", False),
        ("Großenhain", "Grossenhain", False),
        ("Rhein-Sieg-Kreis", "rhein sieg kreis", False),
    ]
    for name, typed, umlauts in same:
        assert normalise(name, umlauts=umlauts) == normalise(typed), (name, typed)
    assert normalise("St", complete=False) == "st"  # still typing: Stuttgart stays findable
    assert normalise("St ", complete=False) == "sankt"


def test_the_browser_normalises_exactly_as_the_build(page, origin):
    page.goto(origin + "/kommunen/", wait_until="networkidle")
    results = page.evaluate(
        """async (examples) => {
            const finder = await import(new URL('assets/smartregio/finder.js', document.baseURI
                .replace(/kommunen\\/$/, '')).href);
            const rules = await (await fetch('finden/regeln.json')).json();
            return examples.map((text) => [true, false].flatMap((complete) => [false, true].map(
                (umlauts) => finder.normalise(text, rules, complete, umlauts))));
        }""",
        EXAMPLES,
    )
    expected = [
        [normalise(text, complete, umlauts) for complete in (True, False) for umlauts in (False, True)]
        for text in EXAMPLES
    ]
    assert results == expected


# --- finding ---------------------------------------------------------------------------------------
def test_typing_wadern_lists_it_with_its_land_and_enter_opens_its_page(page, origin):
    key = key_of("Wadern")
    box = open_finder(page, origin)
    box.press_sequentially("Wadern", delay=30)
    first = options(page).first
    expect(first).to_contain_text("Wadern")
    expect(first).to_contain_text("Saarland")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(finder_status(page)).to_have_text(re.compile(r"^\d+ Treffer"))
    box.press("Enter")
    page.wait_for_url(f"{origin}/kommunen/{key}/")


def test_sankt_and_st_find_the_same_place(page, origin):
    key = key_of("St. Ingbert")
    box = open_finder(page, origin, "/")
    for typed in ("Sankt Ingbert", "St. Ingbert", "st ingbert"):
        box.fill(typed)
        expect(options(page).first).to_have_attribute("data-key", key)
        expect(options(page).first).to_contain_text("St. Ingbert")


def test_muenchen_finds_muenchen_first_and_opens_its_page(page, origin):
    box = open_finder(page, origin)
    box.press_sequentially("muenchen", delay=20)
    first = options(page).first
    expect(first).to_have_attribute("data-key", "09162000")
    expect(first).to_contain_text("München – Kreisfreie Stadt, Bayern")
    box.press("Enter")
    page.wait_for_url(f"{origin}/kommunen/09162000/")
    expect(page.locator("h1")).to_have_text("München")  # a named place: its page is there


def test_a_key_finds_its_place(page, origin):
    box = open_finder(page, origin, "/")
    box.fill("09162000")
    expect(options(page)).to_have_count(1)
    expect(options(page).first).to_contain_text("München")
    box.fill("0916")  # a key's prefix: the places of Oberbayern's Kreis München and the city
    expect(options(page).first).to_have_attribute("data-key", re.compile(r"^0916"))


def test_the_many_neustadt_are_told_apart(page, origin):
    box = open_finder(page, origin)
    box.press_sequentially("Neustadt", delay=20)
    expect(options(page).first).to_contain_text("Neustadt")
    expect(finder_status(page)).to_have_text(re.compile(r"^\d+ Treffer$"))
    count = int(finder_status(page).inner_text().split()[0])
    texts = options(page).all_inner_texts()
    assert count == len(texts) > 20
    assert len(set(texts)) == len(texts)  # each option distinct
    for text in texts:
        title, description = text.split(" – ", 1)
        assert "Neustadt" in title, text
        *_, land = description.split(", ")
        assert land in {"Bayern", "Hessen", "Rheinland-Pfalz", "Sachsen", "Thüringen", "Schleswig-Holstein",
                        "Niedersachsen", "Brandenburg", "Mecklenburg-Vorpommern", "Baden-Württemberg",
                        "Nordrhein-Westfalen", "Sachsen-Anhalt"}, text
    assert "Neustadt an der Weinstraße – Kreisfreie Stadt, Rheinland-Pfalz" in texts
    assert "Neustadt (Hessen) – Stadt, Landkreis Marburg-Biedenkopf, Hessen" in texts
    # a kreisangehörige Gemeinde names its Kreis
    assert any(t.startswith("Neustadt/Westerwald – Gemeinde, Westerwaldkreis, Rheinland-Pfalz") for t in texts)


def test_the_keyboard_moves_chooses_and_closes(page, origin):
    box = open_finder(page, origin)
    box.press_sequentially("Neustadt", delay=20)
    expect(options(page).nth(1)).to_be_visible()
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_have_attribute("role", "listbox")
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options(page).nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(box).to_be_focused()  # the focus stays in the field
    box.press("ArrowUp")
    expect(options(page).first).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    key = second.get_attribute("data-key")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    box.press("Escape")  # a second Escape clears the field
    expect(box).to_have_value("")
    box.press_sequentially("Neustadt", delay=20)
    expect(options(page).nth(1)).to_be_visible()
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(f"{origin}/kommunen/{key}/")


def test_tab_leaves_the_field_and_closes_the_list_and_focus_is_visible(page, origin):
    page.goto(origin + "/", wait_until="networkidle")
    box = field(page)
    expect(box).to_have_attribute("role", "combobox")
    page.keyboard.press("Tab")  # from the skip link onwards until the field
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == FIELD[1:]:
            break
        page.keyboard.press("Tab")
    expect(box).to_be_focused()
    assert box.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.type("Wadern", delay=20)
    expect(options(page).first).to_contain_text("Wadern")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Finden")).to_be_focused()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_the_label_names_the_field(page, origin):
    page.goto(origin + "/", wait_until="networkidle")
    expect(page.get_by_role("combobox", name="Kommune finden")).to_be_visible()
    expect(page.get_by_text("Kommune finden", exact=True)).to_be_visible()


# --- without JavaScript ----------------------------------------------------------------------------
def test_without_javascript_the_form_leads_to_every_place_from_a_to_z(browser, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/")
    page.locator(FIELD).fill("Wadern")
    page.get_by_role("button", name="Finden").click()
    page.wait_for_url(re.compile(r"/alle-kommunen/\?q=Wadern$"))
    expect(page.locator("h1")).to_have_text("Alle Orte von A bis Z")
    page.get_by_role("navigation", name="Anfangsbuchstaben").get_by_role("link", name="W", exact=True).click()
    link = page.get_by_role("link", name="Wadern", exact=True)
    expect(link.locator("xpath=..")).to_contain_text("Wadern – Stadt, Landkreis Merzig-Wadern, Saarland")
    link.click()
    page.wait_for_url(f"{origin}/kommunen/{key_of('Wadern')}/")
    context.close()


def test_with_javascript_the_a_to_z_page_takes_up_the_query(page, origin):
    page.goto(origin + "/alle-kommunen/?q=Wadern", wait_until="networkidle")
    expect(field(page)).to_have_value("Wadern")
    expect(options(page).first).to_contain_text("Wadern")


# --- what the reader downloads ----------------------------------------------------------------------
def test_typing_loads_little_and_only_from_the_site(browser, origin, shipped_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + "/", wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    field(page).press_sequentially("Neustadt", delay=30)
    expect(options(page).first).to_contain_text("Neustadt")
    settle(page)  # any request the typing set off has been made
    assert [u for u in requests if not u.startswith(origin + "/")] == []
    fetched = sorted({urlsplit(u).path for u in requests})
    assert fetched == ["/kommunen/finden/ne.json", "/kommunen/finden/regeln.json"]
    size = sum(len(gzip.compress((shipped_site / p.lstrip("/")).read_bytes(), 9)) for p in fetched)
    assert size <= BUDGET
    context.close()


def test_every_shard_fits_the_budget(shipped_site):
    """Whatever a reader types loads the rules and one shard: each within the budget."""
    folder = shipped_site / "kommunen" / "finden"
    rules = len(gzip.compress((folder / "regeln.json").read_bytes(), 9))
    sizes = {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in folder.glob("*.json")}
    assert len(sizes) > 100
    assert rules + max(sizes.values()) <= BUDGET


# --- accessibility and layout -----------------------------------------------------------------------
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/", "/kommunen/"])
def test_axe_finds_no_violations_with_the_list_open(browser, origin, path, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    box = open_finder(page, origin, path)
    box.press_sequentially("Neustadt", delay=20)
    box.press("ArrowDown")
    expect(options(page).first).to_have_attribute("aria-selected", "true")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    context.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_open_list_never_scrolls_sideways(browser, origin, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("/", "/kommunen/", "/alle-kommunen/", "/alle-kommunen/s/"):
        box = open_finder(page, origin, path) if path != "/alle-kommunen/s/" else None
        if box:
            # the longest names there are, with their Kreis and Land beside them
            box.fill("Oelsnitz")
            expect(options(page).first).to_be_visible()
        else:
            page.goto(origin + path, wait_until="networkidle")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, path
    context.close()


def test_the_list_from_a_to_z_stays_out_of_the_search_index(shipped_site):
    pages = [
        (shipped_site / p).read_text(encoding="utf-8")
        for p in ("alle-kommunen/index.html", "alle-kommunen/w/index.html")
    ]
    assert [html for html in pages if "data-pagefind-body" in html] == []
    assert "Wadern</a> – Stadt, Landkreis Merzig-Wadern, Saarland" in pages[1]


def test_a_versions_start_page_finds_places_of_that_version(page, origin):
    box = open_finder(page, origin, "/1.0.0/")
    box.press_sequentially("muenchen", delay=20)
    expect(options(page).first).to_have_attribute("data-key", "09162000")
    box.press("Enter")
    page.wait_for_url(f"{origin}/1.0.0/kommunen/09162000/")
