"""Sync-conflict copies of the progress file: `status` mentions them, `import COPY` merges one
(no note lost, no future date winning) and offers to delete it."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from shlex import quote

import pytest

from roadmap_tui.storage.progress import CONFLICT_MARKER, ProgressStore

pytestmark = pytest.mark.usefixtures("isolated_env")

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SYNCTHING = "progress.sync-conflict-20261201-123456-ABCDEFG.toml"
DROPBOX = "progress (conflicted copy 2026-12-01).toml"


def store(path: Path, when: datetime, roadmap_id: str = "mini") -> ProgressStore:
    return ProgressStore(path, roadmap_id, clock=lambda: when)


def topics(path: Path, roadmap_id: str = "mini") -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["roadmaps"][roadmap_id]["topics"]


def make_copy(progress_file: Path) -> Path:
    """Our progress and a conflict copy of it from another machine."""
    store(progress_file, T0).set_status("basics/http", "in-progress")
    store(progress_file, T1).set_status("basics/dns", "done")
    store(progress_file, T1).set_note("basics/dns", "our note")
    copy = progress_file.with_name(SYNCTHING)
    store(copy, T0).set_note("basics/dns", "their note")  # older than ours
    store(copy, T2).set_status("basics/http", "done")  # newer than ours
    store(copy, T2).set_note("apis/rest", "only there")
    store(copy, T2, "other").set_status("s/t", "done")  # another roadmap's progress
    return copy


def test_status_mentions_conflict_copies_beside_the_progress_file(cli, progress_file):
    store(progress_file, T0).set_status("basics/http", "done")
    code, out, err = cli("status")
    assert code == 0 and "conflict" not in out + err
    for name in (SYNCTHING, DROPBOX):
        progress_file.with_name(name).write_text("schema = 1\n")
    code, out, err = cli("status")
    assert code == 0
    assert "2 sync-conflict copies beside the progress file" in err
    for name in (SYNCTHING, DROPBOX):
        command = f"roadmap-tui --progress {quote(str(progress_file))} import"
        assert f"{command} {quote(str(progress_file.with_name(name)))}\n" in err
    code, out, err = cli("status", "--json")
    assert code == 0 and out.startswith("{")  # the JSON stays clean, the note is on stderr
    assert "2 sync-conflict copies" in err


def test_import_merges_a_conflict_copy_and_keeps_every_note(cli, progress_file):
    copy = make_copy(progress_file)
    code, out, err = cli("import", str(copy))
    assert code == 0, err
    saved = topics(progress_file)
    assert saved["basics/http"]["status"] == "done"  # theirs was newer
    assert saved["basics/dns"]["status"] == "done"  # ours was newer
    note = saved["basics/dns"]["note"]
    assert note.startswith("our note\n\n" + CONFLICT_MARKER) and note.endswith("their note")
    assert saved["apis/rest"]["note"] == "only there"
    assert topics(progress_file, "other")["s/t"]["status"] == "done"
    assert f"merged {copy}" in out
    assert "kept 1 note of it beside yours" in out
    # not asked (no terminal): the copy stays, and the user is told it may go
    assert copy.exists()
    assert f"everything in it is now in {progress_file}: you may delete it" in out
    # merging it again changes nothing
    before = progress_file.read_bytes()
    assert cli("import", str(copy))[0] == 0
    assert progress_file.read_bytes() == before


def test_a_future_date_in_a_copy_never_wins_over_later_local_changes(cli, progress_file):
    copy = progress_file.with_name(DROPBOX)
    store(copy, datetime(2099, 1, 1, tzinfo=UTC)).set_status("basics/dns", "done")
    assert cli("import", str(copy))[0] == 0
    assert topics(progress_file)["basics/dns"]["changed"].year < 2099
    assert cli("mark", "basics/dns", "in-progress")[0] == 0
    assert cli("import", str(copy))[0] == 0
    assert topics(progress_file)["basics/dns"]["status"] == "in-progress"


@pytest.mark.parametrize(("answer", "deleted"), [("y\n", True), ("n\n", False), ("", False)])
def test_import_asks_before_deleting_the_merged_copy(cli, progress_file, answer, deleted):
    copy = make_copy(progress_file)
    code, out, err = cli("import", str(copy), input=answer, tty=True)
    assert code == 0, err
    assert f"Delete {copy}?" in out
    assert copy.exists() is not deleted
    assert (f"deleted {copy}" in out) is deleted
    assert topics(progress_file)["apis/rest"]["note"] == "only there"


def test_a_plain_progress_file_is_merged_without_an_offer_to_delete(cli, progress_file, tmp_path):
    other = tmp_path / "laptop.toml"
    store(other, T2).set_status("basics/intro", "done")
    code, out, err = cli("import", str(other), input="y\n", tty=True)
    assert code == 0, err
    assert topics(progress_file)["basics/intro"]["status"] == "done"
    assert "Delete" not in out and other.exists()


def test_a_broken_copy_is_a_one_line_error_and_nothing_changes(cli, progress_file):
    store(progress_file, T0).set_status("basics/http", "done")
    before = progress_file.read_bytes()
    copy = progress_file.with_name(SYNCTHING)
    copy.write_text('schema = 1\n[roadmaps.mini.topics."basics/dns"]\nstatus = "done\n')
    code, _out, err = cli("import", str(copy))
    assert code == 1
    assert err.startswith(f"roadmap-tui: {copy}:3:15: not valid TOML")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert progress_file.read_bytes() == before and copy.exists()


def test_importing_the_progress_file_itself_is_refused(cli, progress_file):
    store(progress_file, T0).set_status("basics/http", "done")
    code, _out, err = cli("import", str(progress_file))
    assert code == 1 and "is the progress file itself" in err


def test_a_fifo_is_refused_without_waiting(cli, tmp_path):
    import os

    fifo = tmp_path / SYNCTHING
    os.mkfifo(fifo)
    code, _out, err = cli("import", str(fifo))
    assert code == 1 and f"{fifo}: is not a regular file" in err


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[roadmaps.mini.topics.""]\nstatus = "done"\n',
            "roadmap 'mini': a topic with an empty id",
        ),
        ('[roadmaps."".topics.x]\nstatus = "done"\n', "a roadmap with an empty id"),
    ],
)
def test_a_copy_with_ids_that_cannot_be_merged_is_a_one_line_error(
    cli, progress_file, toml, message
):
    store(progress_file, T0).set_status("basics/http", "done")
    before = progress_file.read_bytes()
    copy = progress_file.with_name(SYNCTHING)
    copy.write_text('[roadmaps.mini.topics."basics/dns"]\nstatus = "done"\n' + toml)
    code, _out, err = cli("import", str(copy))
    assert code == 1 and "Traceback" not in err
    assert (
        err == f"roadmap-tui: {copy}: {message} (import takes a JSON export or a progress file)\n"
    )
    assert progress_file.read_bytes() == before
