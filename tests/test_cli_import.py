"""`import`: a JSON export merged in, newer changes winning; what is not an export refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import (
    NEW,
    OLD,
    export_setup,
    fails,
    list_json,
    ok,
    saved,
    saved_note,
    saved_status,
)

pytestmark = pytest.mark.usefixtures("isolated_env")


def _export_json(cli, tmp_path: Path, name: str = "export.json") -> Path:
    target = tmp_path / name
    ok(cli("export", "--format", "json", "--output", target))
    return target


def test_import_round_trip_into_a_fresh_file(run, cli, roadmap_file, tmp_path):
    export_setup(cli)
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
