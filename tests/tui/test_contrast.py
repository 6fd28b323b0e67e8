"""The headings of the detail pane (the topic's title, "Prerequisites", "Resources", "Note"...)
reach WCAG AA contrast (4.5:1) against the pane in every bundled theme: measured on the colours
the app really paints (``Widget.colors``), theme by theme."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from .helpers import SIZE, goto, main

AA = 4.5
# the ANSI themes use the terminal's own palette: there is no colour to measure
THEMES = [name for name in App().available_themes if not name.startswith("ansi-")]


def luminance(color: Color) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
    assert contrast(Color(118, 118, 118), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


async def test_detail_headings_reach_aa_in_every_theme(make_app, mini):
    app = make_app(mini)
    failures = []
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/tools")  # a topic with resources: those headings show
        detail = main(app).detail
        headings = [detail.query_one("#title"), *detail.query(".heading")]
        assert len(headings) >= 3
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            for widget in headings:
                _, _, background, color = widget.colors
                ratio = contrast(color, background)
                if ratio < AA:
                    failures.append(f"{theme}: {widget.id or 'heading'} {ratio:.2f}")
    assert not failures, failures
