"""roadmap-tui benchmark: start-up, key presses, key repeat, the CLI, saving and memory, in one run.

    python benchmarks/bench.py [--quick] [--runs N] [--json FILE] [--only 1,2,...] [--keep]

Every figure is measured in this one run, after a warm-up, with at least ``--runs`` repetitions
(default 5), beside a reference measured in the same run, and printed as a Markdown table
(median, min, max, n, the reference's median, the ratio of the two medians and the target)
under a line naming the machine. Progress goes to stderr; the report to stdout.

Figures (see the notes printed under the table for the exact method of each):

1. start-up to the complete first screen in a real terminal (tmux 120x40): the tree, the
   highlighted topic's description and the footer; with a warm roadmap cache and with an empty
   one; bundled / 2,000 / 10,000 topics, against ``benchmarks/bare_app.py``;
2. a key press to the frame that shows its result, in-process and headless: cursor down (the
   next topic's description shown), space (the glyph changed), a search keystroke (the tree
   filtered); bundled / 2,000;
3. key repeat: cursor down 30 times a second at 2,000 topics;
4. plain CLI commands, whole process, against ``python -c "import rich.console"``;
5. a status change made durable (``ProgressStore.set_status``) and the load of that file;
6. peak memory (VmHWM) of the app at the first screen, against the bare app.

The benchmark relies only on the ``roadmap-tui`` command and its environment variables, the
``RoadmapApp`` constructor, ``load``, ``ProgressStore`` and on what is on the screen: every
decision ("description shown", "glyph changed", "tree filtered") is taken from the text of the
screen (tmux's, or the frames the app renders), never from the app's attributes.

All data is generated deterministically into a temporary directory (removed at the end unless
``--keep``); the user's real progress, UI-state and cache files are never touched: every command
gets ``--progress`` in the temp dir, and ``ROADMAP_TUI_STATE``, ``ROADMAP_TUI_PROGRESS``,
``ROADMAP_TUI_CACHE`` and the XDG directories point there too. tmux runs on a private socket of
this process, killed at the end. This is not part of the test suite.
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
import re
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
BUNDLED = HERE.parent / "data" / "roadmap.toml"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

try:
    import tomli_w

    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.storage.roadmaps import load
except ImportError:  # pragma: no cover - a hint for the wrong interpreter
    raise SystemExit(
        "roadmap_tui is not importable: run this with the project's environment "
        "(pip install -e . in a venv, then that venv's python)"
    ) from None

COLS, ROWS = 120, 40
SEARCH_QUERY = "webhook"
REPEAT_RATE = 30  # key presses a second (a terminal's key repeat)
REPEAT_PRESSES = 30
FRAME_MS = 1000 / 60  # one frame at 60 Hz, Textual's default ceiling
perf = time.perf_counter


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ results


@dataclass
class Target:
    """What a figure should reach: its median (``of="median"``), its worst sample
    (``of="max"``) or its ratio to the reference's median (``of="ratio"``), compared with ``op``
    ("<=" or "<") to ``limit``."""

    of: str
    op: str
    limit: float
    unit: str = ""

    def met(self, figure: Figure) -> bool | None:
        value = {"ratio": figure.ratio, "max": max(figure.samples)}.get(self.of, figure.median)
        if value is None:
            return None
        return value <= self.limit if self.op == "<=" else value < self.limit

    def __str__(self) -> str:
        op = "≤" if self.op == "<=" else "<"
        if self.of == "ratio":
            return f"{op} {self.limit:g}× ref."
        worst = "worst " if self.of == "max" else ""
        return f"{worst}{op} {round(self.limit, 1):g}{' ' + self.unit if self.unit else ''}"


@dataclass
class Figure:
    number: int
    name: str
    size: str
    unit: str  # "ms", "MiB" or "frames"
    samples: list[float]
    ref_name: str = ""
    ref_samples: list[float] = field(default_factory=list)
    target: Target | None = None

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
            "target": str(self.target) if self.target else None,
            "target_met": self.target.met(self) if self.target else None,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "frames":
        return f"{value:.2f}"
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def markdown_table(figures: list[Figure]) -> str:
    lines = [
        "| # | figure | size | median | min | max | n | reference | ref. median | ratio "
        "| target | met |",
        "|---|---|---|---:|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        met = f.target.met(f) if f.target else None
        lines.append(
            f"| {f.number} | {f.name} | {f.size} | **{fmt(f.median, f.unit)}** "
            f"| {fmt(min(f.samples), f.unit)} | {fmt(max(f.samples), f.unit)} | {len(f.samples)} "
            f"| {f.ref_name or '—'} | {fmt(f.ref_median, f.unit)} | {ratio} "
            f"| {f.target or '—'} | {'—' if met is None else ('yes' if met else '**no**')} |"
        )
    return "\n".join(lines)


NOTES = """\
How each figure is measured:

