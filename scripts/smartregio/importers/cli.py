"""``smartregio import …``: a subcommand for each registered importer, and the one driver."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..extensions import IMPORTERS_GROUP, load, load_all
from .entries import problems_of


def add_import_parser(commands, data_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """One subcommand per registered importer (``smartregio.importers``), each with ``--data``."""
    parser = commands.add_parser(
        "import", help="Einträge aus einer Tabelle, einer publiccode.yml oder einem Issue-Formular anlegen"
    )
    kinds = parser.add_subparsers(dest="import_kind", required=True, metavar="ART")
    for importer in load_all(IMPORTERS_GROUP):
        sub = kinds.add_parser(importer.name, help=importer.help)
        importer.add_arguments(sub)
        data_arg(sub)


def run_import(args: argparse.Namespace) -> int:
    """The one driver: the chosen importer runs, its outcome is reported the same way for all."""
    outcome = load(IMPORTERS_GROUP, args.import_kind).run(args)
    for note in outcome.notes:
        print(note)
    if outcome.problems:
        problems = problems_of(outcome.problems)
        print(problems.as_text(), file=sys.stderr)
        print(f"{len(problems)} Problem(e) gefunden.", file=sys.stderr)
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
