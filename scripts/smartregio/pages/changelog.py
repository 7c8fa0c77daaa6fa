"""The changes page: the changelog as written by ``smartregio release``, with long lists counted.

A release that replaces a reference table lists every row (2.0.0 named all 12,417 official
places as new): a page of twelve thousand lines tells a reader nothing and is slow on a phone.
A section with more than ``LONG_LIST`` items is shown as a sentence that counts them by kind;
the whole changelog is published beside the page as a text file, unchanged.
"""

from __future__ import annotations

from collections import Counter

from ..text import format_number

LONG_LIST = 100
FULL_TEXT = "vollstaendig.txt"  # beside the page: /aenderungen/vollstaendig.txt


def shorten(changelog: str) -> tuple[str, bool]:
    """The changelog with every long section's list replaced by a counting sentence, and
    whether any was (then the page links the whole text, ``FULL_TEXT``)."""
    out: list[str] = []
    section: list[str] = []
    shortened = False

    def close() -> None:
        nonlocal shortened
        items = [line for line in section if line.startswith("- ")]
        if len(items) <= LONG_LIST:
            out.extend(section)
            return
        shortened = True
        kinds = Counter(item[2:].split(":", 1)[0] if ":" in item else "" for item in items)
        counted = ", ".join(f"{format_number(n)} {kind}" for kind, n in kinds.most_common() if kind)
        out.extend(line for line in section if not (line.startswith("- ") or line.startswith("  ")))
        counts = f"{format_number(len(items))} Einträge" + (f" ({counted})" if counted else "")
        out.append(
            f"{counts}: zu viele, um sie hier aufzuzählen. Die vollständige Liste steht in der "
            f"[Textdatei aller Änderungen]({FULL_TEXT})."
        )
        out.append("")

    for line in changelog.split("\n"):
        if line.startswith("#"):
            close()
            section = []
            out.append(line)
        else:
            section.append(line)
    close()
    return "\n".join(out), shortened
