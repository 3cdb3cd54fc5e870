"""The one rule for showing data as text: in markdown, in Plotly text, and as a link.

Data (anything read from a warehouse or an identity provider) is shown as the literal characters it holds: never as
a link, an image, emphasis, a heading or markup. Messages from the catalogue may carry markup; data never does, so
each data value is passed through `markdown()` or `plotly()` before it is put into a message or a figure.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Every ASCII punctuation character: CommonMark lets each be backslash-escaped (it then stands for itself).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: Line breaks would start blocks (headings, lists, code): data stays on one line.
_WHITESPACE = re.compile(r"\s+")
#: U+2060 WORD JOINER: invisible, and neither space nor punctuation, so it stops the autolinking below.
JOINER = "\u2060"
# Streamlit's markdown (remark-gfm) turns bare web addresses ("http(s)://...", "www....") into links *after* escapes
# are resolved, so escaping does not stop it; a joiner inside "://" and "www." leaves no address to find.
# (It links bare e-mail addresses too, as mailto: links. Those are left: breaking them needs a joiner in or just
# before the visible address, and the signed-in address is matched as shown, "Signed in as expert@un.org", by the
# sign-in tests. A mailto: link fetches nothing and does not navigate the page.)
_WEB_START = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)")


def markdown(value: object) -> str:
    """Data for a markdown context (st.markdown, captions, headers, alerts, labels, help): shown as literal text.

    Every punctuation character is backslash-escaped (no link, image, emphasis, heading, HTML, colour or icon
    directive), white space runs become one space, and bare web addresses are kept from becoming links.
    """
    text = _WHITESPACE.sub(" ", str(value))
    text = _WEB_START.sub(JOINER, text)
    return _PUNCTUATION.sub(r"\\\1", text)


def plotly(value: object) -> str:
    """Data for Plotly text (titles, axis and tick labels, hover, legends, annotations, bar and cell text).

    Plotly reads a subset of HTML in text (<a href>, <b>, <i>, <br>, <span style>, ...), then decodes entities in the
    text between tags: so &, < and > go in as entities and come out as the characters. % goes in as &#37; too, since
    a hover template would read %{...} as a placeholder. Line breaks become spaces (Plotly would break the line).
    """
    text = _WHITESPACE.sub(" ", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "&#37;")


def web_link(value: object) -> str | None:
    """The value when it is a web address (http or https, with a host): the only kind shown as a link.

    Anything else (a document symbol such as UNIS/INF/393, a generator tag, javascript:, data:, a relative path)
    is not a link: see `reference()`.
    """
    if not isinstance(value, str) or _WHITESPACE.search(value) or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def reference(value: object) -> str | None:
    """A source that is not a web address (e.g. a document symbol), shown as plain text; None for a link or nothing."""
    if not isinstance(value, str) or not value.strip() or web_link(value):
        return None
    return value
