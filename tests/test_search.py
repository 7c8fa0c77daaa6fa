"""German search: compounds split at index time, no hit without a real match, „Keine Treffer“
with suggestions, a search field in every page's header. German queries with the results a
reader expects, run in the browser against the shipped data."""

from __future__ import annotations

import re
from importlib import metadata

import pytest

from smartregio.publish.compounds import Dictionary, cache_file
from smartregio.publish.search import index_copy

from .site_helpers import status, wait_for_hits

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


# --- the splitter --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "word, parts",
    [
        ("Bürgerhaushalt", ("Bürger", "haushalt")),
        ("Bürgerhaushalte", ("Bürger", "haushalte")),
        ("Wärmeplanung", ("Wärme", "planung")),
        ("Stadtplanung", ("Stadt", "planung")),  # a dictionary word of its own, still split
        ("Verwaltungssoftware", ("Verwaltungs", "software")),  # linking s
        ("Mängelmelder", ("Mängel", "melder")),
        ("Förderprogramm", ("Förder", "programm")),  # a verb stem as modifier
        ("Bürgerinnen", ("Bürgerinnen",)),  # no „Bürge“ and „Rinnen“
        ("Digitalisierung", ("Digitalisierung",)),
        ("Haus", ("Haus",)),
        ("Darmstadt", ("Darmstadt",)),  # a town the dictionary names: no „Darm“ and „Stadt“
        ("Herrenberg", ("Herrenberg",)),
        ("Landkreis", ("Land", "kreis")),  # a common noun, though it starts many names
    ],
)
def test_compounds_split_into_dictionary_words(dictionary, word, parts):
    assert dictionary.split(word) == parts


def test_the_word_sets_come_the_same_from_the_cache_which_keeps_no_stale_copies(tmp_path):
    folder = tmp_path / "build" / "cache"
    folder.mkdir(parents=True)
    (folder / "german-nouns-1.2.5.txt").write_text("darm\nstadt", encoding="utf-8")  # older code's
    parsed = Dictionary.load(folder)
    assert [p.name for p in folder.iterdir()] == [cache_file(folder, metadata.version("german-nouns")).name]
    again = Dictionary.load(folder)  # now read from the cache
    assert (again.nouns, again.names) == (parsed.nouns, parsed.names)
    assert "darmstadt" in parsed.names and "stadt" in parsed.nouns and "darmstadt" not in parsed.nouns
    # the same sets give the same fingerprint, read from the package, the cache or made so;
    # a kept file in another order gives another (a cache miss for the search, never a wrong hit)
    made = Dictionary(parsed.nouns, parsed.names)
    assert parsed.fingerprint == again.fingerprint == made.fingerprint
    assert Dictionary(parsed.nouns - {"stadt"}, parsed.names).fingerprint != made.fingerprint
    kept = cache_file(folder, metadata.version("german-nouns"))
    nouns, _, names = kept.read_text(encoding="utf-8").partition("\n\n")
    kept.write_text("\n".join(reversed(nouns.split("\n"))) + "\n\n" + names, encoding="utf-8")
    shuffled = Dictionary.load(folder)
    assert (shuffled.nouns, shuffled.names) == (parsed.nouns, parsed.names)
    assert shuffled.fingerprint != made.fingerprint


def test_only_nouns_are_marked_and_the_text_keeps_its_letters(dictionary):
    text = "Der Bürgerhaushalt ist ursprünglich ein MITMACHEN-Projekt der Stadtplanung."
    marked = dictionary.mark(text)
    assert marked == "Der Bürger^haushalt ist ursprünglich ein MITMACHEN-Projekt der Stadt^planung."
    assert marked.replace("^", "") == text


def test_the_names_of_places_stay_whole_their_nouns_do_not(dictionary):
    mark = dictionary.mark
    places = dictionary.proper_names(["Apfeldorf", "Landkreis Potsdam-Mittelmark", "Darmstadt"])
    assert {"Apfeldorf", "Mittelmark", "Darmstadt"} <= places and "Landkreis" not in places
    text = "In Apfeldorf und im Landkreis Potsdam-Mittelmark wächst der Apfelbaum."
    assert mark(text, places) == "In Apfeldorf und im Land^kreis Potsdam-Mittelmark wächst der Apfel^baum."
    assert mark(text) != mark(text, places)  # without the list the village would be split


