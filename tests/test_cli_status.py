"""`status`: counts, bars, hours and the next topic, in text (80 columns) and as JSON."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import ORDER, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def _some_progress(cli) -> None:
    ok(cli("mark", "basics/http", "done"))
    ok(cli("mark", "basics/extras", "skipped"))
    ok(cli("mark", "basics/dns", "in-progress"))


def test_status_text_fresh(cli):
    out, _ = ok(cli("status"))
    assert "Mini roadmap" in out
    assert "░" * 30 in out
    assert "0%" in out
    assert "0 done" in out and "7 to do" in out
    assert "17 h left" in out
    assert "Basics" in out and "APIs" in out
    assert "next: HTTP (basics/http)" in out


def test_status_text_counts_bars_hours_and_next(cli):
    _some_progress(cli)
    out, _ = ok(cli("status"))
    lines = out.splitlines()
    # the bar and the hours, then the counts (on two lines: 80 columns)
    at = next(n for n, line in enumerate(lines) if "to do" in line)
    overall = f"{lines[at - 1]}\n{lines[at]}"
    # 2 of 7 complete (done + skipped) = 29%: 9 of 30 cells filled
    assert "█" * 9 + "░" * 21 in overall
    assert "29%" in overall
    for count in ("1 done", "1 in progress", "1 skipped", "4 to do"):
        assert count in overall
    assert "6 h done" in overall and "11 h left" in overall
    basics = next(line for line in lines if line.startswith("Basics"))
    assert "█" * 5 + "░" * 7 in basics  # 40% of 12 cells
    assert "2/5" in basics and "40%" in basics
    apis = next(line for line in lines if line.startswith("APIs"))
    assert "░" * 12 in apis and "0/2" in apis and "0%" in apis
    # the topic in progress comes first
    assert "next: DNS (basics/dns)" in out


SUMMARY_KEYS = {"total", "done", "in_progress", "skipped", "todo", "percent"}


def test_status_json(cli):
    _some_progress(cli)
    out, _ = ok(cli("status", "--json"))
    data = json.loads(out)
    assert set(data) >= SUMMARY_KEYS
    assert {k: data[k] for k in SUMMARY_KEYS} == {
        "total": 7,
        "done": 1,
        "in_progress": 1,
        "skipped": 1,
        "todo": 4,
        "percent": pytest.approx(28.6, abs=0.05),
    }
    sections = data["sections"]
    assert [s["id"] for s in sections] == ["basics", "apis"]
    assert [s["title"] for s in sections] == ["Basics", "APIs"]
    for section in sections:
        assert set(section) >= SUMMARY_KEYS | {"id", "title"}
    basics, apis = sections
    assert {k: basics[k] for k in SUMMARY_KEYS} == {
        "total": 5,
        "done": 1,
        "in_progress": 1,
        "skipped": 1,
        "todo": 2,
        "percent": 40.0,
    }
    assert {k: apis[k] for k in SUMMARY_KEYS} == {
        "total": 2,
        "done": 0,
        "in_progress": 0,
        "skipped": 0,
        "todo": 2,
        "percent": 0.0,
    }
    assert data["next"]["id"] == "basics/dns"


def test_done_and_skipped_both_count_as_complete(cli):
    for i, topic in enumerate(ORDER):
        ok(cli("mark", topic, "done" if i % 2 else "skipped"))
    data = json.loads(ok(cli("status", "--json"))[0])
    assert data["percent"] == 100.0
    assert data["done"] == 3 and data["skipped"] == 4 and data["todo"] == 0
    assert all(s["percent"] == 100.0 for s in data["sections"])
    assert data["next"] is None
    out, _ = ok(cli("status"))
    assert "█" * 30 in out and "100%" in out
    assert "nothing left" in out.lower()


@pytest.mark.parametrize("columns", ["80", "200"])
def test_status_fits_in_80_columns(cmd, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    assert cmd("mark", "apis/rest", "in-progress")[0] == 0
    code, out, _ = cmd("status")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert "0 done" in out and "1 in progress" in out and "left" in out


def test_a_nearly_complete_roadmap_is_never_rounded_to_a_hundred_percent(run, tmp_path):
    # one topic of the bundled roadmap left: 99.7% is ">99%", one done of hundreds "<1%"
    from roadmap_tui.storage.paths import bundled_path
    from roadmap_tui.storage.progress import ProgressStore
    from roadmap_tui.storage.roadmaps import load

    roadmap = load(bundled_path(), cache=False)
    leaves = [t.id for t in roadmap.topics() if t.section == "internet" and not t.children]
    progress = tmp_path / "progress.toml"
    store = ProgressStore(progress, roadmap.id)
    store.load()
    store.set_many([(tid, "done") for tid in leaves[:1]])
    code, out, _ = run("--progress", progress, "status")
    assert code == 0 and "<1%" in out.splitlines()[1] and " 0%" not in out.splitlines()[1]
    store.set_many([(t.id, "skipped") for t in roadmap.topics() if t.id != leaves[-1]])
    code, out, _ = run("--progress", progress, "status")
    line = out.splitlines()[1]
    assert code == 0 and ">99%" in line and "100%" not in line and "░" in line, out  # not full
    code, out, _ = run("--progress", progress, "stats")
    assert ">99% complete" in out and "100% complete" not in out
    code, out, _ = run("--progress", progress, "share")
    assert ">99%" in out.splitlines()[1], out
