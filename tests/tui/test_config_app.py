"""config.toml in the app: a remapped key drives its action, the footer and the help screen show
it, a mistake in the table is said and changes nothing; the theme, editor, date format, split."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from roadmap_tui.storage.config import load_settings
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.tui import keymap
from roadmap_tui.tui.app import RoadmapApp
from roadmap_tui.tui.screens.dialogs import HELP_IDS, HelpScreen

from .conftest import saved_status
from .helpers import SIZE, goto, messages, saved, screen_text


def app_with_config(roadmap, tmp_path: Path, config: str) -> RoadmapApp:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    store = ProgressStore(tmp_path / "progress.toml", roadmap.id)
    store.load()
    state = tmp_path / "state.toml"
    state.write_text(f'[roadmaps."{roadmap.id}"]\ncursor = "{roadmap.sections[0].id}"\n')
    settings = load_settings(env={}, path=path)
    return RoadmapApp(roadmap, store, state_path=state, settings=settings)


def footer_keys(app) -> dict[str, str]:
    """Key -> description of what the footer shows now (the screen's active bindings)."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show
    }


def test_every_binding_of_the_app_has_an_id():
    for cls in keymap.owners():
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), (cls.__name__, binding)
            assert binding.id, (cls.__name__, binding)
    ids = keymap.bindings()
    assert "main.toggle_done" in ids and "tree.down" in ids and "review.again" in ids
    # every binding the help screen lists exists
    assert {i for row in HELP_IDS.values() for i in row} <= set(ids)


async def test_a_remapped_key_marks_the_topic_and_the_footer_and_help_show_it(mini, tmp_path):
    app = app_with_config(
        mini,
        tmp_path,
        '[keymap]\nmain.toggle_done = "x"\n"main.mark.in_progress" = "ctrl+l"\n',
    )
    progress = tmp_path / "progress.toml"
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("x")
        await saved(pilot)
        assert saved_status(progress, "mini", "basics/intro") == "done"
        # the old key no longer toggles done: space on the tree followed the remap
        await pilot.press("space")
        await saved(pilot)
        assert saved_status(progress, "mini", "basics/intro") == "done"
        await pilot.press("ctrl+l")
        await saved(pilot)
        assert saved_status(progress, "mini", "basics/intro") == "in-progress"
        shown = footer_keys(app)
        assert shown.get("x") == "Done" and "space" not in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        assert any("x" in line and "toggle done" in line for line in lines)
        assert any("^l" in line and "in progress" in line for line in lines)
        assert not any("space" in line and "toggle done" in line for line in lines)


async def test_unknown_ids_and_bad_keys_warn_and_keep_the_defaults(mini, tmp_path):
    app = app_with_config(
        mini,
        tmp_path,
        '[keymap]\nmain.toggle_dne = "x"\nmain.search = "ctrl+nothing"\n',
    )
    progress = tmp_path / "progress.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = "\n".join(messages(app))
        assert "config.toml:2: keymap.main.toggle_dne: no binding has this id" in said
        assert "did you mean 'main.toggle_done'?" in said
        assert "config.toml:3: keymap.main.search: 'ctrl+nothing' is not a key name" in said
        await goto(pilot, "basics/intro")
        await pilot.press("space")
        await saved(pilot)
        assert saved_status(progress, "mini", "basics/intro") == "done"


async def test_a_theme_from_the_config_is_used_and_an_unknown_one_warns(mini, tmp_path):
    app = app_with_config(mini, tmp_path, 'theme = "nord"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    app = app_with_config(mini, tmp_path, 'theme = "no-such-theme"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("theme: unknown theme 'no-such-theme'" in m for m in messages(app))


async def test_a_key_taken_from_another_binding_is_said(mini, tmp_path):
    app = app_with_config(mini, tmp_path, '[keymap]\nmain.toggle_done = "q"\n')
    progress = tmp_path / "progress.toml"
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("q")
        await saved(pilot)
        assert saved_status(progress, "mini", "basics/intro") == "done"
        assert app.is_running  # q marks now, it no longer quits
        said = [m for m in messages(app) if "keymap.main.toggle_done: q is also the key" in m]
        assert len(said) == 1, messages(app)
        assert "main.quit (Quit), which loses it" in said[0]


async def test_detail_split_gives_the_detail_pane_its_share_of_the_width(mini, tmp_path):
    widths = {}
    for config in ("", "detail_split = 70\n", "detail_split = 99\n"):
        app = app_with_config(mini, tmp_path, config)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            widths[config] = app.screen.query_one("#left").size.width
    assert widths["detail_split = 70\n"] == round(SIZE[0] * 0.3)  # the pane takes 70%
    # not set, or out of range (the default is used): the tree takes what it needs
    assert widths["detail_split = 99\n"] == widths[""] != round(SIZE[0] * 0.3)


def test_the_configuration_doc_lists_every_binding_id_and_every_key():
    from roadmap_tui.core.config import KEYS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text()
    for binding_id, binding in keymap.bindings().items():
        assert f"| `{binding_id}` | `{binding.key}` |" in doc, binding_id
    for key in KEYS:
        assert f"| `{key}` |" in doc, key


async def test_the_configured_editor_edits_the_note_and_visual_beats_it(
    mini, tmp_path, monkeypatch
):
    import contextlib

    from .helpers import note_shown

    for name in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    config = 'editor = "sh -c \'printf \\"from the config\\" > \\"$0\\"\'"\n'
    app = app_with_config(mini, tmp_path, config)
    assert app.settings.source("editor") == "file"
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("e")
        await pilot.pause()
        assert note_shown(app) == "from the config"
    monkeypatch.setenv("VISUAL", 'sh -c \'printf "from visual" > "$0"\'')
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    app = RoadmapApp(
        mini,
        ProgressStore(tmp_path / "progress.toml", mini.id),
        state_path=tmp_path / "state.toml",
        settings=load_settings(path=path),
    )
    app.store.load()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.press("e")
        await pilot.pause()
        assert note_shown(app) == "from visual"


async def test_the_detail_pane_shows_dates_in_the_configured_format(mini, tmp_path):
    from .conftest import FIXED_NOW, seed_progress
    from .helpers import main

    seed_progress(tmp_path / "progress.toml", "mini", statuses={"basics/intro": "done"})
    app = app_with_config(mini, tmp_path, 'date_format = "%d %b %Y"\n')
    async with app.run_test(size=SIZE) as pilot:
        await goto(pilot, "basics/intro")
        await pilot.pause()
        dates = str(main(app).query_one("#dates").render())
        local = FIXED_NOW.astimezone()
        day = f"{local:%d %b %Y %H:%M}"
        assert dates == f"started {day} · completed {day}", dates


async def test_a_remapped_help_key_opens_and_closes_the_help(mini, tmp_path):
    app = app_with_config(mini, tmp_path, '[keymap]\nmain.help = "f2"\n')
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2", "escape")  # esc still closes it too
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
