"""storage.progress.fileformat: text <-> document with tomli / tomli-w, without a store; then the
file as a ProgressStore reads and writes it (layout, encodings, unknown keys, stable output)."""

from __future__ import annotations

import random
import textwrap
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from progress_strategies import doc_as_data, docs

from roadmap_tui.core.progress import COMPLETE, Document, RoadmapProgress, TopicProgress
from roadmap_tui.storage.progress import ProgressStore, fileformat, shapes
from tests.progress_helpers import T0, Clock, make


@settings(max_examples=150, deadline=None)
@given(doc=docs())
def test_encode_decode_round_trip(doc: Document) -> None:
    text = fileformat.encode(doc)
    assert doc_as_data(fileformat.decode(text.encode())) == doc_as_data(doc)
    # any TOML parser reads the same
    assert doc_as_data(shapes.document(tomllib.loads(text))) == doc_as_data(doc)
    # stable: decode + encode gives the same text
    assert fileformat.encode(fileformat.decode(text.encode())) == text


@settings(max_examples=60, deadline=None)
@given(before=docs(), after=docs())
def test_the_per_topic_cache_gives_the_text_of_a_fresh_encode(before, after) -> None:
    blocks: fileformat.Blocks = {}
    fileformat.encode(before, blocks)
    assert fileformat.encode(after, blocks) == fileformat.encode(after)
    assert set(blocks) == {(r, t) for r, rm in after.roadmaps.items() for t in rm.topics}


def test_notes_are_multi_line_unless_they_hold_crlf() -> None:
    doc = Document(
        roadmaps={
            "r": RoadmapProgress(
                {
                    "lf": TopicProgress("done", "one\ntwo\n"),
                    "crlf": TopicProgress("done", "one\r\ntwo\r\n"),
                }
            )
        }
    )
    text = fileformat.encode(doc)
    assert 'note = """\none\ntwo\n"""\n' in text
    assert 'note = "one\\r\\ntwo\\r\\n"\n' in text
    assert fileformat.decode(text.encode()).roadmaps["r"].topics == doc.roadmaps["r"].topics


@pytest.mark.parametrize(
    ("raw", "line", "column", "words"),
    [
        (b'schema = 1\nx = "caf\xe9"\n', 2, 9, "not valid UTF-8"),
        (b"schema = 1\n\nx = = 2\n", 3, 5, "not valid TOML"),
        (b'[roadmaps.b.topics."\\u00e9/x"]\nstatus = "gone"\n', 2, 1, "status must be one of"),
        (b"[roadmaps.b]\ntopics = { a = { note = 1 } }\n", 2, 1, "note must be a string"),
        (b'[roadmaps.b.topics.a]\nnote = """\nstatus = 1\n"""\nstatus = 2\n', 5, 1, "status"),
    ],
)
def test_decode_errors_are_located(raw: bytes, line: int, column: int, words: str) -> None:
    with pytest.raises(fileformat.FormatError) as info:
        fileformat.decode(raw)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in info.value.message


def test_shape_errors_name_the_key_as_toml_writes_it() -> None:
    with pytest.raises(fileformat.FormatError) as info:
        fileformat.decode(b'[roadmaps.b.topics."x/y"]\nstatus = 3\n')
    assert info.value.message.startswith('roadmaps.b.topics."x/y".status must be one of')


def test_check_extra() -> None:
    fileformat.check_extra({"rating": 5, "tags": ["a"], "meta": {"k": "v"}})
    with pytest.raises(ValueError, match="cannot hold the keys note, status"):
        fileformat.check_extra({"status": "done", "note": "x"})
    with pytest.raises(ValueError, match="cannot be saved as TOML"):
        fileformat.check_extra({"x": object()})


# ------------------------------------------------------------------------------------------
# the file as the store reads and writes it
# ------------------------------------------------------------------------------------------


def test_example_from_the_spec_is_read(path: Path) -> None:
    path.write_text(
        textwrap.dedent('''\
        schema = 1

        [roadmaps.backend.activity]      # per-day count of changes
        "2026-11-25" = 3

        [roadmaps.backend.topics."internet/http"]
        status = "done"                  # todo | in-progress | done | skipped
        note = """
        multi-line
        markdown
        """
        started = 2026-11-20T10:00:00Z
        completed = 2026-11-25T09:12:00Z
        changed = 2026-11-25T09:12:00Z
        ''')
    )
    s = make(path)
    e = s.get("internet/http")
    assert e == TopicProgress(
        "done",
        "multi-line\nmarkdown\n",
        datetime(2026, 11, 20, 10, tzinfo=UTC),
        datetime(2026, 11, 25, 9, 12, tzinfo=UTC),
        datetime(2026, 11, 25, 9, 12, tzinfo=UTC),
    )
    assert dict(s.activity()) == {"2026-11-25": 3}
    assert s.get("unknown") == TopicProgress()
    assert e.is_complete and "skipped" in COMPLETE


