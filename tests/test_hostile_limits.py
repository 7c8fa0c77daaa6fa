"""Limits that agree: what ``validate`` accepts builds, and what lies beyond a limit is refused
with a located German message (file, line, field) instead of failing later in the build."""

from __future__ import annotations

import json
import math
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smartregio.addresses import API, RESERVED_IDS, SECTIONS
from smartregio.limits import MAX_AMOUNT, MAX_BODY, MAX_ITEMS, MAX_URL, MAX_WORD
from smartregio.load import load_catalogue
from smartregio.package.read import read_package
from smartregio.publish import compounds

from .test_bad_input import SOLUTION, edit, one, problems

PROJECT = "funding-projects/projekt-muenchen.md"
PROGRAMME = "programmes/bundesprogramm.md"


def set_body(data: Path, name: str, body: str) -> int:
    """Replace the text under the YAML head; returns the line the text starts on."""
    path = data / name
    _, head, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    return head.count("\n") + 3


def validate(cli, data: Path) -> dict:
    result = cli("validate", "--data", str(data), "--format", "json")
    assert "Traceback" not in result.err
    found = json.loads(result.out)
    found["code"] = result.code
    return found


def line_of(data: Path, name: str, start: str) -> int:
    lines = (data / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


# --- text length: validate refuses what the package cannot read back ---------------------------


def test_a_text_at_the_limit_packages_one_character_more_is_refused_at_its_first_line(cli, data, tmp_path):
    filler = "Ein Satz über Bürgerhaushalte und Mängelmelder.\n\n"
    body = filler * (MAX_BODY // len(filler))
    body += "x" * (MAX_BODY - len(body))
    set_body(data, SOLUTION, body)
    assert validate(cli, data)["code"] == 0
    out = tmp_path / "paket"
    assert cli("package", "--data", str(data), "--out", str(out)).code == 0
    read_package(out / "datapackage.json")  # the build reads the package back: no cell too large

    line = set_body(data, SOLUTION, body + "!")
    p = one(problems(cli, data), "body", "Text ist zu lang")
    assert p["path"].endswith(SOLUTION) and p["line"] == line
    assert "100.001 Zeichen, höchstens 100.000" in p["message"]


def test_a_web_address_over_the_limit_is_refused(cli, data):
    long_url = "https://www.example.org/" + "a" * MAX_URL
    edit(data, SOLUTION, "repository: https://github.com/stadtnavi/digitransit-ui", f"repository: {long_url}")
    p = one(problems(cli, data), "repository", "Text ist zu lang")
    assert p["line"] == line_of(data, SOLUTION, "repository:")


def test_too_many_values_and_too_long_a_list_are_refused(cli, data):
    tags = ", ".join(f"Schlagwort{i}" for i in range(MAX_ITEMS + 1))
    edit(data, SOLUTION, "tags: [Navigation, ÖPNV]", f"tags: [{tags}]")
    sources = "".join(f"\n  - https://www.example.org/{i}/{'q' * 1900}" for i in range(60))
    edit(data, PROJECT, "sources:\n  - https://www.smart-city-dialog.de/modellprojekte", f"sources:{sources}")
    found = problems(cli, data)
    p = one(found, "tags", "1.001 Werte, höchstens 1.000")
    assert p["line"] == line_of(data, SOLUTION, "tags:")
    p = one(found, "sources", "zusammen")
    assert p["path"].endswith(PROJECT) and "höchstens 100.000" in p["message"]


# --- amounts: finite, plain, not negative, at most MAX_AMOUNT ----------------------------------


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        (".inf", "endliche Zahl"),
        (".nan", "endliche Zahl"),
        ("true", "nicht true oder false"),
        ("0x10", "„0x10“ liest YAML als 16"),
        ("0o17", "„0o17“ ist keine Zahl"),  # YAML 1.1 reads it as text
        ("017", "„017“ liest YAML als 15"),
        ("1_000", "„1_000“ liest YAML als 1000"),
        ("1:20", "„1:20“ liest YAML als 80"),
        ("1e308", "„1e308“ ist keine Zahl"),  # YAML 1.1 reads it as text
        ("1.5e+6", "„1.5e+6“ liest YAML als 1500000"),
        ("'8 Mio'", "„8 Mio“ ist keine Zahl"),
        ("-5", "mindestens 0"),
        ("1000000000001", "höchstens 1.000.000.000.000"),
    ],
)
def test_an_amount_that_is_no_plain_number_is_refused(cli, data, written, fragment):
    edit(data, PROGRAMME, "volume: 820000000", f"volume: {written}")
    p = one(problems(cli, data), "volume", fragment)
    assert p["path"].endswith(PROGRAMME) and p["line"] == line_of(data, PROGRAMME, "volume:")


