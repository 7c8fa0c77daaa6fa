"""Untrusted Markdown → safe HTML.

Entry text comes from strangers. It is rendered here, outside the engine, and cleaned by
nh3 (ammonia): an allow-list of tags and attributes, and links only to http(s), mailto and
the page itself. The engine then receives finished HTML and never sees raw input, so
neither a template expression nor a script in an entry can run. Images are not shown: an
image becomes its alternative text, so its words stay (``validate`` warns about it).
"""

from __future__ import annotations

from collections.abc import Sequence

import nh3
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin

from ..markup import parser
from ..text import slugify

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
    "s",
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
    "th": {"style", "scope"},  # style: column alignment only, see STYLE_PROPERTIES
    "td": {"style"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
STYLE_PROPERTIES = {"text-align"}  # how CommonMark tables align a column; every other property goes


def _demote_h1(state: StateCore) -> None:
    """The page owns the h1: an entry's top-level headings become h2."""
    for token in state.tokens:
        if token.tag == "h1" and token.type in ("heading_open", "heading_close"):
            token.tag = "h2"


def _slug(value: str) -> str:
    return "abschnitt-" + (slugify(value) or "ohne-titel")


def _image_as_text(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """An image as its alternative text: the page shows no images, but their words stay."""
    return escapeHtml(renderer.renderInlineAsText(tokens[idx].children or [], options, env))


# the parser validate's warnings read too (see markup.py); headings get ids that can be
# linked ("#abschnitt-…")
_converter = parser()
_converter.core.ruler.before("inline", "demote_h1", _demote_h1)
_converter.use(anchors_plugin, min_level=2, max_level=4, slug_func=_slug)
_converter.add_render_rule("image", _image_as_text)


def _no_other_host(element: str, attribute: str, value: str) -> str | None:
    """Drop protocol-relative links („//host/…“): they lead to another server without a scheme
    that the allow-list could check."""
    if attribute == "href" and value.lstrip().replace("\\", "/").startswith("//"):
        return None
    return value


def render(text: str) -> str:
    """Markdown of an entry as sanitised HTML."""
    return nh3.clean(
        _converter.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        filter_style_properties=STYLE_PROPERTIES,
        strip_comments=True,
        attribute_filter=_no_other_host,
    )
