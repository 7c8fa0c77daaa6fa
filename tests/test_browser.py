"""The site in a real browser (Debian's Chromium driven by Playwright): filters, links,
requests, keyboard use and axe-core's accessibility rules."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from smartregio.pages.views import title_of

from .site_helpers import REPO, poll, settle, status, wait_for_hits

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
    "search, short word and synonyms": "/suche/?q=KI",
    "catalogue with chosen filters": "/loesungen/?handlungsfeld=Mobilit%C3%A4t+und+Verkehr&land=Bayern",
    "catalogue as a table": "/foerderprojekte/?ansicht=tabelle&sortierung=foerderung",
    "guidance": "/mitmachen/",
    "data": "/daten/",
    "api": "/api/",
    "changes": "/aenderungen/",
    "stufenplan": "/stufenplan/",
    "imprint": "/impressum/",
    "privacy": "/datenschutz/",
    "accessibility": "/barrierefreiheit/",
    "not found": "/404.html",
    "not found, deep": "/gibt/es/nicht/mehr/",
    "version": "/1.0.0/loesungen/stadtnavi/",
}


# origin, browser and page: tests/conftest.py (the shipped site, built once per run)


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
    page.locator('[data-facet="handlungsfeld"]').get_by_label("Mobilität und Verkehr").check()
    expect(status(page)).to_have_text(f"{len(mobility)} Lösungen gefunden.")
    # the first cards of the list (catalogue.js shows 20 at a time, „Weitere anzeigen“ the rest)
    expect(page.locator("[data-sr-results] > li")).to_have_count(min(len(mobility), 20))
    stable_mobility = sum(1 for s in mobility if s.development_status == "stable")
    expect(stable_box.locator("[data-count]")).to_have_text(f"({stable_mobility})")
    assert "handlungsfeld=Mobilit%C3%A4t+und+Verkehr" in page.url

    fresh = page.context.new_page()
    fresh.goto(page.url)
    expect(
        fresh.locator('[data-facet="handlungsfeld"]').get_by_label("Mobilität und Verkehr")
    ).to_be_checked()
    expect(status(fresh)).to_have_text(f"{len(mobility)} Lösungen gefunden.")
    wait_for_hits(fresh)
    while fresh.locator("[data-sr-more]").is_visible():  # the rest, 20 cards at a time
        shown = fresh.locator("[data-sr-results] > li").count()
        fresh.locator("[data-sr-more] button").click()
        expect(fresh.locator("[data-sr-results] > li")).not_to_have_count(shown)
        wait_for_hits(fresh)  # the whole batch, after which the button shows again if there is more
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
        wait_for_hits(page)  # rendered after the count, one by one
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
        with page.expect_navigation(wait_until="load"):  # the whole next page, not its first part
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
    choose = page.locator("[data-sr-choose]")
    expect(choose).not_to_have_attribute("open", "")  # a linked comparison shows the table first
    choose.locator("summary").click()
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
    settle(page)  # what the page's scripts fetch after loading is asked for by now
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
    settle(page)  # fades and lists built by script are done
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


def longest_titles(catalogue) -> dict[str, str]:
    """Per collection the entry with the longest title and the one with the longest word in
    it (what overflows a phone), and the place with the longest name."""
    from smartregio.addresses import url

    pages = {}
    for collection, entries in catalogue.entries.items():
        by_length = max(entries.values(), key=lambda e: len(title_of(e)))
        by_word = max(entries.values(), key=lambda e: max(len(w) for w in title_of(e).split()))
        pages[f"{collection}, longest title"] = url(collection, by_length.id)
        pages[f"{collection}, longest word"] = url(collection, by_word.id)
    place = max(catalogue.reference.places.values(), key=lambda p: len(p.name))
    pages["place, longest name"] = url("places", place.key)
    return pages


def test_no_page_scrolls_sideways_on_a_phone(browser, origin, catalogue):
    """At 320 and 390 px, each page loaded at that width: the page no wider than the screen.
    (Pages load in batches, each page of a batch in a tab of its own at each width: their
    waits for a quiet page overlap.)"""
    pages = {
        **PAGES,
        **longest_titles(catalogue),
        "transfer": "/transfer/",
        "compare, empty": "/vergleich/",
        # cards whose facts hold long words (Digitalisierungsverantwortliche, Bundesministerium …)
        "guideline catalogue": "/leitfaeden/",
        "programme catalogue": "/programme/",
    }
    assert len(pages) > len(PAGES) + 8
    contexts = {width: browser.new_context(viewport={"width": width, "height": 800}) for width in (320, 390)}
    tabs = [(width, context.new_page()) for width, context in contexts.items() for _ in range(SIDE_BY_SIDE)]
    wide = {}
    checked = 0
    names = list(pages)
    for batch in range(0, len(names), SIDE_BY_SIDE):
        loaded = []
        for n, name in enumerate(names[batch : batch + SIDE_BY_SIDE]):
            for width, tab in tabs[n::SIDE_BY_SIDE]:
                tab.goto(origin + pages[name], wait_until="load")
                loaded.append((name, width, tab))
        for name, width, tab in loaded:
            settle(tab)
            scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert inner == width
            checked += 1
            if scroll > inner:
                wide[f"{name} ({width} px)"] = (pages[name], scroll)
    assert checked == 2 * len(pages)
    assert wide == {}
    for context in contexts.values():
        context.close()


SIDE_BY_SIDE = 6  # pages loaded at once, at each width


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_starts_with_a_skip_link_to_the_content(browser, origin, name):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(origin + PAGES[name], wait_until="networkidle")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const a = document.activeElement;
        const target = document.getElementById((a.getAttribute('href') || '#').slice(1));
        return {text: a.textContent.trim(),
                inMain: !!target && !!target.closest('main') && !!target.querySelector('h1')}; }""")
    assert focused == {"text": "Zum Inhalt springen", "inMain": True}
    skip = page.locator(":focus")
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_css("opacity", "1")  # shown while focused
    assert page.locator("a", has_text="Zum Inhalt springen").count() == 1
    page.keyboard.press("Enter")
    expect(page.locator("#sr-inhalt")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is after the article's start, past header and navigation
    assert page.evaluate("""() => { const e = document.activeElement;
        return !e.closest('header, .md-sidebar') && !!(document.getElementById('sr-inhalt')
            .compareDocumentPosition(e) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)); }""")
    context.close()


SEEN = """() => { const e = document.activeElement;
    if (!e || e === document.body) return false;
    const box = e.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || getComputedStyle(e).visibility !== 'visible') return false;
    for (let n = e; n; n = n.parentElement) if (getComputedStyle(n).opacity === '0') return false;
    return true; }"""


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no script"])
def test_every_tab_stop_is_a_control_the_reader_sees(browser, origin, javascript):
    """Tab through whole pages: no stop on something invisible (Material's hidden back-to-top
    button took the focus until its script ran, then dropped it), and the focus never leaves."""
    names = ["changes", "solution", "project", "guideline", "data", "imprint", "not found", "search"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    unseen = {}
    for name in names:
        page.goto(origin + PAGES[name], wait_until="networkidle")
        left = 0  # past the last stop the focus goes to the browser, once, then comes round
        for press in range(300):
            page.keyboard.press("Tab")
            where = page.evaluate("""() => { const e = document.activeElement;
                return e === document.body ? 'page' : e.classList.contains('sr-skip') ? 'skip' : 'stop'; }""")
            if where == "skip" and press:
                break
            if where == "page":
                left += 1
                continue
            if not poll(page, SEEN, seconds=2):  # a fade-in may still run
                unseen.setdefault(name, []).append(
                    page.evaluate("(e => e.outerHTML.slice(0, 120))(document.activeElement)")
                )
        else:
            pytest.fail(f"{name}: 300 Tab stops without coming round")
        assert left <= 1, f"{name}: the focus fell back to the page {left} times"
    assert unseen == {}
    context.close()


def _focus_stops(page, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate("""() => { const e = document.activeElement;
                return {drawer: !!e.closest('.md-sidebar--primary'), text: (e.textContent || '').trim()}; }""")
        )
    return stops


def test_the_closed_phone_menu_takes_no_keyboard_focus(browser, origin):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(origin + "/foerderprojekte/mpsc-paderborn/", wait_until="networkidle")
    stops = _focus_stops(page, 40)
    assert not [s for s in stops if s["drawer"]]
    assert any(s["text"] == "Modellprojekte Smart Cities" for s in stops)  # Tab got into the content
    button = page.get_by_role("button", name="Navigation")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")  # focus moved in
    opened = _focus_stops(page, 30)
    assert "Mitmachen" in [s["text"] for s in opened if s["drawer"]]  # the open menu is usable
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()  # slid out, then hidden
    assert not [s for s in _focus_stops(page, 20) if s["drawer"]]
    context.close()


def test_the_sidebar_navigation_stays_usable_by_keyboard_on_a_wide_screen(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(origin + "/loesungen/", wait_until="networkidle")
    stops = _focus_stops(page, 25)
    assert {"Lösungen", "Mitmachen"} <= {s["text"] for s in stops if s["drawer"]}
    context.close()


def test_the_version_menu_leads_to_the_same_page_in_another_version(page, origin):
    releases = json.loads((REPO / "data/.releases/1.0.0/manifest.json").read_text(encoding="utf-8"))
    day = "{2}.{1}.{0}".format(*releases["date"].split("-"))
    page.goto(origin + "/1.0.0/loesungen/stadtnavi/", wait_until="networkidle")
    menu = page.locator(".md-version")
    expect(menu.locator(".md-version__current")).to_have_text(f"1.0.0 – Datenstand {day}")
    links = menu.locator(".md-version__link").all_inner_texts()
    assert links[0] == "Aktueller Stand (laufend aktualisiert)"  # the current state first
    assert (
        f"1.0.0 – Datenstand {day}" in links[1:]
        and len(links) == len(list(REPO.glob("data/.releases/*/"))) + 1
    )
    menu.locator(".md-version__current").focus()  # the list opens for keyboard focus and hover
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Aktueller Stand (laufend aktualisiert)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(origin + "/loesungen/stadtnavi/")
    expect(menu.locator(".md-version__current")).to_have_text("Aktueller Stand (laufend aktualisiert)")
    menu.hover()
    menu.get_by_role("link", name=f"1.0.0 – Datenstand {day}").click()
    expect(page).to_have_url(origin + "/1.0.0/loesungen/stadtnavi/")
    assert page.errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no script"])
def test_a_published_version_says_it_is_older_and_links_the_current_page(browser, origin, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    for old, current in (("/1.0.0/loesungen/stadtnavi/", "/loesungen/stadtnavi/"), ("/1.0.0/", "/")):
        page.goto(origin + old)
        notice = page.locator(".sr-release")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Ältere Version")
        expect(notice).to_contain_text("Version 1.0.0 der Daten")
        notice.get_by_role("link", name="Diese Seite im aktuellen Stand ansehen").click()
        expect(page).to_have_url(origin + current)
        expect(page.locator(".sr-release")).to_have_count(0)  # the current pages carry no notice
    context.close()


@pytest.mark.parametrize(
    ("name", "prefix"), [("start", ""), ("guideline", ""), ("version", "/1.0.0"), ("not found, deep", "")]
)
def test_every_footer_links_imprint_privacy_and_accessibility_by_keyboard(browser, origin, name, prefix):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(origin + PAGES[name], wait_until="networkidle")
    legal = page.locator("footer").get_by_role("navigation", name="Rechtliches")
    expect(legal.get_by_role("link")).to_have_text(["Impressum", "Datenschutz", "Barrierefreiheit"])
    page.locator("body").focus()
    seen = []  # backwards from the end of the page: the footer's links are the last stops
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        seen.append(
            page.evaluate("(e => e.closest('footer') ? e.textContent.trim() : '')(document.activeElement)")
        )
        if seen[-1] == "Impressum":
            break
    assert seen[-3:] == ["Barrierefreiheit", "Datenschutz", "Impressum"]
    page.keyboard.press("Enter")
    expect(page).to_have_url(origin + prefix + "/impressum/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Impressum")
    context.close()


SCROLLERS = """() => [...document.querySelectorAll('.md-content *')]
    .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1
                 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    .map(e => ({tag: e.tagName, name: e.getAttribute('aria-label') || '', role: e.getAttribute('role') || '',
                focusable: e.tabIndex >= 0 || !!e.querySelector('a[href], button, input, select, [tabindex]')}))"""


@pytest.mark.parametrize("name", ["api", "data", "guidance"])
def test_wide_code_blocks_take_the_focus_and_scroll_by_keyboard(browser, origin, name):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(origin + PAGES[name], wait_until="load")  # at once, not after Material's own check
    scrollers = page.evaluate(SCROLLERS)
    code = [s for s in scrollers if s["tag"] == "CODE"]
    assert code, "the page has code wider than a phone"
    assert [s for s in scrollers if not s["focusable"]] == []
    assert {(s["role"], s["name"]) for s in code} == {("group", "Codebeispiel, seitlich scrollbar")}
    block = page.locator('pre > code[tabindex="0"]').first
    block.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(block).not_to_have_js_property("scrollLeft", 0)
    context.close()


def test_the_404_page_searches_and_links_from_any_depth(browser, origin):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(origin + "/gibt/es/nicht/mehr/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
        form = page.get_by_role("search", name="Seite suchen")  # the page's own, not the header's
        form.get_by_label("Suchbegriff").fill("Parken")
        form.get_by_role("button", name="Suchen").click()
        expect(page).to_have_url(origin + "/suche/?q=Parken")
        if javascript:
            expect(status(page)).to_have_text(re.compile(r"^[1-9]\d* Treffer gefunden"))
        page.goto(origin + "/gibt/es/nicht/mehr/")
        page.locator("#sr-inhalt").get_by_role("link", name="Förderprojekte").click()
        expect(page).to_have_url(origin + "/foerderprojekte/")
        page.goto(origin + "/1.0.0/404.html")  # a version's own copy stays in that version
        form = page.get_by_role("search", name="Seite suchen")
        form.get_by_label("Suchbegriff").fill("Parken")
        form.get_by_role("button", name="Suchen").click()
        expect(page).to_have_url(origin + "/1.0.0/suche/?q=Parken")
        context.close()


def test_the_changes_page_counts_a_long_list_and_links_the_whole_changelog(browser, origin, shipped_site):
    """Release 2.0.0 names every official place: the page counts them; the text file beside it
    has every line of CHANGELOG.md."""
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    full = (shipped_site / "aenderungen/vollstaendig.txt").read_text(encoding="utf-8-sig")
    assert full == changelog
    page = browser.new_page()
    page.goto(origin + "/aenderungen/")
    article = page.locator("article")
    expect(article).to_contain_text("Einträge (")
    expect(article).to_contain_text("zu viele, um sie hier aufzuzählen")
    assert article.locator("li").count() < 1000  # not twelve thousand lines
    with page.expect_response(lambda r: r.url.endswith("/aenderungen/vollstaendig.txt")) as answer:
        page.get_by_role("link", name="Textdatei aller Änderungen").first.click()
    assert answer.value.status == 200
    page.close()
