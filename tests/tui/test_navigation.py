"""Pilot tests: Moving the cursor, expanding and collapsing, jumps and the mouse on the tree.

Assertions are about what a user notices."""

from __future__ import annotations

from .conftest import seed_progress
from .helpers import (
    SIZE,
    cursor,
    detail_text,
    detail_title,
    goto,
    main,
    messages,
    visible,
)


async def test_h_l_and_left_right_collapse_and_expand(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")  # expand
        assert visible(app)[:3] == ["Basics  0/2", "○ Introduction", "○ Tools rec"]
        assert cursor(app) == "basics"
        await pilot.press("l")  # already open: go to the first part
        assert cursor(app) == "basics/intro"
        await pilot.press("h")  # a leaf: go to the parent
        assert cursor(app) == "basics"
        await pilot.press("h")  # collapse
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        await pilot.press("down", "right")
        assert visible(app)[1:4] == ["Web  0/6", "○ Protocols  0/4", "○ HTML"]
        await pilot.press("right")
        assert cursor(app) == "web/protocols"
        await pilot.press("right")  # a branch topic expands too
        assert "○ HTTP  0/1" in visible(app)
        await pilot.press("left", "left")  # collapse it, then go to its parent
        assert "○ HTTP  0/1" not in visible(app)
        assert cursor(app) == "web"
        await pilot.press("left")
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "web"


async def test_enter_expands_a_branch(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert visible(app) == [
            "Basics  0/2",
            "Web  0/6",
            "○ Protocols  0/4",
            "○ HTML",
            "Extras  0/1",
        ]
        assert cursor(app) == "web"
        await pilot.press("down", "enter")
        assert "○ HTTP  0/1" in visible(app)
        assert "○ DNS alt" in visible(app)
        assert "○ Gopher opt" in visible(app)


async def test_brackets_jump_to_next_and_previous_unfinished(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done", "web/protocols": "skipped"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert cursor(app) == "basics/tools"  # Introduction is done
        assert detail_title(app) == "Tools"
        await pilot.press("right_square_bracket")
        assert cursor(app) == "web/protocols/http"  # Protocols is skipped
        await pilot.press("right_square_bracket")
        assert cursor(app) == "web/protocols/http/methods"
        await pilot.press("left_square_bracket")
        assert cursor(app) == "web/protocols/http"
        await pilot.press("left_square_bracket")
        assert cursor(app) == "basics/tools"


async def test_next_and_previous_unfinished_say_when_they_wrap_around(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/html")
        await pilot.press("right_square_bracket")
        assert cursor(app) == "extra/history"
        assert not any("Wrapped" in m for m in messages(app))
        await pilot.press("right_square_bracket")
        assert cursor(app) == "basics/intro"
        assert "Wrapped around to the first unfinished topic." in messages(app)
        await pilot.press("left_square_bracket")
        assert cursor(app) == "extra/history"
        assert "Wrapped around to the last unfinished topic." in messages(app)


async def test_w_jumps_to_the_next_topic_to_learn(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", {"basics/intro": "done"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        # Tools is only recommended; Protocols waits for Tools; HTTP is core with no prerequisite
        assert cursor(app) == "web/protocols/http"
        assert "▶ next: no prerequisites, core, listed by 2 of 5" in detail_text(app)
        assert any(m.startswith("Next: HTTP") for m in messages(app))


async def test_E_and_C_expand_and_collapse_everything(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        assert len(visible(app)) == 12  # 3 sections + 9 topics
        assert "○ Methods" in visible(app)
        await goto(pilot, "web/protocols/http/methods")
        await pilot.press("C")
        assert visible(app) == ["Basics  0/2", "Web  0/6", "Extras  0/1"]
        assert cursor(app) == "web"  # the section of the topic the cursor was on


async def test_clicking_a_topic_moves_the_cursor(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert visible(app)[2] == "○ Tools rec"
        await pilot.click(main(app).tree, offset=(8, 2))
        assert cursor(app) == "basics/tools"
        assert detail_title(app) == "Tools"


async def test_lazy_tree_expanded_everywhere_matches_the_model(make_app, bundled):
    """Children are built on first expansion; fully expanded, the tree is the roadmap."""
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        tree = main(app).tree
        assert len(tree.nodes_by_id) == len(bundled.sections)  # nothing built yet
        await pilot.press("E")
        built = []
        stack = list(reversed(tree.root.children))
        while stack:
            node = stack.pop()
            built.append(node.data)
            stack.extend(reversed(node.children))
        assert built == [t.id for t in bundled.nodes()]
