"""What a reader sees first: catalogue cards with the facts, the contact, named sources,
German numbers and plurals — in the built pages and, where a script draws them, in Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from smartregio.pages.addressnames import describe_address
from smartregio.text import format_eur, format_eur_compact

from .site_helpers import status, wait_for_hits

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    return shipped_site  # built once per run (tests/conftest.py), served as ``origin``


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def cards_of(html: str) -> list[str]:
    return re.findall(r'<li class="sr-card">(.*?)</li>', html, re.S)


def most_used(catalogue):
    # ties in title order, as the catalogue sorts them
    return min(catalogue.entries["solutions"].values(), key=lambda s: (-len(s.used_by), s.name.casefold()))


# --- cards -------------------------------------------------------------------------------------
def test_solution_cards_answer_licence_status_adoption_land_and_phase(site, catalogue):
    solution = most_used(catalogue)
    places = catalogue.reference.places
    html = (site / "loesungen/index.html").read_text(encoding="utf-8")
    pages = [html, *(p.read_text(encoding="utf-8") for p in (site / "loesungen").glob("seite_*/index.html"))]
    card = next(text_of(c) for page in pages for c in cards_of(page) if f'{solution.id}/"' in c)
    assert f"läuft in {len(solution.used_by)} Kommunen" in card
    first = sorted((places[k].name for k in solution.used_by), key=str.casefold)[0]
    assert first in card  # where it runs, below the count
    assert "Lizenz" in card and (solution.licence or "Open Source") in card
    assert catalogue.reference.label("development_status", solution.development_status) in card
    assert catalogue.reference.label("transfer_phase", solution.transfer_readiness) in card
    assert " Land " in card or " Länder " in card


def test_a_card_says_one_land_in_the_singular(site, catalogue):
    one = next(
        s
        for s in sorted(catalogue.entries["solutions"].values(), key=lambda s: s.name.casefold())
        if len({catalogue.reference.places[k].land for k in [*s.origin, *s.used_by]}) == 1
    )
    cards = json.loads((site / "api/v1/loesungen/karten/0.json").read_text(encoding="utf-8"))
    cards += json.loads((site / "api/v1/loesungen/karten/1.json").read_text(encoding="utf-8"))
    card = next(c for c in cards if c["u"] == f"/loesungen/{one.id}/")
    labels = [f[0] for f in card["f"]]
    assert "Land" in labels and "Länder" not in labels


def test_script_cards_carry_the_same_facts_as_the_page(site):
    html = (site / "loesungen/index.html").read_text(encoding="utf-8")
    first = text_of(cards_of(html)[0])
    card = json.loads((site / "api/v1/loesungen/karten/0.json").read_text(encoding="utf-8"))[0]
    for label, text, *detail in card["f"]:
        assert f"{label} {text}" in first
        for d in detail:
            assert d in first


def test_adoption_order_puts_the_most_used_solution_first(site, catalogue):
    index = json.loads((site / "api/v1/loesungen/facetten.json").read_text(encoding="utf-8"))
    order = index["order"]["verbreitung"]
    addresses = json.loads((site / "api/v1/loesungen/adressen.json").read_text(encoding="utf-8"))
    used = {f"/loesungen/{s.id}/": len(s.used_by) for s in catalogue.entries["solutions"].values()}
    counts = [used[addresses[n]] for n in order]
    assert counts == sorted(counts, reverse=True) and len(order) == len(used)


def test_project_cards_name_lead_period_and_outcome(site, catalogue):
    project = catalogue.entries["funding-projects"]["mpsc-paderborn"]
    html = (site / "foerderprojekte/index.html").read_text(encoding="utf-8")
    pages = [
        html,
        *(p.read_text(encoding="utf-8") for p in (site / "foerderprojekte").glob("seite_*/index.html")),
    ]
    card = next(text_of(c) for page in pages for c in cards_of(page) if 'mpsc-paderborn/"' in c)
    assert f"Laufzeit {project.start}–{project.end}" in card
    assert f"{len(project.measures)} Maßnahmen" in card
    assert "Federführend Paderborn" in card


# --- entry pages -------------------------------------------------------------------------------
def test_contact_comes_first_and_says_when_none_is_known(site, catalogue):
    solutions = catalogue.entries["solutions"].values()
    with_mail = next(s for s in solutions if s.contact and s.contact.startswith("mailto:"))
    page = (site / f"loesungen/{with_mail.id}/index.html").read_text(encoding="utf-8")
    assert page.index('id="ansprechpartner"') < page.index('id="eckdaten"')
    contact = page[
        page.index('id="ansprechpartner"') : page.index("</section>", page.index('id="ansprechpartner"'))
    ]
    assert f'href="{with_mail.contact}"' in contact and "E-Mail:" in contact
    without = next((s for s in solutions if not s.contact), None)
    if without is not None:
        page = (site / f"loesungen/{without.id}/index.html").read_text(encoding="utf-8")
        assert "noch keine Kontaktadresse hinterlegt" in page


def test_sources_are_named_links_not_bare_addresses(site, catalogue):
    solution = catalogue.entries["solutions"]["smart-village-app"]
    page = (site / "loesungen/smart-village-app/index.html").read_text(encoding="utf-8")
    sources = page[page.index('id="quellen"') :]
    for address in solution.sources:
        link = re.search(rf'<a href="{re.escape(address)}"[^>]*>(.*?)</a>', sources)
        assert link, address
        assert link.group(1) != address and not link.group(1).startswith("http")
    assert "GitHub: smart-village-solutions/smart-village-app-app" in unescape(sources)
    page = unescape((site / "loesungen/giess-den-kiez/index.html").read_text(encoding="utf-8"))
    assert "gie a bit more the bume" not in page  # a slug shown as it is written, not as a sentence
    assert "app.media.ccc.de: v › bitsundbaeume-20060-gie-a-bit-more-the-bume" in page


def test_money_shows_its_unit_once_and_numbers_are_german(site, catalogue):
    project = next(p for p in catalogue.entries["funding-projects"].values() if p.funding_amount)
    page = text_of((site / f"foerderprojekte/{project.id}/index.html").read_text(encoding="utf-8"))
    assert "(EUR)" not in page
    amount = f"{project.funding_amount:,.0f}".replace(",", ".") + " €"
    assert f"Fördersumme {amount}" in page
    place = catalogue.reference.places["05766020"]
    page = text_of((site / "kommunen/05766020/index.html").read_text(encoding="utf-8"))
    assert f"{place.lat:.4f}".replace(".", ",") + "° N" in page


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_146_000_000, "1,15 Mrd. €"),
        (820_000_000, "820 Mio. €"),
        (12_500_000, "12,5 Mio. €"),
        (8_000_000, "8 Mio. €"),
        (100_000_000, "100 Mio. €"),
        (999_700_000, "1 Mrd. €"),  # rounded up, not „1.000 Mio. €“
        (2_000_000_000, "2 Mrd. €"),
        (450_000, "450.000 €"),  # below a million the exact amount
        (1234.5, "1.234,50 €"),
    ],
)
def test_large_amounts_are_written_short_and_unbreakable(value, shown):
    compact = format_eur_compact(value)
    assert compact == shown.replace(" ", "\u00a0")  # one unbreakable unit on a tile or card
    assert compact.replace("\u00a0", " ") == shown


def test_tiles_and_cards_give_the_short_amount_and_keep_the_exact_one(site, catalogue):
    volume = sum(p.volume or 0 for p in catalogue.entries["programmes"].values())
    start = (site / "index.html").read_text(encoding="utf-8")
    tile = re.search(r'<strong class="sr-amount sr-amount--money" title="([^"]+)">([^<]+)</strong>', start)
    assert tile and unescape(tile.group(1)) == format_eur(volume)
    assert unescape(tile.group(2)) == format_eur_compact(volume)
    programme = max(catalogue.entries["programmes"].values(), key=lambda p: p.volume or 0)
    cards = (site / "programme/index.html").read_text(encoding="utf-8")
    card = next(c for c in cards_of(cards) if f'{programme.id}/"' in c)
    assert format_eur_compact(programme.volume) in unescape(card)  # with its unbreakable spaces
    assert format_eur(programme.volume) not in text_of(card)
    entry = text_of((site / f"programme/{programme.id}/index.html").read_text(encoding="utf-8"))
    assert format_eur(programme.volume) in entry  # the entry page keeps the exact amount


def test_map_counts_in_singular_and_plural(site):
    page = (site / "karte/index.html").read_text(encoding="utf-8")
    page = page[page.index('class="sr-map"') :]
    assert "(e)" not in page and "(en)" not in page
    assert re.search(r": 1 Förderprojekt[,<\"]", page) and re.search(
        r": [2-9] Förderprojekte|1 Lösung im", page
    )


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        ("https://github.com/it-at-m/dave", "GitHub: it-at-m/dave"),
        ("https://github.com/a/b/blob/HEAD/publiccode.yml", "GitHub: a/b › publiccode.yml"),
        ("https://www.smart-city-dialog.de/mpsc/paderborn", "Smart City Dialog: mpsc › paderborn"),
        ("https://example.org/", "example.org"),
        (
            "https://www.example.org/amt/berichte/Jahresbericht_2024.pdf",
            "example.org: berichte › Jahresbericht 2024 (PDF)",
        ),
        ("https://de.wikipedia.org/wiki/Gie%C3%9Fen", "Wikipedia: wiki › Gießen"),
        ("https://www.example.org/news/index.php", "example.org: news"),
        # a slug stays a slug: its hyphens made spaces read as a mangled sentence
        (
            "https://app.media.ccc.de/v/bitsundbaeume-20060-gie-a-bit-more-the-bume",
            "app.media.ccc.de: v › bitsundbaeume-20060-gie-a-bit-more-the-bume",
        ),
        (
            "https://de.wikipedia.org/wiki/Landkreis_Potsdam-Mittelmark",
            "Wikipedia: wiki › Landkreis Potsdam-Mittelmark",
        ),
        # text fragments quote the page, cut anywhere: never part of the name
        (
            "https://www.example.org/foerderung/aufruf#:~:text=Gie%C3%9F%20a%20bit%20more",
            "example.org: foerderung › aufruf",
        ),
        ("https://example.org/seite%23:~:text=B%C3%A4ume%20gie%C3%9Fen", "example.org: seite"),
        ("https://example.org/%23:~:text=B%C3%A4ume", "example.org"),
        ("https://example.org/suche?q=gie%C3%9Fen", "example.org: suche"),
        # percent-encoding in another charset stays as written, no replacement character
        ("https://example.org/amt/Bericht%E4nderung.html", "example.org: amt › Bericht%E4nderung"),
        ("https://example.org/amt/Stra%C3%9Fen%20und%20Pl%C3%A4tze", "example.org: amt › Straßen und Plätze"),
    ],
)
def test_addresses_get_a_readable_name(catalogue, address, shown):
    assert describe_address(address, catalogue.reference.label) == shown


# --- in the browser ----------------------------------------------------------------------------
# origin and browser: tests/conftest.py


@pytest.mark.parametrize("width", [1280, 390])
def test_first_results_show_without_scrolling_and_filters_fold(browser, origin, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(origin + "/loesungen/")
    wait_for_hits(page)  # the first batch drawn (cards come one by one; the list is busy till then)
    first = page.locator("[data-sr-results] > li").first
    expect(first.locator("dl.sr-card__facts")).to_be_visible()  # drawn by the script, facts included
    assert first.bounding_box()["y"] < 900
    facets = page.locator("[data-sr-facets]")
    expect(facets).not_to_have_attribute("open", "")
    page.locator("[data-sr-facets] > summary").click()
    expect(page.locator("[data-facet=handlungsfeld]")).to_be_visible()
    option = page.locator("[data-facet=handlungsfeld] input").first
    option.check()
    value = option.get_attribute("value")
    expect(page.locator("[data-sr-active]")).to_have_text("(1 ausgewählt)")
    page.reload()  # a shared link with a selection: filters folded, the choice as a chip
    expect(facets).not_to_have_attribute("open", "")
    chip = page.locator("[data-sr-chips]").get_by_role(
        "button", name=f"Filter Handlungsfeld: {value} entfernen"
    )
    expect(chip).to_be_visible()
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < 900  # the first result in view on arrival
    chip.click()  # removes the value and searches again
    expect(page.locator("[data-sr-chips]")).to_be_hidden()
    expect(page.locator("[data-sr-active]")).to_have_text("")
    expect(page.locator("#sr-ergebnisse")).to_be_focused()
    assert "handlungsfeld" not in page.url
    page.close()


def test_a_link_leads_past_the_filters_to_the_results(browser, origin):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(origin + "/foerderprojekte/")
    expect(page.locator("[data-sr-results] > li").first).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zu den Ergebnissen")
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sr-ergebnisse")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is the first result, not a filter
    expect(page.locator("[data-sr-results] > li").first.locator("a").first).to_be_focused()
    page.close()


def test_sort_by_adoption_and_text_hits_keep_their_facts(browser, origin, catalogue):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/loesungen/")
    page.select_option("#sr-sort", "verbreitung")
    top = most_used(catalogue)
    expect(page.locator("[data-sr-results] > li h2").first).to_have_text(top.name)
    expect(page.locator("[data-sr-results] > li").first).to_contain_text(
        f"läuft in {len(top.used_by)} Kommunen"
    )
    page.fill("#sr-q", top.name.split()[0])
    hit = page.locator("[data-sr-results] > li", has_text=top.name).first
    expect(hit.locator("dl.sr-card__facts")).to_contain_text("Lizenz")
    page.close()


def test_comparison_keeps_the_chosen_order_and_links_values(browser, origin):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/vergleich/?l=stadtnavi,abimo")
    page.locator("[data-sr-choose] summary").click()
    page.get_by_label("CKAN", exact=True).check()
    heads = page.locator("[data-sr-table] thead th a")
    expect(heads).to_have_count(3)
    names = heads.all_inner_texts()
    assert names[0].startswith("stadtnavi") and names[1].startswith("ABIMO") and names[2] == "CKAN"
    assert page.url.endswith("?l=stadtnavi,abimo,ckan")
    code = page.locator("[data-sr-table] tr", has=page.locator("th", has_text="Quellcode"))
    expect(code.locator("a").first).to_have_attribute("href", re.compile(r"^https://"))
    page.close()


# Where a line ends inside a word: the character before the break must be a space, a (soft)
# hyphen or a slash. Soft hyphens show only where the line breaks; a no-break space must not.
BROKEN_WORDS = """root => { const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data; let top = null; let before = ' ';
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = [...range.getClientRects()].at(-1);  // a char after a soft hyphen also has the hyphen's
      if (box && box.width > 0 && box.height > 0) {
        const newLine = top !== null && box.top > top + 2;
        if (newLine && !/[ \\t\\n\\u00ad\\-\\u2010\\/]/.test(before) && !/[ \\t\\n]/.test(text[i]))
          broken.push(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 8));
        top = box.top;
      }
      before = text[i];
    }
  }
  return broken; }"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_tiles_and_card_facts_break_no_number_and_no_word_without_a_hyphen(browser, origin, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    broken = {}
    places = (
        ("/", ".sr-figures li"),
        ("/programme/", ".sr-card__facts"),
        ("/leitfaeden/", ".sr-card__facts"),
    )
    for path, selector in places:
        page.goto(origin + path, wait_until="networkidle")
        boxes = page.locator(selector)
        assert boxes.count() > 0, path
        for n in range(boxes.count()):
            if found := boxes.nth(n).evaluate(BROKEN_WORDS):
                broken.setdefault(path, []).extend(found)
    assert broken == {}
    page.goto(origin + "/", wait_until="networkidle")
    tile = page.locator(".sr-amount--money")  # the amount stays inside its tile
    assert tile.evaluate(
        "e => e.getBoundingClientRect().right <= e.parentElement.getBoundingClientRect().right"
    )
    page.close()


