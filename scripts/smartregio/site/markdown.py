"""Untrusted Markdown → safe HTML.

Entry text comes from strangers. It is rendered here, outside the engine, and cleaned by
nh3 (ammonia): an allow-list of tags and attributes, and links only to http(s), mailto and
the page itself. The engine then receives finished HTML and never sees raw input, so
neither a template expression nor a script in an entry can run.
"""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "sup",
    "sub",
    "abbr",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<h1(\s[^>]*)?>(.*?)</h1>", re.S)


_converter: markdown.Markdown | None = None


def _markdown() -> markdown.Markdown:
    """One converter, reset per entry: building a new one costs more than converting."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(
            extensions=["tables", "sane_lists", "toc"],
            extension_configs={"toc": {"slugify": _slug, "permalink": False}},
            output_format="html",
        )
    return _converter


def render(text: str) -> str:
    """Markdown of an entry as sanitised HTML; h1 becomes h2 (the page owns the h1)."""
    html = _markdown().reset().convert(text)
    html = _HEADING.sub(r"<h2>\2</h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _slug(value: str, separator: str) -> str:
    from .text import slugify

    return "abschnitt-" + (slugify(value) or "ohne-titel")
