"""`roadmap-tui link` and `roadmap-tui check`, as a user sees them: what is printed, the exit
code, the saved file and the JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.practice_helpers import practice_table

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_link_adds_lists_and_removes(run, practice_files, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        *practice_files, "link", "todo", "./work/app", "https://example.org/me/app"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"projects/todo: linked {tmp_path}/work/app",
        "projects/todo: linked https://example.org/me/app",
        "projects/todo has 2 links",
    ]
    assert practice_table(tmp_path, "projects/todo")["links"] == [
        f"{tmp_path}/work/app",
        "https://example.org/me/app",
    ]
    code, out, _ = run(*practice_files, "link", "todo", "https://example.org/me/app")
    assert "already linked to https://example.org/me/app" in out
    code, out, _ = run(*practice_files, "link", "todo")
    assert out.splitlines() == [
        f"{tmp_path}/work/app  — no such path: moved, or on another machine?",
        "https://example.org/me/app",
    ]
    code, out, _ = run(*practice_files, "link", "todo", "--remove", "work/app")
    assert code == 0
    assert out.splitlines()[0] == f"projects/todo: removed the link {tmp_path}/work/app"
    assert practice_table(tmp_path, "projects/todo")["links"] == ["https://example.org/me/app"]


def test_link_refuses_other_schemes_and_unknown_links(run, practice_files, tmp_path):
    code, out, err = run(*practice_files, "link", "todo", "ftp://example.org/file")
    assert code == 1 and out == ""
    assert err.startswith("roadmap-tui: link 'ftp://example.org/file': only http and https")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "progress.toml").exists()
    code, _, err = run(*practice_files, "link", "todo", "--remove", "/never/linked")
    assert code == 1
    assert "projects/todo has no link '/never/linked' (its links: none)" in err
    code, _, err = run(*practice_files, "link", "nosuchtopic", "/x")
    assert code == 1 and "no topic 'nosuchtopic'" in err


def test_link_refuses_to_write_over_a_corrupt_file(run, practice_files, tmp_path):
    progress = tmp_path / "progress.toml"
    progress.write_text("schema = 1\n[roadmaps.mini.practice]\nx = [", encoding="utf-8")
    code, _, err = run(*practice_files, "link", "todo", "/x")
    assert code == 1 and "not valid TOML" in err
    assert progress.read_text(encoding="utf-8").endswith("x = [")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_link_json_shows_a_repositorys_commits(run, practice_files, tmp_path, monkeypatch):
    repo = tmp_path / "app"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e.org"}
    env["GIT_COMMITTER_DATE"] = "2026-11-20T08:00:00+00:00"
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "one"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    run(*practice_files, "link", "todo", str(repo), "https://example.org/app")
    code, out, _ = run(*practice_files, "link", "todo", "--json")
    assert code == 0
    assert json.loads(out) == {
        "id": "projects/todo",
        "links": [
            {
                "link": str(repo),
                "kind": "path",
                "state": "repo",
                "commits": 1,
                "last_commit": "2026-11-20T08:00:00+00:00",
            },
            {"link": "https://example.org/app", "kind": "url"},
        ],
    }
    code, out, _ = run(*practice_files, "link", "todo")
    assert out.splitlines()[0].startswith(f"{repo}  — git: 1 commit, last 2026-11-2")


def test_check_lists_ticks_and_suggests_done(run, practice_files, tmp_path):
    code, out, _ = run(*practice_files, "check", "todo")
    assert code == 0
    assert out.splitlines() == [
        "[ ] 1. endpoints to create and list todos",
        "[ ] 2. storage in a real SQL database",
        "[ ] 3. tests for every endpoint",
        "projects/todo: 0 of 3 ticked",
    ]
    code, out, _ = run(*practice_files, "check", "todo", "1", "3")
    assert code == 0
    assert out.splitlines()[0] == "[x] 1. endpoints to create and list todos"
    assert "projects/todo: 2 of 3 ticked" in out and "Every item" not in out
    assert practice_table(tmp_path, "projects/todo")["checked"] == [
        "endpoints-to-create-and-list-todos",
        "tests-for-every-endpoint",
    ]
    code, out, _ = run(*practice_files, "check", "todo", "2")
    assert out.splitlines()[-1] == (
        "Every item is ticked: when it is finished, mark it done: "
        "roadmap-tui mark projects/todo done"
    )
    # it suggests, never marks
    code, out, _ = run(*practice_files, "check", "todo", "--json")
    assert json.loads(out)["status"] == "todo"
    code, out, _ = run(*practice_files, "check", "todo", "2", "--undo")
    assert "[ ] 2. storage in a real SQL database" in out
    assert "projects/todo: 2 of 3 ticked" in out


def test_check_json(run, practice_files):
    run(*practice_files, "check", "todo", "all")
    run(*practice_files, "mark", "projects/todo", "done")
    code, out, _ = run(*practice_files, "check", "todo", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["ticked"], data["total"], data["complete"], data["status"]) == (3, 3, True, "done")
    assert data["items"][1] == {
        "number": 2,
        "key": "storage-in-a-real-sql-database",
        "text": "storage in a real SQL database",
        "ticked": True,
    }


def test_check_mistakes_are_one_line_errors(run, practice_files, tmp_path):
    for args, message in (
        (("todo", "4"), "projects/todo has no item 4: its checklist has items 1 to 3"),
        (("todo", "two"), "'two' is not an item number (1 to 3, or all)"),
        (("todo", "--undo"), "--undo needs the numbers of the items to untick (or all)"),
        (("basics/http",), 'basics/http has no checklist (its description has no "It must'),
    ):
        code, out, err = run(*practice_files, "check", *args)
        assert code == 1 and out == ""
        assert err.startswith(f"roadmap-tui: {message}"), err
        assert len(err.splitlines()) == 1
    assert not (tmp_path / "progress.toml").exists()


def test_import_of_a_progress_file_copy_keeps_its_links_and_ticks(run, practice_files, tmp_path):
    run(*practice_files, "link", "todo", "https://example.org/ours")
    run(*practice_files, "check", "todo", "1")
    copy = tmp_path / "progress (conflicted copy).toml"
    copy.write_text(
        'schema = 1\n[roadmaps.mini.practice."projects/todo"]\n'
        'links = ["https://example.org/theirs", "https://example.org/ours"]\n'
        'checked = ["tests-for-every-endpoint"]\n',
        encoding="utf-8",
    )
    code, out, err = run(*practice_files, "import", str(copy))
    assert (code, err) == (0, "")
    assert "1 link and 1 tick added" in out
    table = practice_table(tmp_path, "projects/todo")
    assert table["links"] == ["https://example.org/ours", "https://example.org/theirs"]
    assert table["checked"] == ["endpoints-to-create-and-list-todos", "tests-for-every-endpoint"]
    code, out, _ = run(*practice_files, "import", str(copy))  # twice: nothing more
    assert "link" not in out and "tick" not in out
    assert practice_table(tmp_path, "projects/todo") == table