1. Wall time from `tmux new-session` (a private tmux server, already running) to the first `tmux
   capture-pane -p` (polled every ~5 ms) that shows the *complete* first screen: the first
   section's title (the tree), the start of the last paragraph of that section's description (the
   detail pane; the first section is the highlighted one, a new UI-state file putting the cursor
   there each run)
   and "Quit" on the last line (the footer). Command: `roadmap-tui --roadmap FILE --progress TMP`
   (the progress file holds entries for 10% of the topics). "warm cache": `ROADMAP_TUI_CACHE`
   points at a directory that the warm-up run filled. "empty cache" (the first run after an
   install or after the roadmap file changed): `ROADMAP_TUI_CACHE` points at a new empty
   directory and the roadmap is a fresh copy of the file, each run; an app that keeps no cache
   measures the same in both rows. Reference: `benchmarks/bare_app.py FILE` (the same TOML
   parser, tomli or tomllib, every node added to a plain `Tree`, a `Markdown` pane with the
   highlighted node's title and description, a `Footer`), polled for the same three things; runs
   interleaved with the app's.
2. In-process, headless, `App.run_test(size=(120, 40))`, disk polling off (`poll_interval=0`).
   Headless, Textual renders each frame but writes it nowhere: one wrapper (the only place that
   touches Textual's insides) turns each frame into the escape sequences a terminal would get and
   keeps them with the time; after the key, the frames are replayed in order into a 120x40 text
   screen, and the time is that of the first frame whose text shows the key's result. The key is
   posted to the app as the terminal driver posts it (`App.post_message(events.Key)`), after the
   app has painted nothing for 100 ms. Cursor down (from one section to the next, collapsed): the
   detail pane (`#detail`'s region) shows the start of the last paragraph of the new section's
   description. Space on a leaf topic: the topic's row in the tree (`#tree`'s region) changed
   (its glyph). Search: each keystroke typing `webhook` (no backspaces) after `/`: the search box
   (the `Input`'s region) shows the text typed so far and the tree's region shows what it shows
   once the app is idle (300 ms without a frame) after that key; the final tree must differ from
   the unfiltered one. Each repetition is a fresh app (the first one is a warm-up); cursor and
   space presses per app = ceil(20 / runs); cursor blink is turned off in every `Input`.
   Reference: the same keys in the bare app (the `Markdown` pane following the cursor; a glyph
   toggled in a label, no save; a plain `Input` echoing, no filtering).
3. Key repeat at 2,000 topics: the first two sections expanded, then cursor down 30 times, one
   press every 1/30 s, posted from a thread on a fixed clock (as a terminal's key repeat arrives
   whatever the app is doing). For each press, the lag is the time to the first frame whose
   detail pane shows that press's topic (its title and the start of the last paragraph of its
   description) or a later one. "frames behind" = the worst lag of the run ÷ 16.7 ms (one frame
   at 60 Hz); "last press → its frame" = the lag of the last press. Reference: the bare app, same
   keys.
4. Whole-process wall time of the installed `roadmap-tui` (`--roadmap`/`--progress` in the temp
   dir, warm cache; `mark` alternates done/todo so every run writes), its output to a pipe
   (/dev/null), as a script would read it: plain text. Reference: `python -c "import
   rich.console"` with the same interpreter.
5. `ProgressStore(path, roadmap_id).set_status` toggling one topic, to its return (by the store's
   contract the change is then on disk: written, fsynced, renamed), in a progress file
   holding all 2,000 topics of the generated roadmap, nine in ten with a note; load = a new
   `ProgressStore(...).load()` of that file. Reference: `tomli_w.dumps` of the whole document +
   write + fsync + rename + fsync of the directory, and `tomllib.loads(read_text())`. The header
   names the temp dir's file system.
6. `VmHWM` (peak resident set) of the app process read from `/proc/PID/status` 0.5 s after the
   complete first screen of figure 1 (warm cache), before quitting with `q`; same for the bare
   app.
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


def fragment(markdown: str, limit: int = 32) -> str:
    """What shows that a description is on screen: the start of its last paragraph as a Markdown
    renderer shows it (no markup), cut at a word boundary to at most ``limit`` characters, short
    enough to sit on one line of the detail pane. The last paragraph, so that the whole
    description is drawn, and a summary that starts like the description cannot pass for it."""
    paragraphs = [p for p in markdown.strip().split("\n\n") if p.strip()] or [""]
    line = paragraphs[-1].strip().splitlines()[0] if paragraphs[-1].strip() else ""
    line = re.sub(r"^\s*([-+*]|\d+\.)\s+", "", line)  # a list item shows with a bullet
    line = re.sub(r"[*_`#>\[\]]", "", line).strip()
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0]


@dataclass
class Size:
    label: str
    path: Path
    roadmap_id: str
    topics: list[dict]  # generate.outline(path): every section and topic in tree order
    progress: Path  # seeded progress file (10% of topics), never written by figure 1 and 6

    @property
    def sections(self) -> list[dict]:
        return [t for t in self.topics if t["depth"] == 0]


def prepare_data(tmp: Path, exe: str) -> tuple[dict[str, Size], list[str]]:
    sizes: dict[str, Size] = {}
    notes: list[str] = []
    sources = [("bundled", BUNDLED)]
    for count in (2_000, 10_000):
        path = tmp / f"roadmap-{count}.toml"
        t = perf()
        path.write_text(generate.roadmap_toml(count), encoding="utf-8")
        log(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {perf() - t:.1f} s")
        sources.append((f"{count:,}", path))
    for label, path in sources:
        topics = generate.outline(path)
        with open(path, "rb") as handle:
            roadmap_id = tomllib.load(handle)["roadmap"]["id"]
        ids = [t["id"] for t in topics if t["depth"] > 0]
        if label == "bundled":
            label = f"bundled ({len(ids)})"
        progress = tmp / f"progress-{roadmap_id}.toml"
        generate.write_progress(
            progress, roadmap_id, generate.progress_entries(ids, max(1, len(ids) // 10))
        )
        sizes[label] = Size(label, path, roadmap_id, topics, progress)
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


def start_on_first_section(state: Path, size: Size) -> None:
    """A new UI-state file with the cursor on the first section (a fresh install would start
    on the next topic to learn) and Today seen: every run starts from the same screen."""
    first = size.sections[0]["id"]
    # Today (shown on its own once a day when reviews are due) counts as already seen today
    today = datetime.now().date().isoformat()
    state.write_text(
        f'[today_shown]\n"{size.roadmap_id}" = "{today}"\n\n'
        f'[roadmaps."{size.roadmap_id}"]\ncursor = "{first}"\n',
        encoding="utf-8",
    )


def safe_env(tmp: Path) -> dict[str, str]:
    """Environment for every child: nothing can reach the user's own files."""
    env = os.environ.copy()
    env.pop("ROADMAP_TUI_ROADMAP", None)
    env["ROADMAP_TUI_STATE"] = str(tmp / "ui-state.toml")
    env["ROADMAP_TUI_PROGRESS"] = str(tmp / "default-progress.toml")
    env["ROADMAP_TUI_CACHE"] = str(tmp / "cache-warm")
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
        self, command: str, complete: Callable[[str], bool], timeout: float = 60.0
    ) -> tuple[float, int, str]:
        """Start ``command`` in a new session; return (seconds until ``complete(screen text)``
        holds, the pane's pid, the session's name)."""
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
            if complete(screen):
                elapsed = perf() - t0
                break
            polls += 1
            if tick - t0 > timeout or (polls % 50 == 0 and self.dead(name)):
                final = subprocess.run(capture, capture_output=True, text=True).stdout
                self.run("kill-session", "-t", name, check=False)
                raise RuntimeError(f"the first screen never completed; the pane:\n{final}")
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


def first_screen_complete(size: Size) -> Callable[[str], bool]:
    """Whether a captured screen is complete: the tree (the first section's title), the detail
    pane (the start of that section's description) and the footer ("Quit" on the last line)."""
    first = size.sections[0]
    title = first["title"][:20]
    description = fragment(first["description"])

    def complete(screen: str) -> bool:
        lines = screen.rstrip("\n").split("\n")
        return (
            title in screen
            and description in screen
            and len(lines) >= ROWS
            and "Quit" in lines[ROWS - 1]
        )

    return complete


def bench_startup(
    sizes: dict[str, Size], tmp: Path, env: dict, python: str, exe: str, runs: int
) -> tuple[list[Figure], list[Figure]]:
    tmux = Tmux(env)
    startup: list[Figure] = []
    memory: list[Figure] = []
    q = shlex.quote
    fresh = 0
    try:
        for size in sizes.values():
            complete = first_screen_complete(size)
            times: dict[str, list[float]] = {"warm": [], "empty": [], "bare": []}
            app_m, bare_m = [], []
            for rep in range(runs + 1):  # rep 0 is the warm-up (it also fills the warm cache)
                for kind in ("warm", "empty", "bare"):
                    state = tmp / "tmux-ui-state.toml"
                    start_on_first_section(state, size)
                    if kind == "bare":
                        command = (
                            f"exec {q(python)} {q(str(HERE / 'bare_app.py'))} {q(str(size.path))}"
                        )
                    else:
                        cache, roadmap = tmp / "cache-warm", size.path
                        if kind == "empty":
                            # a new empty cache and a fresh copy of the roadmap file: nothing of
                            # an earlier run can be reused, whatever the app keys its cache on
                            fresh += 1
                            cache = tmp / f"cache-empty-{fresh}"
                            roadmap = tmp / f"fresh-{fresh}" / size.path.name
                            roadmap.parent.mkdir()
                            shutil.copyfile(size.path, roadmap)
                        command = (
                            f"exec env ROADMAP_TUI_STATE={q(str(state))} "
                            f"ROADMAP_TUI_CACHE={q(str(cache))} "
                            f"{q(exe)} --roadmap {q(str(roadmap))} "
                            f"--progress {q(str(size.progress))}"
                        )
                    seconds, pid, session = tmux.start_and_wait(command, complete)
                    mib = None
                    if kind != "empty":
                        time.sleep(0.5)
                        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                        if b"python" not in cmdline:
                            raise RuntimeError(f"pane process is not python: {cmdline!r}")
                        mib = vm_hwm_mib(pid)
                    tmux.quit(session)
                    tag = "warm-up" if rep == 0 else f"run {rep}/{runs}"
                    log(
                        f"[1/6] {size.label:>13} {kind:5} {tag}: {seconds * 1000:7.0f} ms"
                        + (f"  {mib:6.1f} MiB" if mib else "")
                    )
                    if rep == 0:
                        continue
                    times[kind].append(seconds * 1000)
                    if mib:
                        (bare_m if kind == "bare" else app_m).append(mib)
            target = (
                Target("ratio", "<=", 1.2)
                if size.label.startswith("bundled")
                else Target("ratio", "<", 1.0)
            )
            for kind, cache in (("warm", "warm cache"), ("empty", "empty cache")):
                startup.append(
                    Figure(
                        1,
                        f"start-up to complete first screen (tmux), {cache}",
                        size.label,
                        "ms",
                        times[kind],
                        "bare Textual app",
                        times["bare"],
                        target,
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


# ------------------------------------------------------------------------------------ frames

# the escape sequences of a frame: cursor moves (kept), other CSI and OSC sequences (dropped)
_MOVE = re.compile(
    r"\x1b\[(\d+);(\d+)H|\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\r\n]"
)


class TextScreen:
    """The text a terminal would show after the frames written to it (cursor moves and text;
    colours and styles ignored)."""

    def __init__(self) -> None:
        self.rows = [[" "] * COLS for _ in range(ROWS)]

    def feed(self, data: str) -> None:
        from rich.cells import cell_len

        x = y = 0
        pos = 0
        for match in _MOVE.finditer(data):
            self._write(data[pos : match.start()], x, y, cell_len)
            x += cell_len(data[pos : match.start()])
            pos = match.end()
            if match.group(1):
                y, x = int(match.group(1)) - 1, int(match.group(2)) - 1
        self._write(data[pos:], x, y, cell_len)

    def _write(self, text: str, x: int, y: int, cell_len) -> None:
        if not text or not 0 <= y < ROWS:
            return
        row = self.rows[y]
        if text.isascii():
            row[x : x + len(text)] = text
            del row[COLS:]
            return
        for char in text:
            width = cell_len(char)
            if x < COLS:
                row[x] = char
            if width == 2 and x + 1 < COLS:
                row[x + 1] = ""
            x += width

    def copy(self) -> TextScreen:
        other = TextScreen()
        other.rows = [row[:] for row in self.rows]
        return other

    def text(self, region=None) -> str:
        """The screen's text, or a widget's ``region``'s (anything with x, y, width, height)."""
        if region is None:
            return "\n".join("".join(row) for row in self.rows)
        return "\n".join(
            "".join(row[region.x : region.x + region.width])
            for row in self.rows[region.y : region.y + region.height]
        )


class FrameRecorder:
    """Keeps every frame an app renders headless, with its time, and replays them into a
    ``TextScreen`` to find the first frame that shows something."""

    def __init__(self, app) -> None:
        self.app = app
        self.frames: list[tuple[float, str]] = []
        self.replayed = 0
        self.screen = TextScreen()
        self.event = asyncio.Event()
        original = app._display

        # The one place that touches Textual's insides (Textual has no public hook for frames).
        # A screen hands each rendered frame to App._display, which, headless, returns without
        # writing it. The wrapper does what it would do in a terminal, turn the frame into escape
        # sequences, takes the time and keeps them; frames held back by App.batch_update are
        # skipped as _display skips them.
        def display(screen, update) -> None:
            original(screen, update)
            if update is None or app._batch_count or not hasattr(update, "render_segments"):
                return
            self.frames.append((perf(), update.render_segments(app.console)))
            self.event.set()

        app._display = display

    async def settle(self, quiet: float = 0.1, timeout: float = 60.0) -> None:
        """Wait until no frame has come for ``quiet`` seconds."""
        deadline = perf() + timeout
        while perf() < deadline:
            count = len(self.frames)
            await asyncio.sleep(quiet)
            if len(self.frames) == count:
                return
        raise RuntimeError("the app never stopped painting")

    def replay(self, until: Callable[[TextScreen], bool] | None = None) -> float | None:
        """Feed the frames not replayed yet to the screen, in order; with ``until``, stop at the
        first after which it holds and return that frame's time."""
        while self.replayed < len(self.frames):
            at, data = self.frames[self.replayed]
            self.replayed += 1
            self.screen.feed(data)
            if until is not None and until(self.screen):
                return at
        return None

    def post_key(self, key: str, char: str | None) -> None:
        from textual import events

        event = events.Key(key, char)
        event.set_sender(self.app)
        self.app.post_message(event)

    async def press(
        self,
        key: str,
        char: str | None,
        shows: Callable[[TextScreen], Callable[[TextScreen], bool]],
        quiet: float = 0.1,
    ) -> float:
        """Send one key once the app is idle; return ms to the first frame that shows its
        result. ``shows(final)`` gets the screen as it is once the app is idle again after the
        key and returns the test of a screen that shows the key's result."""
        await self.settle(quiet)
        self.replay()
        self.event.clear()
        t0 = perf()
        self.post_key(key, char)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.event.wait(), 30)
        await self.settle(quiet)
        before, start = self.screen.copy(), self.replayed
        self.replay()
        test = shows(self.screen)
        self.screen, self.replayed = before, start  # and replay the key's frames once more
        at = self.replay(test)
        if at is None:
            raise RuntimeError(
                f"no frame showed the result of {key!r}; the screen:\n{self.screen.text()}"
            )
        return (at - t0) * 1000


class Samples(dict):
    def add(self, key: str, value: float | None) -> None:
        if value is not None:
            self.setdefault(key, []).append(value)


def shows_in(region, text: str) -> Callable[[TextScreen], Callable[[TextScreen], bool]]:
    """A ``press`` test: ``text`` within ``region`` of the screen."""
    return lambda final: lambda screen: text in screen.text(region)


def expanded_lines(size: Size) -> list[dict]:
    """The tree's lines, in order, once the first two sections are expanded."""
    open_ = {t["id"] for t in size.sections[:2]}
    return [
        t
        for t in size.topics
        if t["depth"] == 0 or (t["depth"] == 1 and t["id"].split("/")[0] in open_)
    ]


async def drive(app, size: Size, presses: int, repeat: bool, out: Samples) -> None:
    """Drive either app the same way: keys, the Tree API on ``#tree``, the regions of
    ``#tree``, ``#detail`` and the focused ``Input``, and what is on screen."""
    from textual.widgets import Input, Tree

    recorder = FrameRecorder(app)
    sections = size.sections
    async with app.run_test(size=(COLS, ROWS)):
        await recorder.settle()
        tree = app.screen.query_one("#tree", Tree)
        detail = app.screen.query_one("#detail").region
        tree_region = tree.region
        recorder.replay()
        # on a busy machine a pause of 0.1 s can come before the description is painted: wait
        # for it (up to 10 s) before deciding that the cursor started elsewhere
        first = fragment(sections[0]["description"])
        deadline = perf() + 10
        while first not in recorder.screen.text(detail) and perf() < deadline:
            await recorder.settle(quiet=0.3)
            recorder.replay()
        if first not in recorder.screen.text(detail):
            raise RuntimeError("the first section is not the highlighted one at start")

        # cursor down, section to section (collapsed): the next one's description shows
        for n in range(1, presses + 2):  # the first press is a warm-up
            text = fragment(sections[n]["description"])
            ms = await recorder.press("down", None, shows_in(detail, text))
            if n > 1:
                out.add("down", ms)

        # the first two sections expanded, the cursor back on the first line
        lines = expanded_lines(size)
        tree.move_cursor_to_line(0)
        await recorder.settle()
        for line in (0, lines.index(sections[1])):
            tree.get_node_at_line(line).expand()
            await recorder.settle()
        if repeat:
            await key_repeat(recorder, lines, detail, out)

        # space on the first leaf topic: its row in the tree (the glyph) changes
        line, leaf = 1, lines[1]
        if not leaf["leaf"]:
            tree.get_node_at_line(1).expand()
            await recorder.settle()
            line, leaf = 2, size.topics[size.topics.index(leaf) + 1]
        tree.move_cursor_to_line(line)
        await recorder.settle()
        for n in range(presses + 1):  # the first press is a warm-up
            recorder.replay()
            rows = recorder.screen.text(tree_region).split("\n")
            row = next(i for i, r in enumerate(rows) if leaf["title"][:30] in r)

            def changed(final, row=row, before=rows[row]):
                return lambda screen: screen.text(tree_region).split("\n")[row] != before

            ms = await recorder.press("space", " ", changed)
            if n:
                out.add("space", ms)

        # search: `/`, then type the query; the box echoes, the tree shows where it ends up
        await recorder.press("slash", "/", lambda final: lambda screen: True)
        for box in app.screen.query(Input):
            box.cursor_blink = False
        box = app.focused
        if not isinstance(box, Input):
            raise RuntimeError("`/` did not focus a search box")
        box = box.region
        tree_region = tree.region  # the search box sits above the tree now
        recorder.replay()
        unfiltered = recorder.screen.text(tree_region)
        typed = ""
        for char in SEARCH_QUERY:
            typed += char

            def filtered(final, typed=typed):
                tree_text = final.text(tree_region)
                return lambda s: typed in s.text(box) and s.text(tree_region) == tree_text

            out.add("search", await recorder.press(char, char, filtered, quiet=0.3))
        out.add("search.filtered", float(recorder.screen.text(tree_region) != unfiltered))
        recorder.post_key("escape", None)
        await recorder.settle()


async def key_repeat(recorder: FrameRecorder, lines: list[dict], detail, out: Samples) -> None:
    """Cursor down REPEAT_PRESSES times at REPEAT_RATE a second from the first line, the keys
    posted from a thread on a fixed clock; the lag of each press to the first frame whose detail
    pane shows its topic or a later one."""
    # a topic shows when the detail pane holds its title and the start of its description
    targets = [(t["title"], fragment(t["description"])) for t in lines[1 : REPEAT_PRESSES + 1]]
    if len(set(targets)) != REPEAT_PRESSES:
        raise RuntimeError("key repeat: two topics look alike")
    await recorder.settle()
    recorder.replay()
    loop = asyncio.get_running_loop()
    app = recorder.app
    sent: list[float] = []

    def typist() -> None:
        from textual import events

        start = perf()
        for n in range(REPEAT_PRESSES):
            time.sleep(max(0.0, start + n / REPEAT_RATE - perf()))
            event = events.Key("down", None)
            event.set_sender(app)
            sent.append(perf())
            loop.call_soon_threadsafe(app.post_message, event)  # as the driver's thread does

    thread = threading.Thread(target=typist, daemon=True)
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.05)
    await recorder.settle(0.2)
    # when each press's topic first showed in the detail pane
    shown: list[float | None] = [None] * REPEAT_PRESSES
    while recorder.replayed < len(recorder.frames):
        at = recorder.replay(lambda screen: True)
        text = recorder.screen.text(detail)
        for n, (title, start) in enumerate(targets):
            if shown[n] is None and title in text and start in text:
                shown[n] = at
    if shown[-1] is None:
        raise RuntimeError("key repeat: the last press's topic never showed")
    lags = []
    for n in range(REPEAT_PRESSES):
        # this press's topic, or a later one (the app may skip what it has no time to show)
        at = min(t for t in shown[n:] if t is not None and t >= sent[n])
        lags.append((at - sent[n]) * 1000)
    out.add("repeat.behind", max(lags) / FRAME_MS)
    out.add("repeat.last", lags[-1])


def bench_keys(sizes: dict[str, Size], tmp: Path, runs: int, presses: int) -> list[Figure]:
    from bare_app import BareApp

    from roadmap_tui.tui.app import RoadmapApp

    figures: list[Figure] = []
    repeat_figs: list[Figure] = []
    for size in (s for s in sizes.values() if not s.label.startswith("10,000")):
        repeat = size.label.startswith("2,000")
        roadmap = load(size.path)
        app_s, bare_s = Samples(), Samples()
        for rep in range(runs + 1):  # rep 0 is the warm-up
            tag = "warm-up" if rep == 0 else f"run {rep}/{runs}"
            for kind in ("app", "bare"):
                sink = Samples() if rep == 0 else (app_s if kind == "app" else bare_s)
                t = perf()
                if kind == "app":
                    progress = tmp / f"inproc-{size.roadmap_id}.toml"
                    shutil.copyfile(size.progress, progress)
                    store = ProgressStore(progress, size.roadmap_id)
                    store.load()
                    state = tmp / "inproc-ui-state.toml"
                    start_on_first_section(state, size)
                    app = RoadmapApp(
                        roadmap, store, state_path=state, poll_interval=0, roadmap_path=size.path
                    )
                else:
                    app = BareApp(size.path)
                asyncio.run(drive(app, size, presses, repeat, sink))
                if kind == "app" and not sink.get("search.filtered", [0])[0]:
                    raise RuntimeError(f"searching {SEARCH_QUERY!r} did not filter the tree")
                gc.collect()
                log(
                    f"[2/6] {size.label:>13} {kind:4} {tag}: "
                    + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in sink.items())
                    + f"  ({perf() - t:.1f} s)"
                )
        bare = "bare Textual app"
        frame = Target("median", "<=", 16, "ms")
        for name, key, ref_name in (
            ("cursor down → its description on screen", "down", f"{bare}: down"),
            ("space (toggle done) → glyph on screen", "space", f"{bare}: label glyph"),
            (
                f"search keystroke (typing “{SEARCH_QUERY}”) → filtered tree",
                "search",
                f"{bare}: Input echo",
            ),
        ):
            figures.append(
                Figure(2, name, size.label, "ms", app_s[key], ref_name, bare_s[key], frame)
            )
        if repeat:
            rate = f"{REPEAT_RATE}/s"
            repeat_figs += [
                Figure(
                    3,
                    f"key repeat ({rate} cursor down): frames behind, worst (60 Hz)",
                    size.label,
                    "frames",
                    app_s["repeat.behind"],
                    bare,
                    bare_s["repeat.behind"],
                    Target("max", "<=", 2, "frames"),  # never more than two behind
                ),
                Figure(
                    3,
                    f"key repeat ({rate} cursor down): last press → its frame",
                    size.label,
                    "ms",
                    app_s["repeat.last"],
                    bare,
                    bare_s["repeat.last"],
                    Target("median", "<=", 2 * FRAME_MS, "ms"),
                ),
            ]
    return figures + repeat_figs


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

    reference_argv = [python, "-c", "import rich.console"]
    figures = []
    for size in (s for s in sizes.values() if not s.label.startswith("10,000")):
        progress = tmp / f"cli-{size.roadmap_id}.toml"
        shutil.copyfile(size.progress, progress)
        common = ["--roadmap", str(size.path), "--progress", str(progress)]
        leaf = next(t["id"] for t in size.topics if t["leaf"] and t["depth"] > 0)
        commands = {
            "`roadmap-tui status`": [exe, "status", *common],
            "`roadmap-tui list --json`": [exe, "list", "--json", *common],
            "`roadmap-tui mark ID done`": [exe, "mark", leaf, "done", *common],
        }
        results: dict[str, list[float]] = {name: [] for name in commands}
        ref: list[float] = []
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
        target = (
            Target("ratio", "<=", 1.5)
            if size.label.startswith("bundled")
            else Target("ratio", "<=", 2)
        )
        for name, samples in results.items():
            log(
                f"[4/6] {size.label:>13} {name}: {statistics.median(samples):.0f} ms "
                f"(reference {statistics.median(ref):.0f} ms)"
            )
            figures.append(
                Figure(
                    4,
                    f"{name}, piped (whole process)",
                    size.label,
                    "ms",
                    samples,
                    '`python -c "import rich.console"`',
                    ref,
                    target,
                )
            )
    return figures


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
    size = sizes["2,000"]
    ids = [t["id"] for t in size.topics if t["depth"] > 0]
    folder = tmp / "save"
    folder.mkdir()
    path = folder / "progress.toml"
    entries = generate.progress_entries(ids, len(ids), seed=2)
    generate.write_progress(path, size.roadmap_id, entries)
    target = ids[0]
    store = ProgressStore(path, size.roadmap_id)
    store.load()
    store.set_status(target, "done")  # the file is now in the store's own format
    ref_path = folder / "reference.toml"
    shutil.copyfile(path, ref_path)
    data = tomllib.loads(ref_path.read_text(encoding="utf-8"))
    ref_topics = data["roadmaps"][size.roadmap_id]["topics"]
    shown = f"{path.stat().st_size / 1024:,.0f} KB"
    label = f"2,000 topics with notes ({shown})"
    saves, loads, ref_saves, ref_loads = [], [], [], []
    for rep in range(reps + 1):
        status = "in-progress" if rep % 2 == 0 else "done"
        t = perf()
        store.set_status(target, status)
        save = perf() - t
        ref_topics[target]["status"] = status
        t = perf()
        naive_save(ref_path, data)
        ref_save = perf() - t
        t = perf()
        ProgressStore(path, size.roadmap_id).load()
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
        f"[5/6] {label}: save {statistics.median(saves):.2f} ms (naive "
        f"{statistics.median(ref_saves):.2f}), load {statistics.median(loads):.2f} ms "
        f"(tomllib {statistics.median(ref_loads):.2f})"
    )
    return [
        Figure(
            5,
            "status change durable on disk (set_status returns)",
            label,
            "ms",
            saves,
            "tomli_w.dumps + write + fsync",
            ref_saves,
            Target("median", "<=", 25, "ms"),
        ),
        Figure(5, "load (ProgressStore.load)", label, "ms", loads, "tomllib.loads", ref_loads),
    ]


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
        sizes, notes = prepare_data(tmp, exe)
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
            figures += bench_cli(sizes, tmp, env, python, exe, runs)
        if 5 in only:
            figures += bench_saving(sizes, tmp, max(runs, 5 if args.quick else 20))
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
    print(
        "Ratio = median ÷ the reference's median, both measured in this run; a ratio target is "
        'met by the ratio, an absolute one by the median ("worst": by the worst run).\n'
    )
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
