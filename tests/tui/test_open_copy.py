"""Pilot tests: o opens a topic's first link, or says why it cannot and copies it; y, Y and N
copy the topic's id, link and note.

Assertions are about what a user notices."""

from __future__ import annotations

from roadmap_tui.core.roadmap import Resource
from roadmap_tui.tui.screens.dialogs import LinkScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import seed_progress
from .helpers import (
    SIZE,
    _palette_run,
    goto,
    messages,
    replace_resources,
    screen_text,
    urls_opened,
)


async def test_o_opens_the_first_resource(make_app, mini):
    app = make_app(mini)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "o")
        assert opened == ["https://example.com/intro"]
        await pilot.press("j", "o")  # Tools has no resources
        assert opened == ["https://example.com/intro"]
        assert "This topic has no resources." in messages(app)


async def test_o_refuses_a_link_that_is_not_http(make_app, mini):
    roadmap = replace_resources(
        mini,
        "basics/intro",
        (
            Resource("docs", "Local file", "file:///etc/passwd"),
            Resource("docs", "Fine", "https://example.com/fine"),
        ),
    )
    app = make_app(roadmap)
    opened = urls_opened(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "o")
        assert opened == []
        assert any("file:///etc/passwd" in m and "Not opening" in m for m in messages(app))


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


async def test_y_shift_y_and_shift_n_copy_the_id_the_link_and_the_note_and_show_them(
    make_app, mini, progress_path
):
    note = "Intro notes: " + "x" * 80 + "\nsecond line"
    seed_progress(progress_path, "mini", notes={"basics/intro": note})
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("y")
        assert app.clipboard == "basics/intro"
        assert "Copied the id: basics/intro" in messages(app)[-1]
        await pilot.press("Y")
        assert app.clipboard == "https://example.com/intro"
        assert messages(app)[-1] == "Copied the link: https://example.com/intro"
        await pilot.press("N")
        assert app.clipboard == note  # all of it
        shown = messages(app)[-1]
        assert shown.startswith(f"Copied the note ({len(note)} characters): Intro notes: xxx")
        assert shown.endswith("…") and len(shown) < 110
        await goto(pilot, "basics/tools")  # no link, no note: nothing copied, and why
        await pilot.press("Y")
        assert messages(app)[-1] == "This topic has no links to copy."
        await pilot.press("N")
        assert messages(app)[-1] == "This topic has no note to copy (n writes one)."
        assert app.clipboard == note
        await _palette_run(pilot, "copy the topic", "Copy the topic's id")
        assert app.clipboard == "basics/tools"
