"""The split between the tree and the detail pane: balanced at 200x60 (the pane's text at a
readable measure, the tree as wide as its lines need), resized with { and }, remembered in the
view state file."""

from __future__ import annotations

import tomllib

from .helpers import goto, main, messages, screen_text

WIDE = (200, 60)


def tree_and_pane(app) -> list[tuple[str, str]]:
    """(tree side, pane side) of each body line of the screen."""
    lines = screen_text(app).split("\n")[1:-1]
    return [tuple(line.split("▕", 1)) for line in lines if "▕" in line]


async def test_at_200_columns_the_tree_takes_what_it_needs_and_prose_stays_readable(
    make_app, bundled
):
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await goto(pilot, "internet/http")  # a long description
        screen = main(app)
        tree = screen.tree
        description = screen.detail.query_one("#description")
        assert description.size.width <= 80  # a readable measure
        pane = [right.rstrip() for _left, right in tree_and_pane(app)]
        assert max(len(line) for line in pane) <= 2 + 80  # the pane's padding, then the text
        # as wide as the roadmap's longest line needs, not 80 columns with most of them empty
        assert tree.outer_size.width == tree.needed_width() < 80
        assert not any("…" in left for left, _right in tree_and_pane(app))


async def test_braces_resize_the_tree_and_the_width_is_remembered(make_app, bundled, state_path):
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        tree = main(app).tree
        start = tree.outer_size.width
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await pilot.pause()
        assert tree.outer_size.width == start + 8
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert tree.outer_size.width == start + 4
        await pilot.press("q")
    saved = tomllib.loads(state_path.read_text(encoding="utf-8"))
    assert saved["tree_width"] == start + 4
    again = make_app(bundled)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert main(again).tree.outer_size.width == start + 4


async def test_the_tree_cannot_squeeze_the_pane_away(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(30):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert main(app).detail.outer_size.width >= 40
        for _ in range(40):
            await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert main(app).tree.outer_size.width >= 24


async def test_in_a_narrow_window_the_keys_say_why_nothing_moves(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert any("100 columns" in m for m in messages(app)), messages(app)


def test_a_tree_width_in_the_view_state_file_is_read_only_when_it_makes_sense(tmp_path):
    from roadmap_tui.storage.uistate import ViewState, load_state, save_state

    path = tmp_path / "ui-state.toml"
    save_state(path, "backend", ViewState(tree_width=52))
    assert load_state(path, "backend").tree_width == 52
    for bad in ('"wide"', "-3", "true", "99999", "1.5"):
        path.write_text(f"tree_width = {bad}\n", encoding="utf-8")
        assert load_state(path, "backend").tree_width == 0, bad  # automatic, no error
