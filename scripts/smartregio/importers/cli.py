"""``smartregio import …``: the subcommands table, publiccode and issue-form."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..catalogue import COLLECTIONS
from .entries import problems_text


def add_import_parser(commands, data_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "import", help="Einträge aus einer Tabelle, einer publiccode.yml oder einem Issue-Formular anlegen"
    )
    kinds = parser.add_subparsers(dest="import_kind", required=True, metavar="ART")

    table = kinds.add_parser("table", help="viele Einträge aus CSV oder XLSX (auch aus dem Datenpaket)")
    table.add_argument("file", type=Path, metavar="FILE", help="CSV- oder XLSX-Datei")
    table.add_argument("--collection", choices=COLLECTIONS, help="Sammlung der Einträge")
    data_arg(table)
    table.add_argument(
        "--skip-invalid",
        action="store_true",
        help="gültige Zeilen schreiben, ungültige nur melden",
    )
    table.add_argument("--update", action="store_true", help="vorhandene Einträge überschreiben")
    table.add_argument(
        "--package",
        type=Path,
        metavar="DIR",
        help="Ordner des Datenpakets, aus dem FILE stammt (sonst: datapackage.json neben FILE)",
    )

    publiccode = kinds.add_parser("publiccode", help="eine Lösung aus einer publiccode.yml")
    publiccode.add_argument("file", type=Path, metavar="FILE", help="publiccode.yml")
    data_arg(publiccode)
    publiccode.add_argument("--id", help="Kennung des Eintrags (Standard: aus dem Namen gebildet)")
    publiccode.add_argument("--url", help="Webadresse der publiccode.yml (wird publiccode_url und Quelle)")
    publiccode.add_argument("--update", action="store_true", help="vorhandenen Eintrag überschreiben")

    issue = kinds.add_parser("issue-form", help="einen Eintrag aus dem Text eines Issue-Formulars")
    issue.add_argument("file", type=Path, metavar="FILE", help="Text des Issues (Markdown), „-“ für stdin")
    issue.add_argument("--collection", choices=COLLECTIONS, help="Sammlung (Standard: erkannt)")
    data_arg(issue)
    issue.add_argument("--update", action="store_true", help="vorhandenen Eintrag überschreiben")


def run_import(args: argparse.Namespace) -> int:
    if args.import_kind == "table":
        from .table import import_table

        outcome = import_table(
            args.file,
            args.collection,
            args.data,
            skip_invalid=args.skip_invalid,
            update=args.update,
            package=args.package,
        )
    elif args.import_kind == "publiccode":
        from .publiccode import import_publiccode

        outcome = import_publiccode(args.file, args.data, entry_id=args.id, url=args.url, update=args.update)
    else:
        from .issue_form import import_issue_form

        outcome = import_issue_form(args.file, args.data, collection=args.collection, update=args.update)
    for note in outcome.notes:
        print(note)
    if outcome.problems:
        print(problems_text(outcome.problems), file=sys.stderr)
        print(f"{len(set(outcome.problems))} Problem(e) gefunden.", file=sys.stderr)
    if outcome.written:
        count = len(outcome.written)
        print(f"{count} {'Eintrag' if count == 1 else 'Einträge'} geschrieben:")
        for path in outcome.written:
            print(f"  {path}")
    if outcome.after:
        print(outcome.after)
    elif outcome.code:
        print("Nichts geschrieben.", file=sys.stderr)
    return outcome.code
