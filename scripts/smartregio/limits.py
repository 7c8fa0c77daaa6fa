"""One set of limits, checked by ``validate``, so whatever ``validate`` accepts builds.

The models (``models.py``, ``types.py``) refuse what lies beyond these values with a located
German message, the warnings (``checks.py``) name what the page would lose, and the later
stages rely on them instead of guarding each step on its own. Each value leaves the shipped
data far inside it; where a later stage has a hard limit of its own, the value stays below it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

#: Characters of an entry's text (the Markdown under the YAML head). The package's CSV reader
#: takes at most 131,072 characters in one cell; the longest shipped text has about 8,000.
MAX_BODY = 100_000
#: Characters of a one-line text: names, titles, providers, a funding rate (shipped: at most 131).
MAX_LINE = 200
#: Characters of a free keyword (tags, standards), so that a list of them stays a short line.
MAX_TAG = 60
#: Characters of a web address: what browsers and sitemaps reliably carry (shipped: at most 375).
MAX_URL = 2_000
#: Characters of an e-mail address (RFC 5321's path limit).
MAX_EMAIL = 254
#: Values in one list (tags, sources, used_by, measures …; shipped: at most 35). Every value is
#: listed on the entry's page and in its card.
MAX_ITEMS = 1_000
#: Characters of a list of texts taken together: the package writes it into one CSV cell.
MAX_LIST_TEXT = 100_000
#: Euro in an amount (funding, budget, a programme's volume): one trillion, beyond any programme
#: (shipped: at most 820 million); a larger number is a typing error, not a budget.
MAX_AMOUNT = 10**12
#: Years a programme or project may start or end in.
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: Letters in one word. The longest German words have about 80 letters (the dictionary's longest
#: form has 67); a longer run of letters is no word: ``validate`` warns, and the search leaves it
#: whole instead of trying to split it.
MAX_WORD = 100
#: Levels of nested Markdown blocks (quotes, lists) the renderer follows; text nested deeper
#: would vanish from the page, so ``validate`` warns (markdown-it's default for CommonMark).
MAX_NESTING = 20
#: The time zone furthest ahead (Kiribati, UTC+14): a date that is today there is no future date.
_AHEAD = timedelta(hours=14)


def latest_date() -> date:
    """The latest date any time zone has now: a review dated today is valid wherever it was
    written and wherever ``validate`` runs (the local ``date.today()`` is neither)."""
    return (datetime.now(UTC) + _AHEAD).date()


#: The date a file carries where the data give none (an empty catalogue, a workbook's creation,
#: an archive's entries): fixed, so the same data give the same bytes on every machine.
FIXED_DATE = date(2024, 1, 1)
