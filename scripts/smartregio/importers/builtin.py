"""The importers smartregio ships, registered as entry points of ``smartregio.importers`` in
``pyproject.toml`` like any other (``extensions.Importer``). Each declares its arguments here and
imports its working module only when it runs, so the command line stays quick to start."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalogue import COLLECTIONS


@dataclass(frozen=True)
class TableImporter:
    name: str = "table"
    help: str = "viele Einträge aus CSV oder XLSX (auch aus dem Datenpaket)"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="CSV- oder XLSX-Datei")
        parser.add_argument("--collection", choices=COLLECTIONS, help="Sammlung der Einträge")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="gültige Zeilen schreiben, ungültige nur melden"
        )
        parser.add_argument("--update", action="store_true", help="vorhandene Einträge überschreiben")
        parser.add_argument(
            "--package",
            type=Path,
            metavar="DIR",
            help="Ordner des Datenpakets, aus dem FILE stammt (sonst: datapackage.json neben FILE)",
        )

    def run(self, args: argparse.Namespace) -> Any:
        from .table import import_table

        return import_table(
            args.file,
            args.collection,
            args.data,
            skip_invalid=args.skip_invalid,
            update=args.update,
            package=args.package,
        )


@dataclass(frozen=True)
class PubliccodeImporter:
    name: str = "publiccode"
    help: str = "eine Lösung aus einer publiccode.yml"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="publiccode.yml")
        parser.add_argument("--id", help="Kennung des Eintrags (Standard: aus dem Namen gebildet)")
        parser.add_argument("--url", help="Webadresse der publiccode.yml (wird publiccode_url und Quelle)")
        parser.add_argument("--update", action="store_true", help="vorhandenen Eintrag überschreiben")

    def run(self, args: argparse.Namespace) -> Any:
        from .publiccode import import_publiccode

        return import_publiccode(args.file, args.data, entry_id=args.id, url=args.url, update=args.update)


@dataclass(frozen=True)
class IssueFormImporter:
    name: str = "issue-form"
    help: str = "einen Eintrag aus dem Text eines Issue-Formulars"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "file", type=Path, metavar="FILE", help="Text des Issues (Markdown), „-“ für stdin"
        )
        parser.add_argument("--collection", choices=COLLECTIONS, help="Sammlung (Standard: erkannt)")
        parser.add_argument("--update", action="store_true", help="vorhandenen Eintrag überschreiben")

    def run(self, args: argparse.Namespace) -> Any:
        from .issue_form import import_issue_form

        return import_issue_form(args.file, args.data, collection=args.collection, update=args.update)


TABLE = TableImporter()
PUBLICCODE = PubliccodeImporter()
ISSUE_FORM = IssueFormImporter()
