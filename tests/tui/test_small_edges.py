"""Pilot tests: small visible rough edges of the header and the detail pane."""

from __future__ import annotations

from roadmap_tui.core.choices import Choices
from roadmap_tui.core.loader import parse

from .conftest import seed_progress
from .helpers import SIZE, goto, header, main, saved, screen_text

PLAIN = """\
[roadmap]
id = "plain"
title = "Plain roadmap"

[[section]]
id = "base"
title = "Base"

[[section.topic]]
id = "bare"
title = "Bare topic"
summary = "Nothing more to say."

[[section.topic]]
id = "linked"
title = "Linked topic"
summary = "One long link."
hours = 2

[[section.topic.resources]]
type = "article"
title = "A guide with a long title to read"
url = "https://example.com/guides/networking/the-long-path/to-the-page-about-dns.html"

[[section.topic.resources]]
type = "video"
title = "Short"
url = "https://example.org/dns"
"""


def counted(roadmap) -> str:
    """The id of the first topic that counts (not an option of a pick-one choice)."""
    choices = Choices.of_entries(roadmap, {})
    return next(t.id for t in roadmap.topics() if choices.is_counted(t.id) and not t.is_choice)


def pane_rows(app) -> list[str]:
    """The detail pane's rows as they are on the terminal."""
    region = main(app).detail.region
    rows = screen_text(app).splitlines()[region.y : region.y + region.height]
    return [row[region.x : region.x + region.width].rstrip() for row in rows]


async def test_one_topic_of_many_complete_shows_less_than_one_percent(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, counted(bundled))
        await pilot.press("space")  # done
        await saved(pilot)
        shown = header(app)
    assert " <1%" in shown, shown
    assert " 0%" not in shown


async def test_all_but_one_complete_is_not_one_hundred_percent(make_app, bundled, progress_path):
    left = counted(bundled)
    statuses = {t.id: "done" for t in bundled.topics() if not t.is_section}
    statuses[left] = "todo"
    seed_progress(progress_path, bundled.id, statuses)
    app = make_app(bundled)
    async with app.run_test(size=SIZE):
        shown = header(app)
    assert " 1 to do" in shown, shown
    assert " >99%" in shown, shown
    assert "100%" not in shown
    assert "░" in shown  # nor a full bar


async def test_a_topic_without_an_estimate_shows_no_hours(make_app):
    app = make_app(parse(PLAIN))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "base/bare")
        rows = pane_rows(app)
        await goto(pilot, "base/linked")
        linked = pane_rows(app)
    meta = next(row for row in rows if "to do" in row)
    assert "h" not in meta.split("·")[-1], meta
    assert "~0 h" not in "\n".join(rows)
    assert any("~2 h" in row for row in linked)


async def test_no_double_blank_line_without_a_description(make_app):
    app = make_app(parse(PLAIN))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "base/linked")
        rows = pane_rows(app)
    summary = next(i for i, row in enumerate(rows) if "One long link." in row)
    # the summary, one blank line, then the resources box (its border or heading)
    assert rows[summary + 1].strip() == "", rows
    assert rows[summary + 2].strip() != "", rows


async def test_a_resource_url_is_on_a_line_of_its_own_and_whole(make_app):
    long = "https://example.com/guides/networking/the-long-path/to-the-page-about-dns.html"
    app = make_app(parse(PLAIN))
    async with app.run_test(size=(200, 40)) as pilot:
        await goto(pilot, "base/linked")
        rows = [row.strip(" │┃") for row in pane_rows(app)]
    # each URL alone on its row, whole (a terminal finds the link), under its title
    for title, url in (
        ("[article] A guide with a long title to read", long),
        ("[video] Short", "https://example.org/dns"),
    ):
        assert title in rows, rows
        assert rows[rows.index(title) + 1] == url, rows


async def test_a_url_longer_than_the_pane_folds_at_a_slash(make_app):
    url = "https://example.com/guides/networking/the-long-path/to-the-page-about-dns.html"
    app = make_app(parse(PLAIN))
    async with app.run_test(size=(80, 40)) as pilot:
        await goto(pilot, "base/linked")
        width = main(app).detail.region.width
        rows = pane_rows(app)
    assert width < len(url) + 4  # the pane is narrower than the link
    start = next(i for i, row in enumerate(rows) if "https://" in row)
    first, second = rows[start].strip(" │┃"), rows[start + 1].strip(" │┃")
    assert first.startswith("https://") and first.endswith("/"), rows
    assert first + second == url, rows
