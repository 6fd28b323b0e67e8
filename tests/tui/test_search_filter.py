"""Pilot tests: The search box, the status filter, the filter menu (m) and focus mode.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.widgets import Input

from roadmap_tui.tui.screens.main import MainScreen

from .conftest import seed_progress
from .helpers import (
    SIZE,
    _palette_run,
    assert_tree_on_screen_is_the_model,
    cursor,
    detail_title,
    goto,
    header,
    label,
    main,
    messages,
    no_entries,
    pick_filter,
    saved,
    screen_text,
    search_result,
    tree_on_screen,
    visible,
    visible_ids,
)


async def test_search_filters_live_keeping_parents(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        search = main(app).query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press("g", "o")
        # "go" : Gopher only (no description or note says "go")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ Gopher opt"]
        assert "search: go" in header(app)
        await pilot.press("backspace")
        assert len(visible(app)) > 3  # "g": the tree follows every key
        await pilot.press("backspace", *"dns")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ DNS alt"]


async def test_search_enter_goes_to_the_first_match_and_focuses_the_tree(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"goph", "enter")
        assert cursor(app) == "web/protocols/gopher"
        assert app.focused is main(app).tree
        assert detail_title(app) == "Gopher"
        await pilot.press("space")  # keys reach the tree again
        assert label(app, "web/protocols/gopher") == "● Gopher opt"


async def test_search_escape_clears_the_search(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dns")
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ DNS alt"]
        await pilot.press("escape")
        search = main(app).query_one("#search", Input)
        assert not search.display and search.value == ""
        assert "search:" not in header(app)
        assert [v for v in visible(app) if not v.startswith(("○", "●"))] == [
            "Basics  0/2",
            "Web  0/6",
            "Extras  0/1",
        ]
        assert app.focused is main(app).tree


async def test_f_cycles_the_status_filter_shown_in_the_header(make_app, mini, progress_path):
    seed_progress(
        progress_path,
        "mini",
        {"basics/intro": "done", "web/html": "in-progress", "extra/history": "skipped"},
    )
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert "filter:" not in header(app)
        await pilot.press("f")
        assert "filter: to do" in header(app)
        shown = visible(app)
        assert "○ Tools rec" in shown and "○ DNS alt" in shown
        assert not any(s.startswith(("●", "◐", "⊘")) for s in shown)
        await pilot.press("f")
        assert "filter: in progress" in header(app)
        assert visible(app) == ["Web  0/6", "◐ HTML"]
        await pilot.press("f")
        assert "filter: done" in header(app)
        assert visible(app) == ["Basics  1/2", "● Introduction"]
        await pilot.press("f")
        assert "filter: skipped" in header(app)
        assert visible(app) == ["Extras  1/1", "⊘ History opt"]
        await pilot.press("f")
        assert "filter:" not in header(app)
        assert visible(app)[0] == "Basics  1/2"
        assert "Extras  1/1" in visible(app)


async def test_F_focus_mode_and_d_detail_toggle(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        assert "focus: essentials" in header(app)
        shown = visible(app)
        assert "○ Introduction" in shown and "○ HTML" in shown  # core
        assert "○ Tools rec" not in shown and "○ History opt" not in shown
        await pilot.press("F")
        assert "focus:" not in header(app)
        detail = main(app).detail
        await pilot.press("d")
        assert not detail.display or detail.region.width == 0
        await pilot.press("d")
        await pilot.pause()
        assert detail.region.width > 0


async def test_search_results_equal_a_plain_scan_of_the_model(make_app, bundled, progress_path):
    seed_progress(progress_path, "backend", notes={"internet/dns": "Resolver caching quirks"})
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for query in ("ca", "cach", "caching", "cachin", "cookie session", "quirks", "zzz"):
            search = main(app).search_box()
            search.value = query
            await pilot.pause()

            def plain(topic, query=query):
                entry = main(app).session.entries.get(topic.id)
                text = " ".join(
                    (topic.title, topic.summary, topic.description, " ".join(topic.aliases))
                )
                if entry is not None:
                    text += "\n" + entry.note
                return all(w in text.casefold() for w in query.casefold().split())

            expected = [t.id for t in bundled.topics() if plain(t)]
            assert main(app).matches == expected, query


async def test_typing_a_search_shows_exactly_the_matches_and_their_parents(make_app, bundled):
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E", "C", "slash")  # every branch built, then collapsed
        typed = ""
        for key in [*"cach", *["backspace"] * 3, *"ookie", *["backspace"] * 6, *"dns"]:
            await pilot.press(key)
            typed = typed[:-1] if key == "backspace" else typed + key
            assert main(app).session.search_text == typed
            if not typed:  # everything again, as it was (collapsed)
                sections = [s.id for s in bundled.sections]
                assert [tid for tid in visible_ids(app) if tid in sections] == sections
                assert_tree_on_screen_is_the_model(app)
                continue
            expected = search_result(app, typed)
            assert expected and visible_ids(app) == expected, typed
            top = main(app).tree.scroll_offset.y  # the cursor's topic stays in view
            assert [tid for tid, _ in tree_on_screen(app)] == expected[top : top + 35], typed
            assert_tree_on_screen_is_the_model(app)


async def test_a_search_with_many_matches_shows_their_sections_and_only_matches_below(
    make_app, bundled, monkeypatch
):
    """Above EXPAND_ALL_LIMIT lines a filtered tree shows its sections collapsed; expanding
    them shows only the matches and their parents, for the text typed last."""
    from roadmap_tui.tui.screens import main as app_module

    monkeypatch.setattr(app_module, "EXPAND_ALL_LIMIT", 40)
    app = make_app(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        typed = ""
        for keys in (["c", "o"], ["n"], ["backspace", "backspace", "backspace", "d", "n"]):
            for key in keys:
                await pilot.press(key)
                typed = typed[:-1] if key == "backspace" else typed + key
                if not typed:
                    assert len(visible_ids(app)) == len(bundled.sections)
                    continue
                expected = search_result(app, typed)
                sections = [s.id for s in bundled.sections if s.id in expected]
                on_screen = [tid for tid, _ in tree_on_screen(app)]
                if len(expected) > 40:
                    assert [tid for tid in on_screen if tid in sections] == sections, typed
                    assert set(on_screen) <= set(expected), typed
                else:
                    assert on_screen == expected[:35], typed
                assert_tree_on_screen_is_the_model(app)
            await pilot.press("enter", "E")  # to the tree; expand everything
            await pilot.pause()
            assert visible_ids(app) == expected, typed
            assert_tree_on_screen_is_the_model(app)
            await pilot.press("C", "slash", "end")  # back to the end of the search text
            assert main(app).session.search_text == typed


async def test_a_search_shows_an_expand_icon_only_where_matches_are_below(
    make_app, mini, progress_path, monkeypatch
):
    from roadmap_tui.tui.screens import main as app_module

    monkeypatch.setattr(app_module, "EXPAND_ALL_LIMIT", 3)  # sections collapsed
    notes = {t: "alpha beta" for t in ("web/protocols/http", "web/protocols/dns")}
    seed_progress(progress_path, "mini", notes={**notes, "web/protocols/http/methods": "alpha"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/dns")
        await pilot.press("slash", *"alpha")
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/http",  # Methods, below it, matches too
            "web/protocols/dns",
        ]
        assert_tree_on_screen_is_the_model(app)
        await pilot.press(*" be")  # HTTP still matches, Methods no longer
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/http",
            "web/protocols/dns",
        ]
        assert_tree_on_screen_is_the_model(app)
        assert not main(app).tree.nodes_by_id["web/protocols/http"].allow_expand


async def test_a_key_that_keeps_the_matches_keeps_the_tree_as_it_is(make_app, mini):
    """Typing on while the same topics match leaves the tree's nodes alone (no rebuild: the
    cursor, the scroll and every line stay put)."""
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "g")
        await pilot.pause()
        tree = main(app).tree
        assert len(visible(app)) > 3  # "g": several branches open, with leaves in them

        def nodes():
            return [tree.get_node_at_line(line) for line in range(tree.last_line + 1)]

        await pilot.press("o")  # "go": Gopher only
        await pilot.pause()
        before = nodes()
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ Gopher opt"]
        await pilot.press("p")  # "gop": still Gopher only
        await pilot.pause()
        assert visible(app) == ["Web  0/6", "○ Protocols  0/4", "○ Gopher opt"]
        assert all(a is b for a, b in zip(nodes(), before, strict=True))


async def test_a_search_that_hides_the_pane_s_topic_moves_the_pane(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics")  # the first line: the search keeps the cursor on line 0
        await pilot.press("slash", *"gopher")
        await pilot.pause()
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        assert detail_title(app) == "Web" == app.roadmap[cursor(app)].title
        await pilot.press("escape")
        await goto(pilot, "basics/intro")
        await pilot.press("slash", *"dns")  # no pause: the pane never shows a hidden topic
        assert "basics/intro" not in visible_ids(app)
        assert detail_title(app) == app.roadmap[cursor(app)].title


async def test_filters_by_kind_section_and_note_combine_with_search_and_esc_clears_all(
    make_app, mini, progress_path
):
    seed_progress(progress_path, "mini", {"web/html": "in-progress"}, {"web/protocols/dns": "x"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        menu_text = screen_text(app)
        for line in ("Kind", "optional", "Section", "Extras", "has a note", "✓ all"):
            assert line in menu_text
        await pilot.press("escape")
        await pick_filter(pilot, "kind:optional")
        assert visible_ids(app) == [
            "web",
            "web/protocols",
            "web/protocols/gopher",
            "extra",
            "extra/history",
        ]
        assert "filter: optional" in header(app)
        await pick_filter(pilot, "section:web")  # combined with the kind
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        assert "filter: optional · Web" in header(app)
        assert detail_title(app) == app.roadmap[cursor(app)].title
        await pilot.press("slash", *"history", "enter")  # and with the search: nothing left
        empty = screen_text(app)
        assert "No topics of kind optional in Web match “history”" in empty
        assert "m for the filter menu" in empty
        await pilot.press("escape")  # the search goes first
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/gopher"]
        await pilot.press("escape")  # then every filter at once
        assert "filter:" not in header(app)
        assert visible_ids(app)[0] == "basics"
        await pick_filter(pilot, "note:yes")
        assert visible_ids(app) == ["web", "web/protocols", "web/protocols/dns"]
        assert "filter: has a note" in header(app)
        await pick_filter(pilot, "status:in-progress")  # with the note filter: nothing
        assert "No topics in progress with a note" in screen_text(app)
        await pick_filter(pilot, "note:")
        assert visible_ids(app) == ["web", "web/html"]
        assert "filter: in progress" in header(app)
        await _palette_run(pilot, "previous status", "Previous status filter")
        assert "filter: to do" in header(app)  # back one: to do comes before in progress
        await pilot.press("f")
        assert "filter: in progress" in header(app)


async def test_an_empty_filter_says_so_clears_the_pane_and_esc_shows_all(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("f", "f")  # to do, then in progress: nothing is in progress
        await pilot.pause()
        text = screen_text(app)
        assert "No topics in progress: f for the next filter, esc for all" in text
        assert "Introduction" not in text  # neither in the tree nor in the detail pane
        await pilot.press("space", "s")
        assert "Nothing to mark: no topic is shown." in messages(app)
        await pilot.press("n")
        assert any(m.startswith("No topic is shown: no note to edit.") for m in messages(app))
        await pilot.pause(0.5)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert main(app).session.status_filter == "all"
        assert "No topics" not in screen_text(app)
        assert cursor(app) == "basics/intro"
        assert detail_title(app) == "Introduction"
        await saved(pilot)
        assert no_entries(progress_path)


async def test_a_search_that_matches_nothing_says_so(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        text = screen_text(app)
        assert "No topics match “zzzz”: esc clears the search" in text
        assert detail_title(app) not in text
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert "No topics match" not in screen_text(app)
