"""The plain command line, as a user sees it: exit codes, messages, JSON and the saved file.

Every test keeps its progress (and roadmap) in tmp_path, with --progress / --roadmap (before or
after the command) or $ROADMAP_TUI_PROGRESS / $ROADMAP_TUI_ROADMAP; HOME and the XDG dirs point
into tmp_path too (the ``isolated_env`` fixture), so the real user's files are never touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from roadmap_tui import __version__

pytestmark = pytest.mark.usefixtures("isolated_env")

# the topics of the tiny roadmap (tests/conftest.py), in roadmap order
ORDER = [
    "basics/extras",
    "basics/dns",
    "basics/http",
    "basics/http/methods",
    "basics/intro",
    "apis/intro",
    "apis/rest",
]
TITLES = {
    "basics/extras": "Extras",
    "basics/dns": "DNS",
    "basics/http": "HTTP",
    "basics/http/methods": "Methods",
    "basics/intro": "Introduction",
    "apis/intro": "Introduction",
    "apis/rest": "REST",
}

# terminal control characters: C0 (but tab and newline), DEL and C1
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

NASTY_NOTE = (
    "[bold]x[/bold] and [link=http://e]y[/link]\n\n"
    "red \x1b[31mRED\x1b[0m\n\n"
    "title \x1b]0;title\x07\n\n"
    "csi \x9b2J end"
)


@pytest.fixture
def cli(run, roadmap_file: Path, progress_file: Path):
    """run() with the tiny roadmap and a tmp progress file given before the command."""

    def _cli(*args: str, input: str | None = None, tty: bool = False):
        return run(
            "--roadmap", roadmap_file, "--progress", progress_file, *args, input=input, tty=tty
        )

    return _cli


def saved(progress: Path, roadmap_id: str = "mini") -> dict[str, dict]:
    """The topics table of the progress file as saved on disk ({} when there is no file)."""
    if not progress.exists():
        return {}
    data = tomllib.loads(progress.read_text(encoding="utf-8"))
    return data.get("roadmaps", {}).get(roadmap_id, {}).get("topics", {})


def saved_status(progress: Path, topic_id: str) -> str:
    return saved(progress).get(topic_id, {}).get("status", "todo")


def saved_note(progress: Path, topic_id: str) -> str:
    return saved(progress).get(topic_id, {}).get("note", "")


def ok(result) -> tuple[str, str]:
    code, out, err = result
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err
    return out, err


def fails(result, code: int = 1) -> str:
    """Assert a clean failure with ``code``; returns stderr."""
    got, out, err = result
    assert got == code, f"exit {got}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err and "Traceback" not in out
    assert err.strip(), "an error must say what is wrong"
    return err


def next_id(out: str) -> str:
    """The topic id that `next` printed on its first line: "Title  (id)"."""
    first = out.strip().splitlines()[0]
    match = re.search(r"\(([a-z0-9/-]+)\)\s*$", first)
    assert match, first
    return match.group(1)


def list_json(cli) -> list[dict]:
    out, _ = ok(cli("list", "--json"))
    return json.loads(out)


# ------------------------------------------------------------------------------ basics


def test_version(run):
    out, _ = ok(run("--version"))
    assert out.splitlines()[0] == f"roadmap-tui {__version__}"


def test_help_lists_every_command(run):
    out, _ = ok(run("--help"))
    assert "usage: roadmap-tui" in out
    for command in (
        "validate",
        "where",
        "status",
        "list",
        "show",
        "mark",
        "note",
        "reset",
        "next",
        "export",
        "import",
    ):
        assert command in out
    assert "--roadmap" in out and "--progress" in out


def test_command_help(run):
    out, _ = ok(run("mark", "--help"))
    assert "usage: roadmap-tui mark" in out
    assert "--recursive" in out


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("--bogus", "status"),
        ("status", "--bogus"),
        ("show",),
        ("mark", "http"),
        ("note",),
        ("reset",),
        ("reset", "http", "--all"),
        ("list", "--status", "finished"),
        ("export", "--format", "pdf"),
        ("import",),
    ],
)
def test_usage_errors_exit_2(cli, progress_file, args):
    err = fails(cli(*args), code=2)
    assert "usage: roadmap-tui" in err
    assert not progress_file.exists()


def test_bad_status_is_a_usage_error_and_saves_nothing(cli, progress_file):
    err = fails(cli("mark", "http", "finished"), code=2)
    assert "invalid status 'finished'" in err
    for status in ("todo", "in-progress", "done", "skipped"):
        assert status in err
    assert not progress_file.exists()


def test_status_aliases_are_accepted(cli, progress_file):
    ok(cli("mark", "http", "doing"))
    assert saved_status(progress_file, "basics/http") == "in-progress"
    ok(cli("mark", "http", "skip"))
    assert saved_status(progress_file, "basics/http") == "skipped"
    ok(cli("mark", "http", "In_Progress"))
    assert saved_status(progress_file, "basics/http") == "in-progress"


# ------------------------------------------------------------------------------ validate


def test_validate_ok_line(run, roadmap_file):
    out, err = ok(run("validate", roadmap_file))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    assert err == ""


def test_validate_without_file_checks_the_current_roadmap(run, roadmap_file, monkeypatch):
    out, _ = ok(run("--roadmap", roadmap_file, "validate"))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    out, _ = ok(run("validate", "--roadmap", roadmap_file))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    out, _ = ok(run("validate"))
    assert out.strip() == f"{roadmap_file}: ok: 2 sections, 7 topics, 17 hours"


BROKEN_ROADMAP = """\
[roadmap]
id = "broken"
title = "Broken"

