"""Key to frame on a topic with a very large description or note (headless, frames recorded).

A roadmap of three topics: a small one, one with a ~9.6 MB Markdown description, one small
topic whose note is ~10 MB. From the small topic, `down` moves to the large one; the figure is
the time from the key to the first frame that shows the large topic's title in the detail pane
(and then the same for the note). Also times `roadmap-tui show` on the large note.

    python benchmarks/large_text.py [--mb 9.6]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import COLS, ROWS, FrameRecorder, shows_in  # noqa: E402


def big_markdown(size: int) -> str:
    """Markdown of about ``size`` characters: headings, paragraphs, lists, code and links."""
    block = (
        "## Part {n}\n\n"
        "A paragraph with **bold**, *italic*, `code` and [a link](https://example.com/{n}). "
        "It goes on for a while to make a line that wraps in the detail pane of the app.\n\n"
        "- first item {n}\n- second item\n- third item\n\n"
        "```python\nfor i in range({n}):\n    print(i)\n```\n\n"
    )
    parts, total, n = [], 0, 0
    while total < size:
        part = block.format(n=n)
        parts.append(part)
        total += len(part)
        n += 1
    return "".join(parts)


def roadmap_toml(description: str) -> str:
    import tomli_w

    return tomli_w.dumps(
        {
            "roadmap": {"id": "big", "title": "Big"},
            "section": [
                {
                    "id": "s",
                    "title": "Section",
                    "topic": [
                        {"id": "small", "title": "Small topic", "description": "Short."},
                        {"id": "large", "title": "Large description", "description": description},
                        {"id": "noted", "title": "Large note", "description": "Short."},
                    ],
                }
            ],
        }
    )


async def key_to_frame(roadmap_file: Path, progress_file: Path, state: Path) -> dict[str, float]:
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.storage.roadmaps import load
    from roadmap_tui.tui.app import RoadmapApp

    roadmap = load(roadmap_file)
    store = ProgressStore(progress_file, roadmap.id)
    store.load()
    app = RoadmapApp(roadmap, store, state_path=state)
    recorder = FrameRecorder(app)
    out = {}
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await recorder.settle()
        await pilot.press("l", "j")  # the section expanded, the small topic highlighted
        await recorder.settle(timeout=300)
        detail = app.screen.query_one("#detail").region
        out["down to the large description"] = await recorder.press(
            "down", None, shows_in(detail, "Large description"), quiet=0.3
        )
        out["down to the large note"] = await recorder.press(
            "down", None, shows_in(detail, "Large note"), quiet=0.3
        )
        out["up back to the large description"] = await recorder.press(
            "up", None, shows_in(detail, "Large description"), quiet=0.3
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=9.6)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        roadmap_file = tmp / "big.toml"
        roadmap_file.write_text(roadmap_toml(big_markdown(size)), encoding="utf-8")
        progress_file = tmp / "progress.toml"
        from roadmap_tui.storage.progress import ProgressStore

        store = ProgressStore(progress_file, "big")
        store.load()
        store.set_note("s/noted", big_markdown(10_000_000))
        os.environ["ROADMAP_TUI_CACHE"] = str(tmp / "cache")
        for name, ms in asyncio.run(
            key_to_frame(roadmap_file, progress_file, tmp / "ui.toml")
        ).items():
            print(f"{name}: {ms:,.0f} ms")
        exe = [sys.executable, "-m", "roadmap_tui"]
        common = ["--roadmap", str(roadmap_file), "--progress", str(progress_file)]
        for topic in ("s/large", "s/noted"):
            start = time.perf_counter()
            done = subprocess.run(
                [*exe, *common, "show", topic],
                capture_output=True,
                env={**os.environ, "COLUMNS": "120"},
            )
            took = time.perf_counter() - start
            print(
                f"show {topic}: {took * 1000:,.0f} ms, exit {done.returncode}, "
                f"{len(done.stdout) / 1e6:.2f} MB out"
            )


if __name__ == "__main__":
    main()
