"""``smartregio new``: every field explained, placeholders that fail until filled, the
contributor's path end to end (new → fill → validate → build)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from smartregio.collections import MODELS
from smartregio.fields import field_infos
from smartregio.frontmatter import read
from smartregio.problems import Problems
from smartregio.schema import all_schemas, schema_inputs

from .site_helpers import build

SOURCE = "https://www.smart-city-dialog.de/quelle"
# What a contributor types into each placeholder, as YAML.
FILL = {
    "solutions": {
        "summary": "Eine Testlösung, die Kommunen bei der Bürgerbeteiligung hilft.",
        "action_fields": "beteiligung",
        "development_status": "beta",
        "open_source": "false",
        "transfer_readiness": "P3",
        "sources": SOURCE,
    },
    "funding-projects": {
        "programme": "bundesprogramm",
        "lead": '"09162000"',
        "laender": "BY",
        "sources": SOURCE,
    },
    "guidelines": {
        "summary": "Wie eine Kommune Daten mit Nachbarkommunen teilt.",
        "audience": "digitalisierung",
        "phases": "P2",
        "workstreams": "technisch",
        "sources": SOURCE,
    },
    "programmes": {"funder": "Ministerium für Tests", "level": "bund", "sources": SOURCE},
}
TITLES = {
    "solutions": "Beteiligungs-App Müßighausen",
    "funding-projects": "Modellprojekt Östliches Allgäu",
    "guidelines": "Daten über Grenzen teilen",
    "programmes": "Förderprogramm Smarte Dörfer",
}
SECTIONS = {
    "solutions": "loesungen",
    "funding-projects": "foerderprojekte",
    "guidelines": "leitfaeden",
    "programmes": "programme",
}


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each placeholder the way a contributor would: in place, comments kept."""
    for field, value in values.items():
        patterns = [
            (rf'^{field}: ""$', f"{field}: {value}"),
            (rf'^{field}:\n  - ""$', f"{field}:\n  - {value}"),
            (rf"^{field}:$", f"{field}: {value}"),
        ]
        for pattern, replacement in patterns:
            text, count = re.subn(pattern, replacement, text, flags=re.M)
            if count:
                break
        assert count == 1, f"no placeholder for {field}"
    return text


def new(cli, data: Path, collection: str, title: str):
    return cli("new", collection, title, "--data", str(data))


def problems_of(cli, data: Path) -> list[dict]:
    result = cli("validate", "--data", str(data), "--format", "json")
    return json.loads(result.out)["problems"]


@pytest.mark.parametrize("collection", list(MODELS))
def test_scaffold_explains_every_field_and_validates_once_filled(cli, data, collection):
    result = new(cli, data, collection, TITLES[collection])
    assert result.code == 0, result.err
    path = data / collection / f"{_slug(TITLES[collection])}.md"
    assert str(path.name) in result.out and "Nächste Schritte" in result.out
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "---"
    assert lines[1] == f"# yaml-language-server: $schema=../.schema/{collection}.json"

    # every field of the model, in model order, each under a German comment
    model = MODELS[collection]
    infos = [info for info in field_infos(model) if info.name != "body"]
    starts = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    assert [lines[i].split(":")[0] for i in starts] == [info.name for info in infos]
    for index, info in zip(starts, infos, strict=True):
        comment = []
        j = index - 1
        while lines[j].startswith("#"):
            comment.insert(0, lines[j])
            j -= 1
        joined = " ".join(c.lstrip("# ") for c in comment)
        field = model.model_fields[info.name]
        assert joined.startswith(f"{field.title} ("), joined
        assert ("Pflichtfeld" in joined) or ("optional" in joined)
        assert field.description.split()[0] in joined
        if info.vocabulary:
            assert "Erlaubt:" in joined
    assert "Erlaubt: mobilitaet = Mobilität und Verkehr" in text or collection in ("guidelines", "programmes")

    entry = read(path, str(path))
    assert entry.fields["id"] == path.stem
    assert entry.fields["last_reviewed"] == date.today()
    title_field = "name" if "name" in model.model_fields else "title"
    assert entry.fields[title_field] == TITLES[collection]
    if collection == "guidelines":
        assert "## P1 Ideenfindung" in entry.body and "## P5 Transfer" in entry.body

    # fresh: one clear, located problem per placeholder, nothing generic
    found = [p for p in problems_of(cli, data) if p["path"].endswith(path.name)]
    assert {p["field"] for p in found} == set(FILL[collection])
    for problem in found:
        assert lines[problem["line"] - 1].startswith(f"{problem['field']}:") or lines[
            problem["line"] - 1
        ].startswith("  - ")
        assert "Ungültiger Wert" not in problem["message"]

    filled = fill(text, FILL[collection])
    values = [line for line in filled.split("\n---\n", 1)[0].splitlines() if not line.startswith("#")]
    assert not [line for line in values if line.endswith('""')], "a placeholder was left"
    path.write_text(filled, encoding="utf-8")
    result = cli("validate", "--data", str(data))
    assert result.code == 0, result.err
    assert "Alles gültig" in result.out