[[section]]
id = "one"
title = "One"

[[section.topic]]
id = "a"
titel = "A"
summary = "x"

[[section.topic]]
id = "b"
title = "B"
kind = "essential"
prerequisites = ["one/zzz"]
"""


def test_validate_lists_every_problem_with_file_and_line(run, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_ROADMAP, encoding="utf-8")
    code, out, err = run("validate", path)
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert f"{path}:11:" in err  # unknown key 'titel'
    assert "titel" in err and "did you mean 'title'" in err
    assert f"{path}:9:" in err  # topic one/a has no title
    assert f"{path}:17:" in err  # kind 'essential'
    assert "essential" in err
    assert f"{path}:18:" in err  # prerequisite names no topic
    assert "one/zzz" in err
    problems = [line for line in lines if line.startswith(f"{path}:")]
    assert len(problems) == 4
    assert lines[-1] == "4 problems found"


def test_validate_toml_syntax_error_names_the_line(run, tmp_path):
    path = tmp_path / "syntax.toml"
    path.write_text('[roadmap]\nid = "x"\ntitle = "X\n', encoding="utf-8")
    err = fails(run("validate", path))
    assert f"{path}:3:" in err
    assert "1 problem found" in err


def test_validate_missing_file(run, tmp_path):
    path = tmp_path / "nope.toml"
    err = fails(run("validate", path))
    assert str(path) in err


def test_broken_roadmap_is_a_clean_error_for_other_commands(run, tmp_path, progress_file):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN_ROADMAP, encoding="utf-8")
    err = fails(run("--roadmap", path, "--progress", progress_file, "status"))
    assert f"{path}:11:" in err
    assert not progress_file.exists()


# ---------------------------------------------------------------- --roadmap / --progress


def test_roadmap_and_progress_from_the_environment(run, roadmap_file, progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    out, _ = ok(run("list", "--json"))
    assert [item["id"] for item in json.loads(out)] == ORDER
    ok(run("mark", "basics/http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"


def test_options_after_the_command(run, roadmap_file, progress_file):
    ok(run("mark", "basics/dns", "skipped", "--roadmap", roadmap_file, "--progress", progress_file))
    assert saved_status(progress_file, "basics/dns") == "skipped"
    out, _ = ok(run("list", "--json", "--progress", progress_file, "--roadmap", roadmap_file))
    assert {i["id"]: i["status"] for i in json.loads(out)}["basics/dns"] == "skipped"


def test_options_split_around_the_command(run, roadmap_file, progress_file):
    ok(run("--roadmap", roadmap_file, "mark", "http", "done", "--progress", progress_file))
    assert saved_status(progress_file, "basics/http") == "done"
    out, _ = ok(run("--progress", progress_file, "status", "--json", "--roadmap", roadmap_file))
    assert json.loads(out)["done"] == 1


def test_options_override_the_environment(run, roadmap_file, progress_file, tmp_path, monkeypatch):
    env_progress = tmp_path / "env-progress.toml"
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(env_progress))
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(tmp_path / "missing-roadmap.toml"))
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "mark", "http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert not env_progress.exists()
    ok(run("mark", "dns", "done", "--roadmap", roadmap_file, "--progress", progress_file))
    assert saved_status(progress_file, "basics/dns") == "done"
    assert not env_progress.exists()


def test_environment_progress_is_used_when_no_option(run, roadmap_file, tmp_path, monkeypatch):
    env_progress = tmp_path / "env-progress.toml"
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(env_progress))
    ok(run("--roadmap", roadmap_file, "mark", "http", "in-progress"))
    assert saved_status(env_progress, "basics/http") == "in-progress"


def test_missing_roadmap_file_is_a_clean_error(run, tmp_path, progress_file):
    missing = tmp_path / "nope.toml"
    err = fails(run("--roadmap", missing, "--progress", progress_file, "status"))
    assert str(missing) in err


def test_where(run, roadmap_file, progress_file, monkeypatch):
    out, _ = ok(run("where", "--roadmap", roadmap_file, "--progress", progress_file))
    assert f"roadmap:  {roadmap_file}" in out.splitlines()
    assert f"progress: {progress_file}" in out.splitlines()
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    out, _ = ok(run("where"))
    assert f"roadmap:  {roadmap_file}" in out.splitlines()
    assert f"progress: {progress_file}" in out.splitlines()
    assert not progress_file.exists()


# ------------------------------------------------------------------------------ status


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


# ------------------------------------------------------------------------------ list


def test_list_text(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("list"))
    lines = out.strip().splitlines()
    assert len(lines) == len(ORDER)
    for line, topic_id in zip(lines, ORDER, strict=True):
        assert topic_id in line
        assert TITLES[topic_id] in line
        expected = "● done" if topic_id == "basics/http" else "○ to do"
        assert line.startswith(expected)  # the status in the words the app uses


def test_list_filtered_by_status(cli):
    ok(cli("mark", "http", "done"))
    ok(cli("mark", "apis/rest", "done"))
    ok(cli("mark", "dns", "skipped"))
    out, _ = ok(cli("list", "--status", "done"))
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "basics/http" in lines[0] and "apis/rest" in lines[1]
    out, _ = ok(cli("list", "--status", "skipped"))
    assert [line.split()[2] for line in out.strip().splitlines()] == ["basics/dns"]
    out, _ = ok(cli("list", "--status", "in-progress"))
    assert out.strip() == ""


def test_list_json(cli):
    ok(cli("mark", "http", "in-progress"))
    ok(cli("note", "dns", "look up A and AAAA records"))
    items = list_json(cli)
    assert [item["id"] for item in items] == ORDER
    for item in items:
        fields = {"id", "title", "status", "note", "kind", "level", "hours", "started"}
        assert set(item) == fields | {"completed"}
        assert item["title"] == TITLES[item["id"]]
    by_id = {item["id"]: item for item in items}
    assert by_id["basics/http"]["status"] == "in-progress"
    assert by_id["basics/dns"]["note"] == "look up A and AAAA records"
    rest = {"id": "apis/rest", "title": "REST", "status": "todo", "note": "", "kind": "core"}
    assert by_id["apis/rest"] == {
        **rest,
        **{"level": "beginner", "hours": 5, "started": None, "completed": None},
    }


def test_list_json_with_status_filter(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("list", "--status", "done", "--json"))
    assert [(i["id"], i["status"]) for i in json.loads(out)] == [("basics/http", "done")]
    out, _ = ok(cli("list", "--json", "--status", "skipped"))
    assert json.loads(out) == []


# ------------------------------------------------------------------------------ show


def test_show_by_id(cli):
    out, _ = ok(cli("show", "basics/http"))
    assert "HTTP" in out
    assert "basics/http" in out
    assert "Basics" in out  # where it is
    assert "○ to do · core" in out
    assert "The protocol of the web." in out  # summary
    # the description rendered as Markdown: no raw ** markers, bullets for the list
    assert "HTTP is the protocol of the web." in out
    assert "**" not in out
    assert "requests" in out and "responses" in out
    assert not re.search(r"^- requests", out, re.M)
    assert "Methods (basics/http/methods)" in out  # its part
    assert "Note" in out


def test_show_by_case_insensitive_title(cli):
    by_id, _ = ok(cli("show", "basics/http"))
    for query in ("HTTP", "http", "hTtP", "  Http "):
        out, _ = ok(cli("show", query))
        assert out == by_id
    dns, _ = ok(cli("show", "dns"))
    assert "basics/dns" in dns
    assert "HTTP (basics/http)" in dns  # its prerequisite


def test_show_note_and_status(cli):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "Status codes:\n\n- 301 moved\n- 404 missing"))
    out, _ = ok(cli("show", "http"))
    assert "done" in out
    assert "Status codes:" in out
    assert "301 moved" in out and "404 missing" in out


def test_show_ambiguous_title_lists_candidates(cli):
    code, out, err = cli("show", "introduction")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "basics/intro" in err and "apis/intro" in err


def test_show_unknown_topic_lists_closest(cli):
    code, out, err = cli("show", "htp")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert "'htp'" in err
    assert "basics/http" in err


def test_show_unknown_topic_without_close_match(cli):
    err = fails(cli("show", "quantum-chromodynamics"))
    assert "quantum-chromodynamics" in err


# ------------------------------------------------------------------------------ mark


def test_mark(cli, progress_file):
    out, _ = ok(cli("mark", "basics/http", "done"))
    assert "basics/http" in out and "done" in out
    entry = saved(progress_file)["basics/http"]
    assert entry["status"] == "done"
    assert "completed" in entry
    assert set(saved(progress_file)) == {"basics/http"}
    ok(cli("mark", "HTTP", "todo"))
    assert saved_status(progress_file, "basics/http") == "todo"


def test_mark_by_title_and_recursive(cli, progress_file):
    ok(cli("mark", "http", "done"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert saved_status(progress_file, "basics/http/methods") == "todo"
    out, _ = ok(cli("mark", "http", "skipped", "--recursive"))
    assert "basics/http" in out
    assert saved_status(progress_file, "basics/http") == "skipped"
    assert saved_status(progress_file, "basics/http/methods") == "skipped"
    ok(cli("mark", "-r", "basics/http", "in-progress"))
    statuses = {tid: saved_status(progress_file, tid) for tid in ORDER}
    assert statuses == {
        **dict.fromkeys(ORDER, "todo"),
        "basics/http": "in-progress",
        "basics/http/methods": "in-progress",
    }


def test_mark_ambiguous_or_unknown_changes_nothing(cli, progress_file):
    ok(cli("mark", "dns", "done"))
    before = progress_file.read_bytes()
    err = fails(cli("mark", "Introduction", "done"))
    assert "basics/intro" in err and "apis/intro" in err
    err = fails(cli("mark", "htpp", "done"))
    assert "basics/http" in err
    assert progress_file.read_bytes() == before


# ------------------------------------------------------------------------------ note


def test_note_with_text(cli, progress_file):
    out, _ = ok(cli("note", "http", "remember 301 vs 302"))
    assert "basics/http" in out
    assert saved_note(progress_file, "basics/http") == "remember 301 vs 302"
    assert saved_status(progress_file, "basics/http") == "todo"


def test_note_keeps_the_status(cli, progress_file):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "done and dusted"))
    assert saved_status(progress_file, "basics/http") == "done"
    assert saved_note(progress_file, "basics/http") == "done and dusted"


def test_note_from_stdin(cli, progress_file):
    ok(cli("note", "basics/dns", input="first line\nsecond line\n"))
    assert saved_note(progress_file, "basics/dns").rstrip("\n") == "first line\nsecond line"
    ok(cli("note", "dns", input="windows\r\nline\r\n"))
    assert saved_note(progress_file, "basics/dns").rstrip("\n") == "windows\nline"


@pytest.mark.parametrize("how", ["empty argument", "--clear"])
def test_empty_note_clears(cli, progress_file, how):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "http", "something"))
    if how == "empty argument":
        out, _ = ok(cli("note", "http", ""))
    else:
        out, _ = ok(cli("note", "http", "--clear"))
    assert "cleared" in out
    assert "note" not in saved(progress_file)["basics/http"]
    assert saved_status(progress_file, "basics/http") == "done"
    assert list_json(cli)[ORDER.index("basics/http")]["note"] == ""


@pytest.mark.parametrize("stdin", ["", "  \n\n \t\n"])
def test_empty_standard_input_never_clears_a_note(cli, progress_file, stdin):
    ok(cli("note", "http", "something"))
    code, out, err = cli("note", "http", input=stdin)
    assert code == 1 and out == ""
    assert "standard input was empty: the note of basics/http is kept" in err
    assert "--clear" in err
    assert saved_note(progress_file, "basics/http") == "something"


def test_empty_input_in_a_terminal_asks_before_clearing(cli, progress_file):
    ok(cli("note", "http", "something"))
    code, out, err = cli("note", "http", input="", tty=True)  # ctrl-D at once: no answer
    assert code == 1 and "note kept" in out
    assert "Type the note" in err and "Clear the note of basics/http? [y/N]" in out
    assert saved_note(progress_file, "basics/http") == "something"


def test_empty_input_with_no_note_saves_nothing(cli, progress_file):
    code, out, _ = cli("note", "http", input="")
    assert code == 0 and "nothing saved" in out
    assert not progress_file.exists()


def test_clear_and_a_text_together_are_refused(cli, progress_file):
    code, _, err = cli("note", "http", "text", "--clear")
    assert code == 1 and "either a note TEXT or --clear, not both" in err


# ------------------------------------------------------------------------------ reset


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


# ------------------------------------------------------------------------------ next


def test_next_prefers_core_with_prerequisites_done(cli):
    # Extras (optional) comes first and DNS needs HTTP: HTTP is next
    out, _ = ok(cli("next"))
    assert next_id(out) == "basics/http"
    assert "HTTP" in out


def test_next_follows_roadmap_order(cli):
    ok(cli("mark", "http", "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/dns"  # before Methods in roadmap order
    ok(cli("mark", "dns", "skipped"))  # skipped counts as complete
    assert next_id(ok(cli("next"))[0]) == "basics/http/methods"
    ok(cli("mark", "methods", "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/intro"


def test_next_skipped_prerequisite_counts_as_complete(cli):
    ok(cli("mark", "http", "skipped"))
    ok(cli("mark", "dns", "skipped"))
    ok(cli("mark", "methods", "done"))
    ok(cli("mark", "basics/intro", "done"))
    ok(cli("mark", "apis/intro", "done"))
    assert next_id(ok(cli("next"))[0]) == "apis/rest"  # its prerequisite DNS was skipped


def test_next_topic_in_progress_comes_first(cli):
    ok(cli("mark", "apis/rest", "in-progress"))
    out, _ = ok(cli("next"))
    assert next_id(out) == "apis/rest"
    assert "in progress" in out


def test_next_optional_only_when_no_core_left(cli):
    for topic in ORDER:
        if topic != "basics/extras":
            ok(cli("mark", topic, "done"))
    assert next_id(ok(cli("next"))[0]) == "basics/extras"


def test_next_when_everything_is_complete(cli):
    for topic in ORDER:
        ok(cli("mark", topic, "skipped"))
    out, _ = ok(cli("next"))
    assert "nothing left" in out.lower()


def test_status_and_next_agree(cli):
    ok(cli("mark", "http", "done"))
    out, _ = ok(cli("status", "--json"))
    assert json.loads(out)["next"]["id"] == next_id(ok(cli("next"))[0]) == "basics/dns"


# ------------------------------------------------------------------------------ export


def _export_setup(cli) -> None:
    ok(cli("mark", "http", "done"))
    ok(cli("mark", "methods", "done"))
    ok(cli("mark", "extras", "skipped"))
    ok(cli("mark", "dns", "in-progress"))
    ok(cli("note", "http", "line one\nline two"))


def test_export_markdown(cli):
    _export_setup(cli)
    out, _ = ok(cli("export"))
    lines = out.splitlines()
    assert lines[0].startswith("# Mini roadmap")
    assert any(line.startswith("## Basics") for line in lines)
    assert any(line.startswith("## APIs") for line in lines)
    assert "- [x] HTTP" in lines
    assert "  - [x] Methods" in lines  # a part, indented under its topic
    assert "- [ ] REST" in lines
    assert any(re.fullmatch(r"- \[x\] .*Extras.*skipped.*", line) for line in lines)
    assert any(re.fullmatch(r"- \[ \] DNS.*in progress.*", line) for line in lines)
    # the note is quoted right under its topic
    at = lines.index("- [x] HTTP")
    assert [line.strip() for line in lines[at + 1 : at + 3]] == ["> line one", "> line two"]
    out_default, _ = ok(cli("export", "--format", "markdown"))
    assert out_default == out


def test_export_json(cli):
    _export_setup(cli)
    out, _ = ok(cli("export", "--format", "json"))
    doc = json.loads(out)
    assert doc["format"] == "roadmap-tui-export"
    assert doc["roadmap"]["id"] == "mini"
    topics = {t["id"]: t for t in doc["topics"]}
    assert list(topics) == ORDER
    assert topics["basics/http"]["status"] == "done"
    assert topics["basics/http"]["note"] == "line one\nline two"
    assert topics["basics/extras"]["status"] == "skipped"
    assert topics["basics/dns"]["status"] == "in-progress"
    assert topics["apis/rest"]["status"] == "todo"
    assert doc["summary"]["done"] == 2 and doc["summary"]["skipped"] == 1


def test_export_to_a_file(cli, tmp_path):
    _export_setup(cli)
    expected, _ = ok(cli("export"))
    target = tmp_path / "progress.md"
    out, err = ok(cli("export", "--output", target))
    assert out == ""
    assert str(target) in err
    assert target.read_text(encoding="utf-8") == expected
    target_json = tmp_path / "progress.json"
    out, _ = ok(cli("export", "-o", target_json, "--format", "json"))
    assert out == ""
    assert json.loads(target_json.read_text(encoding="utf-8"))["format"] == "roadmap-tui-export"


def test_export_replaces_a_file_whole_and_leaves_no_temporary_file(cli, tmp_path, monkeypatch):
    import roadmap_tui.storage.atomic as atomic

    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "progress.md"
    target.write_text("old", encoding="utf-8")
    written = []
    real = atomic.atomic_write
    monkeypatch.setattr(
        atomic, "atomic_write", lambda p, *a, **k: (written.append(p), real(p, *a, **k))
    )
    ok(cli("export", "-o", target))
    assert written[-1] == target
    assert target.read_text(encoding="utf-8").startswith("# Mini roadmap")
    assert [p.name for p in folder.iterdir()] == ["progress.md"]


def test_export_to_an_unwritable_place(cli, tmp_path):
    target = tmp_path / "no-such-dir" / "out.md"
    err = fails(cli("export", "--output", target))
    assert str(target) in err
    assert not target.exists()


# ------------------------------------------------------------------------------ import


def _export_json(cli, tmp_path: Path, name: str = "export.json") -> Path:
    target = tmp_path / name
    ok(cli("export", "--format", "json", "--output", target))
    return target


def test_import_round_trip_into_a_fresh_file(run, cli, roadmap_file, tmp_path):
    _export_setup(cli)
    ok(cli("note", "apis/rest", "nouns, not verbs"))
    exported = _export_json(cli, tmp_path)
    other = tmp_path / "other-progress.toml"
    out, _ = ok(run("import", exported, "--roadmap", roadmap_file, "--progress", other))
    assert "imported" in out
    original = list_json(cli)
    copy = json.loads(ok(run("list", "--json", "--roadmap", roadmap_file, "--progress", other))[0])
    assert copy == original
    # importing the same export again takes nothing
    out, _ = ok(run("import", exported, "--roadmap", roadmap_file, "--progress", other))
    assert re.search(r"imported 0\b", out)
    assert (
        json.loads(ok(run("list", "--json", "--roadmap", roadmap_file, "--progress", other))[0])
        == original
    )


def _edit_export(path: Path, changes: dict[str, dict]) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    by_id = {t["id"]: t for t in doc["topics"]}
    for topic_id, fields in changes.items():
        if topic_id in by_id:
            by_id[topic_id].update(fields)
        else:
            doc["topics"].append({"id": topic_id, "title": None, **fields})
    path.write_text(json.dumps(doc), encoding="utf-8")


OLD = "2000-01-01T00:00:00Z"
NEW = "2999-01-01T00:00:00Z"


def test_import_keeps_newer_local_changes(cli, progress_file, tmp_path):
    ok(cli("mark", "http", "done"))
    ok(cli("note", "dns", "ours"))
    exported = _export_json(cli, tmp_path)
    _edit_export(
        exported,
        {
            # older than what we have: ignored
            "basics/http": {"status": "todo", "changed": OLD},
            "basics/dns": {"note": "theirs, older", "changed": OLD},
            # newer, or unknown here: taken
            "basics/intro": {"status": "done", "completed": NEW, "changed": NEW},
            "apis/rest": {"status": "skipped", "changed": NEW},
        },
    )
    out, _ = ok(cli("import", exported))
    assert re.search(r"imported 2 of \d+", out)
    by_id = {item["id"]: item for item in list_json(cli)}
    assert by_id["basics/http"]["status"] == "done"
    assert by_id["basics/dns"]["note"] == "ours"
    assert by_id["basics/intro"]["status"] == "done"
    assert by_id["apis/rest"]["status"] == "skipped"


def test_import_newer_entry_never_drops_our_note(cli, progress_file, tmp_path):
    ok(cli("note", "dns", "our text"))
    exported = _export_json(cli, tmp_path)
    # our note is older than the export (an imported date is never later than the export)
    text = progress_file.read_text(encoding="utf-8")
    progress_file.write_text(re.sub(r"(?m)^changed = .*$", f"changed = {OLD}", text))
    _edit_export(exported, {"basics/dns": {"status": "done", "note": "their text", "changed": NEW}})
    ok(cli("import", exported))
    note = saved_note(progress_file, "basics/dns")
    assert "our text" in note and "their text" in note
    assert saved_status(progress_file, "basics/dns") == "done"


def test_import_keeps_topics_this_roadmap_does_not_have(cli, progress_file, tmp_path):
    exported = _export_json(cli, tmp_path)
    _edit_export(exported, {"basics/gone": {"status": "done", "note": "old", "changed": NEW}})
    ok(cli("import", exported))
    assert saved(progress_file)["basics/gone"]["status"] == "done"
    assert "basics/gone" not in {item["id"] for item in list_json(cli)}
    # and a later export still carries it: nothing is dropped
    doc = json.loads(ok(cli("export", "--format", "json"))[0])
    assert {t["id"]: t["status"] for t in doc["topics"]}["basics/gone"] == "done"


def test_import_bad_json_names_file_and_line(cli, progress_file, tmp_path):
    ok(cli("mark", "http", "done"))
    before = progress_file.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "roadmap-tui-export",\n  "topics": [,]\n}\n', encoding="utf-8")
    err = fails(cli("import", bad))
    assert f"{bad}:3" in err
    assert len(err.strip().splitlines()) == 1
    assert progress_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"hello": "world"}', "not a roadmap-tui JSON export"),
        ("[1, 2, 3]", "not a roadmap-tui JSON export"),
        (
            '{"format": "roadmap-tui-export", "roadmap": {"id": "mini"},'
            ' "topics": [{"id": "basics/http", "status": "finished"}]}',
            "finished",
        ),
        (
            '{"format": "roadmap-tui-export", "roadmap": {"id": "frontend"}, "topics": []}',
            "frontend",
        ),
    ],
)
def test_import_rejects_what_is_not_an_export_of_this_roadmap(
    cli, progress_file, tmp_path, content, expected
):
    ok(cli("mark", "http", "done"))
    before = progress_file.read_bytes()
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    err = fails(cli("import", path))
    assert str(path) in err
    assert expected in err
    assert progress_file.read_bytes() == before


def test_import_missing_file(cli, tmp_path):
    missing = tmp_path / "missing.json"
    err = fails(cli("import", missing))
    assert str(missing) in err


# ------------------------------------------------------------------------------ corrupt progress

CORRUPT = {
    # (content, line the message must name)
    "toml syntax": (b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "done\n', 3),
    "wrong shape": (b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "finished"\n', 3),
    "not utf-8": (
        b'schema = 1\n[roadmaps.mini.topics."basics/http"]\nstatus = "done"\nnote = "\xff"\n',
        4,
    ),
}

VALID_EXPORT = json.dumps(
    {
        "format": "roadmap-tui-export",
        "version": 1,
        "roadmap": {"id": "mini", "title": "Mini roadmap"},
        "topics": [{"id": "basics/dns", "status": "done", "changed": NEW}],
    }
)

COMMANDS_THAT_READ_PROGRESS = [
    ("status",),
    ("status", "--json"),
    ("list",),
    ("list", "--json"),
    ("list", "--status", "done"),
    ("show", "http"),
    ("next",),
    ("mark", "http", "done"),
    ("mark", "http", "skipped", "--recursive"),
    ("note", "http", "hello"),
    ("note", "http", "<stdin>"),
    ("reset", "http"),
    ("reset", "--all", "--yes"),
    ("reset", "--all"),
    ("export",),
    ("export", "--format", "json"),
    ("export", "--output", "<out>"),
    ("import", "<export>"),
]


def _prepare_args(args: tuple[str, ...], tmp_path: Path) -> tuple[list[str], str | None]:
    export = tmp_path / "valid-export.json"
    export.write_text(VALID_EXPORT, encoding="utf-8")
    stdin = None
    real: list[str] = []
    for arg in args:
        if arg == "<stdin>":
            stdin = "a note from stdin\n"
        elif arg == "<out>":
            real.append(str(tmp_path / "out.md"))
        elif arg == "<export>":
            real.append(str(export))
        else:
            real.append(arg)
    return real, stdin


def _listing(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(directory.rglob("*"))
    }


@pytest.mark.parametrize("kind", list(CORRUPT))
@pytest.mark.parametrize("args", COMMANDS_THAT_READ_PROGRESS, ids=" ".join)
def test_corrupt_progress_file_is_a_clean_error_and_untouched(
    cli, progress_file, tmp_path, kind, args
):
    content, line = CORRUPT[kind]
    progress_file.write_bytes(content)
    real, stdin = _prepare_args(args, tmp_path)
    files_before = _listing(tmp_path)
    stat_before = progress_file.stat()
    code, out, err = cli(*real, input=stdin)
    assert code == 1, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err and "Traceback" not in out
    assert out == ""
    first = err.strip().splitlines()[0]
    assert first.startswith("roadmap-tui: ")
    assert f"{progress_file}:{line}" in first
    assert progress_file.read_bytes() == content
    assert progress_file.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert _listing(tmp_path) == files_before  # no lock, temp, moved-aside or output file


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_progress_message_is_one_line(cli, progress_file, kind):
    content, line = CORRUPT[kind]
    progress_file.write_bytes(content)
    err = fails(cli("status"))
    assert len(err.strip().splitlines()) == 1, err
    assert f"{progress_file}:{line}" in err


def test_corrupt_progress_named_by_the_environment(run, roadmap_file, progress_file, monkeypatch):
    content, line = CORRUPT["wrong shape"]
    progress_file.write_bytes(content)
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    monkeypatch.setenv("ROADMAP_TUI_ROADMAP", str(roadmap_file))
    for args in (("status",), ("mark", "dns", "done"), ("export",)):
        err = fails(run(*args))
        assert f"{progress_file}:{line}" in err
    assert progress_file.read_bytes() == content


def test_commands_that_do_not_read_progress_still_work(run, roadmap_file, progress_file):
    content, _ = CORRUPT["toml syntax"]
    progress_file.write_bytes(content)
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "validate"))
    ok(run("--roadmap", roadmap_file, "--progress", progress_file, "where"))
    assert progress_file.read_bytes() == content


def test_progress_from_a_newer_version_is_read_but_not_written(cli, progress_file):
    content = (
        b'schema = 2\n\n[roadmaps.mini.topics."basics/http"]\nstatus = "done"\n'
        b"changed = 2026-01-01T00:00:00Z\n"
    )
    progress_file.write_bytes(content)
    data = json.loads(ok(cli("status", "--json"))[0])
    assert data["done"] == 1
    err = fails(cli("mark", "dns", "done"))
    assert str(progress_file) in err
    assert "newer" in err
    assert progress_file.read_bytes() == content


# ------------------------------------------------------------------------------ unsafe text


def assert_no_control(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL_RE.findall(text)})
    assert not found, f"terminal control characters reached the output: {found}"


def test_show_prints_markup_and_escapes_in_a_note_literally(cli, progress_file):
    ok(cli("note", "http", NASTY_NOTE))
    assert saved_note(progress_file, "basics/http") == NASTY_NOTE  # stored exactly
    out, _ = ok(cli("show", "http"))
    assert_no_control(out)
    assert "[bold]x[/bold]" in out
    assert "[link=http://e]y[/link]" in out
    assert "[31mRED" in out  # the sequence is shown, not obeyed
    assert "0;title" in out
    assert "2J end" in out


def test_note_from_stdin_with_escapes_is_stored_exactly_and_shown_safely(cli, progress_file):
    ok(cli("note", "http", input=NASTY_NOTE))
    assert saved_note(progress_file, "basics/http") == NASTY_NOTE
    out, _ = ok(cli("show", "http"))
    assert_no_control(out)
    assert "[bold]x[/bold]" in out


def test_show_with_colours_forced_still_never_obeys_the_note(cli, monkeypatch):
    ok(cli("note", "http", NASTY_NOTE))
    monkeypatch.setenv("FORCE_COLOR", "1")
    out, _ = ok(cli("show", "http"))
    # rich's own styling may use ESC here, but none of the note's sequences survive
    assert "\x1b[31m" not in out
    assert "\x1b]0;" not in out and "\x07" not in out
    assert "\x9b" not in out
    assert "\x1b]8;" not in out  # no hyperlink made from [link=...]
    assert "[bold]x[/bold]" in out
    assert "[link=http://e]y[/link]" in out


def test_list_with_a_nasty_note(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("list"))
    assert_no_control(out)
    assert len(out.strip().splitlines()) == len(ORDER)


def test_list_json_escapes_control_characters(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("list", "--json"))
    # the note survives exactly, but as JSON escapes, not raw bytes a terminal would obey
    assert {i["id"]: i["note"] for i in json.loads(out)}["basics/http"] == NASTY_NOTE
    assert "[bold]x[/bold]" in out
    assert_no_control(out)


EVIL_ROADMAP = r'''
[roadmap]
id = "evil"
title = "Evil [bold]roadmap[/bold] \u001b]0;pwned\u0007"

[[section]]
id = "s"
title = "Section \u001b[31mred\u001b[0m [red]markup[/red]"

[[section.topic]]
id = "t"
title = "Title [bold]T[/bold] \u001b[2J \u009b2J"
summary = "Summary [link=http://e]s[/link] \u001b]8;;http://e\u0007link\u001b]8;;\u0007"
description = """
Description [bold]d[/bold] \u001b[31mred\u001b[0m and C1 \u009b31m.
"""
hours = 1
'''


@pytest.fixture
def evil(run, tmp_path, progress_file):
    path = tmp_path / "evil.toml"
    path.write_text(EVIL_ROADMAP, encoding="utf-8")

    def _run(*args: str):
        return run("--roadmap", path, *args, "--progress", progress_file)

    return _run


@pytest.mark.parametrize(
    "args", [("show", "s/t"), ("list",), ("status",), ("next",), ("validate",)], ids=" ".join
)
def test_roadmap_text_with_markup_and_escapes_is_printed_safely(evil, args):
    out, err = ok(evil(*args))
    assert_no_control(out)
    assert_no_control(err)
    if args[0] in ("show", "list", "next"):
        assert "Title [bold]T[/bold]" in out
    if args[0] == "show":
        assert "[link=http://e]s[/link]" in out
        assert "Description [bold]d[/bold]" in out
    if args[0] == "status":
        assert "Evil [bold]roadmap[/bold]" in out
        assert "[red]markup[/red]" in out


@pytest.mark.parametrize(
    "args", [("list", "--json"), ("status", "--json"), ("export", "--format", "json")]
)
def test_json_output_escapes_control_characters(evil, args):
    out, _ = ok(evil(*args))
    json.loads(out)
    assert "Title [bold]T[/bold]" in out
    assert_no_control(out)


def test_markdown_export_to_stdout_has_no_control_characters(cli):
    ok(cli("note", "http", NASTY_NOTE))
    out, _ = ok(cli("export"))
    assert "[bold]x[/bold]" in out
    assert_no_control(out)


def test_error_messages_do_not_echo_control_characters(cli):
    err = fails(cli("show", "\x1b]0;pwned\x07 \x9b2J"))
    assert_no_control(err)


# ------------------------------------------------------------------------------ subprocesses


def _command() -> str:
    exe = Path(sys.executable).with_name("roadmap-tui")
    if exe.exists():
        return str(exe)
    found = shutil.which("roadmap-tui")
    if not found:
        pytest.skip("the roadmap-tui command is not installed")
    return found


def _sub(*args, stdin: bytes | None = None, **kw) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_command(), *args], input=stdin, capture_output=True, timeout=60, check=False, **kw
    )


def test_installed_command_status_json_on_the_bundled_roadmap(progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    result = _sub("status", "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["total"] > 50
    assert data["done"] == 0 and data["percent"] == 0
    assert data["sections"] and {"id", "title", "total"} <= set(data["sections"][0])
    assert not progress_file.exists()


def test_installed_command_round_trip(roadmap_file, progress_file):
    result = _sub("mark", "http", "done", "--roadmap", roadmap_file, "--progress", progress_file)
    assert result.returncode == 0, result.stderr.decode()
    assert saved_status(progress_file, "basics/http") == "done"
    result = _sub("--roadmap", roadmap_file, "--progress", progress_file, "list", "--json")
    assert {i["id"]: i["status"] for i in json.loads(result.stdout)}["basics/http"] == "done"


def test_installed_command_usage_error(progress_file):
    result = _sub("mark", "--progress", progress_file)
    assert result.returncode == 2
    assert b"usage: roadmap-tui mark" in result.stderr
    assert b"Traceback" not in result.stderr
    result = _sub("--progress", progress_file, "frobnicate")
    assert result.returncode == 2
    assert not progress_file.exists()


def test_installed_command_corrupt_progress(roadmap_file, progress_file):
    content, line = CORRUPT["toml syntax"]
    progress_file.write_bytes(content)
    result = _sub("--roadmap", roadmap_file, "--progress", progress_file, "mark", "http", "done")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert f"{progress_file}:{line}".encode() in result.stderr
    assert progress_file.read_bytes() == content


def test_python_dash_m(progress_file, monkeypatch):
    monkeypatch.setenv("ROADMAP_TUI_PROGRESS", str(progress_file))
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", "--version"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[0] == f"roadmap-tui {__version__}"


@pytest.mark.parametrize(
    "args", [("list",), ("status",), ("show", "basics/http"), ("next",), ("list", "--json")]
)
def test_closed_pipe_is_not_an_error(roadmap_file, progress_file, args):
    """`roadmap-tui list | head -1`: the reader going away is not a failure."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE
    try:
        result = subprocess.run(
            [_command(), "--roadmap", roadmap_file, "--progress", progress_file, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr.decode()


def test_note_argument_that_is_not_utf8_is_a_clean_error(roadmap_file, progress_file):
    # what `roadmap-tui note http $'\x9b'` passes in a shell: a lone byte, not UTF-8
    args = [os.fsencode(a) for a in ("--roadmap", roadmap_file, "--progress", progress_file)]
    result = _sub(*args, b"note", b"http", b"abc \x9b2J def")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert not progress_file.exists()
        assert len(result.stderr.strip().splitlines()) == 1


def test_note_from_stdin_that_is_not_utf8_is_a_clean_error(roadmap_file, progress_file):
    result = _sub(
        "--roadmap", roadmap_file, "--progress", progress_file, "note", "http", stdin=b"a\xffb\n"
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert not progress_file.exists()


# ------------------------------------------------------------------------------ import hygiene

HYGIENE = """\
import sys
from roadmap_tui.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("\\nRICH=" + str("rich" in sys.modules))
print("TEXTUAL-MODULES=" + ",".join(loaded))
sys.exit(code)
"""

# commands whose output is styled: printed through rich, which decides whether styles can show
# (a terminal, FORCE_COLOR); the others (JSON, one-line messages, exports) never import it
STYLED = {("status",), ("list",), ("next",), ("show", "http")}


@pytest.mark.parametrize("colour", ["piped", "FORCE_COLOR=1"])
@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("status", "--json"),
        ("list",),
        ("list", "--json"),
        ("show", "http"),
        ("mark", "http", "done"),
        ("mark", "http", "done", "-r"),
        ("note", "http", "hi"),
        ("reset", "http"),
        ("next",),
        ("export",),
        ("export", "--format", "json"),
        ("import", "<export>"),
        ("validate",),
        ("where",),
    ],
    ids=" ".join,
)
def test_plain_commands_never_import_textual_and_rich_only_when_styled(
    roadmap_file, progress_file, tmp_path, args, colour
):
    real, _ = _prepare_args(args, tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    if colour != "piped":
        env["FORCE_COLOR"] = "1"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            HYGIENE,
            "--roadmap",
            str(roadmap_file),
            "--progress",
            str(progress_file),
            *real,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    *output, rich_marker, marker = result.stdout.strip().splitlines()
    assert marker == "TEXTUAL-MODULES=", marker
    assert rich_marker == f"RICH={args in STYLED}"
    # styles reach the output exactly when they can show
    assert ("\x1b[" in "\n".join(output)) == (args in STYLED and colour != "piped")
