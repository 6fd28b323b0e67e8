"""Review in `stats`, `next`, export and import, as a user sees them: the output, the JSON and
the saved progress file."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("isolated_env")


def stamp(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def progress_with(progress: Path, done: dict[str, float], logs: dict[str, list[str]]) -> None:
    """``done``: topic -> finished that many days ago; ``logs``: topic -> review log lines."""
    text = "schema = 1\n"
    for tid, days in done.items():
        when = stamp(days).replace("T", " ")
        text += f'[roadmaps.mini.topics."{tid}"]\nstatus = "done"\ncompleted = {when}\n'
        text += f"changed = {when}\n"
    for tid, log in logs.items():
        text += f'[roadmaps.mini.review."{tid}"]\nlog = {json.dumps(log)}\n'
    progress.write_text(text, encoding="utf-8")


def review_table(progress: Path, topic: str) -> dict:
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data.get("roadmaps", {}).get("mini", {}).get("review", {}).get(topic, {})


# ---- stats ---------------------------------------------------------------------------------


def test_stats_without_reviews_says_so(run, roadmap_file, progress_file):
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0
    assert "Reviews, last 26 weeks" in out
    assert "No reviews yet. Topics you mark done come up for review here." in out
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats", "--json")
    review = json.loads(out)["review"]
    assert review["reviews"] == 0 and review["retention"]["recalled"] is None
    assert review["per_day"] == {} and review["needs_relearning"] == []


def test_stats_with_done_topics_but_no_reviews_points_to_review(run, roadmap_file, progress_file):
    progress_with(progress_file, {"basics/dns": 40}, {})
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0
    assert "No reviews yet. 1 finished topic is in review: `roadmap-tui review`." in out


def test_stats_show_reviews_retention_due_days_and_relearning(run, roadmap_file, progress_file):
    progress_with(
        progress_file,
        {"basics/dns": 60, "basics/http": 60, "basics/http/methods": 1},
        {
            # two "again" in a row: needs relearning (and is due at once)
            "basics/dns": [f"{stamp(20)} good", f"{stamp(3)} again", f"{stamp(2)} again"],
            "basics/http": [f"{stamp(10)} hard", f"{stamp(45)} again"],
        },
    )
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats")
    assert code == 0, out
    assert "5 reviews in all; 3 topics in review." in out
    # last 30 days: good, again, again, hard (the "again" of 45 days ago is older)
    assert "Retention, last 30 days: 50% recalled (hard, good or easy) of 4 reviews." in out
    assert "Due, next 7 days: today " in out
    assert "Needs relearning (1): DNS" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "stats", "--json")
    review = json.loads(out)["review"]
    assert review["reviews"] == 5 and review["in_review"] == 3
    assert review["retention"] == {"days": 30, "reviews": 4, "recalled": 0.5}
    assert sum(review["per_day"].values()) == 5
    assert review["due_next_days"][0]["date"] == date.today().isoformat()
    assert review["due_next_days"][0]["due"] >= review["due_now"] >= 1
    assert len(review["due_next_days"]) == 7
    assert review["needs_relearning"] == [{"id": "basics/dns", "title": "DNS"}]
    # topics completed and reviews stay apart: the completions heatmap has no reviews in it
    data = json.loads(out)
    assert sum(data["activity"].values()) == 0


# ---- next ----------------------------------------------------------------------------------


def test_next_mentions_relearning_and_due_without_changing_the_next(
    run, roadmap_file, progress_file
):
    args = ("--roadmap", roadmap_file, "--progress", progress_file, "next")
    progress_with(progress_file, {"basics/http": 60}, {})
    _, before, _ = run(*args)
    assert "review: 1 topic due for review; `roadmap-tui review`" in before
    progress_with(
        progress_file,
        {"basics/http": 60},
        {"basics/http": [f"{stamp(3)} again", f"{stamp(2)} again"]},
    )
    code, out, _ = run(*args)
    assert code == 0
    assert out.splitlines()[0] == before.splitlines()[0]  # the same topic is next
    assert (
        "review: 1 topic needs relearning: HTTP; 1 topic due for review; `roadmap-tui review`"
        in out
    )


def test_next_says_nothing_of_review_when_nothing_is_due(run, roadmap_file, progress_file):
    progress_with(progress_file, {"basics/http": 0}, {})  # finished now: due in days
    code, out, _ = run("--roadmap", roadmap_file, "--progress", progress_file, "next")
    assert code == 0 and "review" not in out
