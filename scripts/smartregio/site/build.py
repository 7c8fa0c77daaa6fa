"""``smartregio build``: validate → package → generate → engine → post-build → swap in.

Everything is written into staging folders beside the targets and swapped in with renames
at the end, so a failure at any step leaves the previous site untouched. The same input
gives byte-identical output: timestamps come from the data, every listing is sorted.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

import yaml

from .. import processes
from ..catalogue import Catalogue
from ..load import load_catalogue
from ..package.read import read_package
from ..package.write import move_into, replace_dir, staging_dir
from ..problems import Problems
from ..publish.dcat import Publisher, build_graph, write_dcat
from ..publish.dcat import Release as DcatRelease
from ..publish.feed import write_feed
from ..publish.formats import Download
from ..publish.releases import MANIFEST, StoredRelease, compile_downloads, stored_releases
from ..schema import write_site_schemas
from .addresses import SECTIONS
from .api import write_api, write_catalogue_indexes
from .datapage import Publication
from .engine import render
from .generate import Generator
from .pagefind_index import index_site
from .views import Views


class BuildError(Exception):
    def __init__(self, message: str, problems: Problems | None = None) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class Project:
    """Where the parts of a site project live; by default the repository itself."""

    root: Path
    build_root: Path | None = None  # where generated pages go; default <root>/build

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return (self.build_root or self.root / "build") / "docs"

    def _config(self) -> dict:
        return yaml.safe_load(self.config_file.read_text(encoding="utf-8")) or {}

    def settings(self) -> dict:
        return (self._config().get("extra") or {}).get("smartregio") or {}

    def site_url(self) -> str:
        return (self._config().get("site_url") or "https://smartregio.example.org/").rstrip("/") + "/"


def find_project(data_dir: Path) -> Project:
    """The project around the working folder or the data folder: where ``mkdocs.yml`` is."""
    roots = list(dict.fromkeys((Path.cwd(), data_dir.resolve().parent)))
    for root in roots:
        if (root / "mkdocs.yml").is_file():
            return Project(root)
    raise BuildError(
        f"Kein smartregio-Projekt gefunden: {' und '.join(map(str, roots))} enthält keine mkdocs.yml. "
        "Bitte im Projektordner aufrufen (dort, wo mkdocs.yml und data/ liegen)."
    )


def source_date(catalogue: Catalogue) -> int:
    """A build timestamp taken from the data (the newest review), never from the clock."""
    dates = [e.last_reviewed for items in catalogue.entries.values() for e in items.values()]
    newest = max(dates) if dates else datetime(2024, 1, 1).date()
    return int(datetime.combine(newest, time(12), tzinfo=UTC).timestamp())


def generate_docs(
    catalogue: Catalogue,
    project: Project,
    publication: Publication | None = None,
    changelog: str | None = None,
) -> Path:
    """Write the engine's input folder afresh (staged, then swapped in)."""
    project.docs.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(project.docs.parent, ".docs-") / "docs"
    try:
        generator = Generator(
            catalogue, project.settings().get("edit_url"), publication, project.site_url(), changelog
        )
        generator.write(project.content, staging)
        replace_dir(staging, project.docs)
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)
    return project.docs


def _side_outputs(catalogue: Catalogue, data_dir: Path, latest: Path, api_site: Path, edit_url, conn) -> None:
    """Downloads, then the JSON API: run in a second process while the pages are generated
    and rendered (the machine has two cores; both jobs are pure Python)."""
    try:
        conn.send(("downloads", compile_downloads(catalogue, data_dir, latest)))
        views = Views(catalogue, edit_url)
        write_api(catalogue, views, api_site)
        write_catalogue_indexes(catalogue, views, api_site)
        conn.send(("done", None))
    except BaseException as exc:  # reported by the parent as a build error
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _receive(conn, expected: str):
    try:
        status, payload = conn.recv()
    except EOFError:
        raise BuildError("Downloads und API konnten nicht geschrieben werden (Prozess beendet).") from None
    if status != expected:
        raise BuildError(f"Downloads und API konnten nicht geschrieben werden: {payload}")
    return payload


def publish_releases(data_dir: Path, target: Path) -> list[StoredRelease]:
    """Copy every recorded release to ``daten/<version>/``, refusing changed bytes."""
    releases = stored_releases(data_dir)
    for release in releases:
        changed = release.verify()
        if changed:
            raise BuildError(
                f"Die gespeicherten Dateien der Version {release.version} weichen von den veröffentlichten "
                f"Prüfsummen ab ({', '.join(changed)}). Veröffentlichte Versionen dürfen sich nicht ändern."
            )
        shutil.copytree(release.folder, target / release.version, ignore=shutil.ignore_patterns(MANIFEST))
    return releases


