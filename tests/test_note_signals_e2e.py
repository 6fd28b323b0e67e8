"""End to end in a real terminal (tmux): a note being typed survives SIGTERM, the terminal
closing (SIGHUP) and, up to its last couple of seconds, kill -9."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
TOPIC = "internet/how-the-internet-works"


class App:
    """roadmap-tui in a tmux pane of a private server; ``pid`` is the app's own process."""

    def __init__(self, tmp_path: Path) -> None:
        self.name = f"notes-{uuid.uuid4().hex[:8]}"
        self.tmux = [TMUX, "-L", self.name, "-f", "/dev/null"]
        self.progress = tmp_path / "progress.toml"
        # start on the topic (as the app reopens where it was): no keys to get there
        (tmp_path / "state.toml").write_text(
            f'[roadmaps.backend]\ncursor = "{TOPIC}"\nexpanded = ["internet"]\n'
        )
        pid_file = tmp_path / "pid"
        env = {
            "ROADMAP_TUI_PROGRESS": str(self.progress),
            "ROADMAP_TUI_STATE": str(tmp_path / "state.toml"),
            "HOME": str(tmp_path),
            "TERM": "xterm-256color",
        }
        command = Path(sys.executable).with_name("roadmap-tui")
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # the inner shell writes its pid and becomes the app; the outer one says how it ended
        inner = f"echo $$ > {shlex.quote(str(pid_file))}; exec env {exports} {command}"
        # after the app: how it ended, and whether the terminal is back in line mode
        # (stty prints "icanon"; a terminal left raw prints "-icanon")
        mode = "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon | sed 's/^/mode /'"
        outer = f"sh -c {shlex.quote(inner)}; echo app exited $?; {mode}; sleep 30"
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", outer],
            check=True,
        )
        self.wait_for("Internet and the Web")
        self.pid = int(pid_file.read_text())

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
        args = [*self.tmux, "send-keys", "-t", self.name, *(["-l"] if literal else [])]
        subprocess.run([*args, *keys], check=True)

    def open_note(self) -> None:
        self.keys("n")  # the view state put the cursor on the topic
        self.wait_for("esc Done")

    def wait_gone(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and alive(self.pid):
            time.sleep(0.05)
        assert not alive(self.pid), "the app did not exit"

    def note(self) -> str:
        if not self.progress.exists():
            return ""
        data = tomllib.loads(self.progress.read_text(encoding="utf-8"))
        return data["roadmaps"]["backend"]["topics"].get(TOPIC, {}).get("note", "")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        if alive(self.pid):
            os.kill(self.pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie nobody has reaped yet has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.fixture
def app(tmp_path):
    running = App(tmp_path)
    yield running
    running.close()


def test_sigterm_while_typing_saves_the_note_and_restores_the_terminal(app):
    app.open_note()
    app.keys("typed just before SIGTERM", literal=True)
    app.wait_for("typed just before SIGTERM")
    os.kill(app.pid, signal.SIGTERM)  # sooner than the 0.4 s pause the autosave waits for
    screen = app.wait_for("app exited 0")
    screen = app.wait_for("mode ")
    assert "mode icanon" in screen  # the terminal is back in line mode: restored
    assert "Internet and the Web" not in screen  # and the app's screen is gone
    assert app.note() == "typed just before SIGTERM"


def test_closing_the_terminal_while_typing_saves_the_note(app):
    app.open_note()
    app.keys("typed just before the window closed", literal=True)
    app.wait_for("typed just before the window closed")
    subprocess.run([*app.tmux, "kill-server"], check=True)  # the pane's terminal goes: SIGHUP
    app.wait_gone()
    assert app.note() == "typed just before the window closed"


def test_kill_9_during_steady_typing_loses_at_most_the_last_seconds(app):
    app.open_note()
    typed = ""
    start = time.monotonic()
    sent_at = []
    for char in "a steady writer types on and on":  # a key every 0.15 s, never a pause
        app.keys(char, literal=True)
        typed += char
        sent_at.append(time.monotonic())
        time.sleep(0.15)
    os.kill(app.pid, signal.SIGKILL)
    app.wait_gone()
    assert time.monotonic() - start > 4
    saved = app.note()
    assert typed.startswith(saved)
    # everything typed more than 2.5 s before the kill is on disk
    kill_at = time.monotonic()
    older = sum(1 for t in sent_at if kill_at - t > 2.5)
    assert len(saved) >= older > 0