def test_a_linked_comparison_shows_its_table_first_with_a_sticky_label_column(browser, origin):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.goto(origin + "/vergleich/?l=stadtnavi,abimo,ckan,decidim")
    table = page.locator("[data-sr-table] table")
    expect(table.locator("thead th")).to_have_count(5)
    assert table.bounding_box()["y"] < 800  # in view, not under the list of every solution
    region = page.locator("[data-sr-table]")
    label = table.locator("th[scope=row]").first
    before = label.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = 400; }")
    page.wait_for_function("document.querySelector('[data-sr-table]').scrollLeft > 0")
    assert abs(label.bounding_box()["x"] - before) <= 2  # the labels stay while the values scroll
    page.get_by_role("button", name="Link kopieren").click()
    expect(page.locator("[data-sr-copied]")).to_have_text("Link kopiert.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def published_projects(page, origin) -> list[list[str]]:
    """The rows of the published table of funding projects, header first."""
    text = page.request.get(origin + "/daten/latest/funding-projects.csv").text()
    return list(csv.reader(io.StringIO(text, newline="")))


def test_a_filtered_selection_downloads_as_csv_cut_from_the_published_table(browser, origin):
    """A journalist filters the NRW projects and takes them along: the same columns and values
    as the full download, only the rows on screen, in the order shown."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/foerderprojekte/?land=Nordrhein-Westfalen&sortierung=foerderung")
    expect(status(page)).to_have_text(re.compile(r"^\d+ Förderprojekte? gefunden"))
    shown = int(re.match(r"\d+", status(page).inner_text()).group())
    first = page.locator("[data-sr-results] > li h2 a").first.get_attribute("href")
    with page.expect_download() as info:
        page.get_by_role("button", name="Auswahl herunterladen (CSV)").click()
    download = info.value
    assert download.suggested_filename == "foerderprojekte-auswahl.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"), newline="")))
    published = published_projects(page, origin)
    assert rows[0] == published[0]  # the same headers as the full download
    assert len(rows) - 1 == shown
    whole = {row[0]: row for row in published[1:]}
    assert all(row == whole[row[0]] for row in rows[1:])  # values unchanged
    land = published[0].index("laender")
    assert all("NW" in row[land].split(",") for row in rows[1:])
    assert first.rstrip("/").endswith(rows[1][0])  # in the order shown: the largest grant first
    expect(page.locator("[data-sr-downloaded]")).to_contain_text(f"{shown} Einträge als CSV heruntergeladen")
    page.close()


def test_the_selection_downloads_as_an_excel_workbook_too(browser, origin, tmp_path):
    from openpyxl import load_workbook

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/foerderprojekte/?land=Bayern")
    expect(status(page)).to_have_text(re.compile(r"^\d+ Förderprojekte? gefunden"))
    shown = int(re.match(r"\d+", status(page).inner_text()).group())
    with page.expect_download() as info:
        page.get_by_role("button", name="Auswahl herunterladen (Excel)").click()
    assert info.value.suggested_filename == "foerderprojekte-auswahl.xlsx"
    info.value.save_as(tmp_path / "auswahl.xlsx")
    sheet = load_workbook(tmp_path / "auswahl.xlsx", read_only=True).active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    published = published_projects(page, origin)
    assert rows[0] == published[0]  # the same headers as the full download
    assert len(rows) - 1 == shown
    whole = {row[0]: row for row in published[1:]}
    assert all(row == whole[row[0]] for row in rows[1:])  # every value as published
    lead = published[0].index("lead")
    assert {row[lead] for row in rows[1:] if row[lead]} and all(
        row[lead].startswith("0") for row in rows[1:] if row[lead]
    )  # official keys stay text, with their leading zero
    page.close()


def test_solutions_are_added_to_the_comparison_from_the_catalogue(browser, origin):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(origin + "/loesungen/")
    cards = page.locator("[data-sr-results] > li")
    wait_for_hits(page)  # the script's cards, which carry the button
    expect(cards.first.locator("dl.sr-card__facts")).to_be_visible()
    tray = page.get_by_role("region", name="Vergleich")
    expect(tray).to_be_hidden()
    names = cards.locator("h2 a").all_inner_texts()[:2]
    for i in range(2):
        button = cards.nth(i).get_by_role("button", name=re.compile("^Zum Vergleich hinzufügen"))
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    expect(tray).to_contain_text("2 von 4 im Vergleich")
    cards.nth(15).scroll_into_view_if_needed()
    box = tray.bounding_box()
    assert box["y"] + box["height"] <= 800 + 1  # the tray stays in view while the reader scrolls
    page.reload()  # kept for the tab
    expect(tray).to_contain_text("2 von 4 im Vergleich")
    tray.get_by_role("link", name="Vergleichen").click()
    heads = page.locator("[data-sr-table] thead th a")
    expect(heads).to_have_count(2)
    assert [h.split(" ")[0] for h in heads.all_inner_texts()] == [n.split(" ")[0] for n in names]
    page.close()


def _by_grant(catalogue) -> list:
    """The projects with a federal grant, as the catalogue orders them: largest first, equal
    amounts in title order."""
    projects = [p for p in catalogue.entries["funding-projects"].values() if p.funding_amount is not None]
    return sorted(projects, key=lambda p: (-round(p.funding_amount), p.title.casefold()))


def test_a_catalogue_turns_into_a_table_sorted_by_its_columns(browser, origin, catalogue):
    """A journalist reads the projects as a table: federal grant and total budget in columns of
    their own, sorted by the grant, turned round with a second click, then by the budget; the
    view and the order stay in the link."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/foerderprojekte/")
    expect(status(page)).to_have_text(re.compile(r"^\d+ Förderprojekte gefunden"))
    page.get_by_role("radio", name="Tabelle").check()
    table = page.locator("[data-sr-table] table")
    expect(table).to_be_visible()
    expect(page.locator("[data-sr-results]")).to_be_hidden()
    expect(table.locator("thead th")).to_have_text(
        ["Titel", "Federführend", "Land", "Laufzeit", "Bundesförderung", "Gesamtbudget", "Status"]
    )
    expect(table.locator("tbody tr")).to_have_count(20)
    grant = table.locator("thead th", has_text="Bundesförderung")
    grant.get_by_role("button").click()
    expect(grant).to_have_attribute("aria-sort", "descending")
    ordered = _by_grant(catalogue)
    first = table.locator("tbody tr").first
    expect(first.locator("th")).to_have_text(ordered[0].title)
    expect(first.locator("td").nth(3)).to_have_text(format_eur_compact(ordered[0].funding_amount))
    assert "sortierung=foerderung" in page.url and "ansicht=tabelle" in page.url
    grant.get_by_role("button").click()  # the same column again: the smallest grant first
    expect(grant).to_have_attribute("aria-sort", "ascending")
    expect(first.locator("th")).to_have_text(ordered[-1].title)
    assert "richtung=umgekehrt" in page.url
    budget = table.locator("thead th", has_text="Gesamtbudget")
    budget.get_by_role("button").click()
    expect(budget).to_have_attribute("aria-sort", "descending")
    expect(grant).not_to_have_attribute("aria-sort", re.compile(".*"))
    largest = min(
        (p for p in catalogue.entries["funding-projects"].values() if p.total_budget is not None),
        key=lambda p: (-round(p.total_budget), p.title.casefold()),
    )
    expect(first.locator("td").nth(4)).to_have_text(format_eur_compact(largest.total_budget))
    assert "richtung" not in page.url
    page.get_by_role("button", name="Weitere anzeigen").click()
    expect(table.locator("tbody tr")).to_have_count(40)
    page.reload()  # the link keeps the table and its order
    expect(page.locator("[data-sr-table] thead th[aria-sort=descending]")).to_have_text("Gesamtbudget")
    page.close()


