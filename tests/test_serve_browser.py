"""`roadmap-tui serve` in a real headless browser: Debian's chromium, driven by Playwright.

The page loads, the app's screen reaches it (the tree's titles are in what the terminal on the
page was sent to draw), a key pressed in the page marks a topic, and the progress file has it.
Playwright drives the system's /usr/bin/chromium; its own browser download is never used. With
no chromium (or no playwright) the test skips and says why.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROADMAP = """\
[roadmap]
id = "web"
title = "Browser roadmap"

[[section]]
id = "basics"
title = "Basics"

[[section.topic]]
id = "alpha"
title = "Alpha Topic"
summary = "The first one."
hours = 1

[[section.topic]]
id = "beta"
title = "Beta Topic"
summary = "The second one."
hours = 2
"""

# Records what the page's websocket receives, as text (the app's screen: text between escape
# sequences), before the page's own script opens it.
RECORD_SOCKET = """
window.received = "";
const decoder = new TextDecoder();
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (typeof event.data === "string") {
        window.received += event.data;
      } else if (event.data instanceof ArrayBuffer) {
        window.received += decoder.decode(event.data, {stream: true});
      } else {
        event.data.arrayBuffer().then((b) => { window.received += decoder.decode(b); });
      }
    });
  }
};
"""

ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited with {server.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def screen_text(page) -> str:
    return ESCAPE.sub("", page.evaluate("window.received"))


def wait_until(predicate, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def topic_statuses(progress: Path) -> dict[str, str]:
    if not progress.exists():
        return {}
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    topics = data.get("roadmaps", {}).get("web", {}).get("topics", {})
    return {tid: entry.get("status", "todo") for tid, entry in topics.items()}


@pytest.fixture
def served(isolated_env: Path, tmp_path: Path):
    """`roadmap-tui serve` on a free local port, with a roadmap and a progress file in a folder
    whose name has a space and markup-like brackets (the app of each tab gets them quoted, and
    nothing reads them as rich markup)."""
    folder = tmp_path / "my [" / "] files"  # the path holds "[/]", a markup closing tag
    folder.mkdir(parents=True)
    roadmap = folder / "roadmap.toml"
    roadmap.write_text(ROADMAP, encoding="utf-8")
    progress = folder / "progress.toml"
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "roadmap_tui"),
            *("--roadmap", str(roadmap), "--progress", str(progress)),
            *("serve", "--port", str(port)),
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "120"},
    )
    try:
        wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}/", progress
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture
def browser_path() -> str:
    """The system's chromium, or a skip that says why (before any server is started)."""
    found = chromium()
    if found is None:
        pytest.skip("no chromium found (apt-get install chromium): the browser test needs one")
    return found


def test_the_app_in_a_browser_marks_a_topic_and_saves_it(browser_path, served, tmp_path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    url, progress = served
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script(RECORD_SOCKET)
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(".xterm-screen", timeout=30_000)
            # the first screen: the header, the tree with the section expanded, the footer
            assert wait_until(lambda: "Beta Topic" in screen_text(page)), screen_text(page)[-2000:]
            first = screen_text(page)
            assert "Browser roadmap" in first
            assert "Basics" in first and "Alpha Topic" in first
            assert "0 done" in first
            assert topic_statuses(progress) == {}

            # a first run: the welcome shows over it, and any key closes it
            assert wait_until(lambda: "Press any key to start" in screen_text(page))
            page.focus(".xterm-helper-textarea")  # the keys go to the terminal (no click)
            page.keyboard.press("Escape")
            time.sleep(0.5)
            assert topic_statuses(progress) == {}
            # the app opens on the next topic to learn (Alpha); space marks it done
            page.keyboard.press("Space")
            assert wait_until(lambda: topic_statuses(progress) == {"basics/alpha": "done"}), (
                topic_statuses(progress)
            )
            assert wait_until(lambda: "1 done" in screen_text(page)[len(first) :])
            page.screenshot(path=str(tmp_path / "browser.png"))
        finally:
            browser.close()
    assert (tmp_path / "browser.png").stat().st_size > 10_000
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert f"roadmap-tui: serving the app on {url.rstrip('/')} (ctrl+c stops it)" in log
    assert "Traceback" not in log
