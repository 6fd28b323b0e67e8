"""The statistics screen as the user sees it at 80x24, 120x40 and 200x60: the header row of the
section table on one line, section names whole where there is room, every weekly bar over its
own number, and a toast inside the box rather than over its border."""

from __future__ import annotations

import re

import pytest

from roadmap_tui.core.symbols import GLYPHS

from .test_snapshots import history_app

SIZES = [(80, 24), (120, 40), (200, 60)]
SPARK = "▁▂▃▄▅▆▇█"
LONGEST = "Operating Systems and the Terminal"  # the longest section title of the roadmap


def stats_lines(app) -> list[str]:
    """Every line of the statistics (scrolled into view or not)."""
    stats = app.screen.query_one("#stats")
    return [stats.render_line(y).text.rstrip() for y in range(stats.size.height)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_section_table_fits_and_names_are_whole_where_there_is_room(tmp_path, size):
    app = history_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await pilot.pause()
        lines = stats_lines(app)
        header = [line for line in lines if "progress" in line and "in progress" not in line]
        assert len(header) == 1, header  # one header row: no "Sections" heading above it
        assert header[0].lstrip().startswith("Section")
        assert header[0].rstrip().endswith("h done/left"), header  # not wrapped
        for glyph in GLYPHS.values():
            assert glyph in header[0]
        row = next(line for line in lines if line.lstrip().startswith("Operating Systems"))
        width = app.screen.query_one("#stats").content_region.width
        if size[0] >= 120:
            assert LONGEST in row, row
        else:  # cut only because the row is as wide as the box
            assert LONGEST in row or (row.split("  ")[0].endswith("…") and len(row) >= width - 2)


async def test_each_weekly_bar_stands_over_its_own_number(tmp_path):
    app = history_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        lines = stats_lines(app)
        at = next(i for i, line in enumerate(lines) if line.startswith("Completed per week"))
        bars, numbers = lines[at + 1], lines[at + 2]
        numbers_found = list(re.finditer(r"\d+", numbers))
        assert len(numbers_found) >= 4 and any(m.group() != "0" for m in numbers_found)
        for found in numbers_found:
            end = found.end() - 1  # the bar stands over the number's last digit
            glyph = bars[end] if end < len(bars) else " "
            if found.group() == "0":
                assert glyph in " ▁", (bars, numbers)
            else:
                assert glyph in SPARK, (end, bars, numbers)
        assert not set(bars) - set(SPARK) - {" "}


@pytest.mark.parametrize("size", SIZES)
async def test_a_toast_shows_inside_the_statistics_box(tmp_path, size):
    app = history_app(tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("t")
        await pilot.pause()
        app.notify("A message while the statistics are open")
        await pilot.pause()
        await pilot.pause()
        box = app.screen.query_one("#stats-box").region
        toasts = list(app.screen.query("Toast"))
        assert toasts
        inside = box.shrink((1, 1, 1, 1))  # within the border
        for toast in toasts:
            assert inside.contains_region(toast.region), (size, box, toast.region)
