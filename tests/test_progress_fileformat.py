"""storage.progress.fileformat: text <-> document with tomli / tomli-w, without a store."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from progress_strategies import doc_as_data, docs

from roadmap_tui.core.progress import Document, RoadmapProgress, TopicProgress
from roadmap_tui.storage.progress import fileformat, shapes


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
