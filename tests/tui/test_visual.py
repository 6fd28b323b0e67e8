"""The layout as the user sees it: the tree's columns, long titles, the split between the tree
and the detail pane, and what is left on screen when the pane is hidden."""

from __future__ import annotations

from rich.cells import cell_len

from .helpers import SIZE, goto, main, screen_text


def screen_lines(app) -> list[str]:
    return screen_text(app).split("\n")


async def test_hiding_the_detail_pane_leaves_no_border_line(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        await pilot.press("d")
        await pilot.pause()
        body = screen_lines(app)[1:-1]  # between the header and the footer
        # the tree's right border (a column of ▕) belonged between tree and pane only
        assert not [line for line in body if line.rstrip().endswith("▕")], body


async def test_status_glyphs_share_one_column_on_leaf_and_branch_rows(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await goto(pilot, "web/protocols/dns")  # a leaf beside HTTP, a branch
        lines = [line.split("▕")[0] for line in screen_lines(app)]  # the tree's side
        http = next(line for line in lines if "HTTP" in line and "○" in line)
        dns = next(line for line in lines if "DNS" in line and "○" in line)
        assert cell_len(http[: http.index("○")]) == cell_len(dns[: dns.index("○")]), [http, dns]
        protocols = next(line for line in lines if "Protocols" in line and "○" in line)
        intro = next(line for line in lines if "Introduction" in line and "○" in line)
        # one level up: the branch Protocols and the leaf Introduction line up the same way
        assert cell_len(protocols[: protocols.index("○")]) == cell_len(intro[: intro.index("○")])


LONG = "A title far too long for the tree " * 4


async def test_a_long_title_ends_in_an_ellipsis_and_never_scrolls_sideways(make_app, tmp_path):
    from roadmap_tui.storage.roadmaps import load

    from .conftest import MINI_TOML

    path = tmp_path / "long.toml"
    path.write_text(MINI_TOML.replace('title = "Tools"', f'title = "{LONG.strip()}"'))
    app = make_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/tools")
        tree = main(app).tree
        tree_side = [line.split("▕")[0].rstrip() for line in screen_lines(app)]
        shown = next(line for line in tree_side if "A title far" in line)
        assert shown.endswith("…"), shown
        assert cell_len(shown) <= tree.size.width
        assert not tree.show_horizontal_scrollbar
        assert tree.max_scroll_x == 0


async def test_the_cursor_row_stays_in_view_after_a_resize(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("E", "G")  # everything expanded, the cursor on the last line
        await pilot.pause()
        topic = bundled[main(app).tree.cursor_topic_id].title
        for width, height in ((80, 24), (120, 40), (60, 16), (200, 60), (80, 24)):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            tree_side = [line.split("▕")[0] for line in screen_lines(app)]
            assert any(topic in line for line in tree_side), (width, height, tree_side)


async def test_each_line_is_measured_as_wide_as_it_is_drawn(make_app, bundled):
    """The tree measures every line for its scrolling width without drawing it: the measure
    is the drawn label's, cut to the tree's width, for branches open and closed and for leaves."""
    from rich.style import Style

    app = make_app(bundled)
    async with app.run_test(size=(200, 60)) as pilot:
        tree = main(app).tree
        cut = 0
        for size in ((200, 60), (120, 40), (80, 24), (50, 20)):
            await pilot.resize_terminal(*size)
            await pilot.press("E")  # everything expanded
            await pilot.pause()
            nodes = [tree.get_node_at_line(line) for line in range(tree.last_line + 1)]
            nodes.append(tree.root.children[0])
            nodes[-1].collapse()
            await pilot.pause()
            assert len(nodes) > 400
            for node in nodes:
                drawn = tree.render_label(node, Style(), Style())
                assert tree.get_label_width(node) == drawn.cell_len, (size, str(drawn))
                cut += drawn.plain.endswith("…")
            assert tree.max_scroll_x == 0, size
        assert cut  # some titles are cut at the narrower sizes
