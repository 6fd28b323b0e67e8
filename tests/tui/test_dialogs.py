"""Pilot tests: Help, the command palette, statistics, keys and their ids.

Assertions are about what a user notices."""

from __future__ import annotations

from textual.command import CommandPalette

from roadmap_tui.tui.screens.dialogs import ConfirmBranchScreen, HelpScreen
from roadmap_tui.tui.screens.main import MainScreen

from .conftest import read_progress, saved_status, wait_for
from .helpers import (
    SIZE,
    _palette_run,
    cursor,
    detail_title,
    goto,
    header,
    label,
    main,
    saved,
    screen_text,
    stats_text,
    visible,
)


async def test_question_mark_and_f1_open_help_escape_closes(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            assert "roadmap-tui keys" in screen_text(app)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


async def test_command_palette_jumps_to_a_topic(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await _palette_run(pilot, "Gopher", "Go to Gopher")
        assert cursor(app) == "web/protocols/gopher"
        assert detail_title(app) == "Gopher"
        assert app.focused is main(app).tree


async def test_command_palette_runs_actions(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await _palette_run(pilot, "expand", "Expand every branch")
        assert len(visible(app)) == 12


def test_every_palette_action_names_an_existing_action():
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.commands import ACTIONS

    for name, _help, action, _keys in ACTIONS:
        target, _, call = action.partition(".")
        owner = MainScreen if target == "screen" else RoadmapApp
        method = "action_" + call.partition("(")[0]
        assert callable(getattr(owner, method, None)), f"{name!r}: {owner.__name__}.{method}"


async def test_t_opens_statistics_and_escape_closes(make_app, mini, progress_path):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert type(app.screen).__name__ == "StatsScreen"
        text = stats_text(app)
        assert "Activity, last 26 weeks" in text
        assert "No history yet" in text
        await pilot.press("escape")
        await pilot.press("l", "j", "space")
        await saved(pilot)
        await pilot.press("t")
        text = stats_text(app)
        assert "1 done" in text
        assert "Streak: 1 day now, longest 1." in text
        assert "Pace: 1.0 topics a week" in text


async def test_palette_switches_to_a_roadmap_from_the_roadmaps_folder(
    make_app, mini, progress_path, tmp_path, monkeypatch
):
    import roadmap_tui.storage.catalog as catalog

    folder = tmp_path / "roadmaps"
    folder.mkdir()
    other = folder / "other.toml"
    other.write_text(
        '[roadmap]\nid = "other"\ntitle = "Other Roadmap"\n\n[[section]]\nid = "s"\n'
        'title = "Only section"\n\n[[section.topic]]\nid = "t"\ntitle = "Only topic"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog.paths, "user_roadmaps_dir", lambda: folder)
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "j", "space")  # progress on the mini roadmap
        await saved(pilot)
        await _palette_run(pilot, "Other Roadmap", "Switch roadmap: Other Roadmap")
        await pilot.pause()
        assert app.roadmap.id == "other"
        assert "Other Roadmap" in header(app)
        await pilot.press("l", "j", "space")
        await saved(pilot)
    data = read_progress(progress_path)
    # progress is kept per roadmap id: both roadmaps' marks are in the one file
    assert data["roadmaps"]["mini"]["topics"]["basics/intro"]["status"] == "done"
    assert data["roadmaps"]["other"]["topics"]["s/t"]["status"] == "done"


def test_every_binding_has_an_id_and_a_description():
    from roadmap_tui.tui.app import RoadmapApp
    from roadmap_tui.tui.screens import dialogs
    from roadmap_tui.tui.widgets import roadmap_tree, topic_view

    owners = [RoadmapApp, MainScreen, roadmap_tree.RoadmapTree]
    owners += [getattr(topic_view, n) for n in ("Lines", "Link", "NoteEditor")]
    owners += [
        cls for cls in vars(dialogs).values() if getattr(cls, "__module__", "") == dialogs.__name__
    ]
    ids = []
    for owner in owners:
        for binding in vars(owner).get("BINDINGS", []):
            assert binding.id and binding.description, (owner.__name__, binding)
            ids.append(binding.id)
    assert len(ids) == len(set(ids))


def help_keys() -> set[str]:
    from roadmap_tui.tui.screens.dialogs import HELP_GROUPS

    return {key for _name, entries in HELP_GROUPS for keys, _ in entries for key in keys.split()}


def test_every_key_of_the_main_screen_is_in_the_help_screen():
    names = {
        "slash": "/",
        "question_mark": "?",
        "f1": "F1",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "escape": "esc",
        "greater_than_sign": ">",
        "less_than_sign": "<",
        "left_curly_bracket": "{",
        "right_curly_bracket": "}",
    }
    shown = help_keys()
    for binding in MainScreen.BINDINGS:
        for key in binding.key.split(","):
            assert names.get(key, key) in shown, key


def test_the_readme_key_table_is_the_help_screen():
    from pathlib import Path

    from roadmap_tui.tui.screens.dialogs import HELP_GROUPS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Key | Action |") :].split("\n\n")[0].splitlines()[2:]
    expected = []
    for name, entries in HELP_GROUPS:
        expected.append(f"| **{name}** | |")
        expected += [f"| `{keys}` | {action} |" for keys, action in entries]
    assert table == expected


async def test_the_help_screen_shows_every_key_at_80x24_and_closes_with_esc_question_mark_q(
    make_app, mini
):
    from roadmap_tui.tui.screens.dialogs import HELP_GROUPS, HELP_SYMBOLS

    app = make_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("escape", "question_mark", "q"):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            for name, entries in HELP_GROUPS:
                assert name in text
                for keys, action in entries:
                    assert any(keys in line and action in line for line in text.splitlines()), (
                        keys,
                        action,
                    )
            assert all(line in text for line in HELP_SYMBOLS)
            await pilot.press(key)
            assert isinstance(app.screen, MainScreen), key
        assert app.is_running


async def test_in_a_narrow_window_the_help_is_one_column_that_scrolls_to_every_key(make_app, mini):
    # 70 columns: a vertical tmux split of a 140-column terminal
    from roadmap_tui.tui.screens.dialogs import HELP_GROUPS, HELP_SYMBOLS

    app = make_app(mini)
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen = set()
        for _ in range(12):  # page down through it, as a user would
            seen.update(line.strip(" │") for line in screen_text(app).splitlines())
            await pilot.press("pagedown")
            await pilot.pause()
        seen.update(line.strip(" │") for line in screen_text(app).splitlines())
        text = "\n".join(seen)
        for name, entries in HELP_GROUPS:
            assert name in text
            for keys, action in entries:
                assert any(keys in line and action in line for line in seen), (keys, action)
        for line in HELP_SYMBOLS:  # wrapped, but every word of it shown
            assert all(word in text for word in line.split())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_branch_dialog_counts_right_and_says_topic_for_one(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web/protocols/http")  # one part: Methods
        await pilot.press("space")
        text = screen_text(app)
        assert "It has 1 topic under it." in text
        assert "All 2 (y)" in text
        await pilot.press("escape")


async def test_the_branch_dialog_of_a_section_marks_its_topics_and_offers_no_only_this(
    make_app, mini, progress_path
):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "web")
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmBranchScreen)
        text = screen_text(app)
        assert "Mark the 6 topics of Web as skipped?" in text
        assert "All 6 (y)" in text
        assert "Only this one" not in text
        await pilot.press("o")  # "only this one" means nothing for a section: no effect
        assert isinstance(app.screen, ConfirmBranchScreen)
        await pilot.press("y")
        assert isinstance(app.screen, MainScreen)
        assert label(app, "web") == "Web  6/6"
        await saved(pilot)
        assert saved_status(progress_path, "mini", "web/html") == "skipped"


STATUS_WORDS = ("to do", "in progress", "done", "skipped")


OTHER_WORDS = ("Learning", "todo", "in-progress", "Skip ")  # the words these replaced


async def test_palette_entries_show_their_keys_and_the_status_words_of_the_help(make_app, mini):
    app = make_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"mark")
        assert await wait_for(pilot, lambda: "Mark to do" in screen_text(app))
        palette = screen_text(app)
        for entry in ("Mark done  space", "Mark in progress  i", "Mark skipped  s"):
            assert entry in palette
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"go to dns")
        assert await wait_for(pilot, lambda: "web/protocols/dns  (to do)" in screen_text(app))
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
    for word in STATUS_WORDS:
        assert f"Mark {word}" in palette and word in help_text, word
    for word in OTHER_WORDS:
        assert word not in palette and word not in help_text and word not in footer, word
    assert "In progress" in footer


def test_each_palette_key_runs_the_same_action_as_in_the_palette():
    from roadmap_tui.tui.commands import ACTIONS
    from roadmap_tui.tui.keys import MAIN_BINDINGS

    names = {"/": "slash", "]": "right_square_bracket", "[": "left_square_bracket"}
    names["?"] = "question_mark"
    bound = {key: binding.action for binding in MAIN_BINDINGS for key in binding.key.split(",")}
    same = {"toggle_done": "mark('done')"}  # space toggles done: "Mark done" on a fresh topic
    shown = [(action, keys) for _name, _help, action, keys in ACTIONS if keys]
    assert len(shown) > 20
    for action, keys in shown:
        key = names.get(keys, keys)
        assert same.get(bound[key], bound[key]) == action.removeprefix("screen."), keys
