"""`roadmap-tui review` and `roadmap-tui ask`, as a user sees them: the session (driven through a
real pseudo-terminal), the list of what is due, and a topic's own questions."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import TINY_ROADMAP

pytestmark = pytest.mark.usefixtures("isolated_env")

Q1 = "Why is DNS cached, and what does that cost?"
A1 = "Lookups are slow and frequent; caching by TTL makes changes take effect late."
Q2 = "What happens when a resolver cannot reach the authoritative server?"
A2 = "It may serve a stale answer or fail with SERVFAIL."
QUESTIONS = f"""
questions = [
  {{ q = "{Q1}", a = "{A1}" }},
  {{ q = "{Q2}", a = "{A2}" }},
]
"""


@pytest.fixture
def roadmap_q(tmp_path: Path) -> Path:
    path = tmp_path / "roadmap.toml"
    text = TINY_ROADMAP.replace(
        'prerequisites = ["basics/http"]\nhours = 3\n',
        'prerequisites = ["basics/http"]\nhours = 3\n' + QUESTIONS,
    )
    path.write_text(text, encoding="utf-8")
    return path


def finished(progress: Path, *topics: str, days_ago: int = 30) -> None:
    """A progress file in which ``topics`` were finished ``days_ago`` days ago (so due now)."""
    when = (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M:%SZ")
    blocks = "".join(
        f'[roadmaps.mini.topics."{t}"]\nstatus = "done"\ncompleted = {when}\nchanged = {when}\n'
        for t in topics
    )
    progress.write_text("schema = 1\n" + blocks, encoding="utf-8")


def review_table(progress: Path, topic: str) -> dict:
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data.get("roadmaps", {}).get("mini", {}).get("review", {}).get(topic, {})


def test_due_lists_what_is_due_and_when(run, roadmap_q, progress_file):
    finished(progress_file, "basics/dns", "basics/http")
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "review", "--due")
    assert code == 0
    assert out.splitlines()[0] == "2 topics due, 2 in review"
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "review", "--json")
    data = json.loads(out)
    assert data["due"] == 2 and {t["id"] for t in data["topics"]} == {"basics/dns", "basics/http"}


def test_nothing_due_says_when_the_next_is(run, roadmap_q, progress_file):
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "mark", "dns", "done")
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "review")
    assert code == 0 and out.startswith("Nothing is due; the next is due ")


def test_a_piped_session_rates_and_saves_each_review(run, roadmap_q, progress_file):
    finished(progress_file, "basics/dns")
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "review", input="\n2\n")
    assert code == 0, out
    assert "Q: Why is DNS cached, and what does that cost?" in out
    assert "A: Lookups are slow and frequent" in out
    assert "Reviewed 1: 0 again" in out
    [entry] = review_table(progress_file, "basics/dns")["log"]
    assert entry.endswith(" hard")
    # the next review (practice now: it is not due again yet) asks the next question
    code, out, _ = run(
        "--roadmap", roadmap_q, "--progress", progress_file, "review", "dns", input="\nq\n"
    )
    assert "What happens when a resolver cannot reach" in out


def test_stopping_before_rating_saves_nothing(run, roadmap_q, progress_file):
    finished(progress_file, "basics/dns")
    before = progress_file.read_text(encoding="utf-8")
    code, out, _ = run("--roadmap", roadmap_q, "--progress", progress_file, "review", input="q\n")
    assert code == 0 and "Nothing reviewed" in out
    assert progress_file.read_text(encoding="utf-8") == before


def test_reviewing_a_topic_not_due_is_practice(run, roadmap_q, progress_file):
    _, out, _ = run(
        "--roadmap", roadmap_q, "--progress", progress_file, "review", "http", input="\n1\n"
    )
    assert "(practice)" in out and "the schedule is unchanged" in out
    assert review_table(progress_file, "basics/http")["log"][0].endswith(" again practice")


def test_ask_adds_lists_and_removes_own_questions(run, roadmap_q, progress_file):
    base = ("--roadmap", roadmap_q, "--progress", progress_file, "ask", "dns")
    code, out, _ = run(*base, "--add", "What is a CNAME for?", "--answer", "An alias to a name.")
    assert code == 0
    qid = out.split("question ")[1].split()[0]
    code, out, _ = run(*base)
    assert "- Why is DNS cached" in out and f"- [{qid}] What is a CNAME for?" in out
    data = json.loads(run(*base, "--json")[1])
    assert [q["own"] for q in data["questions"]] == [False, False, True]
    code, out, _ = run(*base, "--remove", qid)
    assert code == 0 and review_table(progress_file, "basics/dns").get("questions") is None
    code, _, err = run(*base, "--remove", "nosuch")
    assert code == 1 and "has no question 'nosuch' of yours" in err
    code, _, err = run(*base, "--add", "Why?")
    assert code == 1 and "--answer" in err


def _read_until(fd: int, wanted: str, timeout: float = 20.0) -> str:
    seen = ""
    end = time.monotonic() + timeout
    while wanted not in seen:
        left = end - time.monotonic()
        if left <= 0:
            raise AssertionError(f"never saw {wanted!r}; saw:\n{seen}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096).decode("utf-8", "replace")
            except OSError:
                break
            seen += chunk
    return seen


def test_a_review_session_in_a_terminal(roadmap_q, progress_file):
    """End to end through a pseudo-terminal, as a user types it."""
    finished(progress_file, "basics/dns", "basics/http")
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "roadmap_tui",
            "--roadmap",
            str(roadmap_q),
            "--progress",
            str(progress_file),
            "review",
        ],
        stdin=child,
        stdout=child,
        stderr=child,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(child)
    try:
        _read_until(main, "Enter shows the answer, q stops")
        os.write(main, b"\n")
        _read_until(main, "Rate 1-4")
        os.write(main, b"3\n")
        _read_until(main, "Saved: good; next review in")
        os.write(main, b"q\n")
        tail = _read_until(main, "Reviewed 1: 0 again")
        assert proc.wait(timeout=20) == 0, tail
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    logs = [review_table(progress_file, t).get("log", []) for t in ("basics/dns", "basics/http")]
    assert sorted(len(log) for log in logs) == [0, 1]