def test_every_amount_and_year_is_checked_alike(cli, data):
    edit(data, PROJECT, "funding_amount: 8000000", "funding_amount: .inf")
    edit(data, PROJECT, "total_budget: 12000000", "total_budget: true")
    edit(data, PROJECT, "start: 2020", "start: 0x7E4")
    edit(data, PROGRAMME, "end: 2027", "end: true")
    found = problems(cli, data)
    assert one(found, "funding_amount", "endliche Zahl")["path"].endswith(PROJECT)
    assert one(found, "total_budget", "nicht true oder false")
    assert one(found, "start", "„0x7E4“ liest YAML als 2020")
    assert one(found, "end", "nicht true oder false")["path"].endswith(PROGRAMME)


def test_the_largest_amount_is_taken_and_minus_zero_is_zero(cli, data):
    edit(data, PROGRAMME, "volume: 820000000", f"volume: {MAX_AMOUNT}")
    edit(data, PROJECT, "funding_amount: 8000000", "funding_amount: -0.0")
    assert validate(cli, data)["code"] == 0
    catalogue, _ = load_catalogue(data)
    assert catalogue.entries["programmes"]["bundesprogramm"].volume == MAX_AMOUNT
    amount = catalogue.entries["funding-projects"]["projekt-muenchen"].funding_amount
    assert amount == 0 and math.copysign(1, amount) == 1  # the API would say -0.0 otherwise


# --- dates: today is today wherever the contributor and the check are --------------------------


@pytest.fixture
def far_west(monkeypatch):
    """The check runs in the time zone furthest behind (UTC-12)."""
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_review_dated_today_anywhere_is_valid_everywhere_tomorrow_is_not(cli, data, far_west):
    today_in_kiribati = (datetime.now(UTC) + timedelta(hours=13)).date()
    edit(data, SOLUTION, "last_reviewed: 2025-01-15", f"last_reviewed: {today_in_kiribati}")
    assert validate(cli, data)["code"] == 0
    tomorrow = (datetime.now(UTC) + timedelta(hours=14, days=1)).date()
    edit(data, SOLUTION, f"last_reviewed: {today_in_kiribati}", f"last_reviewed: {tomorrow}")
    p = one(problems(cli, data), "last_reviewed", "Zukunft")
    assert p["line"] == line_of(data, SOLUTION, "last_reviewed:")


# --- reserved ids: the collection's own files in the API folder -------------------------------


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS))
def test_an_id_the_collection_uses_for_its_own_files_is_refused(cli, data, reserved):
    (data / SOLUTION).rename(data / f"solutions/{reserved}.md")
    edit(data, f"solutions/{reserved}.md", "id: stadtnavi", f"id: {reserved}")
    found = problems(cli, data)
    p = one(found, "id", "reserviert")
    assert p["path"].endswith(f"solutions/{reserved}.md") and p["line"] == 2
    assert f"„{reserved}“" in p["message"]


def test_the_reserved_ids_are_every_file_the_api_writes_beside_the_entries(data, tmp_path):
    """A new file in a collection's API folder must join RESERVED_IDS, or an entry could take
    its name: the names come from the code that writes them, checked here against a build."""
    from smartregio.pages.views import Views
    from smartregio.publish.api import write_api, write_catalogue_indexes

    catalogue, found = load_catalogue(data)
    assert not found
    views = Views(catalogue, None)
    site = tmp_path / "site"
    write_api(catalogue, views, site)
    write_catalogue_indexes(catalogue, views, site)
    for collection, section in SECTIONS.items():
        ids = set(catalogue.entries.get(collection, {})) or set(catalogue.reference.places)
        own = {p.stem for p in (site / API / section).iterdir() if p.stem not in ids and p.suffix == ".json"}
        assert own <= RESERVED_IDS, f"{section}: {own - RESERVED_IDS} fehlt in RESERVED_IDS"


# --- the compound splitter takes time in proportion to the text --------------------------------


@pytest.mark.parametrize("length", [10_000, 32_000])
def test_a_run_of_letters_longer_than_any_word_is_left_whole_at_once_real_words_split(
    monkeypatch, dictionary, length
):
    tried = []
    best_split = compounds._best_split
    monkeypatch.setattr(
        compounds, "_best_split", lambda word, *rest: tried.append(word) or best_split(word, *rest)
    )
    word = "Haushalt" + "e" * (length - 8)
    start = time.perf_counter()
    marked = dictionary.mark(f"Der {word} und der Bürgerhaushalt.")
    assert time.perf_counter() - start < 2  # a loose guard; before, 10,000 letters took a minute
    assert marked == f"Der {word} und der Bürger^haushalt."
    assert all(len(w) <= MAX_WORD for w in tried)
    # the longest German words are no such run: they are still split
    word = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnungsentwurf"
    assert dictionary.split(word)[-1] == "entwurf"


