"""The pages every site needs, built for real: Impressum, Datenschutz and Barrierefreiheit from
the operator settings (or saying what is missing, with a warning), Mitmachen's links from the
settings and the issue forms, the German 404 page and the version menu."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml

from smartregio.pipeline import build_site
from smartregio.progress import NORMAL, Progress

from .conftest import make_data
from .site_helpers import REPO, project_with_config

CONFIG = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
MISSING = "Die betreibende Stelle hat diese Angabe noch nicht hinterlegt."
LEGAL = ("impressum", "datenschutz", "barrierefreiheit")
HOSTILE = '<script>alert("x")</script> & <b>Amt</b>'
OPERATOR = {
    "name": f"Stadt Musterhausen {HOSTILE}",
    "address": ["Rathausplatz 1", "12345 Musterhausen"],
    "representative": "Oberbürgermeisterin Erika Beispiel",
    "email": "impressum@musterhausen.example",
    "phone": "+49 123 4567-0",
    "data_protection_officer": "Datenschutzbeauftragter der Stadt, datenschutz@musterhausen.example",
    "supervisory_authority": "Landesbeauftragte für Datenschutz Musterland, Musterweg 2",
    "accessibility_contact": "mailto:barrierefrei@musterhausen.example",
    "enforcement_body": "Schlichtungsstelle Musterland, Musterweg 3",
}


def config_with(**smartregio) -> str:
    """The shipped mkdocs.yml with ``extra.smartregio`` changed (``None`` removes a key)."""
    config = yaml.safe_load(CONFIG)
    extra = config["extra"]["smartregio"]
    for key, value in smartregio.items():
        if value is None:
            extra.pop(key, None)
        else:
            extra[key] = value
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def built(tmp_path: Path, config: str) -> tuple[Path, str]:
    """Build the small data set with ``config``; the site and what the build wrote to stderr."""
    project = project_with_config(tmp_path / "projekt", config)
    stream = io.StringIO()
    build_site(make_data(tmp_path / "data"), tmp_path / "site", project, Progress(NORMAL, stream))
    return tmp_path / "site", stream.getvalue()


def page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split('id="sr-inhalt"', 1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> tuple[Path, str]:
    """The shipped settings: no operator yet."""
    return built(tmp_path_factory.mktemp("shipped"), CONFIG)


def test_unset_operator_settings_warn_and_the_pages_say_so(shipped):
    site, stderr = shipped
    assert "operator" not in yaml.safe_load(CONFIG)["extra"]["smartregio"]
    warnings = [line for line in stderr.splitlines() if "Warnung" in line and "Impressum" in line]
    assert len(warnings) == 1
    for key in OPERATOR:
        assert f"extra.smartregio.operator.{key}" in warnings[0]
    assert "mkdocs.yml" in warnings[0]
    assert "extra.smartregio.repository" not in warnings[0]  # set in the shipped file
    for name in LEGAL:
        text = article(page(site, name))
        assert MISSING in text, name
        assert "[" not in re.sub(r"<[^>]+>", "", text), name  # no placeholder in brackets
    contribute = article(page(site, "mitmachen"))
    assert 'href="https://github.com/smartregio/smartregio"' in contribute  # the repository is set
    # the shipped contact is a placeholder address: named as missing (see the placeholder test)


def test_operator_settings_appear_escaped_on_the_legal_pages(tmp_path):
    real = config_with(operator=OPERATOR).replace("smartregio.example.org", "daten.musterhausen.de")
    site, stderr = built(tmp_path, real)
    assert "Warnung" not in stderr  # every setting given, no placeholder address
    escaped = (
        "Stadt Musterhausen &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Amt&lt;/b&gt;"
    )
    impressum = article(page(site, "impressum"))
    for value in ("Rathausplatz 1", "12345 Musterhausen", OPERATOR["representative"], OPERATOR["phone"]):
        assert value in impressum
    assert f'<a href="mailto:{OPERATOR["email"]}">{OPERATOR["email"]}</a>' in impressum
    privacy = article(page(site, "datenschutz"))
    for value in (OPERATOR["data_protection_officer"], OPERATOR["supervisory_authority"]):
        assert value in privacy
    accessibility = article(page(site, "barrierefreiheit"))
    assert (
        '<a href="mailto:barrierefrei@musterhausen.example">barrierefrei@musterhausen.example</a>'
        in accessibility
    )
    assert OPERATOR["enforcement_body"] in accessibility
    for name in LEGAL:
        html = page(site, name)
        assert MISSING not in html, name
        assert "<script>alert" not in html and "<b>Amt</b>" not in html, name
    assert escaped in impressum and escaped in privacy and escaped in accessibility


def test_a_partly_set_operator_warns_only_about_the_rest(tmp_path):
    site, stderr = built(tmp_path, config_with(operator={"name": "Stadt Musterhausen"}, contact=None))
    warning = next(line for line in stderr.splitlines() if "Warnung" in line)
    assert "extra.smartregio.operator.name" not in warning
    assert "extra.smartregio.operator.email" in warning and "extra.smartregio.contact" in warning
    impressum = article(page(site, "impressum"))
    assert "Stadt Musterhausen" in impressum and MISSING in impressum
    contribute = article(page(site, "mitmachen"))
    assert MISSING in contribute and "mailto:" not in contribute


def test_contributing_links_the_forms_repository_guide_and_mail_from_the_settings(tmp_path):
    repository = "https://example.org/fork/daten"
    site, _ = built(tmp_path, config_with(repository=repository, contact="mailto:beitrag@musterhausen.de"))
    text = article(page(site, "mitmachen"))
    forms = sorted(p for p in (REPO / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
    assert len(forms) >= 3
    for form in forms:
        name = yaml.safe_load(form.read_text(encoding="utf-8"))["name"]
        assert f'<a href="{repository}/issues/new?template={form.name}"><strong>{name}</strong></a>' in text
    assert f'href="{repository}"' in text
    assert f'href="{repository}/blob/HEAD/CONTRIBUTING.md"' in text
    assert '<a href="mailto:beitrag@musterhausen.de">beitrag@musterhausen.de</a>' in text
    assert "github.com/smartregio" not in text  # nothing from the shipped settings
    assert "<!--" not in text


def metadata(site: Path) -> dict[str, str]:
    """What the build says about the data besides the pages, as text."""
    return {
        "dcat": (site / "daten/dcat.ttl").read_text(encoding="utf-8"),
        "feed": (site / "feed.xml").read_text(encoding="utf-8"),
        "package": json.loads((site / "daten/latest/datapackage.json").read_text(encoding="utf-8"))[
            "description"
        ],
        "citation": article(page(site, "daten")).split("So zitieren Sie", 1)[1],
    }


def test_placeholder_addresses_warn_and_are_never_shown_as_a_way_to_reach_anyone(shipped):
    site, stderr = shipped
    warning = next(line for line in stderr.splitlines() if "Platzhalter" in line)
    assert "site_url" in warning and "extra.smartregio.contact" in warning
    assert "extra.smartregio.publisher.email" in warning and "mkdocs.yml" in warning
    contribute = article(page(site, "mitmachen"))
    assert "daten@smartregio.example.org" not in contribute and MISSING in contribute
    assert "smartregio.example.org" not in article(page(site, "barrierefreiheit"))
    said = metadata(site)
    for name, text in said.items():
        assert "vorläufig" in text, name
    assert "mailto:daten@smartregio.example.org" not in said["dcat"]  # no contact point that reaches nobody


def test_real_addresses_are_shown_and_the_metadata_is_not_provisional(tmp_path):
    config = config_with(contact="mailto:daten@musterhausen.de").replace(
        "smartregio.example.org", "daten.musterhausen.de"
    )
    site, stderr = built(tmp_path, config)
    assert "Platzhalter" not in stderr
    assert '<a href="mailto:daten@musterhausen.de">daten@musterhausen.de</a>' in article(
        page(site, "mitmachen")
    )
    assert 'href="https://daten.musterhausen.de/"' in article(page(site, "barrierefreiheit"))
    said = metadata(site)
    assert "vorläufig" not in said["dcat"] and "vorläufig" not in said["feed"]
    assert "mailto:daten@daten.musterhausen.de" in said["dcat"]  # the publisher's contact point


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    """The shipped data with its release 1.0.0, built once per run (tests/conftest.py)."""
    return shipped_site


def test_the_404_page_is_german_with_a_search_form_and_absolute_links(site):
    for prefix in ("", "1.0.0/"):
        html = (site / prefix / "404.html").read_text(encoding="utf-8")
        assert "<h1>Seite nicht gefunden</h1>" in html and "Not found" not in html
        assert "<title>Seite nicht gefunden" in html
        form = re.search(r'<form[^>]*action="([^"]+)"[^>]*method="get"', html)
        assert form and form.group(1) == f"/{prefix}suche/"
        assert re.search(r'<input id="sr-notfound-q" name="q"', html)
        body = article(html)
        links = re.findall(r'href="([^"]+)"', body)
        assert f"/{prefix}loesungen/" in links and f"/{prefix}daten/" in links
        assert all(link.startswith(f"/{prefix}") for link in links), links  # any depth
        assert re.search(rf'href="/{prefix}assets/smartregio/smartregio\.css"', html)


def test_the_version_menu_names_the_current_state_and_each_release(site):
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    stored = sorted(
        (
            json.loads(m.read_text(encoding="utf-8"))
            for m in (REPO / "data/.releases").glob("*/manifest.json")
        ),
        key=lambda m: tuple(int(n) for n in m["version"].split(".")),
        reverse=True,  # the newest release first, after the current state
    )
    titles = [f"{m['version']} – Datenstand {'{2}.{1}.{0}'.format(*m['date'].split('-'))}" for m in stored]
    assert [v["title"] for v in versions] == ["Aktueller Stand (laufend aktualisiert)", *titles]
    assert len(titles) >= 2
    assert all((site / v["version"] / "index.html").is_file() for v in versions[1:])
    # the copy of a version has its own address: its sitemap lists its own pages
    sitemap = (site / "1.0.0/sitemap.xml").read_text(encoding="utf-8")
    assert "https://smartregio.example.org/1.0.0/loesungen/" in sitemap


def test_a_long_list_of_changes_is_counted_by_kind_and_a_short_one_kept():
    from smartregio.pages.changelog import LONG_LIST, shorten

    places = "\n".join(f"- neu: Ort {n} (`{n:08d}`)" for n in range(LONG_LIST))
    text = (
        "## 2.0.0 – 06.12.2026\n\n### Geänderte Bedeutung\n\n- Ein Punkt,\n  über zwei Zeilen.\n\n"
        f"### Orte\n\n{places}\n- geändert: Ort X (`00000001`) (Name)\n\n## 1.0.0 – 01.12.2026\n\n### Lösungen\n\n"
        + "\n".join(f"- neu: L{n} (`l{n}`)" for n in range(LONG_LIST))
        + "\n"
    )
    shown, shortened = shorten(text)
    assert shortened
    assert "- Ein Punkt,\n  über zwei Zeilen." in shown  # a short section as it stands
    assert f"{LONG_LIST + 1} Einträge ({LONG_LIST} neu, 1 geändert): zu viele" in shown
    assert "- neu: Ort 0 " not in shown and "(vollstaendig.txt)" in shown
    assert "- neu: L0 (`l0`)" in shown and f"- neu: L{LONG_LIST - 1} " in shown  # exactly the limit: listed
    assert shorten("## 1.0.0\n\n- neu: A (`a`)\n") == ("## 1.0.0\n\n- neu: A (`a`)\n", False)
