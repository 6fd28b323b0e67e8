"""Pilot tests: the rough edges a new user hits first.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.widgets import Button

from roadmap_tui.core.loader import parse
from roadmap_tui.tui.messages import SaveFailed
from roadmap_tui.tui.screens.dialogs import LinkScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import MINI_TOML, saved_note, saved_status, seed_progress, wait_for
from .helpers import (
    SIZE,
    cursor,
    detail_title,
    goto,
    header,
    label,
    main,
    messages,
    no_entries,
    saved,
    screen_text,
    tab_to,
    type_fast,
    visible,
)


async def test_text_typed_after_n_on_a_section_never_marks_anything(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        assert cursor(app) == "basics"
        before = visible(app)
        # s would ask to skip the section and a answer "All"; e opens $EDITOR, o a browser
        type_fast(app, "n", *"say hello")
        assert await wait_for(
            pilot, lambda: any("sections have no note" in m for m in messages(app))
        )
        await pilot.pause(0.1)
        assert isinstance(app.screen, MainScreen)
        assert cursor(app) == "basics"
        assert visible(app) == before  # h and l did not fold the tree either
        assert all(main(app).session.entry(t.id).status == "todo" for t in mini.topics())
        await saved(pilot)
        assert no_entries(progress_path)
        # once typing has paused, keys work again
        await pilot.pause(0.5)
        await pilot.press("j")
        assert cursor(app) == "web"


async def test_an_arrow_after_a_refused_note_works_at_once(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        type_fast(app, "n", "down")
        assert await wait_for(pilot, lambda: cursor(app) == "web")


async def test_n_with_the_detail_pane_hidden_shows_it_and_the_editor(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"web/protocols": "NOTE-ON-SCREEN"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        await pilot.press("d")
        assert "NOTE-ON-SCREEN" not in screen_text(app)
        await pilot.press("n", *"!")
        await pilot.pause()
        assert "NOTE-ON-SCREEN!" in screen_text(app)  # the pane is back, the editor in it
        await pilot.press("escape")
        await saved(pilot)
        assert saved_note(progress_path, "mini", "web/protocols") == "NOTE-ON-SCREEN!"


async def test_the_note_editor_stays_in_view_when_the_window_shrinks(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"web/protocols": "NOTE-ON-SCREEN"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols")
        await pilot.press("n")
        await pilot.pause()
        assert "NOTE-ON-SCREEN" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "NOTE-ON-SCREEN" in screen_text(app)


async def test_the_header_says_saved_after_a_note_edit_already_saved_while_typed(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("n", *"typed")
        # the note is saved while typed, before the edit ends
        assert await wait_for(pilot, lambda: saved_note(progress_path, "mini", "basics/intro"))
        await saved(pilot)
        await pilot.press("escape")
        await saved(pilot)
        assert await wait_for(pilot, lambda: "saving" not in header(app), timeout=1.5)
        assert "saved ✓" in header(app)
        assert saved_note(progress_path, "mini", "basics/intro") == "typed"


async def test_space_on_a_focused_status_button_presses_that_button(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        button = main(app).detail.query_one("#status-skipped", Button)
        await tab_to(pilot, button)
        await pilot.press("space")
        assert label(app, "basics/intro") == "⊘ Introduction"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "basics/intro") == "skipped"


def footer_text(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_while_typing_a_note_shows_the_editor_keys_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "basics/intro")
        assert "/ Search" in footer_text(app)
        await pilot.press("n")
        await pilot.pause()
        footer = footer_text(app)
        assert "^s Save" in footer and "esc Done" in footer
        for wrong in ("/ Search", "space Done", "s Skip", "q Quit", "f Filter"):
            assert wrong not in footer, (wrong, footer)
        await pilot.press("escape")
        await pilot.pause()
        assert "/ Search" in footer_text(app)


async def test_the_footer_while_typing_a_search_shows_the_search_keys_only(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"http")
        await pilot.pause()
        footer = footer_text(app)
        assert "esc Clear" in footer and "Go to match" in footer, footer
        for wrong in ("/ Search", "n Note", "space Done", "q Quit", "t Stats"):
            assert wrong not in footer, (wrong, footer)


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


async def test_o_without_a_browser_shows_the_link_and_copies_it(make_app, mini, monkeypatch):
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = make_app(mini)
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkScreen)
        text = screen_text(app)
        assert "No browser to open the link: this is an SSH session." in text
        assert "https://example.com/intro" in text
        assert "copied to the clipboard" in text
        assert app.clipboard == "https://example.com/intro"
        assert opened == []
        assert not any(m.startswith("Opening") for m in messages(app))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_why_no_browser_names_the_reason(monkeypatch):
    import webbrowser

    from roadmap_tui.tui.browser import why_no_browser

    monkeypatch.setattr(webbrowser, "get", lambda *a: object())
    ssh = {"SSH_CONNECTION": "1 2 3 4", "DISPLAY": ":0"}
    assert why_no_browser(ssh, "linux") == "this is an SSH session"
    assert why_no_browser({}, "linux") == "there is no graphical display"
    assert why_no_browser({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert why_no_browser({}, "darwin") is None
    assert why_no_browser({**ssh, "BROWSER": "lynx"}, "linux") is None  # the user's choice

    def nothing(*args):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", nothing)
    assert why_no_browser({"DISPLAY": ":0"}, "linux") == "no web browser was found"


async def test_at_80_columns_the_footer_keeps_help_and_the_header_the_bar(make_app, mini):
    long_title = "A Roadmap With A Really Quite Remarkably Long Title Indeed"
    roadmap = parse(MINI_TOML.replace('title = "Mini Roadmap"', f'title = "{long_title}"'))
    app = make_app(roadmap)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")  # a filter tag too
        await pilot.pause()
        assert "? Help" in footer_text(app)
        top = screen_text(app).splitlines()[0]
        assert "░░░░░░░░░░ 0%" in top and "filter: to do" in top, top
        main(app).post_message(SaveFailed("disk full", 1))
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "0%" in top and "not saved: retrying (1 waiting)" in top, top


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


async def test_a_topic_with_a_note_is_marked_in_the_tree(make_app, mini, progress_path):
    seed_progress(progress_path, "mini", notes={"basics/tools": "a note"})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        assert label(app, "basics/tools") == "○ Tools rec ✎"
        assert label(app, "basics/intro") == "○ Introduction"
        await pilot.press("n", *"mine", "escape")
        await pilot.pause()
        assert label(app, "basics/intro") == "○ Introduction ✎"
        await pilot.press("u")  # undo the note: the mark goes with it
        await pilot.pause()
        assert label(app, "basics/intro") == "○ Introduction"