# --- messages: a file name or a key cannot print a line of its own ------------------------------


def spoof(data: Path) -> None:
    """A key and a file name that try to end the annotation and start a forged one."""
    edit(data, SOLUTION, "tags:", '"x,y: z\\n::error file=README.md,line=1::gefälscht": 1\ntags:')
    name = data / "solutions" / "neu\n::error file=README.md::gefälscht.md"
    name.write_text((data / SOLUTION).read_text(encoding="utf-8"), encoding="utf-8")


def test_github_annotations_escape_every_property_and_the_message(cli, data):
    spoof(data)
    found = problems(cli, data)
    result = cli("validate", "--data", str(data), "--format", "github")
    lines = result.out.splitlines()
    assert len([line for line in lines if line.startswith("::error ")]) == len(found)
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    key = next(line for line in lines if "title=x" in line)
    assert "title=x%2Cy%3A z%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Agefälscht::" in key
    named = next(line for line in lines if "neu%0A" in line)
    assert named.startswith("::error file=") and "%0A%3A%3Aerror file=README.md%3A%3Agefälscht.md" in named


def test_the_text_format_prints_line_breaks_in_names_escaped(cli, data):
    spoof(data)
    result = cli("validate", "--data", str(data))
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.err.splitlines()
    assert not any(line.startswith("::") for line in lines)
    assert any("neu\\n::error file=README.md::gefälscht.md" in line for line in lines)
    assert all(line.startswith("data/") or "Problem(e)" in line for line in lines if line.strip())  # each a file's


# --- Markdown the page would lose: a warning naming file, line and body ------------------------


def warnings_of(cli, data: Path) -> list[dict]:
    found = validate(cli, data)
    assert found["code"] == 0, found["problems"]
    return found["warnings"]


def test_text_the_page_would_lose_is_warned_about_at_its_line(cli, data):
    deep = "> " * 20 + "ganz tief"
    long_run = "Haushalt" + "e" * MAX_WORD
    body = f"Absatz.\n\n![Karte der Region](karte.png)\n\n<img src=x.png alt=Plan>\n\n{long_run}\n\n{deep}\n"
    start = set_body(data, SOLUTION, body)
    edit(data, SOLUTION, "name: stadtnavi", f"name: stadtnavi {long_run}")
    found = [w for w in warnings_of(cli, data) if w["path"].endswith(SOLUTION)]
    image = one(found, "body", "Bilder zeigt die Seite nicht")
    assert image["line"] == start + 2 and "„Karte der Region“" in image["message"]
    assert one(found, "body", "HTML-Bilder")["line"] == start + 4
    assert one(found, "body", f"{MAX_WORD + 8} Buchstaben")["line"] == start + 6
    assert one(found, "body", "mehr als 20 Ebenen")["line"] == start + 8
    assert one(found, "name", "Buchstaben ohne Leerzeichen")["line"] == line_of(data, SOLUTION, "name:")


def test_code_addresses_and_the_shipped_kinds_of_text_give_no_warning(cli, data):
    word = "q" * (MAX_WORD + 1)
    body = f"`{word}`\n\n    {word}\n\n<https://www.example.org/{word}>\n\n" + "> " * 19 + "tief genug\n"
    set_body(data, SOLUTION, body)
    assert not [w for w in warnings_of(cli, data) if w["field"] == "body"]


def test_an_image_shows_its_alternative_text():
    from smartregio.pages.markdown import render

    html = render("Vorher ![Karte der *Region* <b>](karte.png) nachher")
    assert "Karte der Region &lt;b&gt;" in html and "<img" not in html and "karte.png" not in html


def test_what_validate_accepts_at_every_limit_builds(cli, data, tmp_path):
    """A text at the limit with deep nesting, an image, a 20,000-letter run and the largest
    amount: validate warns, and the whole site builds (pages, API, search)."""
    body = "> " * 20 + "tief\n\n![Bild](bild.png)\n\n" + "Haushalt" + "e" * 20_000 + "\n\n"
    filler = "Ein Absatz über den Bürgerhaushalt.\n\n"
    body += filler * ((MAX_BODY - len(body)) // len(filler))
    set_body(data, SOLUTION, body + "x" * (MAX_BODY - len(body)))
    edit(data, PROGRAMME, "volume: 820000000", f"volume: {MAX_AMOUNT}")
    assert len(warnings_of(cli, data)) >= 3
    site = tmp_path / "site"
    result = cli(
        "build", "--data", str(data), "--site-dir", str(site), "--work-dir", str(tmp_path / "w"), "-q"
    )
    assert result.code == 0, result.err
    page = (site / "loesungen/stadtnavi/index.html").read_text(encoding="utf-8")
    assert "Bild" in page and "Bürgerhaushalt" in page