def test_the_index_copy_marks_text_only_and_leaves_out_code(dictionary):
    html = (
        '<main data-pagefind-body><h1 title="Bürgerhaushalt">Bürgerhaushalt</h1>'
        "<pre><code>action_fields:\n  - mobilitaet</code></pre>"
        '<span data-pagefind-filter="sammlung">Förderprojekte</span>'
        "<script>const Wärmeplanung = 1;</script></main>"
    )
    copy = index_copy(html, dictionary)
    assert '<h1 title="Bürgerhaushalt">Bürger^haushalt</h1>' in copy  # attributes untouched
    assert "action_fields" not in copy
    assert '<span data-pagefind-filter="sammlung">Förderprojekte</span>' in copy  # filtered by
    assert "const Wärmeplanung = 1;" in copy
    assert index_copy("<main><h1>Lösungen – Seite 2</h1></main>", dictionary) is None  # Pagefind skips it


def test_the_index_copy_keeps_every_character_it_does_not_leave_out(dictionary):
    """Whole ignored elements go, with their tags; block ends keep a space after them; a „<“
    that opens no tag (cut-off markup) stays."""
    html = (
        "<main data-pagefind-body><p>Bürgerhaushalte</p>"
        '<div data-pagefind-ignore="all"><div>Wärmeplanung</div><span data-pagefind-filter="x">y</span></div>'
        "<p data-pagefind-ignore>Mobilitätsdaten <b>fett</b></p>Zeile<br>Wärmeplanung</main>"
    )
    copy = index_copy(html, dictionary)
    assert "<p>Bürger^haushalte</p> " in copy
    assert "Wärmeplanung</div>" not in copy and "data-pagefind-filter" not in copy
    assert "<p data-pagefind-ignore>Mobilitäts^daten <b>fett</b></p> Zeile<br> Wärme^planung" in copy
    assert index_copy("<main data-pagefind-body>Bürgerhaushalt <", dictionary).endswith(
        "Bürger^haushalt <</body></html>"
    )


# --- in the browser ------------------------------------------------------------------------------
# origin and browser: tests/conftest.py (the shipped site, built once per run)
@pytest.fixture
def page(page):
    yield page
    assert page.errors == []  # no script error on any search


def search(page, origin, query: str, path: str = "/suche/") -> list[str]:
    """The addresses of the hits on screen, best first."""
    page.goto(origin + path + "?q=" + query)
    expect(status(page)).to_have_text(re.compile(r"(gefunden|Keine Treffer)"))
    if "Keine Treffer" in status(page).inner_text():
        return []
    wait_for_hits(page)
    return page.locator("[data-sr-results] h2 a").evaluate_all("links => links.map(a => a.pathname)")


BUERGERHAUSHALT_TOOLS = {"/loesungen/decidim/", "/loesungen/consul-democracy/", "/loesungen/adhocracy-plus/"}
MAENGELMELDER = {"/loesungen/klarschiff/", "/loesungen/mark-a-spot/", "/loesungen/fixmystreet/"}


@pytest.mark.parametrize(
    "query, expected, within",
    [
        # budget data first, and through „Bürgerhaushalt“ a participatory budget among the first ten
        (
            "Haushalt",
            {
                "/loesungen/berliner-haushaltsdaten/",
                "/loesungen/offener-haushalt-kreis-offenbach/",
                "/loesungen/decidim/",
            },
            10,
        ),
        ("Bürgerhaushalt", BUERGERHAUSHALT_TOOLS, 5),
        ("Bürgerhaushalte", BUERGERHAUSHALT_TOOLS, 5),  # plural, as Pagefind stems
        ("Mängelmelder", MAENGELMELDER, 6),
        ("Melder", MAENGELMELDER, 10),
        ("Herrenberg", {"/kommunen/08115021/", "/loesungen/stadtnavi/"}, 5),  # the town, its tool
        ("Mitmachen", {"/mitmachen/"}, 3),
        ("Stufenplan", {"/stufenplan/"}, 3),
        # the data platform whose keywords say „Open Data“ while its text says „offene Daten“
        ("Open Data", {"/loesungen/ckan/", "/loesungen/dkan/"}, 10),
    ],
)
def test_german_queries_find_what_is_meant(page, origin, query, expected, within):
    hits = search(page, origin, query)
    assert expected <= set(hits[:within]), hits


