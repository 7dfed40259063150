"""The contest rules (thể lệ): Markdown written by the organizer, rendered by
markdown-it (CommonMark and tables) and sanitised by nh3 (Ammonia) before it
reaches a page: no script, no event handler, no style, links http(s)/mailto/tel only."""
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup", "small",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "code", "pre", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Raw HTML is let through to the sanitiser (so `<br>` works) rather than escaped:
# what is not allowed above is removed, not shown as text.
_parser = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable("table")


@lru_cache(maxsize=16)
def render_markdown(text: str) -> Markup:
    """Safe HTML for ``text`` (cached: the rules change rarely and show on every home page)."""
    html = _parser.render(text or "")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow"))
