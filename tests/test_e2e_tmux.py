"""End to end: the installed command in a real terminal (tmux), driven with real key presses."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def _command() -> str:
    beside = Path(sys.executable).with_name("roadmap-tui")
    if beside.exists():
        return str(beside)
    found = shutil.which("roadmap-tui")
    if found is None:
        pytest.fail("the roadmap-tui command is not installed")
    return found


class Terminal:
    def __init__(
        self,
        tmp_path: Path,
        width: int = 120,
        height: int = 40,
        editor: str = "",
        cursor: str = "",
    ) -> None:
        self.name = f"roadmap-tui-test-{uuid.uuid4().hex[:8]}"
        # a private tmux server per terminal: no config file, and no race with another test's
        # server shutting down as its last session ends
        self.tmux = [TMUX, "-L", self.name, "-f", "/dev/null"]
        self.progress = tmp_path / "progress.toml"
        env = {
            "ROADMAP_TUI_PROGRESS": str(self.progress),
            "ROADMAP_TUI_STATE": str(tmp_path / "state.toml"),
            "HOME": str(tmp_path),
            "TERM": "xterm-256color",
        }
        if editor:
            env["EDITOR"] = editor
        if cursor:  # start on this topic, its section open (as a previous run left it)
            section = cursor.split("/")[0]
            (tmp_path / "state.toml").write_text(
                f'[roadmaps.backend]\ncursor = "{cursor}"\nexpanded = ["{section}"]\n',
                encoding="utf-8",
            )
        elif not (tmp_path / "state.toml").exists():
            # not a first run: the first-run welcome would take the first key
            (tmp_path / "state.toml").write_text("welcomed = true\n", encoding="utf-8")
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                f"env {exports} {_command()}; sleep 30",
            ],
            check=True,
        )

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear on screen:\n{self.screen()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = [*self.tmux, "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        subprocess.run([*args, *keys], check=True)
        time.sleep(0.15)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


TOPIC = "internet/how-the-internet-works"


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path, cursor=TOPIC)
    yield term
    term.close()


def test_mark_a_topic_and_write_a_note_with_real_keys(terminal):
    terminal.wait_for("How the Internet Works")
    terminal.keys("Space")
    screen = terminal.wait_for("1 done")
    assert "● How the Internet Works" in screen
    terminal.keys("n")
    terminal.keys("Packets, routers and q without quitting", literal=True)
    terminal.keys("Escape")
    terminal.wait_for("Packets, routers and q without quitting")
    terminal.keys("q")
    deadline = time.monotonic() + 15
    while "Internet and the Web" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Internet and the Web" not in terminal.screen(), "the app did not quit on q"

    data = tomllib.loads(terminal.progress.read_text(encoding="utf-8"))
    entry = data["roadmaps"]["backend"]["topics"][TOPIC]
    assert entry["status"] == "done"
    assert entry["note"] == "Packets, routers and q without quitting"
    assert oct(terminal.progress.stat().st_mode & 0o777) == "0o600"


def test_small_window_shows_tree_and_details(tmp_path):
    term = Terminal(tmp_path, width=80, height=24)
    try:
        term.wait_for("Pick a Language")
        term.wait_for("0 of 1 topic complete")  # the details
        screen = term.wait_for("space Done")  # the footer fits and shows the tree's keys
        lines = screen.splitlines()
        assert len(lines) <= 24
        assert all(len(line) <= 80 for line in lines)
        # the detail pane is below the tree: the section's summary shows up further down
        top = next(i for i, line in enumerate(lines) if "Pick a Language" in line)
        assert any("0 of 1 topic complete" in line for line in lines[top + 1 :])
    finally:
        term.close()


def test_e_edits_the_note_in_the_editor_and_the_app_resumes(tmp_path):
    # the "editor" appends a line to the file it is given, as a user would, and exits
    editor = 'sh -c \'printf "written in the editor\\n" >> "$0"\''
    term = Terminal(tmp_path, editor=editor, cursor=TOPIC)
    try:
        term.wait_for("How the Internet Works")
        term.keys("e")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if term.progress.exists() and "written" in term.progress.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        # the app came back: it still answers keys after the editor exits
        term.keys("space")
        screen = term.wait_for("1 done")
        assert "● How the Internet Works" in screen
        term.keys("q")
        deadline = time.monotonic() + 15
        while "Internet and the Web" in term.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        data = tomllib.loads(term.progress.read_text(encoding="utf-8"))
        entry = data["roadmaps"]["backend"]["topics"][TOPIC]
        assert entry["note"] == "written in the editor\n"
    finally:
        term.close()


@pytest.mark.parametrize(
    ("editor", "says"),
    [("/nonexistent/editor", "Could not run the editor"), ("false", "exited with status 1")],
)
def test_a_missing_or_failing_editor_resumes_the_app_and_says_why(tmp_path, editor, says):
    term = Terminal(tmp_path, editor=editor, cursor=TOPIC)
    try:
        term.wait_for("How the Internet Works")
        term.keys("e")
        screen = term.wait_for(says)
        assert editor in screen
        # the app is back: it draws itself and answers keys
        term.keys("space")
        screen = term.wait_for("1 done")
        assert "● How the Internet Works" in screen
    finally:
        term.close()


@pytest.mark.parametrize(
    ("content", "says"), [(None, "no longer exists"), ("[roadmap", "has problems")]
)
def test_a_last_roadmap_that_is_gone_or_broken_is_replaced_with_a_notice(tmp_path, content, says):
    last = tmp_path / "mine.toml"
    if content is not None:
        last.write_text(content, encoding="utf-8")
    state = tmp_path / "state.toml"
    state.write_text(f'theme = ""\nlast_roadmap = "{last}"\n', encoding="utf-8")
    term = Terminal(tmp_path)
    try:
        screen = term.wait_for(says)
        assert "Backend Developer" in screen  # the bundled roadmap, opened instead
    finally:
        term.close()


def test_text_typed_fast_after_n_on_a_section_marks_nothing(tmp_path):
    term = Terminal(tmp_path, width=80, height=24, cursor="internet")  # on a section
    try:
        term.wait_for("Internet and the Web")
        term.keys("nsay hello", literal=True)  # one burst, as a fast typist or a paste sends it
        term.wait_for("sections have no")
        time.sleep(0.5)
        screen = term.screen()
        assert "Mark " not in screen  # no branch dialog came up
        assert "0 done" in screen and "0%" in screen
        assert not term.progress.exists()  # nothing was saved
    finally:
        term.close()