def test_a_part_of_a_place_name_finds_no_place(page, origin):
    # Herrenberg is a town, not „Herren“ and „Berg“; Apfeldorf, a village the dictionary does
    # not know, stays whole through the place table; a Landkreis is still a Kreis
    assert "/kommunen/08115021/" not in every_hit(page, origin, "Berg")
    assert "/kommunen/09181111/" not in every_hit(page, origin, "Dorf")  # („Apfel“ finds it: a prefix)
    assert "/kommunen/12069/" in every_hit(page, origin, "Kreis")


def every_hit(page, origin, query: str) -> list[str]:
    """All the hits' addresses, „Weitere anzeigen“ pressed until none are left."""
    hits = search(page, origin, query)
    more = page.locator("[data-sr-more]:not([hidden]) button")
    while more.count():
        shown = len(hits)
        more.click()
        page.wait_for_function(  # the whole batch: the list is busy until its last hit is in
            "document.querySelectorAll('[data-sr-results] > li').length > "
            f"{shown} && !document.querySelector('[data-sr-results]').hasAttribute('aria-busy')"
        )
        hits = page.locator("[data-sr-results] h2 a").evaluate_all("links => links.map(a => a.pathname)")
    return hits


def test_a_word_found_only_as_a_shorter_word_is_no_hit(page, origin):
    # no page says „Wärmeplanung“; Pagefind alone answers with every „war“ and „waren“
    hits = search(page, origin, "Wärmeplanung")
    text = status(page).inner_text()
    if hits:
        assert "die Teile von „Wärmeplanung“" in text  # read as „Wärme“ and „Planung“
        for address in hits:
            body = page.request.get(origin + address).text().lower()
            assert "wärme" in body and "planung" in body, address
    excerpts = " ".join(page.locator("[data-sr-results] mark").all_inner_texts()).lower()
    assert not re.search(r"\bwar(en)?\b", excerpts)


def test_nonsense_says_keine_treffer_and_suggests(page, origin):
    assert search(page, origin, "Xylofonbrötchen") == []
    expect(status(page)).to_have_text("Keine Treffer für „Xylofonbrötchen“.")
    suggest = page.locator("[data-sr-suggest]")
    expect(suggest).to_be_visible()
    expect(suggest.get_by_role("link", name="Lösungen", exact=True)).to_have_attribute(
        "href", re.compile("loesungen/$")
    )
    expect(suggest.get_by_role("link", name="Mobilität und Verkehr")).to_be_visible()  # the Handlungsfelder
    first, second = (link.bounding_box() for link in suggest.locator("ul").last.get_by_role("link").all()[:2])
    assert first["y"] == second["y"]  # side by side, not an indented list


def test_suggestions_prefer_related_terms(page, origin):
    search(page, origin, "Parkhaus")  # may find pages; the term list is for a search without
    page.goto(origin + "/suche/?q=Parkenxyz")
    expect(status(page)).to_have_text(re.compile("Keine Treffer"))
    shown = page.locator("[data-sr-suggest] li:visible a").all_inner_texts()
    assert "Parken" in shown and len(shown) < 20  # alike first, not the whole list


def test_results_show_no_index_markers_no_yaml_and_singular_sections(page, origin):
    search(page, origin, "Bürgerhaushalt")
    text = page.locator("[data-sr-results]").inner_text()
    assert "^" not in text
    badges = page.locator("[data-sr-results] .sr-badge").all_inner_texts()
    assert "Lösung" in badges and "Lösungen" not in badges
    search(page, origin, "Mitmachen")
    text = page.locator("[data-sr-results]").inner_text()
    assert "action_fields" not in text and "mobilitaet" not in text


def test_a_catalogue_text_search_uses_the_split_words_and_shows_cards(page, origin):
    hits = search(page, origin, "Haushalt", "/loesungen/")
    assert set(hits) >= BUERGERHAUSHALT_TOOLS
    assert all(h.startswith("/loesungen/") for h in hits)
    titles = page.locator("[data-sr-results] h2 a").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)  # the catalogue's order, A–Z
    expect(page.locator("[data-sr-results] > li").first.locator(".sr-card__facts")).to_be_visible()


def test_the_header_search_works_from_any_page_by_keyboard(page, origin):
    page.goto(origin + "/loesungen/stadtnavi/")
    field = page.get_by_role("search", name="Website durchsuchen").get_by_role(
        "searchbox", name="Suchbegriff"
    )
    field.focus()
    page.keyboard.type("Haushalt")
    page.keyboard.press("Enter")
    expect(page).to_have_url(origin + "/suche/?q=Haushalt")
    expect(page.locator("#sr-q")).to_have_value("Haushalt")
    expect(status(page)).to_have_text(re.compile(r"^\d+ Treffer gefunden"))