def build_site(data_dir: Path, site_dir: Path, project: Project) -> Catalogue:
    catalogue, problems = load_catalogue(data_dir)
    if problems:
        raise BuildError("Die Daten sind ungültig; die Website wurde nicht gebaut.", problems)
    assert catalogue.meta is not None
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date(catalogue))
    settings = project.settings()
    site_url = project.site_url()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(site_dir.parent, f".{site_dir.name}-")
    scratch = staging_dir(site_dir.parent, ".daten-")
    context = processes.context()
    receiver, sender = context.Pipe(duplex=False)
    latest, api_site = scratch / "daten" / "latest", scratch / "api-site"
    side = context.Process(
        target=_side_outputs, args=(catalogue, data_dir, latest, api_site, settings.get("edit_url"), sender)
    )
    side.start()
    sender.close()
    try:
        releases = publish_releases(data_dir, scratch / "daten")
        changelog = data_dir.parent / "CHANGELOG.md"  # written by `smartregio release` beside data/
        changelog_text = changelog.read_text(encoding="utf-8") if changelog.is_file() else None
        docs = generate_docs(catalogue, project, None, changelog_text)
        downloads = _receive(receiver, "downloads")
        list_downloads_in_descriptor(latest, downloads)
        publication = Publication(catalogue.meta.version, latest, downloads, releases, changelog_text)
        Generator(catalogue, None, None, site_url).write_data_page(docs, publication)
        render(project.config_file, docs, staging, shard_sections=tuple(SECTIONS.values()))
        move_into(scratch / "daten", staging / "daten")
        released = next((r for r in releases if r.version == catalogue.meta.version), None)
        dcat_release = DcatRelease(
            catalogue.meta.version,
            released.date if released else catalogue_date(catalogue),
            released.downloads() if released else downloads,
            f"{site_url}daten/{released.version if released else 'latest'}/",
        )
        write_dcat(
            build_graph(catalogue, dcat_release, site_url, Publisher.from_settings(settings)),
            staging / "daten",
        )
        write_feed(catalogue, releases, site_url, staging / "feed.xml")
        write_site_schemas(catalogue, staging)  # /schema/<collection>.json for editors
        _receive(receiver, "done")
        side.join()
        move_into(api_site, staging)
        index_site(staging)
        build_version_snapshots(releases, project, staging)
        replace_dir(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if side.is_alive():
            side.terminate()
        side.join()
        receiver.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return catalogue


def build_version_snapshots(releases: list[StoredRelease], project: Project, site: Path) -> None:
    """Each released version's pages under ``/<version>/`` and ``versions.json`` beside them,
    which Material's version selector reads. Built from the stored release package, so a
    version shows exactly the data it published."""
    # the current data, at the site root; "latest/" only forwards there
    versions = [{"version": "latest", "title": "aktuell", "aliases": []}]
    versions += [{"version": r.version, "title": r.version, "aliases": []} for r in reversed(releases)]
    (site / "versions.json").write_text(json.dumps(versions, indent=1) + "\n", encoding="utf-8")
    (site / "latest").mkdir()
    (site / "latest" / "index.html").write_text(
        Generator.render_template("redirect.html", target="../"), encoding="utf-8"
    )
    for release in releases:
        catalogue = read_package(release.folder / "datapackage.json")
        with tempfile.TemporaryDirectory() as tmp:
            docs = Path(tmp) / "docs"
            Generator(catalogue, None, None, project.site_url() + release.version + "/").write(
                project.content, docs
            )
            render(project.config_file, docs, site / release.version)
        index_site(site / release.version)  # its own search, over the pages of that version
        views = Views(catalogue, None)
        write_api(catalogue, views, site / release.version)
        write_catalogue_indexes(catalogue, views, site / release.version)


def catalogue_date(catalogue: Catalogue):
    return datetime.fromtimestamp(source_date(catalogue), tz=UTC).date()


def list_downloads_in_descriptor(folder: Path, downloads: list[Download]) -> None:
    """Name every download with size and SHA-256 in the published package descriptor."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["downloads"] = [
        {
            "path": d.name,
            "title": d.title,
            "format": d.format.lower(),
            "mediatype": d.mediatype,
            "bytes": d.bytes,
            "hash": f"sha256:{d.sha256}",
        }
        for d in downloads
        if d.name != "datapackage.json"
    ]
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
