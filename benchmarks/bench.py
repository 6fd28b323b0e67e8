"""roadmap-tui benchmark: start-up, key presses, search, saving, the CLI and memory, in one run.

    python benchmarks/bench.py [--quick] [--runs N] [--json FILE] [--only 1,2,...] [--keep]

Every figure is measured in this one run, after a warm-up, with at least ``--runs`` repetitions
(default 5), beside a reference measured in the same run, and printed as a Markdown table
(median, min, max, n, the reference's median and the ratio of the two medians) under a line
naming the machine. Progress goes to stderr; the report to stdout.

Figures (see the notes printed under the table for the exact method of each):

1. start-up to the first screen in a real terminal (tmux 120x40), bundled / 2,000 / 10,000 topics,
   against ``benchmarks/bare_app.py`` (tomllib + a plain Tree + a Markdown pane);
2. key press to the next frame, in-process and headless (``App.run_test(size=(120, 40))``):
   cursor down, topic details, space (+ time to durable), expand everything (E);
3. search: a keystroke in the search box to the filtered tree;
4. saving (``ProgressStore.set_status``, durable) and loading progress files of 1 / 300 / 10,000
   topics with notes, against tomli_w.dumps + write + fsync and tomllib.loads;
5. plain CLI commands, whole process, against ``python -c "import rich.console"``, piped and
   (``status``) in a terminal;
6. peak memory (VmHWM) of the app at each size against the bare app.

All data is generated deterministically into a temporary directory (removed at the end unless
``--keep``); the user's real progress and UI-state files are never touched: every command gets
``--progress`` in the temp dir, and ``ROADMAP_TUI_STATE``, ``ROADMAP_TUI_PROGRESS`` and the XDG
directories point there too. tmux runs on a private socket of this process, killed at the end.
This is not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import importlib.metadata
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

try:
    import tomli_w

    from roadmap_tui.core.roadmap import Roadmap
    from roadmap_tui.storage.paths import bundled_path
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.storage.roadmaps import load
except ImportError:  # pragma: no cover - a hint for the wrong interpreter
    raise SystemExit(
        "roadmap_tui is not importable: run this with the project's environment "
        "(pip install -e . in a venv, then that venv's python)"
    ) from None

COLS, ROWS = 120, 40
SEARCH_QUERY = "webhook"
perf = time.perf_counter


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ results


@dataclass
class Figure:
    number: int
    name: str
    size: str
    unit: str  # "ms" or "MiB"
    samples: list[float]
    ref_name: str = ""
    ref_samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ref_median(self) -> float | None:
        return statistics.median(self.ref_samples) if self.ref_samples else None

    @property
    def ratio(self) -> float | None:
        ref = self.ref_median
        return self.median / ref if ref else None

    def as_dict(self) -> dict:
        return {
            "figure": self.number,
            "name": self.name,
            "size": self.size,
            "unit": self.unit,
            "n": len(self.samples),
            "median": self.median,
            "min": min(self.samples),
            "max": max(self.samples),
            "samples": self.samples,
            "reference": (
                {
                    "name": self.ref_name,
                    "n": len(self.ref_samples),
                    "median": self.ref_median,
                    "min": min(self.ref_samples),
                    "max": max(self.ref_samples),
                    "samples": self.ref_samples,
                }
                if self.ref_samples
                else None
            ),
            "ratio": self.ratio,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def markdown_table(figures: list[Figure]) -> str:
    lines = [
        "| # | figure | size | median | min | max | n | reference | ref. median | ratio |",
        "|---|---|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        lines.append(
            f"| {f.number} | {f.name} | {f.size} | **{fmt(f.median, f.unit)}** "
            f"| {fmt(min(f.samples), f.unit)} | {fmt(max(f.samples), f.unit)} | {len(f.samples)} "
            f"| {f.ref_name or '—'} | {fmt(f.ref_median, f.unit)} | {ratio} |"
        )
    return "\n".join(lines)


NOTES = """\
How each figure is measured:

1. Wall time from `tmux new-session` (a private tmux server, already running) to the first
   `tmux capture-pane -p` (polled every ~5 ms) that shows the first section's title, for
   `roadmap-tui --roadmap FILE --progress TMP` (a fresh UI-state file each run; the progress file
   holds entries for 10% of the topics). Reference: `benchmarks/bare_app.py FILE` (tomllib, every
   node added to a plain `Tree`, collapsed, beside a `Markdown` pane), polled the same way, runs
   interleaved with the app's.
