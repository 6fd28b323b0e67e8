"""Pilot tests: The detail pane: following the cursor, its boxes of lines, links, its layout;
the header's percentage.

Assertions are about what a user notices."""

from __future__ import annotations

from roadmap_tui.core.choices import Choices
from roadmap_tui.core.loader import parse
from roadmap_tui.core.roadmap import Resource
from roadmap_tui.tui.widgets.topic_view import Jump, Link

from .conftest import saved_status, seed_progress
from .helpers import (
    SIZE,
    cursor,
    detail_text,
    detail_title,
    goto,
    header,
    highlighted_row,
    label,
    main,
    rendered,
    rendered_rows,
    replace_resources,
    saved,
    screen_text,
    styled_rows,
    tab_to,
    urls_opened,
    visible,
)


async def test_arrows_and_j_k_move_the_cursor_and_the_detail_follows(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "basics"
        assert detail_title(app) == "Basics"
        await pilot.press("down")
        assert cursor(app) == "web"
        assert detail_title(app) == "Web"
        await pilot.press("j")
        assert cursor(app) == "extra"
        assert detail_title(app) == "Extras"
        await pilot.press("up")
        assert cursor(app) == "web"
        await pilot.press("k")
        assert cursor(app) == "basics"
        assert detail_title(app) == "Basics"
        await pilot.press("G")
        assert cursor(app) == "extra"
        await pilot.press("g")
        assert cursor(app) == "basics"


async def test_clicking_a_resource_link_opens_it(make_app, mini):
    app = make_app(mini)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        links = main(app).detail.query_one("#resources-lines", Link)
        assert rendered(links).splitlines() == [
            "[docs] Intro docs",
            "https://example.com/intro",
            "[video] Intro video",
            "https://example.com/video",
        ]
        await pilot.click(links, offset=(4, 3))  # the second link's URL (2 columns of padding)
        assert opened == ["https://example.com/video"]
        await pilot.click(links, offset=(4, 0))
        assert opened == ["https://example.com/video", "https://example.com/intro"]


async def test_a_long_line_that_wraps_is_one_link(make_app, mini):
    long_title = "A very long title " * 8
    roadmap = replace_resources(
        mini,
        "basics/intro",
        (
            Resource("docs", long_title.strip(), "https://example.com/long"),
            Resource("docs", "Short", "https://example.com/short"),
        ),
    )
    app = make_app(roadmap)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        links = main(app).detail.query_one("#resources-lines", Link)
        rows = rendered_rows(links)
        first_rows = next(i for i, row in enumerate(rows) if "Short" in row)
        assert first_rows >= 2  # the long title takes more than one row
        await pilot.click(links, offset=(4, first_rows - 1))  # the long one's last row
        assert opened == ["https://example.com/long"]
        await pilot.click(links, offset=(4, first_rows))
        assert opened == ["https://example.com/long", "https://example.com/short"]
        await pilot.hover(links, offset=(4, first_rows))
        assert links.tooltip == "https://example.com/short"


async def test_tab_to_a_box_then_up_down_and_enter_follow_a_line(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        prerequisites = main(app).detail.query_one("#prerequisites-lines", Jump)
        assert prerequisites.targets == ["basics/intro", "basics/tools"]
        await tab_to(pilot, prerequisites)
        assert highlighted_row(prerequisites) == 0
        await pilot.press("down")
        assert highlighted_row(prerequisites) == 1
        await pilot.press("down")  # the last line stays highlighted
        assert highlighted_row(prerequisites) == 1
        await pilot.press("up", "down", "enter")
        assert cursor(app) == "basics/tools"
        assert app.focused is main(app).tree  # the keys move the tree again


async def test_a_picked_line_stays_picked_when_only_its_status_changes(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        await tab_to(pilot, parts)
        await pilot.press("down")
        main(app).request_mark("web/protocols/dns", "done")  # as a click on its status would
        await pilot.pause()
        assert rendered(parts).splitlines()[1].startswith("● DNS")
        assert highlighted_row(parts) == 1


async def test_in_a_box_j_and_k_move_and_escape_goes_back_to_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        await tab_to(pilot, parts)
        await pilot.press("j", "j")
        assert highlighted_row(parts) == 2
        await pilot.press("k")
        assert highlighted_row(parts) == 1
        assert cursor(app) == "web/protocols"  # the tree's cursor stayed
        await pilot.press("escape")
        assert app.focused is main(app).tree
        assert highlighted_row(parts) is None
        await pilot.press("j")  # the tree has the keys again (Protocols is collapsed)
        assert cursor(app) == "web/html"


async def test_hovering_a_line_highlights_that_line_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        parts = main(app).detail.query_one("#children-lines", Jump)
        assert parts.targets == ["web/protocols/http", "web/protocols/dns", "web/protocols/gopher"]
        assert styled_rows(parts) == []
        await pilot.hover(parts, offset=(4, 2))
        assert styled_rows(parts) == [2]
        await pilot.hover(main(app).tree)
        assert styled_rows(parts) == []


async def test_clicking_a_prerequisite_jumps_to_it(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        prerequisites = main(app).detail.query_one("#prerequisites-lines", Jump)
        assert rendered(prerequisites).splitlines() == [
            "○ Introduction  basics/intro",
            "○ Tools  basics/tools",
        ]
        await pilot.click(prerequisites, offset=(4, 1))
        assert cursor(app) == "basics/tools"


async def test_detail_pane_follows_the_cursor(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j")
        text = detail_text(app)
        assert detail_title(app) == "Introduction"
        assert "listed by 3 of 5 roadmaps" in text
        assert "[docs] Intro docs\nhttps://example.com/intro" in text
        assert "Meet the zebra of computing." in text
        await pilot.press("space")
        await goto(pilot, "web/protocols")
        text = detail_text(app)
        assert detail_title(app) == "Protocols"
        assert "Web" in text  # breadcrumbs
        assert "listed by 4 of 5 roadmaps" in text
        assert "0/4 parts complete" in text
        assert "Prerequisites" in text
        assert "● Introduction  basics/intro" in text  # done a moment ago
        assert "○ Tools  basics/tools" in text
        assert "[article] Protocols article\nhttps://example.com/protocols" in text
        assert "Intro docs" not in text
        await goto(pilot, "web/html")
        assert detail_title(app) == "HTML"
        assert "listed by 5 of 5 roadmaps" in detail_text(app)
        assert "○ HTTP  web/protocols/http" in detail_text(app)


async def test_bundled_roadmap_opens_and_follows_the_cursor(make_app, bundled, progress_path):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        assert header(app).startswith(" Backend Developer ")
        assert "0%" in header(app)
        assert len(visible(app)) == len(bundled.sections)
        assert visible(app)[0].startswith("Pick a Language")
        await goto(pilot, "internet/http")
        text = detail_text(app)
        assert detail_title(app) == "HTTP"
        assert "listed by 4 of 5 roadmaps" in text
        assert "○ TCP/IP  internet/tcp-ip" in text
        assert "MDN: HTTP" in text
        parts = len(bundled["internet/http"].children)
        await pilot.press("space", "y")
        assert label(app, "internet/http").startswith("● HTTP  ")
        assert label(app, "internet/http").endswith(f"{parts}/{parts}")
        await saved(pilot)
        assert saved_status(progress_path, "backend", "internet/http") == "done"
        await pilot.press("E")
        assert len(visible(app)) == len(list(bundled.nodes()))
        await pilot.press("C")
        assert len(visible(app)) == len(bundled.sections)


async def test_the_detail_text_keeps_its_width_beside_a_scrollbar_that_stays(make_app, bundled):
    """Moving between topics longer and shorter than the pane: the scrollbar stays, so the text
    keeps one width (it is not re-wrapped as the cursor moves), always beside the scrollbar."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("E")
        detail = main(app).detail
        seen, widths = set(), set()
        for _ in range(120):
            if seen == {True, False} and len(widths) > 0:
                break
            await pilot.press("down")
            assert detail.show_vertical_scrollbar, detail.topic_id
            bar = detail.vertical_scrollbar.region
            description = detail.query_one("#description").region
            assert bar.right <= detail.region.right
            assert description.right <= bar.x
            widths.add(description.width)
            seen.add(detail.virtual_size.height > detail.container_size.height)
        assert seen == {True, False}  # both kinds of topic were shown
        assert len(widths) == 1


async def test_a_description_seen_before_is_wrapped_for_the_current_width(make_app, bundled):
    """Descriptions are kept once rendered: coming back to a topic after the window changed
    size shows it wrapped for the new width, every word there, none cut off."""

    def pane_lines(app) -> list[str]:
        field = main(app).detail.query_one("#description")
        region = field.region
        lines = screen_text(app).splitlines()[region.y : region.bottom]
        return [line[region.x : region.right] for line in lines]

    words = bundled["internet/http"].description.split()[:12]
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "internet/http")
        wide = pane_lines(app)
        await pilot.press("down", "up")  # away and back: the kept rendering
        assert pane_lines(app) == wide
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.press("down", "up")
        narrow = pane_lines(app)
        assert narrow != wide
        assert max(len(line.rstrip()) for line in narrow) < max(len(line) for line in wide)
        assert " ".join(" ".join(narrow).split()).startswith(" ".join(words))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("down", "up")
        assert pane_lines(app) == wide


async def test_narrow_window_puts_the_detail_pane_below_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree, detail = main(app).tree, main(app).detail
        assert detail.region.y > tree.region.y
        assert detail.region.height > 0
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree, detail = main(app).tree, main(app).detail
        assert detail.region.x > tree.region.x  # side by side when wide


async def test_the_first_frame_comes_with_the_topic_s_details(make_app, mini, monkeypatch):
    """The pane is filled as the screen mounts: the first frame drawn shows the topic's
    details beside the tree, not an empty pane filled a frame later."""
    from roadmap_tui.tui.screens.main import MainScreen

    first_frame: list[str] = []
    mount = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        mount(screen)

        def drawn(_screen) -> None:  # after each layout and its frame
            if not first_frame:
                first_frame.append(detail_title(screen.app))

        screen.screen_layout_refresh_signal.subscribe(screen, drawn, immediate=True)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert first_frame == ["Basics"]


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
