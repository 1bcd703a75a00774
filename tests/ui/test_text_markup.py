"""ui.text: report text becomes escaped Markdown; highlighted spans stay text."""

from __future__ import annotations

from ui.text import highlight, md


def test_highlight_marks_each_span_once_and_escapes_the_rest() -> None:
    text = "Troops took *Hryshyne*. Then [Udachne](x) fell."
    first = (0, 23)
    second = (24, len(text))
    out = highlight(text, [second, first, first])
    assert out.count(":orange-background[") == 2
    assert "\\*Hryshyne\\*" in out and "\\[Udachne\\]" in out
    assert out.index("Troops") < out.index("Then")


def test_an_overlapping_span_is_skipped_not_nested() -> None:
    text = "Kupiansk was cleared, the ministry said."
    out = highlight(text, [(0, 20), (9, 30)])
    assert out.count(":orange-background[") == 1
    assert out.endswith(md(text[20:]))


def test_no_span_is_the_escaped_text() -> None:
    assert highlight("a.b", []) == md("a.b")
