"""The site in a real browser (Debian's Chromium driven by Playwright): filters, links,
requests, keyboard use and axe-core's accessibility rules."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from smartregio.load import load_catalogue

from .site_helpers import CHROMIUM, CHROMIUM_ARGS, REPO, build, serve

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PAGES = {
    "start": "/",
    "catalogue": "/loesungen/",
    "project catalogue": "/foerderprojekte/?staffel=Staffel+2019",
    "solution": "/loesungen/smart-village-app/",
    "project": "/foerderprojekte/mpsc-paderborn/",
    "guideline": "/leitfaeden/stadt-app-uebernehmen/",
    "programme": "/programme/modellprojekte-smart-cities/",
    "municipality": "/kommunen/05766020/",
    "municipalities": "/kommunen/",
    "map": "/karte/",
    "compare": "/vergleich/?l=stadtnavi,smart-village-app",
    "search": "/suche/?q=Parken",
    "guidance": "/mitmachen/",
    "data": "/daten/",
    "api": "/api/",
    "changes": "/aenderungen/",
    "not found": "/404.html",
}


@pytest.fixture(scope="module")
def catalogue():
    catalogue, problems = load_catalogue(REPO / "data")
    assert not problems
    return catalogue


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    build(REPO / "data", root / "site", root / "work")
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium fehlt: 'python3 scripts/dev.py test' installiert es.")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def status(page):
    return page.locator("[data-sr-status]")


def open_filters(page):
    """The facets start folded (so the first results show); a reader opens them first."""
    page.locator("[data-sr-facets] > summary").click()


def test_facet_narrows_the_list_and_counts_and_the_url_restores_it(page, origin, catalogue):
    solutions = catalogue.entries["solutions"].values()
    mobility = [s for s in solutions if "mobilitaet" in s.action_fields]
    total = len(catalogue.entries["solutions"])
    page.goto(origin + "/loesungen/")
    expect(status(page)).to_have_text(f"{total} Lösungen gefunden.")
    stable_box = page.locator('[data-facet="status"] .sr-facet__option', has_text="Stabil")
    stable_all = sum(1 for s in solutions if s.development_status == "stable")
    expect(stable_box.locator("[data-count]")).to_have_text(f"({stable_all})")

    open_filters(page)
    page.get_by_label("Mobilität und Verkehr").check()
    expect(status(page)).to_have_text(f"{len(mobility)} Lösungen gefunden.")
    expect(page.locator("[data-sr-results] > li")).to_have_count(len(mobility))
    stable_mobility = sum(1 for s in mobility if s.development_status == "stable")
    expect(stable_box.locator("[data-count]")).to_have_text(f"({stable_mobility})")
    assert "handlungsfeld=Mobilit%C3%A4t+und+Verkehr" in page.url

    fresh = page.context.new_page()
    fresh.goto(page.url)
    expect(fresh.get_by_label("Mobilität und Verkehr")).to_be_checked()
    expect(status(fresh)).to_have_text(f"{len(mobility)} Lösungen gefunden.")
    titles = fresh.locator("[data-sr-results] .sr-card__title").all_inner_texts()
    assert sorted(titles, key=str.casefold) == sorted((s.name for s in mobility), key=str.casefold)
    assert page.errors == []


def test_text_filter_and_reset(page, origin, catalogue):
    total = len(catalogue.entries["solutions"])
    assert total > 20, "the shipped catalogue fills more than one batch"
    page.goto(origin + "/loesungen/")
    page.get_by_label("Text").fill("Bürgerbeteiligung")
    expect(status(page)).not_to_have_text(f"{total} Lösungen gefunden.")  # the text filter has run
    expect(status(page)).to_have_text(re.compile(r"^[1-9]\d* Lösungen gefunden"))
    count = int(status(page).inner_text().split()[0])
    assert count < total
    expect(page.locator("[data-sr-results] > li")).to_have_count(min(count, 20))
    assert "q=B%C3%BCrgerbeteiligung" in page.url
    page.get_by_role("button", name="Filter zurücksetzen").click()
    expect(page.locator("[data-sr-results] > li")).to_have_count(20)  # first batch of all
    page.get_by_role("button", name="Weitere anzeigen").click()
    expect(page.locator("[data-sr-results] > li")).to_have_count(min(total, 40))


def test_site_search_finds_entries_places_and_guidance_but_no_listing_pages(page, origin):
    def hits(query: str) -> list[str]:
        page.goto(origin + "/suche/?q=" + query)
        expect(status(page)).to_have_text(re.compile(r"^[1-9]\d* Treffer gefunden"))
        expect(page.locator("[data-sr-results] a").first).to_be_attached()  # rendered after the count
        return page.locator("[data-sr-results] a").evaluate_all("links => links.map(a => a.pathname)")

    found = hits("Herrenberg")
    assert {"/loesungen/stadtnavi/", "/kommunen/08115021/", "/transfer/"} <= set(found)
    assert "/stufenplan/" in hits("Stufenplan")
    listings = re.compile(r"^/(loesungen|foerderprojekte|leitfaeden|programme|suche)/(seite_\d+/)?$")
    assert not [hit for hit in hits("Lösungen") if listings.match(hit)]
    assert page.errors == []


def test_sorting_orders_but_never_drops_entries(page, origin, catalogue):
    projects = {p.title: p for p in catalogue.entries["funding-projects"].values()}
    assert any(p.start is None for p in projects.values())  # the data has projects without a start year

    def shown() -> list[str]:
        """Every result, pressing "Weitere anzeigen" until all the status announces are listed."""
        total = int(status(page).inner_text().split()[0])
        items = page.locator("[data-sr-results] > li")
        expect(items).to_have_count(min(total, 20))
        while items.count() < total:
            count = items.count()
            page.get_by_role("button", name="Weitere anzeigen").click()
            expect(items).to_have_count(min(total, count + 20))
        return page.locator("[data-sr-results] .sr-card__title").all_inner_texts()

    for query in ("", "Stadt"):  # the facet index, and Pagefind for a text filter
        page.goto(origin + f"/foerderprojekte/?q={query}&sortierung=beginn")
        expect(status(page)).to_have_text(re.compile(r"^\d+ Förderprojekte gefunden"))
        by_start = shown()
        starts = [projects[title].start for title in by_start]
        known = [s for s in starts if s is not None]
        assert known == sorted(known, reverse=True) and len(set(known)) > 1, query  # newest first
        assert starts[: len(known)] == known, query  # those without a start year come last
        page.locator("#sr-sort").select_option("titel")
        expect(page).not_to_have_url(re.compile("sortierung"))  # the default order leaves the URL
        by_title = shown()
        assert by_title == sorted(by_title, key=str.casefold), query
        assert sorted(by_title) == sorted(by_start), query  # the same entries in both orders
        if not query:
            assert len(by_title) == len(projects)
    assert page.errors == []


def test_facets_work_by_keyboard_with_visible_focus(page, origin):
    page.goto(origin + "/loesungen/")
    expect(status(page)).to_have_text(re.compile("gefunden"))
    total = status(page).inner_text().split()[0]
    page.get_by_label("Text").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            page.keyboard.press("Enter")  # the folded filters open by keyboard
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {name: e.name, value: e.value, outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert focused["name"] == "handlungsfeld"
    assert focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Space")
    expect(status(page)).not_to_have_text(re.compile(rf"^{total} "))
    expect(page).to_have_url(re.compile("handlungsfeld="))
    assert (
        f"handlungsfeld={focused['value'].split()[0]}" in page.url.replace("+", " ").replace("%20", " ")
        or "handlungsfeld=" in page.url
    )


def test_result_count_is_announced(page, origin):
    page.goto(origin + "/foerderprojekte/")
    live = status(page)
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    open_filters(page)
    page.get_by_label("Staffel 2019").check()
    expect(live).to_have_text("13 Förderprojekte gefunden.")


def test_catalogue_works_without_javascript(browser, origin, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + "/loesungen/")
    assert page.locator("[data-sr-filters]").is_hidden()
    listed = []  # every entry is listed, 100 a page, the pages linked from each other
    while True:
        listed += page.locator("[data-sr-results] .sr-card__title").all_inner_texts()
        following = page.locator("[data-sr-pages] [aria-current=page]").locator(
            "xpath=../following-sibling::li[1]/a"
        )
        if not following.count():
            break
        following.click()
    assert sorted(listed) == sorted(s.name for s in catalogue.entries["solutions"].values())
    context.close()


def test_cross_links_lead_where_they_should(page, origin):
    page.goto(origin + "/loesungen/civitas-core/")
    page.get_by_role("link", name="Modellprojekt Smart City Paderborn").first.click()
    expect(page).to_have_url(origin + "/foerderprojekte/mpsc-paderborn/")
    page.get_by_role("link", name="CIVITAS/CORE").first.click()  # in facts, measures and related
    expect(page).to_have_url(origin + "/loesungen/civitas-core/")
    page.goto(origin + "/foerderprojekte/mpsc-paderborn/")
    page.locator(".sr-facts").get_by_role("link", name="Modellprojekte Smart Cities").click()
    expect(page).to_have_url(origin + "/programme/modellprojekte-smart-cities/")
    page.get_by_role("link", name="Modellprojekt Smart City Paderborn").first.click()
    expect(page).to_have_url(origin + "/foerderprojekte/mpsc-paderborn/")
    page.goto(origin + "/loesungen/smart-village-app/")
    page.locator(".sr-facts").get_by_role("link", name="Detmold").click()
    expect(page).to_have_url(origin + "/kommunen/05766020/")
    page.get_by_role("link", name="Smart Village App").click()
    expect(page).to_have_url(origin + "/loesungen/smart-village-app/")
    page.get_by_role("link", name="Daten als JSON").click()
    assert page.url.endswith("/api/v1/loesungen/smart-village-app.json")


def test_compare_shows_solutions_side_by_side(page, origin):
    page.goto(origin + "/vergleich/?l=stadtnavi,smart-village-app")
    table = page.locator("[data-sr-table] table")
    expect(table.locator("thead th")).to_have_count(3)
    expect(table).to_contain_text("Lizenz")
    expect(table).to_contain_text("GPL-3.0-or-later")
    for name in ("CKAN", "Decidim"):
        page.get_by_label(name, exact=True).check()
    fifth = page.get_by_label("DIPAS – Digitales Partizipationssystem", exact=True)
    fifth.click()
    expect(fifth).not_to_be_checked()
    expect(status(page)).to_contain_text("Höchstens 4")
    expect(table.locator("thead th")).to_have_count(5)
    assert page.url.count(",") == 3


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_leaves_the_local_server(browser, origin, name):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    errors = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(origin + PAGES[name], wait_until="networkidle")
    page.wait_for_timeout(300)
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(origin + "/")
    ]
    assert foreign == []
    assert len(requests) > 1
    assert errors == []  # no script fails on any page type
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(browser, origin, name, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(origin + PAGES[name], wait_until="networkidle")
    page.wait_for_timeout(300)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    context.close()


def test_menu_opens_by_keyboard_on_a_phone(browser, origin):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(origin + "/")
    button = page.get_by_role("button", name="Navigation")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.srDrawer") == ""
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("nav.md-nav--primary").get_by_role("link", name="Mitmachen")).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.dataset.srDrawer") == ""
    context.close()
