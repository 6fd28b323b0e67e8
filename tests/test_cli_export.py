"""`export`: the progress as Markdown or JSON, to standard output or a file written whole."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli_helpers import ORDER, export_setup, fails, ok

pytestmark = pytest.mark.usefixtures("isolated_env")


def test_export_markdown(cli):
    export_setup(cli)
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
    export_setup(cli)
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
    export_setup(cli)
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
