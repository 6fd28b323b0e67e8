"""Pick-one choices on the command line: the choose command and every count the commands print."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from choice_roadmap import CHOICE_ROADMAP

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.fixture
def cli(run, tmp_path: Path):
    roadmap = tmp_path / "pick.toml"
    roadmap.write_text(CHOICE_ROADMAP, encoding="utf-8")
    progress = tmp_path / "progress.toml"

    def _cli(*args: str):
        return run("--roadmap", roadmap, "--progress", progress, *args)

    _cli.progress = progress
    return _cli


def saved(progress: Path) -> dict[str, dict]:
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data["roadmaps"]["pick"]["topics"]


def status_json(cli) -> dict:
    code, out, err = cli("status", "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_status_counts_a_choice_not_made_as_one_topic(cli):
    data = status_json(cli)
    assert (data["total"], data["hours_total"]) == (6, 37)
    language = next(s for s in data["sections"] if s["id"] == "language")
    assert (language["total"], language["hours_total"]) == (1, 14)
    assert data["choices"][0] == {
        "id": "language",
        "title": "Pick a Language",
        "choose": 1,
        "made": False,
        "chosen": [],
        "not_chosen": ["language/python", "language/go", "language/javascript"],
    }
    assert data["next"]["id"] == "basics/internet"
    cli("mark", "basics/internet", "done")
    data = status_json(cli)
    assert data["next"] == {
        "id": "language",
        "title": "Pick a Language",
        "reason": "choose your language: Python, Go, JavaScript",
    }


def test_choose_picks_one_saves_it_and_every_count_follows(cli):
    code, out, err = cli("choose", "Go")
    assert (code, out, err) == (0, "language/go: chosen\n", "")
    topics = saved(cli.progress)
    assert topics["language/go"]["chosen"] is True
    assert topics["language/python"]["chosen"] is False
    assert topics["language/python"]["status"] == "todo"
    data = status_json(cli)
    # Go 8 h; the framework choice is out (no framework for Go): Internet, Go, Testing, project
    assert (data["total"], data["hours_total"]) == (4, 18)
    assert data["choices"][0]["chosen"] == ["language/go"] and data["choices"][0]["made"]
    code, out, _ = cli("status")
    assert "0% " in out and "4 to do" in out and "Pick a Language: you picked Go" in out


def test_choose_also_and_undo(cli):
    cli("choose", "language/python")
    code, out, _ = cli("choose", "language/go", "--also")
    assert (code, out) == (0, "language/go: chosen too\n")
    assert status_json(cli)["choices"][0]["chosen"] == ["language/python", "language/go"]
    cli("mark", "language/go", "in-progress")
    code, out, _ = cli("choose", "--undo", "language")
    assert code == 0
    assert out == "language: picks cleared; still chosen (started): language/go\n"
    topics = saved(cli.progress)
    assert "chosen" not in topics["language/python"] and "chosen" not in topics["language/go"]
    assert status_json(cli)["choices"][0]["chosen"] == ["language/go"]


def test_starting_an_option_not_chosen_picks_it(cli):
    cli("choose", "go")
    cli("mark", "python", "in-progress")
    assert saved(cli.progress)["language/python"].get("chosen") is None
    assert status_json(cli)["choices"][0]["chosen"] == ["language/python", "language/go"]


def test_choose_a_topic_that_is_no_option_is_a_one_line_error(cli):
    code, out, err = cli("choose", "basics/internet")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "roadmap-tui: basics/internet is not an option of a pick-one choice; "
        "`roadmap-tui list` marks the choices"
    ]
    assert not cli.progress.exists()


def test_list_and_show_say_not_chosen(cli):
    cli("choose", "python")
    code, out, _ = cli("list")
    # glyph, status ("to do", "in progress": one or two words), id, title
    lines = {line[14:].split()[0]: line for line in out.splitlines()}
    assert lines["language/go"].endswith("not chosen")
    assert lines["frameworks/framework"].endswith("choose 1 of 2")
    assert not lines["language/python"].endswith("not chosen")
    code, out, _ = cli("list", "--json")
    by_id = {r["id"]: r for r in json.loads(out)}
    assert "counts" not in by_id["language/python"]  # it counts: no "counts": false
    assert by_id["language/go"]["counts"] is False
    assert by_id["language/go"]["why"] == "not chosen: you picked Python"
    assert by_id["frameworks/framework/express"]["why"] == "needs JavaScript, not chosen"
    code, out, _ = cli("show", "frameworks/framework/express")
    assert code == 0 and "needs JavaScript, not chosen" in out


def test_next_follows_the_pick(cli):
    cli("mark", "basics/internet", "done")
    cli("choose", "python")
    code, out, _ = cli("next")
    assert code == 0 and out.splitlines()[0] == "Python  (language/python)"
    assert "why: no prerequisites, your pick for Pick a Language" in out  # not "alternative"


def test_stats_share_and_export_count_choices_the_same_way(cli):
    cli("choose", "go")
    cli("mark", "language/go", "done")
    code, out, _ = cli("stats", "--json")
    stats = json.loads(out)
    assert (stats["total"], stats["complete"], stats["percent"]) == (4, 1, 25.0)
    assert stats["forecast"]["all_left"] == 3
    code, out, _ = cli("share")
    assert "25% · 1 done" in out and "4 topics" in out
    code, out, _ = cli("export", "--format", "json")
    document = json.loads(out)
    assert document["summary"]["total"] == 4
    assert document["choices"][0]["chosen"] == ["language/go"]
    topics = {t["id"]: t for t in document["topics"]}
    assert topics["language/python"]["chosen"] is False
    code, out, _ = cli("export")
    assert code == 0 and "- [ ] Python (not chosen)" in out
    assert "1 done, 0 in progress, 0 skipped, 3 to do (4 topics)" in out


def test_an_exported_pick_imports_back(cli, tmp_path):
    cli("choose", "go")
    code, out, _ = cli("export", "--format", "json", "-o", str(tmp_path / "x.json"))
    cli.progress.unlink()
    code, out, err = cli("import", str(tmp_path / "x.json"))
    assert code == 0, err
    assert saved(cli.progress)["language/go"]["chosen"] is True
    bad = json.loads((tmp_path / "x.json").read_text())
    bad["topics"][2]["chosen"] = "yes"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    code, out, err = cli("import", str(tmp_path / "bad.json"))
    assert code == 1 and out == "" and "'chosen' must be true, false or null" in err


def test_choosing_an_option_that_needs_a_topic_not_chosen_says_it_counts_nowhere(cli):
    cli("choose", "go")
    code, out, _ = cli("choose", "django")
    assert (code, out) == (
        0,
        "frameworks/framework/django: chosen (it counts nowhere: needs Python, not chosen)\n",
    )


def test_marking_a_section_leaves_the_options_not_chosen_as_they_are(cli):
    cli("choose", "go")
    code, out, err = cli("mark", "-r", "language", "done")
    assert (code, err) == (0, "")
    assert out == "language: 1 topic under it: done (3 not chosen, left as they are)\n"
    topics = saved(cli.progress)
    assert topics["language/go"]["status"] == "done"
    for option in ("language/python", "language/python/asyncio", "language/javascript"):
        assert topics.get(option, {}).get("status", "todo") == "todo", option
    data = status_json(cli)
    assert data["choices"][0]["chosen"] == ["language/go"]
    assert (data["total"], data["done"]) == (4, 1)  # Internet, Go, Testing, the project


def test_marking_a_section_before_its_choice_is_made_marks_nothing_and_says_why(cli):
    code, out, err = cli("mark", "-r", "language", "in-progress")
    assert (code, out) == (1, "")
    assert err == (
        "roadmap-tui: language: nothing marked: under it 4 waiting for a pick "
        "(`roadmap-tui choose TOPIC` picks an option)\n"
    )
    assert status_json(cli)["choices"][0]["chosen"] == []


def test_marking_an_option_not_chosen_with_its_parts_marks_them_and_says_it_counts_now(cli):
    cli("choose", "go")
    code, out, err = cli("mark", "-r", "language/python", "done")
    assert (code, err) == (0, "")
    assert out == (
        "language/python and 1 under it: done\n"
        "Python counts now too: your picks for Pick a Language are Python and Go "
        "(`roadmap-tui mark language/python todo` takes it back)\n"
    )
    assert status_json(cli)["choices"][0]["chosen"] == ["language/python", "language/go"]


def test_marking_an_option_not_chosen_says_it_counts_now_too(cli):
    cli("choose", "go")
    code, out, err = cli("mark", "javascript", "in-progress")
    assert (code, err) == (0, "")
    assert out == (
        "language/javascript: in progress\n"
        "JavaScript counts now too: your picks for Pick a Language are Go and JavaScript "
        "(`roadmap-tui mark language/javascript todo` takes it back)\n"
    )
    code, out, _ = cli("mark", "javascript", "done")  # already a pick: nothing more to say
    assert (code, out) == (0, "language/javascript: done\n")


def test_a_timer_started_on_an_option_not_chosen_says_it_counts_now_too(cli):
    cli("choose", "go")
    code, out, err = cli("timer", "start", "python")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("language/python: timer started at ")
    assert "marked in progress" in lines[0]
    assert lines[1:] == [
        "Python counts now too: your picks for Pick a Language are Python and Go "
        "(`roadmap-tui mark language/python todo` takes it back)"
    ]
    cli("timer", "stop", "--discard")


def test_marking_an_empty_section_is_no_error(run, tmp_path):
    roadmap = tmp_path / "empty.toml"
    roadmap.write_text(
        CHOICE_ROADMAP + '\n[[section]]\nid = "later"\ntitle = "Later"\n', encoding="utf-8"
    )
    code, out, err = run(
        "--roadmap", roadmap, "--progress", tmp_path / "p.toml", "mark", "-r", "later", "done"
    )
    assert (code, out, err) == (0, "later: 0 topics under it: done\n", "")


def test_an_import_that_changes_the_picks_says_so(cli, tmp_path):
    from datetime import UTC, datetime, timedelta

    from roadmap_tui.storage.progress import ProgressStore

    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    ProgressStore(cli.progress, "pick", clock=lambda: hour_ago).set_chosen(
        [("language/python", True), ("language/go", False), ("language/javascript", False)]
    )
    theirs = tmp_path / "theirs.toml"  # picked JavaScript since, on another machine
    half_an_hour_ago = hour_ago + timedelta(minutes=30)
    ProgressStore(theirs, "pick", clock=lambda: half_an_hour_ago).set_chosen(
        [("language/python", False), ("language/go", False), ("language/javascript", True)]
    )
    code, out, err = cli("import", str(theirs))
    assert code == 0, err
    assert "Pick a Language: your pick is now JavaScript (it was Python)" in out.splitlines()
    assert status_json(cli)["choices"][0]["chosen"] == ["language/javascript"]
    # a JSON export that adds a pick: both are said
    export = tmp_path / "both.json"
    data = json.loads(cli("export", "--format", "json")[1])
    data["exported"] = datetime.now(UTC).isoformat()  # made later, on the other machine
    for topic in data["topics"]:
        if topic["id"] == "language/go":
            topic.update(chosen=True, changed=data["exported"])
    export.write_text(json.dumps(data))
    code, out, err = cli("import", str(export))
    assert code == 0, err
    assert "Pick a Language: your picks are now Go and JavaScript (it was JavaScript)" in out
    # importing it again changes nothing, and says nothing of the picks
    code, out, err = cli("import", str(export))
    assert code == 0 and "Pick a Language" not in out


def test_show_gives_an_options_parts_and_hours_to_choose_by(cli):
    for pick in (None, "go"):  # waiting for a pick, then not chosen
        if pick:
            cli("choose", pick)
        code, out, err = cli("show", "language/python")
        assert code == 0, err
        assert "~10 h · 0/1 parts complete · ~14 h with its parts" in out, out
    cli("choose", "python")
    cli("mark", "language/python/asyncio", "done")
    code, out, _ = cli("show", "language/python")
    assert "1/1 parts complete · ~14 h with its parts" in out
    code, out, _ = cli("show", "language/go")  # no parts: its own hours alone
    assert "~8 h" in out and "parts complete" not in out and "with its parts" not in out
