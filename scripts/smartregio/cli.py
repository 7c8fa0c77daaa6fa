"""Command line: ``smartregio <command>``; every command takes ``--data DIR``."""

from __future__ import annotations

import argparse
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smartregio",
        description="Offene Daten zu digitalen Lösungen für Kommunen prüfen, paketieren und veröffentlichen.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="BEFEHL")

    validate = commands.add_parser("validate", help="alle Einträge und Verweise prüfen")
    _data_arg(validate)
    validate.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="Ausgabeformat der Probleme (Standard: text)",
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

    serve = commands.add_parser("serve", help="Vorschau mit automatischem Neuladen")
    _data_arg(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="Adresse (Standard: 127.0.0.1:8000)")

    bench = commands.add_parser("bench", help="Laufzeit und Speicher mit synthetischen Daten messen")
    bench.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=[1000, 10000],
        help="Anzahl der Einträge je Lauf (Standard: 1000 10000)",
    )
    bench.add_argument(
        "--site", action="store_true", help="auch die ganze Website bauen und im Browser messen"
    )
    return parser


def report(problems: Problems, fmt: str = "text") -> None:
    if fmt == "json":
        print(problems.as_json())
    elif fmt == "github":
        print(problems.as_github())
    else:
        print(problems.as_text(), file=sys.stderr)
        print(f"{len(problems)} Problem(e) gefunden.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        from .load import load_catalogue

        catalogue, problems = load_catalogue(args.data)
        if problems:
            report(problems, args.format)
            return 1
        if args.format == "json":
            print(problems.as_json())
        else:
            print(f"Alles gültig: {catalogue.summary()}.")
        return 0
    if args.command == "package":
        from .load import load_catalogue
        from .package.write import PackageError, write_package

        catalogue, problems = load_catalogue(args.data)
        if problems:
            report(problems)
            return 1
        try:
            descriptor = write_package(catalogue, args.data, args.out)
        except PackageError as exc:
            report(exc.problems)
            return 1
        print(f"Datenpaket geschrieben: {descriptor} ({catalogue.summary()}).")
        return 0
    if args.command == "build":
        from .site.build import BuildError, Project, build_site
        from .site.engine import EngineError
        from .site.pagefind_index import PagefindError

        try:
            catalogue = build_site(args.data, args.site_dir, Project(Path.cwd()))
        except BuildError as exc:
            if exc.problems:
                report(exc.problems)
            print(str(exc), file=sys.stderr)
            return 1
        except (EngineError, PagefindError) as exc:
            print(f"Die Seiten konnten nicht gerendert werden:\n{exc}", file=sys.stderr)
            return 1
        print(f"Website gebaut: {args.site_dir}/ ({catalogue.summary()}).")
        return 0
    if args.command == "serve":
        from .site.build import Project
        from .site.serve import serve

        return serve(args.data, Project(Path.cwd()), args.address)
    if args.command == "bench":
        from .bench import run

        return run(args.sizes, site=args.site)
    return 2
