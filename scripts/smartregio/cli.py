"""Command line: ``smartregio <command>``; every command takes ``--data DIR``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from .problems import Problems


def _data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("data"),
        metavar="DIR",
        help="Datenordner mit den Einträgen (Standard: data/)",
    )


class GermanParser(argparse.ArgumentParser):
    """argparse with its own usage errors in German (the rest of its messages are ours)."""

    def error(self, message: str):  # type: ignore[override]
        for english, german in USAGE_MESSAGES.items():
            message = message.replace(english, german)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {message}\n")


USAGE_MESSAGES = {
    "the following arguments are required": "Es fehlen die Angaben",
    "unrecognized arguments": "Unbekannte Angaben",
    "invalid choice": "Ungültige Wahl",
    "choose from": "möglich sind",
    "expected one argument": "Erwartet wird ein Wert",
    "invalid int value": "Keine ganze Zahl",
    "argument ": "Angabe ",
}


def _verbosity_args() -> argparse.ArgumentParser:
    """-q and -v, accepted before and after the command."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        dest="verbosity",
        action="store_const",
        const=0,
        default=argparse.SUPPRESS,
        help="nur Fehler ausgeben",
    )
    group.add_argument(
        "-v",
        "--verbose",
        dest="verbosity",
        action="store_const",
        const=2,
        default=argparse.SUPPRESS,
        help="ausführlich: jeden Schritt mit Einzelheiten",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    from .engine import DEFAULT, engine_names

    common = _verbosity_args()
    parser = GermanParser(
        prog="smartregio",
        description="Offene Daten zu digitalen Lösungen für Kommunen prüfen, paketieren und veröffentlichen.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"smartregio {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="BEFEHL", parser_class=GermanParser
    )
    _add_parser = commands.add_parser

    def add_parser(name: str, **kwargs):
        return _add_parser(name, parents=[common], **kwargs)

    commands.add_parser = add_parser  # type: ignore[method-assign]

    validate = commands.add_parser("validate", help="alle Einträge und Verweise prüfen")
    _data_arg(validate)
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="Ausgabeformat der Probleme (Standard: text)",
    )
    validate.add_argument(
        "--changed",
        action="store_true",
        help="nur Probleme der Einträge melden, die der aktuelle Zweig geändert hat, und der Einträge, "
        "die auf sie verweisen (git)",
    )
    validate.add_argument(
        "--base",
        metavar="REF",
        help="mit --changed: Vergleichsstand (Standard: origin/main, sonst main)",
    )

    new = commands.add_parser("new", help="einen neuen Eintrag mit allen Feldern und Hinweisen anlegen")
    new.add_argument(
        "collection", metavar="SAMMLUNG", help="solutions, funding-projects, guidelines oder programmes"
    )
    new.add_argument("title", metavar="TITEL", help="Name bzw. Titel des Eintrags; daraus wird die Kennung")
    _data_arg(new)

    schema = commands.add_parser("schema", help="JSON Schemas der Sammlungen für Editoren schreiben")
    _data_arg(schema)
    schema.add_argument(
        "--out", type=Path, metavar="DIR", help="Zielordner (Standard: <Datenordner>/.schema)"
    )

    package = commands.add_parser("package", help="Frictionless-Datenpaket schreiben")
    _data_arg(package)
    package.add_argument("--out", type=Path, required=True, metavar="DIR", help="Zielordner")

    build = commands.add_parser("build", help="die ganze Website bauen (prüfen, erzeugen, rendern)")
    _data_arg(build)
    build.add_argument(
        "--site-dir",
        type=Path,
        default=Path("site"),
        metavar="DIR",
        help="Zielordner der Website (Standard: site/)",
    )
    build.add_argument(
        "--engine",
        choices=engine_names(),
        default=DEFAULT,
        help=(
            f"die Engine, die die Seiten rendert (Standard: {DEFAULT}, die Fortführung von MkDocs 1.x; "
            "mkdocs ist MkDocs 1.6, zensical der Nachfolger von Material)"
        ),
    )
    build.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="Ordner für die erzeugten Seiten vor dem Rendern (Standard: build/ im Projekt)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help=(
            "alles neu bauen, auch wenn sich nichts geändert hat und die Seiten der Versionen "
            "in build/cache/ liegen (der Cache wird danach erneuert)"
        ),
    )

    serve = commands.add_parser("serve", help="Vorschau mit automatischem Neuladen")
    _data_arg(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="Adresse (Standard: 127.0.0.1:8000)")

    release = commands.add_parser("release", help="eine Version der Daten veröffentlichen")
    _data_arg(release)
    release.add_argument("version", help="neue Version MAJOR.MINOR.PATCH, höher als die letzte")
    release.add_argument("--date", help="Datum der Veröffentlichung JJJJ-MM-TT (Standard: heute)")
    release.add_argument("--no-tag", action="store_true", help="kein Git-Tag anlegen")

    bench = commands.add_parser("bench", help="Laufzeit und Speicher mit synthetischen Daten messen")
    bench.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=None,
        help="Anzahl der Einträge je Lauf (Standard: 1000 10000; mit --shipped keine)",
    )
    bench.add_argument(
        "--site", action="store_true", help="auch die ganze Website bauen und im Browser messen"
    )
    bench.add_argument(
        "--shipped",
        action="store_true",
        help="die ausgelieferten Daten mit allen amtlichen Orten bauen: Dauer und Speicher gegen MkDocs, "
        "Größe einer Gemeindeseite, Bytes von „Kommune finden“ und Karte",
    )
    bench.add_argument(
        "--engine",
        choices=engine_names(),
        default=DEFAULT,
        help=f"die Engine der Website-Läufe von --site und --shipped (Standard: {DEFAULT})",
    )
    places = commands.add_parser(
        "places", help="amtliche Orte, Punkte, Flächen und Grenzen aus VG5000/VG250 des BKG ableiten"
    )
    places.add_argument("source", type=Path, metavar="SOURCE_DIR", help="Ordner mit den Shapefiles des BKG")
    _data_arg(places)
    places.add_argument(
        "--out", type=Path, metavar="DIR", help="Zielordner (Standard: reference/ im Datenordner)"
    )
    from .importers.cli import add_import_parser

    add_import_parser(commands, _data_arg)
    return parser


