"""config.toml: parsing and validation (pure), precedence, and `roadmap-tui config`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from roadmap_tui.core.config import Settings, parse, resolve
from roadmap_tui.core.studytime import week_start
from roadmap_tui.storage.config import load_settings
from tests.tui.conftest import MINI_TOML

BIN = Path(sys.executable).parent


def settings_of(text: str, env=None, flags=None) -> Settings:
    values, lines, warnings = parse(text, "config.toml")
    return resolve(values, env or {}, flags, path="config.toml", lines=lines, warnings=warnings)


def test_every_key_is_read_and_sources_say_file():
    s = settings_of(
        'theme = "nord"\neditor = "code --wait"\nroadmap = "backend"\n'
        'date_format = "%d %b %Y"\nweek_start = "Sun"\nweekly_goal = 6\ndetail_split = 40\n'
        '[keymap]\nmain.toggle_done = "x"\n'
    )
    assert (s.theme, s.editor, s.roadmap) == ("nord", "code --wait", "backend")
    assert s.format_date(date(2026, 12, 1)) == "01 Dec 2026"
    assert s.week_start == "sunday" and s.week_start_day == 6
    assert week_start(date(2026, 12, 2), s.week_start_day) == date(2026, 11, 29)
    assert s.weekly_goal == 6.0 and s.detail_split == 40
    assert s.keymap == {"main.toggle_done": "x"}
    assert all(s.source(k) == "file" for k in ("theme", "week_start", "keymap"))
    assert s.warnings == ()


def test_defaults_without_a_file():
    s = settings_of("")
    assert s.week_start == "monday" and s.week_start_day == 0
    assert week_start(date(2026, 12, 2), s.week_start_day) == date(2026, 11, 30)
    assert s.date_format == "%Y-%m-%d" and s.weekly_goal is None and s.detail_split == 55
    assert s.source("theme") == "default"


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        ('week_start = "someday"', "week_start", "is not a day of the week"),
        ("weekly_goal = 500", "weekly_goal", "is not between 0 and 168"),
        ('weekly_goal = "six"', "weekly_goal", "must be a number of hours"),
        ("detail_split = 95", "detail_split", "is not between 20 and 80"),
        ("detail_split = true", "detail_split", "not true/false"),
        ('date_format = "YYYY"', "date_format", "is not a date format"),
        ('editor = "vim \'unclosed"', "editor", "cannot read the command"),
        ("theme = 3", "theme", "must be a string"),
        ('wek_start = "sunday"', "wek_start", "did you mean 'week_start'?"),
    ],
)
def test_a_mistake_is_one_warning_with_file_line_and_key_and_the_default_is_used(
    line, key, message
):
    s = settings_of(f'roadmap = "backend"\n{line}\n')
    assert len(s.warnings) == 1
    text = str(s.warnings[0])
    assert text.startswith(f"config.toml:2: {key}: "), text
    assert message in text and "\n" not in text
    assert s.week_start == "monday" and s.detail_split == 55 and s.weekly_goal is None


def test_bad_toml_warns_with_its_line_and_every_default_applies():
    s = settings_of('theme = "nord"\nweek_start = \n')
    assert len(s.warnings) == 1
    assert str(s.warnings[0]).startswith("config.toml:2: not TOML")
    assert s.theme is None


def test_bad_keys_in_the_keymap_warn_and_are_left_out():
    s = settings_of('[keymap]\nmain.quit = "ctrl+q"\n"main.help" = "hyperx+1"\nmain.undo = 5\n')
    assert s.keymap == {"main.quit": "ctrl+q"}
    said = sorted(str(w) for w in s.warnings)
    assert said[0].startswith("config.toml:3: keymap.main.help: 'hyperx+1' is not a key")
    assert said[1].startswith("config.toml:4: keymap.main.undo: must be a key string")


def test_environment_beats_the_file_and_flags_beat_the_environment():
    text = 'editor = "nano"\nroadmap = "from-file"\n'
    s = settings_of(text)
    assert (s.editor, s.source("editor")) == ("nano", "file")
    s = settings_of(text, env={"EDITOR": "vim"})
    assert (s.editor, s.source("editor")) == ("vim", "$EDITOR")
    s = settings_of(text, env={"EDITOR": "vim", "VISUAL": "code --wait"})
    assert (s.editor, s.source("editor")) == ("code --wait", "$VISUAL")
    s = settings_of(text, env={"ROADMAP_TUI_ROADMAP": "env"}, flags={"roadmap": "flag"})
    assert (s.roadmap, s.source("roadmap")) == ("flag", "--roadmap")
    s = settings_of(text, env={"ROADMAP_TUI_ROADMAP": "env"}, flags={"roadmap": None})
    assert (s.roadmap, s.source("roadmap")) == ("env", "$ROADMAP_TUI_ROADMAP")


def test_an_unreadable_config_file_warns_and_gives_the_defaults(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()
    s = load_settings(env={}, path=folder)
    assert "it is a directory" in str(s.warnings[0])
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"theme = \xff\n")
    assert "not UTF-8" in str(load_settings(env={}, path=binary).warnings[0])
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in str(load_settings(env={}, path=fifo).warnings[0])
    assert load_settings(env={}, path=tmp_path / "none.toml").warnings == ()


# ---------------------------------------------------------------------- the commands


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    roadmap = tmp_path / "mini.toml"
    roadmap.write_text(MINI_TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_TUI_")}
    for name in ("EDITOR", "VISUAL"):
        env.pop(name, None)
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        ROADMAP_TUI_CACHE=str(tmp_path / "cache"),
        ROADMAP_TUI_CONFIG=str(tmp_path / "config.toml"),
        ROADMAP_TUI_PROGRESS=str(tmp_path / "progress.toml"),
    )
    return env


def run(env, *args):
    return subprocess.run(
        [str(BIN / "roadmap-tui"), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_config_prints_the_path_and_each_setting_with_its_source(env, tmp_path):
    (tmp_path / "config.toml").write_text('week_start = "sunday"\n', encoding="utf-8")
    env["EDITOR"] = "nano"
    done = run(env, "config")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"config file: {tmp_path / 'config.toml'}"
    assert any(line.split() == ["week_start", "sunday", "[file]"] for line in lines)
    assert any(line.split() == ["editor", "nano", "[$EDITOR]"] for line in lines)
    data = json.loads(run(env, "config", "--json").stdout)
    assert data["path"] == str(tmp_path / "config.toml") and data["exists"] is True
    assert data["settings"]["week_start"] == {"value": "sunday", "source": "file"}
    assert data["settings"]["date_format"] == {"value": "%Y-%m-%d", "source": "default"}
    assert data["warnings"] == []


def test_config_reports_unknown_binding_ids_and_themes(env, tmp_path):
    (tmp_path / "config.toml").write_text(
        'theme = "no-such"\n[keymap]\nmain.toggle_dne = "x"\n', encoding="utf-8"
    )
    done = run(env, "config", "--json")
    assert done.returncode == 0
    warnings = json.loads(done.stdout)["warnings"]
    assert any(
        w.startswith(f"{tmp_path / 'config.toml'}:1: theme: unknown theme") for w in warnings
    )
    assert any(":3: keymap.main.toggle_dne: no binding has this id" in w for w in warnings)


def test_a_mistake_never_stops_a_command(env, tmp_path):
    (tmp_path / "config.toml").write_text("week_start = sunday\n", encoding="utf-8")
    done = run(env, "--roadmap", str(tmp_path / "mini.toml"), "mark", "basics/intro", "done")
    assert done.returncode == 0
    assert done.stdout.strip() == "basics/intro: done"
    assert done.stderr.startswith(f"roadmap-tui: warning: {tmp_path / 'config.toml'}:1: not TOML")


def test_the_config_default_roadmap_is_used_and_the_flag_beats_it(env, tmp_path):
    (tmp_path / "config.toml").write_text(
        f'roadmap = "{tmp_path / "mini.toml"}"\n', encoding="utf-8"
    )
    done = run(env, "where")
    assert f"roadmap:  {tmp_path / 'mini.toml'}" in done.stdout
    assert run(env, "show", "basics/intro").returncode == 0
    done = run(env, "--roadmap", "backend", "where")
    assert "mini.toml" not in done.stdout


def test_a_config_roadmap_that_names_nothing_warns_and_uses_the_default(env, tmp_path):
    (tmp_path / "config.toml").write_text('\nroadmap = "nowhere"\n', encoding="utf-8")
    done = run(env, "status")
    assert done.returncode == 0
    assert f"{tmp_path / 'config.toml'}:2: roadmap: no roadmap 'nowhere'" in done.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[roadmap]\n", encoding="utf-8")
    (tmp_path / "config.toml").write_text(f'roadmap = "{broken}"\n', encoding="utf-8")
    done = run(env, "status")
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'config.toml'}:1: roadmap:" in done.stderr


def test_show_prints_dates_in_the_configured_format(env, tmp_path):
    (tmp_path / "config.toml").write_text('date_format = "%d %b %Y"\n', encoding="utf-8")
    mini = str(tmp_path / "mini.toml")
    assert run(env, "--roadmap", mini, "mark", "basics/intro", "done").returncode == 0
    done = run(env, "--roadmap", mini, "show", "basics/intro")
    from datetime import datetime

    today = datetime.now().astimezone()
    assert f"completed {today:%d %b %Y}" in done.stdout