def test_on_the_search_page_the_header_field_and_the_page_field_are_one_search(page, origin):
    page.goto(origin + "/suche/?q=Haushalt")
    header = page.get_by_role("search", name="Website durchsuchen").get_by_role("searchbox")
    own = page.locator("#sr-q")
    expect(header).to_have_value("Haushalt")  # the header shows what is being searched
    expect(status(page)).to_have_text(re.compile(r"^\d+ Treffer gefunden"))
    own.fill("Mängelmelder")
    expect(header).to_have_value("Mängelmelder")
    expect(page).to_have_url(origin + "/suche/?q=M%C3%A4ngelmelder")
    page.evaluate("window.sr_unloaded = false")  # a reload would drop this mark
    header.fill("Herrenberg")
    header.press("Enter")
    expect(own).to_have_value("Herrenberg")
    expect(page).to_have_url(origin + "/suche/?q=Herrenberg")
    expect(page.locator("[data-sr-results] a", has_text="stadtnavi").first).to_be_visible()
    assert page.evaluate("window.sr_unloaded") is False  # searched in place, not sent again
    page.locator("[data-sr-filters]").evaluate("form => form.reset()")  # „Filter zurücksetzen“
    expect(header).to_have_value("")


def test_on_a_phone_the_header_offers_the_search_button(browser, origin):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.goto(origin + "/stufenplan/")
    header = page.get_by_role("search", name="Website durchsuchen")
    expect(header.get_by_role("searchbox")).to_be_hidden()
    header.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"/suche/(\?q=)?$"))
    expect(page.locator("#sr-q")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_published_version_searches_its_own_pages(page, origin):
    hits = search(page, origin, "Haushalt", "/1.0.0/loesungen/")
    assert hits and all(h.startswith("/1.0.0/loesungen/") for h in hits)
    hits = search(page, origin, "Bürgerhaushalt", "/1.0.0/suche/")
    assert hits and all(h.startswith("/1.0.0/") for h in hits)


# --- a search that forgives: short words whole, synonyms from data/reference/synonyme.csv -------
def test_a_short_word_matches_whole_words_only(page, origin):
    hits = search(page, origin, "KI")
    assert "/loesungen/ki-onpremise-otterbach-otterberg/" in hits[:10], hits  # an AI platform of a town
    for address in hits[:5]:  # every hit says „KI“ as a word of its own
        body = page.request.get(origin + address).text()
        assert re.search(r"(?<![\w])KI(?![a-zäöüß])", body), address
    # Kiel and the Kinderzeit-Ferienplaner only start with „Ki“
    assert not {
        "/kommunen/01002000/",
        "/foerderprojekte/mpsc-kiel/",
        "/loesungen/kinderzeit-ferienplaner/",
    } & set(hits)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Förderung Bayern", "Förderprogramm Bayern"),  # the grant programmes of Bavaria
        ("participation", "Beteiligung"),  # English finds the German pages
    ],
)
def test_synonyms_widen_a_query_and_say_so(page, origin, query, expected):
    hits = search(page, origin, query)
    assert len(hits) >= 3, hits
    expect(status(page)).to_contain_text(f"„{expected}“")


def test_the_search_says_at_once_that_it_is_running(page, origin):
    """On a slow connection the index takes seconds: the status says so at once."""
    release = []

    def slow(route):
        release.append(route)

    page.goto(origin + "/suche/")
    page.route("**/pagefind/**", slow)
    page.locator("#sr-q").fill("Bürgerhaushalt")
    expect(status(page)).to_have_text(re.compile("^Suche läuft"))
    expect(page.locator("[data-sr-results]")).to_have_attribute("aria-busy", "true")
    page.unroute("**/pagefind/**")  # the held requests go on
    expect(status(page)).to_have_text(re.compile("gefunden"))
    expect(page.locator("[data-sr-results]")).not_to_have_attribute("aria-busy", "true")


