"""Review kept under a topic's former id (``formerly``) reads as the current topic's: its log
counts for the schedule, its own questions are listed, and a change moves it to the new id."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.test_former_ids import MOVED

pytestmark = pytest.mark.usefixtures("isolated_env")

OLD = """\
schema = 1
[roadmaps.moved.topics."frameworks/django"]
status = "done"
completed = 2026-01-10 10:00:00+00:00
changed = 2026-01-10 10:00:00+00:00

[roadmaps.moved.review."frameworks/django"]
log = ["2026-02-01T10:00:00Z again", "2026-02-03T10:00:00Z again"]
questions = [{ id = "q1", q = "What is an ORM?", a = "Objects mapped to tables." }]
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    roadmap = tmp_path / "moved.toml"
    roadmap.write_text(MOVED, encoding="utf-8")
    progress = tmp_path / "progress.toml"
    progress.write_text(OLD, encoding="utf-8")
    return roadmap, progress


def reviews(progress: Path) -> dict:
    return tomllib.loads(progress.read_text(encoding="utf-8"))["roadmaps"]["moved"]["review"]


def test_the_old_log_counts_for_the_current_topic(run, files):
    roadmap, progress = files
    base = ("--roadmap", roadmap, "--progress", progress)
    code, out, _ = run(*base, "review", "--json")
    assert code == 0
    [topic] = json.loads(out)["topics"]
    assert topic["id"] == "frameworks/python/django"
    assert topic["reviews"] == 2 and topic["needs_relearning"] is True
    _, out, _ = run(*base, "stats", "--json")
    assert json.loads(out)["review"]["needs_relearning"] == [
        {"id": "frameworks/python/django", "title": "Django"}
    ]
    _, out, _ = run(*base, "ask", "django")
    assert "- [q1] What is an ORM?" in out


def test_a_change_moves_the_old_review_to_the_current_id(run, files):
    roadmap, progress = files
    base = ("--roadmap", roadmap, "--progress", progress)
    code, out, err = run(*base, "ask", "django", "--remove", "q1")
    assert code == 0, err
    saved = reviews(progress)
    assert "frameworks/django" not in saved  # moved, nothing of it lost
    assert saved["frameworks/python/django"]["log"] == [
        "2026-02-01T10:00:00Z again",
        "2026-02-03T10:00:00Z again",
    ]
    assert "questions" not in saved["frameworks/python/django"]
    _, out, _ = run(*base, "ask", "django")
    assert "What is an ORM?" not in out  # removed stays removed
