"""Reliability: files and input that are valid but out of range, hostile or odd give a located,
one-line error (never a traceback), and an import never drops local data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roadmap_tui.storage.progress import ProgressError, ProgressStore
from roadmap_tui.storage.uistate import ViewState, load_state, save_state

pytestmark = pytest.mark.usefixtures("isolated_env")

HUGE_INT = "1" * 5000


def _cli(run, roadmap_file: Path, progress_file: Path, *args: str, input: str | None = None):
    return run("--roadmap", roadmap_file, "--progress", progress_file, *args, input=input)


def _fails(result) -> str:
    code, out, err = result
    assert code == 1, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err + out
    assert err.strip()
    return err


# ---- 6: valid TOML that is out of range -----------------------------------------------------

OUT_OF_RANGE = {
    "year 9999": (
        '[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n'
        "changed = 9999-12-31T23:59:59-01:00\n",
        3,
    ),
    "year 1": (
        '[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n'
        "started = 0001-01-01T00:00:00+01:00\n",
        3,
    ),
    "huge integer": (f"schema = 1\n\n[roadmaps.mini]\nx = 1\nbig = {HUGE_INT}\n", 5),
    "deep nesting": ("schema = 1\nx = " + "[" * 2000 + "]" * 2000 + "\n", None),
}


@pytest.mark.parametrize("case", OUT_OF_RANGE)
def test_out_of_range_progress_file_is_a_located_error(tmp_path, case):
    text, line = OUT_OF_RANGE[case]
    path = tmp_path / "progress.toml"
    path.write_text(text, encoding="utf-8")
    store = ProgressStore(path, "mini")
    with pytest.raises(ProgressError) as info:
        store.load()
    err = info.value
    assert err.path == path
    if line is not None:
        assert err.line == line
    assert "move it aside" in (err.hint or "")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("case", OUT_OF_RANGE)
def test_out_of_range_progress_file_in_the_cli(run, roadmap_file, progress_file, case):
    text, _ = OUT_OF_RANGE[case]
    progress_file.write_text(text, encoding="utf-8")
    err = _fails(_cli(run, roadmap_file, progress_file, "status"))
    assert str(progress_file) in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("case", OUT_OF_RANGE)
def test_out_of_range_ui_state_is_ignored(tmp_path, case):
    text, _ = OUT_OF_RANGE[case]
    text = text.replace("roadmaps.mini.topics.", "").replace("roadmaps.mini", "roadmaps.m")
    path = tmp_path / "ui-state.toml"
    path.write_text(text, encoding="utf-8")
    assert load_state(path, "mini") == ViewState()
    save_state(path, "mini", ViewState(theme="nord"))
    assert load_state(path, "mini").theme == "nord"


# ---- 7: import of hostile exports -------------------------------------------------------------


def _export(topics: str) -> str:
    return (
        '{"format": "roadmap-tui-export", "version": 1, "roadmap": {"id": "mini"}, '
        f'"topics": [{topics}]}}'
    )


BAD_IMPORTS = {
    "empty id": (_export('{"id": "", "status": "done"}'), "topics[0]"),
    "surrogate id": (_export('{"id": "basics/\\ud800", "status": "done"}'), "topics[0]"),
    "surrogate note": (
        _export('{"id": "basics/dns", "status": "done", "note": "a \\udc00 b"}'),
        "basics/dns",
    ),
    "year 9999": (
        _export('{"id": "basics/dns", "status": "done", "changed": "9999-12-31T23:59:59-01:00"}'),
        "basics/dns",
    ),
    "year 1": (
        _export('{"id": "basics/dns", "status": "done", "started": "0001-01-01T00:00:00+01:00"}'),
        "basics/dns",
    ),
    "huge integer": (_export('{"id": "basics/dns", "status": ' + HUGE_INT + "}"), ":1"),
    "deep nesting": (_export('{"id": "basics/dns", "x": ' + "[" * 100000 + "]" * 100000 + "}"), ""),
}


@pytest.mark.parametrize("case", BAD_IMPORTS)
def test_bad_import_is_a_one_line_error(run, roadmap_file, progress_file, tmp_path, case):
    text, entry = BAD_IMPORTS[case]
    progress_file.write_text('[roadmaps.mini.topics."basics/dns"]\nstatus = "skipped"\n')
    before = progress_file.read_bytes()
    export = tmp_path / "export.json"
    export.write_text(text, encoding="utf-8")
    err = _fails(_cli(run, roadmap_file, progress_file, "import", str(export)))
    assert len(err.strip().splitlines()) == 1, err
    assert str(export) in err and entry in err
    assert progress_file.read_bytes() == before


# ---- 10: an import never drops newer local data ------------------------------------------------


def _export_file(tmp_path: Path, entry: str, exported: str = "2026-11-25T09:00:00Z") -> Path:
    path = tmp_path / "export.json"
    path.write_text(
        '{"format": "roadmap-tui-export", "version": 1, '
        f'"exported": "{exported}", "roadmap": {{"id": "mini"}}, "topics": [{entry}]}}',
        encoding="utf-8",
    )
    return path


def _saved_topic(progress_file: Path, tid: str) -> dict:
    import tomllib

    data = tomllib.loads(progress_file.read_text(encoding="utf-8"))
    return data["roadmaps"]["mini"]["topics"].get(tid, {})


def test_import_keeps_a_local_note_that_is_part_of_the_imported_one(
    run, roadmap_file, progress_file, tmp_path
):
    progress_file.write_text(
        '[roadmaps.mini.topics."basics/dns"]\nnote = "ok"\nchanged = 2026-11-01T00:00:00Z\n'
    )
    export = _export_file(
        tmp_path,
        '{"id": "basics/dns", "status": "done", "note": "look at this later", '
        '"changed": "2026-11-20T00:00:00Z"}',
    )
    code, _, err = _cli(run, roadmap_file, progress_file, "import", str(export))
    assert code == 0, err
    note = _saved_topic(progress_file, "basics/dns")["note"]
    assert note.startswith("ok\n\n<<<<<<< conflicting edit") and note.endswith("look at this later")


def test_import_of_a_future_date_never_wins_over_later_local_changes(
    run, roadmap_file, progress_file, tmp_path
):
    export = _export_file(
        tmp_path, '{"id": "basics/dns", "status": "done", "changed": "2099-01-01T00:00:00Z"}'
    )
    code, _, err = _cli(run, roadmap_file, progress_file, "import", str(export))
    assert code == 0, err
    taken = _saved_topic(progress_file, "basics/dns")
    assert taken["status"] == "done"
    assert taken["changed"].year < 2099  # clamped
    assert _cli(run, roadmap_file, progress_file, "mark", "basics/dns", "in-progress")[0] == 0
    code, out, err = _cli(run, roadmap_file, progress_file, "import", str(export))
    assert code == 0, err
    assert "imported 0 of 1" in out
    assert _saved_topic(progress_file, "basics/dns")["status"] == "in-progress"


def test_store_import_clamps_dates_to_now(tmp_path):
    from datetime import UTC, datetime, timedelta

    from roadmap_tui.storage.progress import TopicProgress

    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    store = ProgressStore(tmp_path / "p.toml", "mini", clock=lambda: now)
    future = now + timedelta(days=400)
    store.merge_from({"a": TopicProgress("done", "", future, future, future)})
    assert store.get("a") == TopicProgress("done", "", now, now, now)


# ---- 11: a save honours the file's permissions and owner -------------------------------------


def _store_with_file(tmp_path: Path, mode: int) -> tuple[ProgressStore, Path]:
    path = tmp_path / "progress.toml"
    path.write_text('[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n', encoding="utf-8")
    path.chmod(mode)
    return ProgressStore(path, "mini"), path


def test_a_read_only_file_is_not_replaced(tmp_path):
    import stat

    store, path = _store_with_file(tmp_path, 0o444)
    before = path.read_bytes()
    with pytest.raises(ProgressError) as info:
        store.set_status("basics/http", "done")
    assert "progress file is read-only" in str(info.value)
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert store.get("basics/http").status == "done" and store.pending_changes == 1
    path.chmod(0o644)
    store.retry_pending()
    assert store.pending_changes == 0
    assert ProgressStore(path, "mini").get("basics/http").status == "done"


@pytest.mark.parametrize("mode", [0o640, 0o644, 0o600])
def test_a_save_keeps_the_mode_of_the_file(tmp_path, mode):
    import stat

    store, path = _store_with_file(tmp_path, mode)
    store.set_status("basics/http", "done")
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_file_of_another_user_is_not_replaced(tmp_path):
    store, path = _store_with_file(tmp_path, 0o644)
    os.chown(path, 54321, 54321)
    with pytest.raises(ProgressError) as info:
        store.set_status("basics/http", "done")
    assert "owned by another user" in str(info.value)
    assert path.stat().st_uid == 54321


# ---- 12: a FIFO (or any non-regular file) at the progress path -------------------------------


@pytest.mark.parametrize("command", ["status", "mark basics/dns done"])
def test_a_fifo_at_the_progress_path_is_an_error_not_a_hang(roadmap_file, progress_file, command):
    import subprocess
    import sys

    os.mkfifo(progress_file)
    options = ["--roadmap", str(roadmap_file), "--progress", str(progress_file)]
    result = subprocess.run(
        [sys.executable, "-m", "roadmap_tui", *options, *command.split()],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1, result
    assert "is a FIFO, not a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_at_the_progress_path_is_an_error(tmp_path):
    (tmp_path / "progress.toml").mkdir()
    with pytest.raises(ProgressError, match="is a directory, not a file"):
        ProgressStore(tmp_path / "progress.toml", "mini").load()


# ---- 15: after a failed save the CLI says the change was not saved --------------------------


def test_cli_save_to_a_read_only_file_says_not_saved(run, roadmap_file, progress_file):
    progress_file.write_text('[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n')
    progress_file.chmod(0o444)
    err = _fails(_cli(run, roadmap_file, progress_file, "mark", "basics/http", "done"))
    assert "not saved" in err and "read-only" in err
    assert "kept in memory" not in err


# ---- 14: shape errors count lines by \n only; a saved file says comments are not kept --------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\r\n"])
def test_shape_error_line_ignores_unicode_line_separators(tmp_path, separator):
    path = tmp_path / "progress.toml"
    note = f"one{separator}two" if separator != "\r\n" else "one"
    newline = "\r\n" if separator == "\r\n" else "\n"
    lines = [
        '[roadmaps.mini.topics."basics/dns"]',
        f'note = "{note}"',
        "",
        '[roadmaps.mini.topics."basics/http"]',
        'status = "finished"',
    ]
    path.write_bytes(newline.join(lines).encode("utf-8"))
    with pytest.raises(ProgressError) as info:
        ProgressStore(path, "mini").load()
    assert (info.value.line, info.value.column) == (5, 1)


def test_a_saved_file_says_that_comments_are_not_kept(tmp_path):
    path = tmp_path / "progress.toml"
    path.write_text('# my comment\n[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n')
    store = ProgressStore(path, "mini")
    store.set_status("basics/http", "done")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# written by roadmap-tui: edits are kept, comments are not\n")
    assert "my comment" not in text
    assert ProgressStore(path, "mini").get("basics/dns").status == "done"


# ---- 5: only http and https links become terminal hyperlinks in `show` ------------------------

LINKS = (
    "[web](https://example.com/a) [plain](http://example.com/b) [shell](ssh://evil.example) "
    "[local](file:///etc/passwd) [script](javascript:alert(1)) [mail](mailto:me@example.com) "
    "<ssh://auto.example> <https://auto.example>"
)


def _in_a_pty(args: list[str], env: dict[str, str]) -> str:
    import subprocess
    import sys

    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "roadmap_tui", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, **env},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=30) == 0, b"".join(chunks)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pty")
def test_show_makes_only_web_links_hyperlinks(run, roadmap_file, tmp_path, progress_file):
    import re

    roadmap = tmp_path / "links.toml"
    tiny = roadmap_file.read_text(encoding="utf-8")
    roadmap.write_text(tiny.replace("HTTP is **the** protocol of the web.", LINKS), "utf-8")
    options = ["--roadmap", str(roadmap), "--progress", str(progress_file)]
    assert _cli(run, roadmap, progress_file, "note", "basics/http", LINKS)[0] == 0
    out = _in_a_pty([*options, "show", "basics/http"], {"FORCE_COLOR": "1"})
    targets = [t for t in re.findall(r"\x1b\]8;[^;]*;([^\x1b\x07]*)", out) if t]
    assert "https://example.com/a" in targets and "http://example.com/b" in targets
    assert all(t.startswith(("http://", "https://")) for t in targets), targets
    assert "shell" in out and "mail" in out  # the text of the other links is still shown


def test_reset_all_question_answered_with_end_of_input(run, roadmap_file, progress_file):
    progress_file.write_text('[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n')
    before = progress_file.read_bytes()
    code, out, err = run(
        "--roadmap", roadmap_file, "--progress", progress_file, "reset", "--all", input="", tty=True
    )
    assert code == 1 and "Traceback" not in err and "nothing reset" in out
    assert progress_file.read_bytes() == before
