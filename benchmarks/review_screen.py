"""How long the review screen takes from the `R` key to its first question on the screen.

    python benchmarks/review_screen.py [--runs N] [--screenshot docs/review.svg]

The bundled roadmap with its first 40 topics finished 30 days before a fixed clock (all 40
due). Each run starts the app headless (in-process, 120x40), waits for the first screen, then
times ``R`` from the key press until the review screen shows "Review: 40 left" and the first
question (read from the composited screen, as a user would see it). The reference, timed the
same way in the same runs: ``?`` to the help screen (a screen with nothing to work out).
Prints each run and the median, min and max in milliseconds.

``--screenshot`` saves the review screen with the answer shown (``App.save_screenshot``), the
picture the README shows. Everything is written to a temporary directory, removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.progress import ProgressStore
from roadmap_tui.storage.roadmaps import load
from roadmap_tui.tui.app import RoadmapApp

NOW = datetime(2026, 1, 5, tzinfo=UTC)
DUE = 40
SIZE = (120, 40)


def make_app(tmp: Path) -> tuple[RoadmapApp, str]:
    """The app over a progress file with DUE topics due; and the first question it asks."""
    roadmap = load(bundled_path())
    topics = [t for t in roadmap.topics() if not t.children and t.questions][:DUE]
    progress = tmp / "progress.toml"
    progress.unlink(missing_ok=True)
    before = ProgressStore(progress, roadmap.id, clock=lambda: NOW - timedelta(days=30))
    before.load()
    before.set_many((t.id, "done") for t in topics)
    before.set_note(topics[0].id, "Packets hop from router to router.")
    store = ProgressStore(progress, roadmap.id, clock=lambda: NOW)
    store.load()
    app = RoadmapApp(roadmap, store, state_path=tmp / "state.toml", poll_interval=0)
    return app, topics[0].questions[0].q


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_until(app, condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen never showed what was waited for")
        await asyncio.sleep(0.001)


async def one_run(tmp: Path, screenshot: Path | None = None, reference: bool = False) -> float:
    app, question = make_app(tmp)
    first_words = question.split()[0]
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(app, lambda: "Backend Developer" in screen_text(app))
        await pilot.pause(0.2)
        start = time.perf_counter()
        if reference:
            await pilot.press("question_mark")
            await wait_until(app, lambda: "this help" in screen_text(app))
            return time.perf_counter() - start
        await pilot.press("R")
        await wait_until(
            app,
            lambda: f"Review: {DUE} left" in (text := screen_text(app)) and first_words in text,
        )
        took = time.perf_counter() - start
        if screenshot is not None:
            await pilot.press("space")
            await pilot.pause(0.2)
            app.save_screenshot(screenshot.name, str(screenshot.parent))
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--screenshot", type=Path, help="save the review screen's SVG here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.screenshot is not None:
            asyncio.run(one_run(Path(tmp), args.screenshot.resolve()))
            print(f"saved {args.screenshot}", file=sys.stderr)
            return
        asyncio.run(one_run(Path(tmp)))  # warm-up: imports, the FSRS scheduler, caches
        asyncio.run(one_run(Path(tmp), reference=True))
        times, references = [], []
        for n in range(args.runs):
            took = asyncio.run(one_run(Path(tmp))) * 1000
            times.append(took)
            references.append(asyncio.run(one_run(Path(tmp), reference=True)) * 1000)
            print(f"run {n + 1}: {took:.1f} ms (help screen {references[-1]:.1f})", file=sys.stderr)
    for what, found in ((f"R to the first question, {DUE} due", times), ("? to help", references)):
        print(
            f"{what} (bundled roadmap): median {statistics.median(found):.1f} ms "
            f"(min {min(found):.1f}, max {max(found):.1f}, n={len(found)})"
        )


if __name__ == "__main__":
    main()