def test_a_word_put_in_at_once_is_searched_without_waiting_for_another_key(page, origin):
    """A typed key waits a moment for the next; a word pasted, dictated or taken from the
    keyboard's suggestions is a whole query and searched at once (a quarter second sooner on
    a slow phone)."""
    page.goto(origin + "/suche/")
    put = """async (inputs) => {
        const field = document.querySelector("#sr-q");
        const status = document.querySelector("[data-sr-status]");
        const running = [];
        for (const [value, init] of inputs) {
          field.value = value;
          field.dispatchEvent(new InputEvent("input", { bubbles: true, ...init }));
          // the search's timer, if it was set without delay, runs before this one
          await new Promise((next) => setTimeout(next, 0));
          running.push(status.textContent.startsWith("Suche läuft"));
        }
        return running;
      }"""
    typed = [
        ["K", {"inputType": "insertText", "data": "K"}],
        ["Klima", {"inputType": "insertText", "data": "lima"}],
    ]
    assert page.evaluate(put, typed) == [False, True]  # a key: not yet; a word: at once
    expect(status(page)).to_have_text(re.compile("gefunden"))
    assert page.evaluate(put, [["Wärme", {"inputType": "insertFromPaste"}]]) == [True]
    expect(status(page)).to_have_text(re.compile("gefunden"))


def test_the_first_hit_shows_before_the_last_of_its_page_has_loaded(page, origin):
    """Each hit's excerpt is a request of its own: on a slow connection the first hit shows
    as soon as it is in, not when the tenth is."""
    requested = []

    def hold_all_but_the_first(route):
        requested.append(route)
        if len(requested) == 1:
            route.continue_()

    page.goto(origin + "/suche/")
    page.route("**/pagefind/fragment/**", hold_all_but_the_first)
    page.locator("#sr-q").fill("Bürgerhaushalt")
    expect(page.locator("[data-sr-results] > li")).to_have_count(1)
    assert len(requested) >= 2  # the others were asked for at the same time and are held
    for route in requested[1:]:
        route.continue_()
    page.unroute("**/pagefind/fragment/**")
    expect(page.locator("[data-sr-results] > li")).not_to_have_count(1)
    expect(status(page)).to_have_text(re.compile("gefunden"))


@pytest.mark.parametrize("path", ["/suche/", "/loesungen/"])
def test_a_mistyped_word_is_answered_with_meinten_sie_from_the_index_words(page, origin, path):
    """„Bürgerbeteilung“ (one letter missing) finds nothing; the search offers the word the
    index holds, says so in the status, and one press searches for it."""
    assert search(page, origin, "Bürgerbeteilung", path) == []
    expect(status(page)).to_contain_text("Meinten Sie „Bürgerbeteiligung“?")
    offer = page.locator("[data-sr-didyoumean] a")
    expect(offer).to_have_text("Bürgerbeteiligung")
    offer.click()
    expect(status(page)).to_have_text(re.compile(r"^\d+ .*gefunden"))
    expect(page.locator("#sr-q")).to_have_value("Bürgerbeteiligung")
    expect(page.locator("[data-sr-didyoumean]")).to_be_hidden()


def test_nonsense_gets_no_meinten_sie(page, origin):
    assert search(page, origin, "Xylofonbrötchen") == []
    expect(page.locator("[data-sr-didyoumean]")).to_be_hidden()


def test_every_hit_says_what_it_is_and_its_excerpt_keeps_words_apart(page, origin):
    """A municipality is marked „Kommune“, a page of the site „Seite“; the facts of a
    municipality page do not run together in its excerpt („Schlüssel08115021“)."""
    hits = search(page, origin, "Herrenberg")
    assert hits[0] == "/kommunen/08115021/", hits
    cards = page.locator("[data-sr-results] > li")
    expect(cards.first.locator(".sr-badge")).to_have_text("Kommune")
    badges = cards.locator(".sr-badge").all_inner_texts()
    assert len(badges) == cards.count() and all(badges)  # every hit has one
    search(page, origin, "Stufenplan")
    expect(page.locator("[data-sr-results] > li").first.locator(".sr-badge")).to_have_text("Seite")
    search(page, origin, "Amtlicher Schlüssel Herrenberg")
    excerpts = " ".join(page.locator("[data-sr-results] > li p").all_inner_texts())
    assert not re.search(r"[A-Za-zäöü]\d{5}", excerpts), excerpts


def test_words_that_stand_together_rank_the_pages_that_say_them_together(page, origin):
    hits = search(page, origin, "Smart Village App")
    assert "/loesungen/smart-village-app/" in hits[:3], hits
    for address in hits[:5]:  # the first pages say the three words together
        body = page.request.get(origin + address).text()
        assert "Smart Village App" in body or "Smart-Village-App" in body, address