2. In-process, headless, `App.run_test(size=(120, 40))`, disk polling off (`poll_interval=0`).
   `App._display` (what a screen calls once its compositor has produced a frame) is wrapped: it
   also renders the update to terminal escape sequences (the work a real terminal's frame costs)
   and then takes the time. The clock starts just before the key event is handed to the driver
   (as `Pilot.press` does) and stops at the end of a frame: the *first* frame after the key (the
   cursor drawn, the status glyph changed), or the *last* frame of the burst the key caused (no
   further frame for 100 ms). "details complete" is that last frame after a cursor move: the
   detail pane (Markdown description, parts, links) is then complete. "durable": a thread started
   right after the key handler hands the change to the background saver calls `saver.flush()`;
   the time is taken when it returns (written, fsynced, renamed). "saved ✓": the first frame
   showing it in the header. Expand everything: the first `E` of an app builds the lazy tree;
   "again" is `E` after `C`. Each repetition is a fresh app (the first one is a warm-up);
   presses per key per app = ceil(20 / runs). The harness disables the app's 2 s timer that
   clears "saved ✓" (it would paint stray frames into later measurements) and the search box's
   cursor blink. Reference: the same keys in the bare app (cursor move; the Markdown pane
   following it; a glyph toggled in a label, no save; `Tree.expand_all` of a fully built tree).
3. Each keystroke typing `webhook` and deleting it again (`backspace` x 7) in the search box, to
   the first frame in which the tree is filtered for the new text. Reference: the same keys
   echoed by a plain `Input` (bare app, no filtering).
4. `ProgressStore.set_status` (lock, re-read, merge, serialise, write, fsync, rename, fsync the
   directory) toggling one topic in a file holding N topics with notes, written in the store's own
   format; load = a new `ProgressStore(...).load()`. Reference: `tomli_w.dumps` of the whole
   document + write + fsync + rename (same durability, no lock, no merge) and
   `tomllib.loads(read_text())`. The header names the temp dir's file system.
5. Whole-process wall time of the installed `roadmap-tui` (`--roadmap`/`--progress` in the temp
   dir; `mark` alternates done/todo so every run writes), its output to /dev/null, as a script
   would read it: plain text. Reference: `python -c "import rich.console"` with the same
   interpreter. "`status` in a terminal" runs with its output on a pty (read as it comes), where
   the page goes through rich and is styled; its reference runs on a pty too.
6. `VmHWM` (peak resident set) of the app process read from `/proc/PID/status` 0.5 s after the
   first screen of figure 1, before quitting with `q`; same for the bare app.
"""


# ------------------------------------------------------------------------------------ machine


def machine_info() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, IndexError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    return {
        "platform": platform.platform(),
        "cpu": cpu or platform.processor() or "?",
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory": mem,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "textual": version("textual"),
        "rich": version("rich"),
        "roadmap_tui": version("roadmap-tui"),
        "tmux": tmux,
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


# ------------------------------------------------------------------------------------ data


@dataclass
class Size:
    label: str
    path: Path
    roadmap: Roadmap
    progress: Path  # seeded progress file (10% of topics), never written by figure 1 and 6
    first_title: str

    @property
    def count(self) -> int:
        return self.roadmap.topic_count


def prepare_data(tmp: Path, python: str, exe: str) -> tuple[dict[str, Size], list[str]]:
    sizes: dict[str, Size] = {}
    notes: list[str] = []
    sources = [("bundled", bundled_path())]
    for count in (2_000, 10_000):
        path = tmp / f"roadmap-{count}.toml"
        t = perf()
        path.write_text(generate.roadmap_toml(count), encoding="utf-8")
        log(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {perf() - t:.1f} s")
        sources.append((f"{count:,}", path))
    for label, path in sources:
        roadmap = load(path)
        if label == "bundled":
            label = f"bundled ({roadmap.topic_count})"
        ids = [t.id for t in roadmap.topics()]
        progress = tmp / f"progress-{roadmap.id}.toml"
        entries = generate.progress_entries(ids, max(1, len(ids) // 10))
        generate.write_progress(progress, roadmap.id, entries)
        sizes[label] = Size(label, path, roadmap, progress, roadmap.sections[0].title)
    # validate one generated roadmap with the real command
    gen = sizes["2,000"].path
    done = subprocess.run([exe, "validate", str(gen)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"generated roadmap does not validate:\n{done.stdout}{done.stderr}")
    notes.append(
        f"`roadmap-tui validate` on the generated 2,000-topic file: "
        f"{done.stdout.strip().replace(str(tmp) + '/', '')}"
    )
    return sizes, notes


def safe_env(tmp: Path) -> dict[str, str]:
    """Environment for every child: nothing can reach the user's own files."""
    env = os.environ.copy()
    env.pop("ROADMAP_TUI_ROADMAP", None)
    env["ROADMAP_TUI_STATE"] = str(tmp / "ui-state.toml")
    env["ROADMAP_TUI_PROGRESS"] = str(tmp / "default-progress.toml")
    for var, sub in (
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_STATE_HOME", "xdg-state"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
    ):
        env[var] = str(tmp / sub)
    return env


# ------------------------------------------------------------------------------------ tmux


class Tmux:
    """A private tmux server (own socket, no config file) that this benchmark alone uses."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"roadmap-bench-{os.getpid()}"
        self.base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        self.env = env
        self.counter = 0
        # a session that keeps the server up, so no measured session pays the server's start
        self.run("new-session", "-d", "-s", "keepalive", "-x", str(COLS), "-y", str(ROWS))
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.socket_path = self.run("display-message", "-p", "#{socket_path}").stdout.strip()

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.base, *args], capture_output=True, text=True, env=self.env, check=check
        )

    def close(self) -> None:
        self.run("kill-server", check=False)  # our own private server only
        if self.socket_path.endswith(self.socket):
            Path(self.socket_path).unlink(missing_ok=True)

    def start_and_wait(
        self, command: str, text: str, timeout: float = 60.0
    ) -> tuple[float, int, str]:
        """Start ``command`` in a new session; return (seconds until ``text`` shows, the pane's
        pid, the session's name)."""
        self.counter += 1
        name = f"rb{os.getpid()}-{self.counter}"
        args = [*self.base, "new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS)]
        capture = [*self.base, "capture-pane", "-p", "-t", name]
        t0 = perf()
        subprocess.run([*args, command], check=True, env=self.env)
        polls = 0
        while True:
            tick = perf()
            screen = subprocess.run(capture, capture_output=True, text=True).stdout
            if text in screen:
                elapsed = perf() - t0
                break
            polls += 1
            if tick - t0 > timeout or (polls % 50 == 0 and self.dead(name)):
                final = subprocess.run(capture, capture_output=True, text=True).stdout
                self.run("kill-session", "-t", name, check=False)
                raise RuntimeError(f"{text!r} never showed; the pane:\n{final}")
            time.sleep(max(0.0, 0.005 - (perf() - tick)))
        pid = int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").stdout.strip())
        return elapsed, pid, name

    def dead(self, name: str) -> bool:
        out = self.run("display-message", "-p", "-t", name, "#{pane_dead}", check=False)
        return out.stdout.strip() != "0"

    def quit(self, name: str, key: str = "q", timeout: float = 15.0) -> None:
        self.run("send-keys", "-t", name, key)
        deadline = perf() + timeout
        while perf() < deadline and not self.dead(name):
            time.sleep(0.02)
        self.run("kill-session", "-t", name, check=False)


def vm_hwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


def bench_startup(
    sizes: dict[str, Size], tmp: Path, env: dict, python: str, exe: str, runs: int
) -> tuple[list[Figure], list[Figure]]:
    tmux = Tmux(env)
    startup: list[Figure] = []
    memory: list[Figure] = []
    try:
        for size in sizes.values():
            app_t, bare_t, app_m, bare_m = [], [], [], []
            text = size.first_title[:20]
            for rep in range(runs + 1):  # rep 0 is the warm-up
                for kind in ("app", "bare"):
                    if kind == "app":
                        state = tmp / "tmux-ui-state.toml"
                        state.unlink(missing_ok=True)
                        command = (
                            f"exec env ROADMAP_TUI_STATE={shlex.quote(str(state))} "
                            f"{shlex.quote(exe)} --roadmap {shlex.quote(str(size.path))} "
                            f"--progress {shlex.quote(str(size.progress))}"
                        )
                    else:
                        command = (
                            f"exec {shlex.quote(python)} {shlex.quote(str(HERE / 'bare_app.py'))} "
                            f"{shlex.quote(str(size.path))}"
                        )
                    seconds, pid, session = tmux.start_and_wait(command, text)
                    time.sleep(0.5)
                    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                    if b"python" not in cmdline:
                        raise RuntimeError(f"pane process is not python: {cmdline!r}")
                    mib = vm_hwm_mib(pid)
                    tmux.quit(session)
                    tag = "warm-up" if rep == 0 else f"run {rep}/{runs}"
                    log(
                        f"[1/6] {size.label:>13} {kind:4} {tag}: {seconds * 1000:7.0f} ms"
                        f"  {mib:6.1f} MiB"
                    )
                    if rep == 0:
                        continue
                    (app_t if kind == "app" else bare_t).append(seconds * 1000)
                    (app_m if kind == "app" else bare_m).append(mib)
            startup.append(
                Figure(
                    1,
                    "start-up to first screen (tmux)",
                    size.label,
                    "ms",
                    app_t,
                    "bare Textual app",
                    bare_t,
                )
            )
            memory.append(
                Figure(
                    6,
                    "peak memory (VmHWM) at first screen",
                    size.label,
                    "MiB",
                    app_m,
                    "bare Textual app",
                    bare_m,
                )
            )
    finally:
        tmux.close()
    return startup, memory


# ------------------------------------------------------------------------------------ keys


class FrameClock:
    """Timestamps every frame an app produces (see NOTES, figure 2, for why this is sound).

    ``App._display(screen, update)`` is what a screen calls once its compositor has laid out and
    rendered a frame; in a real terminal it turns the update into escape sequences and hands them
    to the driver's writer thread. Headless, it returns early, so the wrapper does the escape
    sequence rendering itself (``update.render_segments(console)``) and then takes the time: the
    end of the frame as a terminal would get it. Frames suppressed by ``batch_update`` are skipped
    exactly as ``_display`` skips them.
    """

    def __init__(self, app) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.frames: list[float] = []
        self.event = asyncio.Event()
        self.predicate: Callable[[], bool] | None = None
        self.hit: float | None = None
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            now = perf()
            self.frames.append(now)
            if self.hit is None and self.predicate is not None and self.predicate():
                self.hit = now
            self.event.set()

        app._display = display  # instance attribute: the screen calls app._display(...)

    async def settle(self, quiet: float = 0.1, timeout: float = 60.0) -> None:
        """Wait until no frame has come for ``quiet`` seconds."""
        deadline = perf() + timeout
        while perf() < deadline:
            count = len(self.frames)
            await asyncio.sleep(quiet)
            if len(self.frames) == count:
                return
        raise RuntimeError("the app never stopped painting")

    async def press(
        self,
        key: str,
        char: str | None = None,
        predicate: Callable[[], bool] | None = None,
        timeout: float = 60.0,
    ) -> dict[str, float | None]:
        """Send one key; return ms to the first frame, to the last frame of its burst and to the
        first frame at which ``predicate`` held (None without a predicate)."""
        from textual import events

        await self.settle(0.03)
        self.frames.clear()
        self.hit = None
        self.predicate = predicate
        event = events.Key(key, char)
        event.set_sender(self.app)
        t0 = perf()
        self.app._driver.send_message(event)
        deadline = t0 + timeout
        while True:
            self.event.clear()
            if self.frames and (predicate is None or self.hit is not None):
                break
            left = deadline - perf()
            if left <= 0:
                raise RuntimeError(f"no frame (or predicate) after key {key!r}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.event.wait(), left)
        first = self.frames[0]
        hit = self.hit
        await self.settle()
        self.predicate = None
        return {
            "t0": t0,
            "first": (first - t0) * 1000,
            "last": (self.frames[-1] - t0) * 1000,
            "hit": (hit - t0) * 1000 if hit is not None else None,
        }


class Samples(dict):
    def add(self, key: str, value: float | None) -> None:
        if value is not None:
            self.setdefault(key, []).append(value)


async def drive_roadmap_app(size: Size, tmp: Path, presses: int, search: bool, out: Samples):
    from textual.widgets import Input

    from roadmap_tui.tui.app import RoadmapApp

    roadmap = size.roadmap
    progress = tmp / f"inproc-{roadmap.id}.toml"
    if not progress.exists():
        shutil.copyfile(size.progress, progress)
    store = ProgressStore(progress, roadmap.id)
    store.load()
    state = tmp / "inproc-ui-state.toml"
    state.unlink(missing_ok=True)
    app = RoadmapApp(roadmap, store, state_path=state, poll_interval=0, roadmap_path=size.path)
    app._schedule_clear_saved = lambda: None  # see NOTES: no stray "saved" clearing frames
    first_topic = roadmap.sections[0].children[0].id
    leaf = next(t.id for t in roadmap.topics() if not t.children)
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
        clock = FrameClock(app)
        screen = app._main()
        tree = screen.tree
        await clock.settle()

        # cursor down; the detail pane follows
        tree.reveal(first_topic)
        await clock.settle()
        await clock.press("down")  # warm-up press
        for _ in range(presses):
            target = tree.get_node_at_line(tree.cursor_line + 1).data
            r = await clock.press("down", predicate=lambda t=target: screen.detail.topic_id == t)
            if r["hit"] is None or tree.cursor_topic_id != target:
                raise RuntimeError("the detail pane did not follow the cursor")
            out.add("down.first", r["first"])
            out.add("down.last", r["last"])

        # space on a leaf topic: frame, "saved ✓" on screen, durable. Right after the app hands
        # the change to its saver (inside the key handler), a thread calls saver.flush() and
        # takes the time when it returns: the change is then fsynced and renamed into place.
        saver = app.saver
        flushed: list[float] = []
        submit = saver.submit

        def submit_and_flush(label, operation) -> None:
            submit(label, operation)
            threading.Thread(
                target=lambda: (saver.flush(30.0), flushed.append(perf())), daemon=True
            ).start()

        saver.submit = submit_and_flush
        tree.reveal(leaf)
        await clock.settle()
        for _ in range(presses):
            before = app.status_of(leaf)
            flushed.clear()
            r = await clock.press("space", " ", predicate=lambda: app.save_state == "saved ✓")
            if not saver.flush(30.0) or not flushed:
                raise RuntimeError("the change was not saved")
            if app.status_of(leaf) == before or store.get(leaf).status == before:
                raise RuntimeError("space did not change the status")
            out.add("space.first", r["first"])
            out.add("space.saved", r["hit"])
            out.add("space.durable", (flushed[0] - r["t0"]) * 1000)
        saver.submit = submit

        # expand everything: the first E builds the lazy tree, then C / E again
        r = await clock.press("E", "E")
        out.add("E.first", r["last"])
        for _ in range(presses):
            await clock.press("C", "C")
            r = await clock.press("E", "E")
            out.add("E.again", r["last"])
        await clock.press("C", "C")

        if search:
            await clock.press("slash", "/")
            screen.query_one("#search", Input).cursor_blink = False  # mounted by the first `/`
            await clock.settle()
            typed = ""
            keys = [(c, c) for c in SEARCH_QUERY] + [("backspace", None)] * len(SEARCH_QUERY)
            for key, char in keys:
                typed = typed + char if char else typed[:-1]
                r = await clock.press(key, char, predicate=lambda v=typed: app.search_text == v)
                out.add("search", r["hit"])
            await clock.press("escape")
        await clock.settle()


async def drive_bare_app(size: Size, presses: int, search: bool, out: Samples):
    from bare_app import BareApp
    from textual.widgets import Input, Tree

    app = BareApp(size.path)
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
        clock = FrameClock(app)
        tree = app.query_one("#tree", Tree)
        app.query_one("#search", Input).cursor_blink = False
        await clock.settle()

        section = tree.root.children[0]
        section.expand()
        tree.move_cursor(section.children[0])
        await clock.settle()
        await clock.press("down")
        for _ in range(presses):
            r = await clock.press("down")
            out.add("down.first", r["first"])
            out.add("down.last", r["last"])

        node = section.children[0]
        while node.children:
            node.expand()
            node = node.children[0]
        tree.move_cursor(node)
        await clock.settle()
        for _ in range(presses):
            r = await clock.press("space", " ")
            out.add("space.first", r["first"])

        r = await clock.press("E", "E")
        out.add("E.first", r["last"])
        for _ in range(presses):
            await clock.press("C", "C")
            r = await clock.press("E", "E")
            out.add("E.again", r["last"])
        await clock.press("C", "C")

        if search:
            await clock.press("slash", "/")
            keys = [(c, c) for c in SEARCH_QUERY] + [("backspace", None)] * len(SEARCH_QUERY)
            for key, char in keys:
                r = await clock.press(key, char)
                out.add("search", r["first"])
        await clock.settle()


def bench_keys(sizes: dict[str, Size], tmp: Path, runs: int, presses: int) -> list[Figure]:
    figures: list[Figure] = []
    key_sizes = [s for s in sizes.values() if not s.label.startswith("2,000")]
    search_figs: list[Figure] = []
    for size in key_sizes:
        app_s, bare_s = Samples(), Samples()
        for rep in range(runs + 1):  # rep 0 is the warm-up
            tag = "warm-up" if rep == 0 else f"run {rep}/{runs}"
            for kind in ("app", "bare"):
                sink = Samples() if rep == 0 else (app_s if kind == "app" else bare_s)
                t = perf()
                if kind == "app":
                    asyncio.run(drive_roadmap_app(size, tmp, presses, True, sink))
                else:
                    asyncio.run(drive_bare_app(size, presses, True, sink))
                gc.collect()
                log(
                    f"[2/6] {size.label:>13} {kind:4} {tag}: "
                    + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in sink.items())
                    + f"  ({perf() - t:.1f} s)"
                )
        bare = "bare Textual app"
        rows = [
            ("cursor down → frame", "down.first", f"{bare}: down", "down.first"),
            (
                "cursor down → details complete",
                "down.last",
                f"{bare}: down, pane updated",
                "down.last",
            ),
            ("space (toggle done) → frame", "space.first", f"{bare}: label glyph", "space.first"),
            ("space → “saved ✓” on screen", "space.saved", "", ""),
            ("space → durable (saver.flush)", "space.durable", "", ""),
            (
                "E expand everything, first (builds tree)",
                "E.first",
                f"{bare}: expand_all",
                "E.first",
            ),
            ("E expand everything, again (after C)", "E.again", f"{bare}: expand_all", "E.again"),
        ]
        for name, key, ref_name, ref_key in rows:
            figures.append(
                Figure(
                    2,
                    name,
                    size.label,
                    "ms",
                    app_s[key],
                    ref_name,
                    bare_s.get(ref_key, []) if ref_key else [],
                )
            )
        search_figs.append(
            Figure(
                3,
                f"search keystroke → filtered tree (“{SEARCH_QUERY}” + ⌫)",
                size.label,
                "ms",
                app_s["search"],
                f"{bare}: Input echo",
                bare_s["search"],
            )
        )
    return figures + search_figs


# ------------------------------------------------------------------------------------ saving


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def naive_save(path: Path, data: dict) -> None:
    text = tomli_w.dumps(data)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def bench_saving(sizes: dict[str, Size], tmp: Path, reps: int) -> list[Figure]:
    roadmap = sizes["10,000"].roadmap
    ids = [t.id for t in roadmap.topics()]
    figures = []
    for count in (1, 300, 10_000):
        folder = tmp / f"save-{count}"
        folder.mkdir()
        path = folder / "progress.toml"
        entries = generate.progress_entries(ids, count, seed=2)
        generate.write_progress(path, roadmap.id, entries)
        ref_path = folder / "reference.toml"
        shutil.copyfile(path, ref_path)
        size = path.stat().st_size
        shown = f"{size:,} B" if size < 10_000 else f"{size / 1024:,.0f} KB"
        label = f"{count:,} topic{'s' if count > 1 else ''} ({shown})"
        target = next(iter(entries))
        store = ProgressStore(path, roadmap.id)
        store.load()
        data = tomllib.loads(ref_path.read_text(encoding="utf-8"))
        ref_topics = data["roadmaps"][roadmap.id]["topics"]
        saves, loads, ref_saves, ref_loads = [], [], [], []
        for rep in range(reps + 1):
            status = "done" if store.get(target).status != "done" else "in-progress"
            t = perf()
            store.set_status(target, status)
            save = perf() - t
            ref_topics[target]["status"] = status
            t = perf()
            naive_save(ref_path, data)
            ref_save = perf() - t
            t = perf()
            ProgressStore(path, roadmap.id).load()
            load_s = perf() - t
            t = perf()
            tomllib.loads(ref_path.read_text(encoding="utf-8"))
            ref_load = perf() - t
            if rep:
                saves.append(save * 1000)
                ref_saves.append(ref_save * 1000)
                loads.append(load_s * 1000)
                ref_loads.append(ref_load * 1000)
        log(
            f"[4/6] {label}: save {statistics.median(saves):.2f} ms (naive "
            f"{statistics.median(ref_saves):.2f}), load {statistics.median(loads):.2f} ms "
            f"(tomllib {statistics.median(ref_loads):.2f})"
        )
        figures.append(
            Figure(
                4,
                "save a status change (set_status, durable)",
                label,
                "ms",
                saves,
                "tomli_w.dumps + write + fsync",
                ref_saves,
            )
        )
        figures.append(
            Figure(4, "load (ProgressStore.load)", label, "ms", loads, "tomllib.loads", ref_loads)
        )
    return figures


# ------------------------------------------------------------------------------------ CLI


def bench_cli(
    sizes: dict[str, Size], tmp: Path, env: dict, python: str, exe: str, runs: int
) -> list[Figure]:
    def wall(argv: list[str]) -> float:
        t = perf()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = perf() - t
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed: {done.stderr.decode()}")
        return elapsed * 1000

    def wall_in_terminal(argv: list[str]) -> float:
        """The same, with the output going to a terminal (a pty, read as it comes): styled
        output goes through rich there, where a pipe gets plain text."""
        import pty

        master, slave = pty.openpty()
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        try:
            t = perf()
            done = subprocess.run(argv, env=env, stdout=slave, stderr=slave)
            elapsed = perf() - t
        finally:
            os.close(slave)
            reader.join(5)
            os.close(master)
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed in a terminal")
        return elapsed * 1000

    reference_argv = [python, "-c", "import rich.console"]
    figures = []
    for size in (s for s in sizes.values() if not s.label.startswith("2,000")):
        progress = tmp / f"cli-{size.roadmap.id}.toml"
        shutil.copyfile(size.progress, progress)
        common = ["--roadmap", str(size.path), "--progress", str(progress)]
        leaf = next(t.id for t in size.roadmap.topics() if not t.children)
        commands = {
            "`roadmap-tui status`": [exe, "status", *common],
            "`roadmap-tui list --json`": [exe, "list", "--json", *common],
            "`roadmap-tui mark ID done`": [exe, "mark", leaf, "done", *common],
        }
        in_terminal = "`roadmap-tui status` in a terminal"
        results: dict[str, list[float]] = {name: [] for name in [*commands, in_terminal]}
        ref: list[float] = []
        ref_in_terminal: list[float] = []
        for rep in range(runs + 1):
            for name, argv in commands.items():
                if "mark" in argv:  # alternate, so that every run changes and writes the file
                    argv = [*argv[:3], "done" if rep % 2 == 0 else "todo", *argv[4:]]
                elapsed = wall(argv)
                if rep:
                    results[name].append(elapsed)
            elapsed = wall(reference_argv)
            if rep:
                ref.append(elapsed)
            elapsed = wall_in_terminal(commands["`roadmap-tui status`"])
            if rep:
                results[in_terminal].append(elapsed)
            elapsed = wall_in_terminal(reference_argv)
            if rep:
                ref_in_terminal.append(elapsed)
        for name, samples in results.items():
            reference = ref_in_terminal if name == in_terminal else ref
            log(
                f"[5/6] {size.label:>13} {name}: {statistics.median(samples):.0f} ms "
                f"(reference {statistics.median(reference):.0f} ms)"
            )
            figures.append(
                Figure(
                    5,
                    f"{name} (whole process)",
                    size.label,
                    "ms",
                    samples,
                    '`python -c "import rich.console"`'
                    + (" in a terminal" if name == in_terminal else ""),
                    reference,
                )
            )
    return figures


def _drain(fd: int) -> None:
    """Read a pty until it closes, as a terminal would."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


# ------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a smoke check")
    parser.add_argument(
        "--runs", type=int, help="repetitions after the warm-up (default 5; 2 with --quick)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every sample as JSON")
    parser.add_argument("--only", metavar="LIST", help="only these figures, e.g. 1,6 or 2,3")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temp dir (its path is printed)"
    )
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    presses = 2 if args.quick else max(2, math.ceil(20 / runs))
    only = {int(x) for x in args.only.split(",")} if args.only else set(range(1, 7))

    started = perf()
    python = sys.executable
    exe = str(Path(python).parent / "roadmap-tui")
    if not Path(exe).exists():
        exe = shutil.which("roadmap-tui") or ""
    if not exe:
        raise SystemExit("roadmap-tui is not installed beside this python (pip install -e .)")
    if (1 in only or 6 in only) and not shutil.which("tmux"):
        raise SystemExit("figures 1 and 6 need tmux")

    # the system temp dir (here on the same disk as $HOME: fsync really writes; see the header)
    base = Path(tempfile.gettempdir())
    tmp = Path(tempfile.mkdtemp(prefix="roadmap-bench-", dir=base))
    env = safe_env(tmp)
    os.environ.update({k: env[k] for k in env if k.startswith(("ROADMAP_TUI", "XDG_"))})
    os.environ.pop("ROADMAP_TUI_ROADMAP", None)
    log(f"temp dir: {tmp}")
    # byte-compile the package first: an installed package has its .pyc files, and without them
    # every start would pay for compiling the source (PYTHONDONTWRITEBYTECODE may be set)
    import roadmap_tui

    subprocess.run(
        [python, "-m", "compileall", "-q", str(Path(roadmap_tui.__file__).parent)],
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        check=False,
    )
    info = machine_info()
    figures: list[Figure] = []
    try:
        sizes, notes = prepare_data(tmp, python, exe)
        startup: list[Figure] = []
        memory: list[Figure] = []
        if 1 in only or 6 in only:
            startup, memory = bench_startup(sizes, tmp, env, python, exe, runs)
        if 1 in only:
            figures += startup
        if 2 in only or 3 in only:
            keys = bench_keys(sizes, tmp, runs, presses)
            figures += [f for f in keys if f.number in only]
        if 4 in only:
            figures += bench_saving(sizes, tmp, max(runs, 5 if args.quick else 20))
        if 5 in only:
            figures += bench_cli(sizes, tmp, env, python, exe, runs)
        if 6 in only:
            figures += memory
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = perf() - started

    figures.sort(key=lambda f: f.number)
    fs = subprocess.run(["df", "-T", str(base)], capture_output=True, text=True).stdout.split()
    fs_type = fs[-6] if len(fs) >= 7 else "?"
    header = (
        f"**Machine:** {info['platform']} · {info['cpu']} · {info['cores']} cores "
        f"({info['usable_cores']} usable) · {info['memory']} RAM · {info['python']} · "
        f"textual {info['textual']} · rich {info['rich']} · roadmap-tui {info['roadmap_tui']} · "
        f"{info['tmux']}  \n"
        f"**Run:** {info['date']} · {'quick' if args.quick else 'full'} · {runs} runs after a "
        f"warm-up · {presses} presses per key per run · temp dir on {fs_type} · "
        f"took {elapsed:.0f} s"
    )
    print("## roadmap-tui benchmark\n")
    print(header + "\n")
    print(markdown_table(figures) + "\n")
    print(
        "Sizes: bundled = the shipped roadmap; 2,000 and 10,000 = generated (seeded) roadmaps "
        "of sections × topics × parts with descriptions of the bundled roadmap's length.  "
    )
    for note in notes:
        print(note + "  ")
    print("Ratio = median ÷ the reference's median, both measured in this run.\n")
    print(NOTES)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": info,
                    "options": {
                        "quick": args.quick,
                        "runs": runs,
                        "presses": presses,
                        "only": sorted(only),
                    },
                    "elapsed_s": elapsed,
                    "figures": [f.as_dict() for f in figures],
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
