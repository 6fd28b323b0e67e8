"""Make docs/browser.png: `roadmap-tui serve` with the bundled roadmap, in headless chromium.

    python docs/browser_screenshot.py [OUTPUT]

Everything lives in a temp folder (HOME and the XDG dirs too): no file of yours is touched.
Needs chromium (/usr/bin/chromium) and the test extras (textual-serve, playwright).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DONE = [
    "frontend/html",
    "frontend/css",
    "frontend/javascript-basics",
    "fundamentals/variables-and-types",
]


def main(output: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "HOME": str(home), "ROADMAP_TUI_CACHE": str(home / "cache")}
        for name in ("DATA", "CONFIG", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        env.pop("ROADMAP_TUI_PROGRESS", None)
        env.pop("ROADMAP_TUI_ROADMAP", None)
        cli = [sys.executable, "-m", "roadmap_tui"]
        run = {"env": env, "check": True, "capture_output": True}
        subprocess.run([*cli, "choose", "language/python"], **run)
        subprocess.run([*cli, "mark", "language/python", "in-progress"], **run)
        for topic in DONE:
            subprocess.run([*cli, "mark", topic, "done"], **run)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [*cli, "serve", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(150):
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--no-sandbox"]
                )
                page = browser.new_page(viewport={"width": 1280, "height": 760})
                page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                page.wait_for_selector(".xterm-screen", timeout=30_000)
                time.sleep(4)  # the app's first screen, then the next topic's details
                page.screenshot(path=str(output))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "browser.png")
