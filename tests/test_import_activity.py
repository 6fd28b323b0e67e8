"""`import` of a JSON export keeps the export's activity (heatmap, streaks): per day the larger
count of the two, so importing twice changes nothing. And the pace says what it is measured
over."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from roadmap_tui.storage.progress import ProgressStore

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_import_merges_the_exports_activity(run, roadmap_file, tmp_path):
    there = tmp_path / "there.toml"
    here = tmp_path / "here.toml"
    for topic in ("basics/http", "basics/dns", "apis/rest"):
        assert run("mark", topic, "done", "--roadmap", roadmap_file, "--progress", there)[0] == 0
    export = tmp_path / "export.json"
    code, _, _ = run(
        "export", "--format", "json", "-o", export, "--roadmap", roadmap_file, "--progress", there
    )
    assert code == 0
    today = date.today().isoformat()
    assert json.loads(export.read_text())["activity"] == {today: 3}
    # here: one change today already, and an older day the export does not know
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    raw = f'schema = 1\n[roadmaps.mini.activity]\n"{yesterday}" = 2\n"{today}" = 1\n'
    here.write_text(raw, encoding="utf-8")
    common = ("--roadmap", roadmap_file, "--progress", here)
    for _ in range(2):  # a second import changes nothing
        assert run("import", export, *common)[0] == 0
        store = ProgressStore(here, "mini")
        store.load()
        assert dict(store.activity()) == {yesterday: 2, today: 3}
    code, out, _ = run("stats", *common)
    assert "Streak: 2 days now, longest 2." in out


def test_import_refuses_a_bad_activity_table_in_one_line(run, roadmap_file, tmp_path):
    export = tmp_path / "export.json"
    document = {
        "format": "roadmap-tui-export",
        "roadmap": {"id": "mini"},
        "topics": [],
        "activity": {"2026-11-30": "lots"},
    }
    export.write_text(json.dumps(document), encoding="utf-8")
    progress = tmp_path / "here.toml"
    code, _, err = run("import", export, "--roadmap", roadmap_file, "--progress", progress)
    assert code != 0
    assert err.strip().splitlines() == [
        f"roadmap-tui: {export}: activity 2026-11-30: expected a count >= 0, got 'lots'"
    ]
    assert not progress.exists()


def test_pace_after_one_day_says_it_is_over_one_week(run, roadmap_file, progress_file):
    common = ("--roadmap", roadmap_file, "--progress", progress_file)
    for topic in ("basics/http", "basics/dns", "apis/rest"):
        assert run("mark", topic, "done", *common)[0] == 0
    code, out, _ = run("stats", *common)
    assert code == 0
    assert "(last 8 weeks)" not in out
    assert "topics a week over 1 week of history." in out


def test_an_undo_after_midnight_takes_back_the_day_of_its_change():
    from datetime import UTC, datetime

    from roadmap_tui.core.progress import EMPTY_DOCUMENT, Change, apply_changes

    evening = datetime(2026, 11, 30, 12, tzinfo=UTC)
    morning = evening + timedelta(days=1)
    day = evening.astimezone().date().isoformat()
    doc, _ = apply_changes(EMPTY_DOCUMENT, "r", [Change("status", "a", evening, status="done")])
    assert doc.roadmaps["r"].activity == {day: 1}
    undo = Change("status", "a", morning, status="todo", undo=True)
    doc, _ = apply_changes(doc, "r", [undo])
    assert doc.roadmaps["r"].activity == {}
    assert doc.roadmaps["r"].topics["a"].status == "todo"


def test_an_export_without_activity_still_imports(run, roadmap_file, tmp_path):
    export = tmp_path / "old.json"
    document = {
        "format": "roadmap-tui-export",
        "roadmap": {"id": "mini"},
        "topics": [{"id": "basics/http", "status": "done", "changed": "2026-11-30T10:00:00Z"}],
    }
    export.write_text(json.dumps(document), encoding="utf-8")
    progress = tmp_path / "here.toml"
    code, out, _ = run("import", export, "--roadmap", roadmap_file, "--progress", progress)
    assert code == 0
    assert "imported 1 of 1 topics" in out