def report(problems: Problems, fmt: str = "text") -> None:
    if fmt == "json":
        print(problems.as_json())
    elif fmt == "github":
        print(problems.as_github())
    else:
        print(problems.as_text(), file=sys.stderr)
        print(f"{len(problems)} Problem(e) gefunden.", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    """Problems are errors (exit 1); look-alike entries are warnings (exit code unchanged)."""
    import json

    from .checks import quality_warnings
    from .duplicates import as_github, find_duplicates, warnings
    from .load import load_catalogue

    if args.base and not args.changed:
        print("--base gilt nur zusammen mit --changed.", file=sys.stderr)
        return 2
    changes = None
    if args.changed and args.data.is_dir():
        from .changed import ChangedError, find_changes

        try:
            changes = find_changes(args.data, args.base)
        except ChangedError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    catalogue, problems = load_catalogue(args.data)
    beyond = _beyond_entries(args.data)
    duplicates = find_duplicates(catalogue)
    quality = quality_warnings(catalogue)
    if changes is None or changes.everything:
        found = sorted(warnings(duplicates) + quality)
    else:
        from .changed import scope, select

        within = scope(catalogue, changes, args.data)
        problems = select(problems, within)
        found = sorted(warnings(duplicates, within.covers) + [w for w in quality if within.covers(w.path)])
    problems.extend(beyond)  # whatever the change: the build would refuse these
    if args.format == "json":
        data = json.loads(problems.as_json())
        data["warnings"] = [
            {"path": w.path, "line": w.line, "field": w.field, "message": w.message} for w in found
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "github":
        text = "\n".join(part for part in (problems.as_github(), as_github(found)) if part)
        if text:
            print(text)
    else:
        if args.verbosity:  # -q: only the errors
            for warning in found:
                print(warning.as_text(), file=sys.stderr)
        if problems:
            report(problems)
    scope = f" ({changes.describe()})" if changes is not None else ""
    if problems:
        return 1
    if args.format == "text" and args.verbosity:
        note = f"; {len(found)} Warnung(en)" if found else ""
        print(f"Alles gültig{scope}: {catalogue.summary()}{note}.")
    return 0


def _beyond_entries(data_dir: Path) -> Problems:
    """What the build refuses besides the entries, so that validate and build agree: stored
    releases that are no longer what was published, and symlinks or special files among the
    project's pages, templates and forms."""
    from .package.store import stored_releases
    from .project import ProjectError, find_project

    problems = Problems()
    if data_dir.is_dir():
        stored_releases(data_dir, problems)
    with contextlib.suppress(ProjectError):  # a data folder on its own has no pages to check
        problems.extend(find_project(data_dir).refused_files())
    return problems


def _build(args: argparse.Namespace) -> int:
    from .engine import EngineError
    from .pipeline import BuildError, build_site
    from .progress import Progress
    from .project import ProjectError, find_project
    from .publish.search import PagefindError
    from .settings import SettingsError

    progress = Progress(args.verbosity)
    try:
        project = find_project(args.data)
        project.build_root = args.work_dir.resolve() if args.work_dir else None
        built = build_site(
            args.data, args.site_dir, project, progress, engine=args.engine, use_cache=not args.no_cache
        )
    except ProjectError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except SettingsError as exc:
        report(exc.problems)
        print("Die Einstellungen sind ungültig; die Website wurde nicht gebaut.", file=sys.stderr)
        return 1
    except BuildError as exc:
        if exc.problems:
            report(exc.problems)
        print(str(exc), file=sys.stderr)
        if exc.detail and args.verbosity >= 2:  # -v: where it failed, for a bug report
            print(exc.detail.rstrip(), file=sys.stderr)
        return 1
    except (EngineError, PagefindError) as exc:
        print(f"Die Seiten konnten nicht gerendert werden:\n{exc}", file=sys.stderr)
        return 1
    if args.verbosity:
        done = "Website unverändert" if built.unchanged else "Website gebaut"
        print(f"{done}: {args.site_dir}/ ({built.summary}).")
    return 0


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, create, next_steps, similar_entries

    try:
        path = create(args.data, args.collection, args.title)
    except ScaffoldError as exc:
        print(f"Nicht angelegt: {exc}", file=sys.stderr)
        return 1
    print(next_steps(path, args.data, similar_entries(args.data, args.collection, args.title, path)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import SCHEMA_DIR, schema_inputs, write_schemas

    problems = Problems()
    reference, homepage = schema_inputs(args.data, problems)
    if problems:
        report(problems)
        print("Keine Schemas geschrieben.", file=sys.stderr)
        return 1
    out = args.out or args.data / SCHEMA_DIR
    written = write_schemas(reference, homepage, out)
    print(f"{len(written)} JSON Schemas geschrieben nach {out}/.")
    return 0


def _places(args: argparse.Namespace) -> int:
    """Nothing is written unless every file of the set and the overlay is in order."""
    from .officialplaces import PlacesError
    from .officialplaces.command import run

    try:
        outcome = run(args.source, args.out or args.data / "reference", args.data)
    except PlacesError as exc:
        print("\n".join(exc.messages), file=sys.stderr)
        print("Nichts geschrieben.", file=sys.stderr)
        return 1
    if args.verbosity:
        print("\n".join(outcome.lines))
    return 0


def _bench(sizes: list[int] | None, site: bool, shipped: bool = False, engine: str | None = None) -> int:
    """The benchmark is a developer tool: it lives in ``scripts/smartregio_dev``, which the
    development environment puts on the path and the installed package does not ship."""
    try:
        from smartregio_dev.bench import run
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "smartregio_dev":
            raise
        print(
            "„smartregio bench“ ist ein Werkzeug für die Entwicklung und gehört nicht zum installierten "
            "Paket. Es steht im Quellbaum von smartregio bereit, sobald „python3 scripts/dev.py build“ "
            "(oder „… test“) die Umgebung .venv angelegt hat: „.venv/bin/smartregio bench“.",
            file=sys.stderr,
        )
        return 1
    if sizes is None:
        sizes = [] if shipped else [1000, 10000]
    return run(sizes, site=site, shipped=shipped, engine=engine)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "verbosity"):
        args.verbosity = 1
    try:
        return _run(args)
    except OSError as exc:  # a full disk, a busy port, a folder taken away: a sentence, no traceback
        print(os_error_message(exc), file=sys.stderr)
        return 1


def os_error_message(exc: OSError) -> str:
    """A German sentence for what the operating system refused."""
    import errno

    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return (
            f"Der Datenträger ist voll{where}. Bitte Platz schaffen und den Befehl wiederholen; "
            "die bisherige Ausgabe ist unverändert."
        )
    if exc.errno == errno.EADDRINUSE:
        return (
            "Die Adresse ist schon belegt: Läuft dort schon ein Server? Bitte mit --address einen "
            "anderen Port wählen."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Keine Berechtigung{where}. Bitte die Rechte des Ordners prüfen."
    if exc.errno == errno.EROFS:
        return f"Das Dateisystem ist schreibgeschützt{where}."
    return f"Ein Dateifehler ist aufgetreten{where}: {exc.strerror or exc}."


def _run(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return _validate(args)
    if args.command == "new":
        return _new(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "package":
        from .load import load_catalogue
        from .outputs import OutputError, claim
        from .package.write import PackageError, write_package
        from .project import ProjectError, find_project

        try:
            root = find_project(args.data).root
        except ProjectError:
            root = None
        try:
            claim(args.out, root, args.data)
        except OutputError as exc:
            print(f"Nicht geschrieben: {exc}", file=sys.stderr)
            return 1
        catalogue, problems = load_catalogue(args.data)
        if problems:
            report(problems)
            return 1
        try:
            descriptor = write_package(catalogue, args.data, args.out, mark_output=True)
        except PackageError as exc:
            report(exc.problems)
            return 1
        print(f"Datenpaket geschrieben: {descriptor} ({catalogue.summary()}).")
        return 0
    if args.command == "build":
        return _build(args)
    if args.command == "serve":
        from .preview import AddressError, serve
        from .project import ProjectError, find_project
        from .settings import SettingsError

        try:
            project = find_project(args.data)
            project.settings  # noqa: B018 - read and check the settings before serving
        except ProjectError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        except SettingsError as exc:
            report(exc.problems)
            return 1
        try:
            return serve(args.data, project, args.address, verbose=args.verbosity >= 2)
        except AddressError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    if args.command == "release":
        from datetime import date

        from .package.write import PackageError
        from .problems import printable
        from .publish.releases import ReleaseError, release
        from .text import utc_today

        day = utc_today()
        if args.date is not None:  # only the date given here is read here
            try:
                day = date.fromisoformat(args.date)
            except ValueError:
                given = printable(args.date)
                print(f"--date: „{given}“ ist kein Datum der Form JJJJ-MM-TT.", file=sys.stderr)
                return 1
        try:
            folder = release(args.data, args.version, day, tag=not args.no_tag)
        except ReleaseError as exc:  # with the file and field it concerns
            print(f"Keine Veröffentlichung: {exc}", file=sys.stderr)
            return 1
        except PackageError as exc:
            report(exc.problems)
            print("Keine Veröffentlichung: Das Datenpaket besteht die Prüfung nicht.", file=sys.stderr)
            return 1
        print(f"Version {args.version} veröffentlicht: {folder} (Änderungen in CHANGELOG.md).")
        return 0
    if args.command == "bench":
        return _bench(args.sizes, site=args.site, shipped=args.shipped, engine=args.engine)
    if args.command == "places":
        return _places(args)
    if args.command == "import":
        from .importers.cli import run_import

        return run_import(args)
    return 2