def _slug(title: str) -> str:
    from smartregio.text import slugify

    return slugify(title)


def test_umlaut_title_gives_transliterated_id(cli, data):
    result = new(cli, data, "solutions", "Gießen: Größe & Übersicht für Ältere")
    assert result.code == 0, result.err
    path = data / "solutions/giessen-groesse-uebersicht-fuer-aeltere.md"
    assert path.is_file()
    assert read(path, "x").fields["name"] == "Gießen: Größe & Übersicht für Ältere"


def test_refuses_to_overwrite(cli, data):
    target = data / "solutions/stadtnavi.md"
    before = target.read_bytes()
    result = new(cli, data, "solutions", "Stadtnavi")
    assert result.code == 1
    assert "gibt es schon" in result.err and "stadtnavi.md" in result.err
    assert target.read_bytes() == before


@pytest.mark.parametrize("title", ["", "   ", "!!! ???", "…", "Zeile\nzwei"])
def test_refuses_titles_without_a_usable_id(cli, data, title):
    before = sorted(p.name for p in (data / "solutions").iterdir())
    result = new(cli, data, "solutions", title)
    assert result.code == 1
    assert result.err.startswith("Nicht angelegt:")
    assert sorted(p.name for p in (data / "solutions").iterdir()) == before


def test_refuses_unknown_collection_and_missing_data_folder(cli, data, tmp_path):
    result = new(cli, data, "loesungen", "Etwas")
    assert result.code == 1 and "Unbekannte Sammlung" in result.err
    assert not (data / "loesungen").exists()
    result = new(cli, tmp_path / "fehlt", "solutions", "Etwas")
    assert result.code == 1 and "existiert nicht" in result.err
    assert not (tmp_path / "fehlt").exists()


def test_hints_at_a_look_alike_entry(cli, data):
    result = new(cli, data, "solutions", "Stadt-Navi")
    assert result.code == 0
    assert "Hinweis:" in result.out and "stadtnavi.md" in result.out


def test_contributor_path_end_to_end(cli, data, tmp_path):
    """new → fill → validate → build: the new entry has its page, API record and schema."""
    collection = "solutions"
    result = new(cli, data, collection, TITLES[collection])
    assert result.code == 0
    path = data / collection / f"{_slug(TITLES[collection])}.md"
    assert cli("validate", "--data", str(data)).code == 1
    path.write_text(fill(path.read_text(encoding="utf-8"), FILL[collection]), encoding="utf-8")
    assert cli("validate", "--data", str(data)).code == 0

    site = tmp_path / "site"
    build(data, site, tmp_path / "work")
    page = site / SECTIONS[collection] / path.stem / "index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "Beteiligungs-App Müßighausen" in html
    assert "Diese Hinweise" not in html  # the body hint is a Markdown comment
    assert (site / "api/v1" / SECTIONS[collection] / f"{path.stem}.json").is_file()
    expected = all_schemas(*schema_inputs(data, Problems()))
    for name, text in expected.items():
        assert (site / "schema" / name).read_text(encoding="utf-8") == text