def test_bom_and_crlf_are_accepted(path: Path) -> None:
    text = (
        'schema = 1\n\n[roadmaps.backend.topics.a]\nstatus = "done"\nnote = """\nline 1\n'
        'line 2\n"""\nchanged = 2026-11-25T09:12:00Z\n'
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    s = make(path)
    assert s.get("a") == TopicProgress("done", "line 1\nline 2\n", changed=T0)
    s.set_status("b", "done")
    assert make(path).get("a").note == "line 1\nline 2\n"


def test_notes_keep_crlf_and_control_characters(path: Path) -> None:
    s = make(path)
    note = 'a\r\nb\rc\x00d\x1be\x7f"""\'\'\'\\\n\t"'
    s.set_note("a", note)
    assert make(path).get("a").note == note
    assert tomllib.loads(path.read_text())["roadmaps"]["backend"]["topics"]["a"]["note"] == note


def test_unknown_keys_and_orphans_survive(path: Path) -> None:
    path.write_text(
        textwrap.dedent("""\
        schema = 1
        top_unknown = "kept"
        list = [1, 2]

        [settings]
        theme = "dark"

        [roadmaps.backend]
        title_seen = "Backend"

        [roadmaps.backend.topics.orphan]
        status = "done"
        rating = 5
        tags = ["a", "b"]
        added = 2026-01-01T00:00:00Z

        [roadmaps.backend.topics.orphan.meta]
        source = "import"

        [[roadmaps.backend.topics.orphan.links]]
        url = "https://example.com"
        title = "a link title that is long enough to not fit an inline table line at all"

        [roadmaps.frontend.topics.html]
        status = "in-progress"
        note = "other roadmap"
        """)
    )
    before = tomllib.loads(path.read_text())
    s = make(path)
    assert dict(s.get("orphan").extra)["rating"] == 5
    s.set_status("new", "done")
    after = tomllib.loads(path.read_text())
    del after["roadmaps"]["backend"]["topics"]["new"]
    del after["roadmaps"]["backend"]["activity"]
    assert after == before
    s.set_status("orphan", "todo")  # changing a topic with unknown keys keeps them
    e = make(path).get("orphan")
    assert e.status == "todo" and dict(e.extra)["meta"] == {"source": "import"}
    assert make(path, "frontend").get("html").note == "other roadmap"


def test_empty_entries_are_not_written(path: Path) -> None:
    path.write_text('[roadmaps.backend.topics.empty]\nstatus = "todo"\n')
    s = make(path)
    assert "empty" not in s.topics()
    s.set_status("a", "done")
    assert "empty" not in path.read_text()


def test_output_is_sorted_and_stable(path: Path) -> None:
    s = make(path)
    ids = [f"topic-{i}" for i in range(30)]
    random.Random(7).shuffle(ids)
    s.set_many((t, "done") for t in ids)
    s.set_note("zz", "last")
    s.set_note("aa", "first")
    text = path.read_text()
    headers = [ln for ln in text.splitlines() if ln.startswith("[roadmaps.backend.topics.")]
    assert headers == sorted(headers, key=lambda h: h.split("topics.", 1)[1].strip('"]'))
    assert text.startswith(f"{fileformat.HEADER}schema = 1\n\n[roadmaps.backend.activity]\n")
    first = path.read_bytes()
    # a fresh store saving a no-op-equivalent change (set and undo) gives identical bytes
    t = make(path)
    t.merge_from({})
    t2 = ProgressStore(path, "backend", clock=Clock())
    t2.set_many([])
    assert path.read_bytes() == first
    assert fileformat.encode(fileformat.decode(first)).encode() == first


def test_the_written_layout(path: Path) -> None:
    clock = Clock()
    s = make(path, clock=clock)
    s.set_status("internet/http", "in-progress")
    clock.advance(hours=1)
    s.set_status("internet/http", "done")
    s.set_note("internet/http", 'multi-line\n"markdown"\n')
    s.set_note("dns", "one line")
    assert path.read_text() == textwrap.dedent('''\
        # written by roadmap-tui: edits are kept, comments are not
        schema = 1

        [roadmaps.backend.activity]
        2026-11-25 = 4

        [roadmaps.backend.topics.dns]
        status = "todo"
        note = "one line"
        changed = 2026-11-25 10:12:00+00:00

        [roadmaps.backend.topics."internet/http"]
        status = "done"
        note = """
        multi-line
        \\"markdown\\"
        """
        started = 2026-11-25 09:12:00+00:00
        completed = 2026-11-25 10:12:00+00:00
        changed = 2026-11-25 10:12:00+00:00
        ''')


def test_files_in_the_previous_layout_are_read_and_rewritten(path: Path) -> None:
    old = (
        'schema = 1\n\n[roadmaps.backend.activity]\n"2026-11-25" = 3\n\n'
        '[roadmaps.backend.topics.a]\nstatus = "done"\nnote = """\nx "y"\n"""\n'
        "completed = 2026-11-25T09:12:00Z\nchanged = 2026-11-25T09:12:00Z\n"
    )
    path.write_text(old)
    s = make(path)
    assert s.get("a") == TopicProgress("done", 'x "y"\n', None, T0, T0)
    assert dict(s.activity()) == {"2026-11-25": 3}
    s.set_note("b", "new")
    text = path.read_text()
    assert "changed = 2026-11-25 09:12:00+00:00" in text and "2026-11-25 = 4" in text
    assert make(path).get("a") == s.get("a")
