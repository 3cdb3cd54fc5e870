"""The one rule for data shown as text (dashboard/text.py): markdown, Plotly text and links.

What the browser makes of these strings is checked in tests/browser/test_hostile_text_in_browser.py.
"""

from __future__ import annotations

import string

import pytest

from dashboard import text

JOINER = "\u2060"


def test_markdown_escapes_every_ascii_punctuation_character() -> None:
    escaped = text.markdown(string.punctuation)
    assert escaped == "".join("\\" + c for c in string.punctuation)


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ("[x](https://evil.example/a)", "\\[x\\]\\(https\\:" + JOINER + "\\/\\/evil\\.example\\/a\\)"),
        ("**BOLD**", "\\*\\*BOLD\\*\\*"),
        ("![i](y)", "\\!\\[i\\]\\(y\\)"),
        ("<b>B</b>", "\\<b\\>B\\<\\/b\\>"),
        (":red[x] :material/home: $x$", "\\:red\\[x\\] \\:material\\/home\\: \\$x\\$"),
        ("Казахстан", "Казахстан"),
        (None, "None"),
        (1540, "1540"),
    ],
)
def test_markdown_shows_data_literally(data: object, shown: str) -> None:
    assert text.markdown(data) == shown


def test_markdown_keeps_data_on_one_line() -> None:
    """A line break would start a block: a heading (# or a === underline), a list, a quote, a code block."""
    assert text.markdown("name\n===\n\n    code\r\n# h") == "name \\=\\=\\= code \\# h"


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ("https://evil.example", "https\\:" + JOINER + "\\/\\/evil\\.example"),
        ("HTTP://evil.example", "HTTP\\:" + JOINER + "\\/\\/evil\\.example"),
        ("www.evil.example", "www" + JOINER + "\\.evil\\.example"),
        ("WWW.evil.example", "WWW" + JOINER + "\\.evil\\.example"),
    ],
)
def test_markdown_leaves_no_bare_address_to_autolink(data: str, shown: str) -> None:
    """Streamlit's markdown links bare addresses after escapes are resolved: an invisible joiner breaks each one."""
    assert text.markdown(data) == shown
    assert text.markdown(data).replace(JOINER, "").replace("\\", "") == data


def test_markdown_leaves_an_email_address_readable_as_it_is() -> None:
    """Known and left: Streamlit links a bare e-mail address (mailto:); no joiner goes into one (dashboard/text.py)."""
    assert text.markdown("expert@un.org") == "expert\\@un\\.org"


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ('<a href="https://evil.example">A</a>', '&lt;a href="https://evil.example"&gt;A&lt;/a&gt;'),
        ("<b>B</b><br>", "&lt;b&gt;B&lt;/b&gt;&lt;br&gt;"),
        ("&lt;b&gt; & %{x}", "&amp;lt;b&amp;gt; &amp; &#37;{x}"),
        ("line\nbreak", "line break"),
        ("Казахстан", "Казахстан"),
    ],
)
def test_plotly_text_is_entity_escaped(data: str, shown: str) -> None:
    assert text.plotly(data) == shown


@pytest.mark.parametrize(
    "url", ["https://www.un.org/en/sc/1540/", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=c#d", "https://a.b:8080/x"]
)
def test_web_link_keeps_http_addresses(url: str) -> None:
    assert text.web_link(url) == url
    assert text.reference(url) is None


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "UNIS/INF/393",
        "synthetic:etl.synth seed=1540",
        "//evil.example/x",
        "https://",
        "https:///path",
        "https://evil.example/\njavascript:alert(1)",
        "https://evil.example/a b",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_anything_else_is_a_reference_not_a_link(value: str) -> None:
    assert text.web_link(value) is None
    assert text.reference(value) == value


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), 3])
def test_nothing_is_neither(value: object) -> None:
    assert text.web_link(value) is None
    assert text.reference(value) is None
