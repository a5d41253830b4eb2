"""The tooltip escaping the canvas uses before its first paint is exactly html.escape."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from app.widgets.plain_text import escape, plain_tooltip


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from("&<>\"'a; #x27amp\n\té€🙂"), max_size=30) | st.text(max_size=20))
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text)


def test_a_tooltip_shows_markup_literally():
    assert plain_tooltip("<b>'Tom' & \"Jerry\"</b>") == (
        "<p style='white-space:pre-wrap'>&lt;b&gt;&#x27;Tom&#x27; &amp; &quot;Jerry&quot;&lt;/b&gt;</p>")
    assert plain_tooltip("") == ""
