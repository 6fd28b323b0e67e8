"""`reset`: one topic, or --all with --yes or a yes on a terminal, always keeping the notes."""

from __future__ import annotations

import pytest

from tests.cli_helpers import fails, list_json, ok, saved, saved_note, saved_status

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_reset_one_topic_keeps_its_note(cli, progress_file):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "keep me"))
    ok(cli("mark", "dns", "done"))
    out, _ = ok(cli("reset", "http"))
    assert "basics/http" in out
    entry = saved(progress_file)["basics/http"]
    assert entry["status"] == "todo"
    assert entry["note"] == "keep me"
    assert "completed" not in entry and "started" not in entry
    assert saved_status(progress_file, "basics/dns") == "done"


def _reset_all_setup(cli) -> None:
    ok(cli("mark", "http", "done"))
    ok(cli("mark", "apis/rest", "in-progress"))
    ok(cli("mark", "extras", "skipped"))
    ok(cli("note", "http", "keep me"))
    ok(cli("note", "apis/intro", "me too"))


def test_reset_all_without_yes_on_a_pipe_refuses(cli, progress_file):
    _reset_all_setup(cli)
    before = progress_file.read_bytes()
    err = fails(cli("reset", "--all"))
    assert "--yes" in err
    assert progress_file.read_bytes() == before


def test_reset_all_with_yes_keeps_notes(cli, progress_file):
    _reset_all_setup(cli)
    ok(cli("reset", "--all", "--yes"))
    items = list_json(cli)
    assert {item["status"] for item in items} == {"todo"}
    notes = {item["id"]: item["note"] for item in items if item["note"]}
    assert notes == {"basics/http": "keep me", "apis/intro": "me too"}
    assert saved_note(progress_file, "basics/http") == "keep me"


def test_reset_all_yes_after_options(run, roadmap_file, progress_file):
    run("--roadmap", roadmap_file, "--progress", progress_file, "mark", "http", "done")
    ok(run("reset", "-y", "--all", "--progress", progress_file, "--roadmap", roadmap_file))
    assert saved_status(progress_file, "basics/http") == "todo"


def test_reset_all_asks_on_a_terminal(cli, progress_file):
    _reset_all_setup(cli)
    before = progress_file.read_bytes()
    _code, out, err = cli("reset", "--all", input="n\n", tty=True)
    assert "Traceback" not in err
    assert "[y/N]" in out
    assert progress_file.read_bytes() == before
    ok(cli("reset", "--all", input="y\n", tty=True))
    assert {item["status"] for item in list_json(cli)} == {"todo"}
    assert saved_note(progress_file, "basics/http") == "keep me"


def test_reset_all_yes_at_the_end_of_input_says_so_on_a_line_of_its_own(cli):
    # "y" and then the end of input (Ctrl-D), no Enter: the answer still ends the question's line
    _reset_all_setup(cli)
    code, out, _err = cli("reset", "--all", input="y", tty=True)
    assert code == 0
    assert out.splitlines()[-1].startswith("reset ")
    assert "[y/N] \n" in out


def test_reset_unknown_topic(cli):
    err = fails(cli("reset", "nothing-like-this"))
    assert "nothing-like-this" in err
