"""`roadmap-tui completion`: the generated bash script, sourced in a real bash, completes
commands, topic ids and statuses; zsh and fish scripts are printed too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tui.conftest import MINI_TOML

BIN = Path(sys.executable).parent  # where the installed `roadmap-tui` script is


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    roadmap = tmp_path / "mini.toml"
    roadmap.write_text(MINI_TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROADMAP_TUI_")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        ROADMAP_TUI_CACHE=str(tmp_path / "cache"),
        ROADMAP_TUI_ROADMAP=str(roadmap),
    )
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "roadmap-tui"), *args], env=env, capture_output=True, text=True, timeout=60
    )


def complete(env: dict[str, str], tmp_path: Path, line: str) -> list[str]:
    """What bash offers for ``line`` (the word being completed is its last, maybe empty): the
    script sourced, COMP_WORDS / COMP_CWORD set, the completion function called."""
    script = tmp_path / "roadmap-tui.bash"
    script.write_text(run(env, "completion", "bash").stdout, encoding="utf-8")
    words = line.split(" ")
    driver = (
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        f"COMP_LINE={line!r}\nCOMP_POINT={len(line)}\n"
        "_shtab_roadmap_tui roadmap-tui\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", driver],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_bash_completes_the_commands(env, tmp_path):
    offered = complete(env, tmp_path, "roadmap-tui ma")
    assert offered == ["mark"]
    assert {"config", "completion", "status"} <= set(complete(env, tmp_path, "roadmap-tui "))


def test_bash_completes_topic_ids_after_mark_note_show_and_reset(env, tmp_path):
    for command in ("mark", "note", "show", "reset", "review", "ask", "choose"):
        offered = complete(env, tmp_path, f"roadmap-tui {command} web/protocols/h")
        assert offered == ["web/protocols/http", "web/protocols/http/methods"], command
    assert "basics/intro" in complete(env, tmp_path, "roadmap-tui mark ")
    # sections too (`mark web done -r`)
    assert "web" in complete(env, tmp_path, "roadmap-tui show w")


def test_bash_completes_statuses_after_a_topic_of_mark(env, tmp_path):
    offered = complete(env, tmp_path, "roadmap-tui mark basics/intro ")
    assert offered == ["todo", "in-progress", "done", "skipped"]
    assert complete(env, tmp_path, "roadmap-tui mark basics/intro d") == ["done"]


def test_the_topic_ids_follow_the_roadmap_given_to_the_app(env, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(
        '[roadmap]\nid = "other"\ntitle = "Other"\n\n[[section]]\nid = "s"\ntitle = "S"\n\n'
        '[[section.topic]]\nid = "only"\ntitle = "Only"\nsummary = "x"\nkind = "core"\n'
        "hours = 1\n",
        encoding="utf-8",
    )
    env["ROADMAP_TUI_ROADMAP"] = str(other)
    assert complete(env, tmp_path, "roadmap-tui mark ") == ["s", "s/only"]


def test_zsh_and_fish_scripts_name_the_commands_and_the_topic_command(env):
    for shell in ("zsh", "fish"):
        done = run(env, "completion", shell)
        assert done.returncode == 0, done.stderr
        assert "roadmap-tui completion --topics" in done.stdout
        assert "mark" in done.stdout and "in-progress" in done.stdout


def test_completion_without_a_shell_says_which_and_exits_1(env):
    done = run(env, "completion")
    assert done.returncode == 1
    assert done.stderr.strip().startswith("roadmap-tui: completion: name a shell: bash, zsh")
    done = run(env, "completion", "tcsh")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_the_plain_commands_do_not_import_shtab(env):
    code = (
        "import sys\nfrom roadmap_tui.cli import main\nmain(['status'])\n"
        "assert 'shtab' not in sys.modules, 'shtab imported'\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_fish_completes_topic_ids_and_statuses(env, tmp_path):
    script = tmp_path / "roadmap-tui.fish"
    script.write_text(run(env, "completion", "fish").stdout, encoding="utf-8")

    def offered(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C '{line}'"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert offered("roadmap-tui mark web/protocols/h") == [
        "web/protocols/http",
        "web/protocols/http/methods",
    ]
    assert offered("roadmap-tui mark basics/intro ") == ["todo", "in-progress", "done", "skipped"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_the_zsh_script_is_valid_zsh(env, tmp_path):
    script = tmp_path / "_roadmap-tui"
    script.write_text(run(env, "completion", "zsh").stdout, encoding="utf-8")
    done = subprocess.run(["zsh", "-n", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_bash_completes_topic_ids_after_every_command_that_takes_one(env, tmp_path):
    # the topic of log, link and timer start, the project of check, the topic of the others
    for line in (
        "roadmap-tui log web/protocols/h",
        "roadmap-tui link web/protocols/h",
        "roadmap-tui timer start web/protocols/h",
        "roadmap-tui check web/protocols/h",
        "roadmap-tui --progress p.toml log web/protocols/h",  # after a global option too
    ):
        offered = complete(env, tmp_path, line)
        assert offered == ["web/protocols/http", "web/protocols/http/methods"], line
