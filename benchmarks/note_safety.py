"""How safe notes and progress are: the experiments behind the README's data-safety section.

    python benchmarks/note_safety.py                 # everything (about 6 minutes)
    python benchmarks/note_safety.py race kill9      # some of them: race kill9 signals
                                                     # crash writers
    python benchmarks/note_safety.py --src DIR race  # another version's src/ (to compare)

race     the app's note editor and `roadmap-tui note` on the same note, 10 trials: how many
         keep both texts
kill9    kill -9 during steady typing (72 characters over 15 s), 10 trials: how many of the
         characters typed before the kill are on disk
signals  SIGHUP (the terminal closed) and SIGTERM while typing, 5 each: is the note saved
crash    kill -9 during saves of a large progress file, 200+ times: every file valid, old or new
writers  four processes of 200 changes each at once: nothing lost

The app runs in tmux on a private server (-L notes-...), killed at the end. This is not part of
the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
import uuid
from pathlib import Path

TOPIC = "internet/how-the-internet-works"
SRC = Path(__file__).resolve().parents[1] / "src"


def env_for(src: Path, home: Path) -> dict[str, str]:
    return {
        "PYTHONPATH": str(src),
        "ROADMAP_TUI_PROGRESS": str(home / "progress.toml"),
        "ROADMAP_TUI_STATE": str(home / "state.toml"),
        "ROADMAP_TUI_CACHE": str(home / "cache"),
        "HOME": str(home),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }


def roadmap_tui(*args: str) -> list[str]:
    code = "import sys; from roadmap_tui.cli import main; sys.exit(main())"
    return [sys.executable, "-c", code, *args]


class App:
    """roadmap-tui in a tmux pane of a private server; ``pid`` is the app's own process."""

    def __init__(self, src: Path, home: Path) -> None:
        self.home = home
        self.env = env_for(src, home)
        self.name = f"notes-{uuid.uuid4().hex[:8]}"
        self.tmux = [shutil.which("tmux") or "tmux", "-L", self.name, "-f", "/dev/null"]
        # start on the topic (as the app reopens where it was): no keys to get there
        (home / "state.toml").write_text(
            f'[roadmaps.backend]\ncursor = "{TOPIC}"\nexpanded = ["internet"]\n'
        )
        pid_file = home / "pid"
        pid_file.unlink(missing_ok=True)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = " ".join(shlex.quote(a) for a in roadmap_tui())
        inner = f"echo $$ > {shlex.quote(str(pid_file))}; exec env {exports} {command}"
        # after the app: how it ended, and whether the terminal is back in line mode
        # (stty prints "icanon"; a terminal left raw prints "-icanon")
        mode = "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon | sed 's/^/mode /'"
        outer = f"sh -c {shlex.quote(inner)}; echo app exited $?; {mode}; sleep 60"
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", "app", "-x", "120", "-y", "40", outer],
            check=True,
        )
        self.wait_for("Internet and the Web")
        self.pid = int(pid_file.read_text())

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", "app"], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} did not appear:\n{self.screen()}")
            time.sleep(0.05)

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = [*self.tmux, "send-keys", "-t", "app", *(["-l"] if literal else [])]
        subprocess.run([*args, *keys], check=True)

    def open_note(self) -> None:
        self.keys("n")  # the view state put the cursor on the topic
        self.wait_for("esc Done")

    def wait_gone(self, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while alive(self.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return not alive(self.pid)

    def note(self) -> str:
        path = self.home / "progress.toml"
        if not path.exists():
            return ""
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return data["roadmaps"]["backend"]["topics"].get(TOPIC, {}).get("note", "")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        if alive(self.pid):
            os.kill(self.pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def fresh_home() -> Path:
    return Path(tempfile.mkdtemp(prefix="note-safety-"))


# ------------------------------------------------------------------ the app


def race(src: Path, trials: int = 10) -> None:
    """Type, autosave, `roadmap-tui note` from another shell, type again (after 0 to 1.5 s,
    so that the app has or has not read the other text yet), finish the note, quit."""
    rng = random.Random(7)
    kept = conflicts = 0
    for n in range(trials):
        home = fresh_home()
        app = App(src, home)
        try:
            app.open_note()
            app.keys("app text", literal=True)
            time.sleep(0.8)  # autosaved
            other = subprocess.run(
                roadmap_tui("note", TOPIC, "other text"), env=app.env, capture_output=True
            )
            assert other.returncode == 0, other.stderr
            wait = rng.uniform(0.0, 1.5)
            time.sleep(wait)
            app.keys(" typed after", literal=True)
            time.sleep(0.8)
            app.keys("Escape")
            time.sleep(0.5)
            app.keys("q")
            app.wait_gone()
            note = app.note()
        finally:
            app.close()
        both = "other text" in note and "typed after" in note
        kept += both
        conflicts += "<<<<<<<" in note
        print(f"  race {n + 1}: typed again after {wait:.2f} s: {note!r}  both: {both}")
    print(f"race: {kept}/{trials} keep both texts ({conflicts} with a conflict marker)")


def kill9(src: Path, trials: int = 10) -> None:
    """72 characters typed steadily over 15 s, then kill -9."""
    text = ("steady typing of a long note, key after key, never pausing for long. " * 2)[:72]
    interval = 15.0 / len(text)
    on_disk = []
    for n in range(trials):
        home = fresh_home()
        app = App(src, home)
        try:
            app.open_note()
            for char in text:
                app.keys(char, literal=True)
                time.sleep(interval)
            os.kill(app.pid, signal.SIGKILL)
            app.wait_gone()
            note = app.note()
        finally:
            app.close()
        assert text.startswith(note), note
        on_disk.append(len(note))
        print(f"  kill -9 {n + 1}: {len(note)}/{len(text)} characters on disk")
    print(
        f"kill -9 while typing: {sum(on_disk)}/{len(text) * trials} characters on disk; "
        f"per trial min {min(on_disk)}, max {max(on_disk)} of {len(text)} "
        f"(a key every {interval * 1000:.0f} ms)"
    )


def signals(src: Path, trials: int = 5) -> None:
    """Type a sentence and, at once (sooner than the autosave's 0.4 s), SIGTERM the app or
    close its terminal (tmux kill-server: SIGHUP)."""
    for name in ("SIGHUP", "SIGTERM"):
        saved = restored = 0
        for n in range(trials):
            text = f"typed just before {name} {n}"
            home = fresh_home()
            app = App(src, home)
            try:
                app.open_note()
                app.keys(text, literal=True)
                app.wait_for(text)
                if name == "SIGTERM":
                    os.kill(app.pid, signal.SIGTERM)
                    app.wait_gone()
                    app.wait_for("mode ")
                    screen = app.screen()
                    restored += "mode icanon" in screen
                else:
                    subprocess.run([*app.tmux, "kill-server"], check=True)
                    app.wait_gone()
                note = app.note()
            finally:
                app.close()
            saved += note == text
            print(f"  {name} {n + 1}: {note!r}")
        extra = f", terminal restored {restored}/{trials}" if name == "SIGTERM" else ""
        print(f"{name} while typing: note saved {saved}/{trials}{extra}")


# ------------------------------------------------------------------ the store

CRASHER = textwrap.dedent("""
    import sys
    from roadmap_tui.storage.progress import ProgressStore
    s = ProgressStore(sys.argv[1], "backend", lock_timeout=60)
    s.load()
    i = int(s.get("counter").note or 0)
    print("ready", flush=True)
    while True:
        i += 1
        s.set_note("counter", str(i))
""")

WRITER = textwrap.dedent("""
    import os, sys, time
    from roadmap_tui.storage.progress import ProgressStore, STATUSES
    path, prefix, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    s = ProgressStore(path, "backend", lock_timeout=60)
    s.load()
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(n):
        if i % 2:
            s.set_note(f"{prefix}-note-{i % 10}", f"{prefix} wrote {i}")
        else:
            s.set_status(f"{prefix}-{i % 20}", STATUSES[1 + (i // 20) % 3])
""")


def crash(src: Path, kills: int = 220) -> None:
    """kill -9 a process saving a counter note into a file of 2,000 topics with notes."""
    sys.path.insert(0, str(src))
    from roadmap_tui.storage.progress import ProgressStore, TopicProgress

    home = fresh_home()
    path = home / "progress.toml"
    filler = {f"t{i:04d}": f"filler note {i}\n" + "x" * 300 for i in range(2000)}
    store = ProgressStore(path, "backend")
    store.merge_from({k: TopicProgress("done", v) for k, v in filler.items()})
    size = path.stat().st_size
    env = {**os.environ, "PYTHONPATH": str(src)}
    rng = random.Random(1234)
    last = valid = moved = temps = 0
    start = time.monotonic()
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", CRASHER, str(path)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        temps += any(p.name.endswith(".tmp") for p in home.iterdir())
        after = ProgressStore(path, "backend")
        after.load()  # raises if the file were torn
        counter = int(after.get("counter").note or 0)
        others = {k: e.note for k, e in after.topics().items() if k != "counter"}
        ok = counter >= last and others == filler
        valid += ok
        moved += counter > last
        last = counter
    print(
        f"crash: {kills} kill -9 during saves of a {size / 1e6:.2f} MB file: {valid}/{kills} "
        f"files valid (old or new, nothing else changed); {moved} kills came after new saves "
        f"(counter {last} at the end); {temps} left a temp file (removed by the next save); "
        f"{time.monotonic() - start:.0f} s"
    )


def writers(src: Path, processes: int = 4, changes: int = 200) -> None:
    sys.path.insert(0, str(src))
    from roadmap_tui.storage.progress import STATUSES, ProgressStore

    home = fresh_home()
    path, go = home / "progress.toml", home / "go"
    env = {**os.environ, "PYTHONPATH": str(src)}
    prefixes = [chr(ord("p") + i) for i in range(processes)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), p, str(changes), str(go)], env=env
        )
        for p in prefixes
    ]
    time.sleep(0.5)
    start = time.monotonic()
    go.touch()
    codes = [p.wait(timeout=300) for p in procs]
    took = time.monotonic() - start
    store = ProgressStore(path, "backend")
    store.load()
    lost = 0
    for prefix in prefixes:
        for i in range(changes):
            if i % 2:
                last = max(j for j in range(1, changes, 2) if j % 10 == i % 10)
                lost += store.get(f"{prefix}-note-{i % 10}").note != f"{prefix} wrote {last}"
            else:
                last = max(j for j in range(0, changes, 2) if j % 20 == i % 20)
                wanted = STATUSES[1 + (last // 20) % 3]
                lost += store.get(f"{prefix}-{i % 20}").status != wanted
    counted = sum(store.activity().values())
    total = processes * changes
    print(
        f"writers: {processes} processes x {changes} changes at once, exit codes {codes}: "
        f"{total - lost}/{total} changes as their last write left them, {counted}/{total} "
        f"counted as activity; {took:.1f} s"
    )


EXPERIMENTS = {"race": race, "kill9": kill9, "signals": signals, "crash": crash, "writers": writers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("experiments", nargs="*", help=" ".join(EXPERIMENTS))
    parser.add_argument("--src", type=Path, default=SRC, help="the src/ of the version to run")
    args = parser.parse_args()
    unknown = [name for name in args.experiments if name not in EXPERIMENTS]
    if unknown:
        parser.error(f"no experiment {unknown[0]!r}; there are {', '.join(EXPERIMENTS)}")
    for name in args.experiments or EXPERIMENTS:
        EXPERIMENTS[name](args.src.resolve())


if __name__ == "__main__":
    main()
