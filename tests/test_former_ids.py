"""Progress kept under a topic's former id (``formerly``) reads as the current topic's."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from roadmap_tui.core.loader import parse
from roadmap_tui.core.progress import TopicProgress, carry_over
from roadmap_tui.storage.progress import ProgressStore

pytestmark = pytest.mark.usefixtures("isolated_env")

MOVED = """\
[roadmap]
id = "moved"
title = "Moved"

[[section]]
id = "frameworks"
title = "Frameworks"

[[section.topic]]
id = "python"
title = "Python frameworks"

[[section.topic.topic]]
id = "django"
title = "Django"
formerly = ["frameworks/django"]

[[section.topic]]
id = "flask"
title = "Flask"
"""

OLD_PROGRESS = """\
[roadmaps.moved.topics."frameworks/django"]
status = "done"
note = "models, views, templates"
changed = 2026-11-20 10:00:00+00:00
"""

T1 = datetime(2026, 11, 20, 10, tzinfo=UTC)
T2 = datetime(2026, 11, 21, 10, tzinfo=UTC)


def test_carry_over_takes_the_old_entry_unless_the_current_one_is_newer():
    renamed = {"frameworks/django": "frameworks/python/django"}
    old = TopicProgress(status="done", changed=T1)
    assert carry_over({"frameworks/django": old}, renamed)["frameworks/python/django"] == old
    newer = TopicProgress(status="in-progress", changed=T2)
    topics = {"frameworks/django": old, "frameworks/python/django": newer}
    assert carry_over(topics, renamed)["frameworks/python/django"] == newer
    older = TopicProgress(status="todo", note="x", changed=datetime(2026, 1, 1, tzinfo=UTC))
    topics = {"frameworks/django": old, "frameworks/python/django": older}
    assert carry_over(topics, renamed)["frameworks/python/django"] == old


@pytest.fixture
def files(tmp_path: Path):
    roadmap = tmp_path / "moved.toml"
    roadmap.write_text(MOVED, encoding="utf-8")
    progress = tmp_path / "progress.toml"
    progress.write_text(OLD_PROGRESS, encoding="utf-8")
    return roadmap, progress


def test_commands_read_progress_under_the_former_id(run, files):
    roadmap, progress = files
    args = ("--roadmap", roadmap, "--progress", progress)
    code, out, _ = run(*args, "status", "--json")
    data = json.loads(out)
    assert (code, data["done"], data["total"]) == (0, 1, 3)
    code, out, _ = run(*args, "list", "--json")
    django = next(r for r in json.loads(out) if r["id"] == "frameworks/python/django")
    assert (django["status"], django["note"]) == ("done", "models, views, templates")
    code, out, _ = run(*args, "export", "--format", "json")
    topics = {t["id"]: t for t in json.loads(out)["topics"]}
    assert topics["frameworks/python/django"]["status"] == "done"
    assert topics["frameworks/django"]["title"] is None  # the old entry, kept, exported too


def test_a_change_of_a_moved_topic_is_saved_under_its_new_id_and_keeps_the_old_entry(run, files):
    roadmap, progress = files
    args = ("--roadmap", roadmap, "--progress", progress)
    code, _, err = run(*args, "note", "frameworks/python/django", "and the ORM")
    assert code == 0, err
    topics = tomllib.loads(progress.read_text())["roadmaps"]["moved"]["topics"]
    # the status carried over with the entry; the note is the new one
    assert topics["frameworks/python/django"]["status"] == "done"
    assert topics["frameworks/python/django"]["note"] == "and the ORM"
    assert topics["frameworks/django"]["note"] == "models, views, templates"  # untouched
    assert topics["frameworks/django"]["status"] == "done"


def test_the_store_and_session_see_the_carried_entry(files):
    from roadmap_tui.core.session import Session

    roadmap_path, progress = files
    roadmap = parse(MOVED, str(roadmap_path))
    store = ProgressStore(progress, "moved", renamed=roadmap.renamed)
    assert store.get("frameworks/python/django").status == "done"
    session = Session(roadmap, dict(store.topics()), TopicProgress())
    assert session.counts_of("frameworks/python") == (1, 1)
    assert session.tally().done == 1
    plain = ProgressStore(progress, "moved")  # without the renames: as the file says
    assert plain.get("frameworks/python/django").status == "todo"