def test_the_table_keeps_the_names_in_view_on_a_phone_and_sorts_text_hits(browser, origin, catalogue):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(origin + "/foerderprojekte/?ansicht=tabelle&sortierung=foerderung&richtung=umgekehrt")
    region = page.locator("[data-sr-table]")
    expect(region).to_be_visible()
    assert region.get_attribute("tabindex") == "0"  # the keyboard can scroll it
    name = region.locator("tbody th[scope=row]").first
    expect(name).to_have_text(_by_grant(catalogue)[-1].title)
    before = name.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = 300; }")
    page.wait_for_function("document.querySelector('[data-sr-table]').scrollLeft > 0")
    assert abs(name.bounding_box()["x"] - before) <= 2  # the names stay while the facts scroll
    # a text search in the table view keeps the chosen order: the grants rise row by row
    page.goto(origin + "/foerderprojekte/?q=Smart&ansicht=tabelle&sortierung=foerderung&richtung=umgekehrt")
    expect(status(page)).to_have_text(re.compile(r"gefunden"))
    cells = region.locator("tbody tr td:nth-of-type(4)")
    expect(cells.first).not_to_have_text("")
    titles = region.locator("tbody th").all_inner_texts()
    amounts = {p.title: p.funding_amount for p in catalogue.entries["funding-projects"].values()}
    known = [amounts[t] for t in titles if amounts.get(t) is not None]
    assert len(known) >= 2 and known == sorted(known)
    page.close()
