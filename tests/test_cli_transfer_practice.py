"""The JSON and Markdown exports carry the goal, the links and the checklist ticks, and
`import` of a JSON export brings them back, as a user sees it: the file, the saved progress,
the message and the exit code."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.cli_helpers import fails
from tests.practice_helpers import practice_table

pytestmark = pytest.mark.usefixtures("isolated_env")


def mini(tmp_path: Path) -> dict:
    data = tomllib.loads((tmp_path / "progress.toml").read_text(encoding="utf-8"))
    return data["roadmaps"]["mini"]


def test_export_and_import_carry_the_goal_links_and_ticks(run, practice_files, tmp_path):
    run(*practice_files, "link", "todo", "https://example.org/theirs", str(tmp_path / "code"))
    run(*practice_files, "check", "todo", "1", "3")
    run(*practice_files, "goal", "6h", "--by", "2099-06-30")
    code, out, _ = run(*practice_files, "export", "--format", "json")
    assert code == 0
    exported = json.loads(out)
    assert exported["goal"] == {"weekly_hours": 6.0, "by": "2099-06-30", "scope": "core"}
    assert exported["practice"] == {
        "projects/todo": {
            "links": ["https://example.org/theirs", str(tmp_path / "code")],
            "checked": ["endpoints-to-create-and-list-todos", "tests-for-every-endpoint"],
        }
    }
    export = tmp_path / "export.json"
    export.write_text(out, encoding="utf-8")
    # ours: another link, another tick and no goal
    (tmp_path / "progress.toml").unlink()
    run(*practice_files, "link", "todo", "https://example.org/ours")
    run(*practice_files, "check", "todo", "2")
    code, out, err = run(*practice_files, "import", str(export))
    assert (code, err) == (0, "")
    assert "2 links and 2 ticks added; took its goal (you had none)" in out
    table = practice_table(tmp_path, "projects/todo")
    assert table["links"] == [
        "https://example.org/ours",
        "https://example.org/theirs",
        str(tmp_path / "code"),
    ]
    assert sorted(table["checked"]) == [
        "endpoints-to-create-and-list-todos",
        "storage-in-a-real-sql-database",
        "tests-for-every-endpoint",
    ]
    assert mini(tmp_path)["goal"]["weekly_hours"] == 6.0
    before = (tmp_path / "progress.toml").read_text(encoding="utf-8")
    code, out, _ = run(*practice_files, "import", str(export))  # twice: nothing changes
    assert code == 0 and "link" not in out and "goal" not in out
    assert (tmp_path / "progress.toml").read_text(encoding="utf-8") == before


def test_import_keeps_our_goal(run, practice_files, tmp_path):
    run(*practice_files, "goal", "9h")
    export = tmp_path / "export.json"
    run(*practice_files, "goal", "4h")
    _, out, _ = run(*practice_files, "export", "--format", "json")
    export.write_text(out, encoding="utf-8")
    run(*practice_files, "goal", "9h")
    code, out, _ = run(*practice_files, "import", str(export))
    assert code == 0 and "goal" not in out
    assert mini(tmp_path)["goal"] == {"weekly_hours": 9.0}


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"goal": {"weekly_hours": 900}}, "goal: weekly_hours must be hours from 0 to 168"),
        ({"goal": {"by": "soon"}}, "goal: by must be a date"),
        ({"practice": {"projects/todo": {"links": ["javascript:alert(1)"]}}}, "link"),
        ({"practice": {"projects/todo": {"links": ["relative/path"]}}}, "absolute path"),
        ({"practice": {"projects/todo": {"checked": [3]}}}, "checked must be a list"),
        ({"practice": []}, "key 'practice'"),
    ],
)
def test_a_bad_goal_or_practice_in_an_export_is_refused_whole(
    run,
    practice_files,
    tmp_path,
    extra,
    words,
):
    run(*practice_files, "note", "todo", "mine")
    before = (tmp_path / "progress.toml").read_text(encoding="utf-8")
    _, out, _ = run(*practice_files, "export", "--format", "json")
    export = tmp_path / "bad.json"
    export.write_text(json.dumps({**json.loads(out), **extra}), encoding="utf-8")
    error = fails(run(*practice_files, "import", str(export)))
    assert str(export) in error and words in error and len(error.strip().splitlines()) == 1
    assert (tmp_path / "progress.toml").read_text(encoding="utf-8") == before


def test_markdown_export_lists_links_and_ticks(run, practice_files, tmp_path):
    run(*practice_files, "link", "todo", "https://example.org/me/todo")
    run(*practice_files, "check", "todo", "2")
    code, out, _ = run(*practice_files, "export")
    assert code == 0
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if "Todo API" in line)
    assert lines[at + 1 : at + 5] == [
        "  - work: https://example.org/me/todo",
        "  - [ ] endpoints to create and list todos",
        "  - [x] storage in a real SQL database",
        "  - [ ] tests for every endpoint",
    ]


def test_show_lists_study_time_links_and_the_checklist(run, practice_files, tmp_path):
    code, out, _ = run(*practice_files, "show", "todo")
    assert code == 0
    assert "Study time: none logged (roadmap-tui log projects/todo 45m)" in out
    assert "Your work" not in out
    assert "Checklist (0 of 3 ticked)\n  [ ] endpoints to create and list todos\n" in out
    run(*practice_files, "log", "todo", "4h30m")
    run(*practice_files, "link", "todo", "https://example.org/[bold]me[/bold]")
    run(*practice_files, "check", "todo", "1", "3")
    code, out, _ = run(*practice_files, "show", "todo")
    assert code == 0
    assert "Study time: 4.5 h of ~8 h" in out
    assert "Your work\n  https://example.org/[bold]me[/bold]\n" in out  # text, not markup
    assert (
        "Checklist (2 of 3 ticked)\n"
        "  [x] endpoints to create and list todos\n"
        "  [ ] storage in a real SQL database\n"
        "  [x] tests for every endpoint\n"
    ) in out
    code, out, _ = run(*practice_files, "show", "basics/http")  # no checklist, no links
    assert "Checklist" not in out and "Your work" not in out
