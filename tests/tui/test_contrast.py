"""Every text of the main screen (the tree and the detail pane) reaches WCAG AA contrast
(4.5:1) against what it is painted on, in every bundled theme, dark and light: measured on the
colours the app really paints (each widget's rendered lines, ANSI colours resolved through the
theme's ANSI palette, ``dim`` as the half-way blend to the background that terminals draw).

Two floors are lower, on purpose, as WCAG has them: 3:1 for the status glyphs and the ▶/▼ of a
branch (icons, "non-text contrast", WCAG 1.4.11) and for a row deliberately dimmed because it
counts nowhere (a "not chosen" option of a pick-one choice: dimmed so that it recedes, yet
still readable). Tree guides, borders, bars and scrollbars are drawing, not text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from choice_roadmap import choice_roadmap
from rich.color import Color as RichColor
from rich.segment import Segment
from textual.app import App
from textual.color import Color

from roadmap_tui.core.symbols import GLYPHS
from roadmap_tui.storage.roadmaps import load

from .conftest import MINI_TOML
from .helpers import SIZE, goto, main

AA = 4.5
DIMMED_ROW = 3.0  # a row dimmed on purpose ("not chosen"): 3:1 is its floor
ICON = 3.0  # status glyphs and the branch arrows: non-text contrast
ICONS = set(GLYPHS.values()) | {"▶", "▼"}
DRAWING = set("│├└─┌┐┘┬┴┼╭╮╯╰▕▏▁▂▃▄▅▆▇█▌▐░▒▓━┃ ")
# the ANSI themes use the terminal's own palette: there is no colour to measure
THEMES = [name for name in App().available_themes if not name.startswith("ansi-")]
LIGHT = [name for name in THEMES if not App.get_theme(App(), name).dark]


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


def test_the_bundled_themes_include_light_ones():
    assert {"textual-light", "solarized-light", "catppuccin-latte"} <= set(LIGHT)


def painted(app, widget) -> Iterator[tuple[str, float, str]]:
    """(text, contrast, line) of every run of text in the widget's rendered lines."""
    for segment, ratio, line in painted_segments(app, widget):
        yield segment.text, ratio, line


def painted_segments(app, widget) -> Iterator[tuple[Segment, float, str]]:
    """(segment, contrast, line) of every run of text in the widget's rendered lines."""
    palette = app.ansi_theme
    for y in range(widget.size.height):
        strip = widget.render_line(y)
        line = strip.text
        for segment in strip:
            style = segment.style
            if style is None or not set(segment.text) - DRAWING:
                continue
            fore, back = style.color, style.bgcolor
            if style.reverse:
                fore, back = back, fore
            fore = Color.from_rich_color(fore or RichColor.default(), palette)
            back = Color.from_rich_color(back or RichColor.default(), palette)
            if style.dim:  # as terminals draw it: half-way to the background
                fore = back.blend(fore, 0.5)
            yield segment, contrast(fore, back), line


def shortfalls(app, theme: str, widgets) -> list[str]:
    found = []
    for widget in widgets:
        for text, ratio, line in painted(app, widget):
            floor = AA
            if "not chosen" in line:
                floor = DIMMED_ROW
            elif text.strip() in ICONS:
                floor = ICON
            if ratio < floor:
                found.append(f"{theme}: {widget.id or type(widget).__name__} {text!r} {ratio:.2f}")
    return found


def leaves(screen):
    """The tree and every shown widget of the detail pane that draws text of its own."""
    detail = screen.detail
    return [screen.tree, *(w for w in detail.query("*") if not w.children and w.display)]


async def test_every_text_of_tree_and_pane_reaches_aa_in_every_theme(make_app, tmp_path):
    # inline code, a bold word, a link and a list in the description; the next-topic line
    text = "Meet the **zebra** of `computing`: see [the docs](https://example.com).\\n\\n- one"
    path = tmp_path / "code.toml"
    path.write_text(MINI_TOML.replace("Meet the **zebra** of computing.", text))
    app = make_app(load(path))
    failures = []
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/dns")  # DNS and Gopher: kind tags; Methods: counts
        await goto(pilot, "basics/intro")  # the next topic to learn: "▶ next: ..." shows
        screen = main(app)
        assert screen.detail.query_one("#next-reason").display
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            failures += shortfalls(app, theme, leaves(screen))
    assert not failures, "\n".join(failures)


async def test_not_chosen_rows_stay_readable_in_every_theme(make_app):
    app = make_app(choice_roadmap())
    failures = []
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "language/go")
        await pilot.press("c")  # Go chosen: Python and JavaScript are "not chosen"
        await goto(pilot, "language/python")
        screen = main(app)
        assert any("not chosen" in line for _, _, line in painted(app, screen.tree))
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            failures += shortfalls(app, theme, leaves(screen))
    assert not failures, "\n".join(failures)


async def test_inline_code_is_not_a_black_block_on_a_light_theme(make_app, tmp_path):
    path = tmp_path / "code.toml"
    path.write_text(MINI_TOML.replace("of computing.", "of `computing`."))
    app = make_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        description = main(app).detail.query_one("#description")
        for theme in LIGHT:
            app.theme = theme
            await pilot.pause()
            pane = description.colors[2]
            backs = {
                Color.from_rich_color(seg.style.bgcolor, app.ansi_theme)
                for y in range(description.size.height)
                for seg in description.render_line(y)
                if "computing" in seg.text
            }
            assert backs == {pane}, (theme, backs, pane)


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


async def test_the_search_highlight_reaches_aa_in_every_theme(make_app, mini):
    app = make_app(mini)
    failures = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"o", "enter")  # many titles: highlighted
        await pilot.pause()
        tree = main(app).tree
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            # the highlight is the only underlined text of the tree
            marked = [(s.text, r) for s, r, _ in painted_segments(app, tree) if s.style.underline]
            assert marked, theme
            failures += [f"{theme}: {text!r} {ratio:.2f}" for text, ratio in marked if ratio < AA]
    assert not failures, "\n".join(failures)


async def test_the_help_screen_reaches_aa_and_names_the_styles_the_tree_shows(make_app, mini):
    app = make_app(mini)
    failures = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("#help-text")
        lines = [help_text.render_line(y).text for y in range(help_text.size.height)]
        # the tree draws a not-chosen row muted and in italic, never "dim"
        assert any("italic: not chosen" in line for line in lines), lines
        assert not any("dim" in line for line in lines), lines
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            failures += [
                f"{theme}: {s.text!r} {ratio:.2f}"
                for s, ratio, _ in painted_segments(app, help_text)
                if ratio < AA
            ]
            # the sample of a not-chosen row is in italic, as in the tree
            assert any(
                "not chosen" in s.text and s.style.italic
                for s, _, _ in painted_segments(app, help_text)
            ), theme
    assert not failures, "\n".join(failures)
