"""The cache of parsed roadmaps: the same roadmap as parsing, or a miss when stale or damaged."""

from __future__ import annotations

import json
import tomllib
import zlib
from dataclasses import astuple
from pathlib import Path

import pytest

from roadmap_tui import __version__
from roadmap_tui.core.roadmap import Roadmap, RoadmapError
from roadmap_tui.storage import roadmaps
from roadmap_tui.storage.roadmaps import load
from tests.roadmap_helpers import GOOD, deep_roadmap, write


def plain(roadmap: Roadmap) -> tuple:
    """Everything a roadmap holds, as plain values (topics compare by identity)."""
    return (
        roadmap.id,
        roadmap.title,
        roadmap.description,
        roadmap.version,
        roadmap.sources,
        [astuple(section) for section in roadmap.sections],
    )


def parses(monkeypatch) -> list[int]:
    """Counts the files parsed from then on (a cache hit parses none)."""
    count: list[int] = []
    real = roadmaps.read_toml
    monkeypatch.setattr(roadmaps, "read_toml", lambda *a: count.append(1) or real(*a))
    return count


def test_cache_gives_the_same_roadmap_and_notices_a_change(tmp_path, cache_dir, monkeypatch):
    path = write(tmp_path, GOOD)
    first = load(path)
    (cached,) = cache_dir.glob("*.json")
    assert cached.stat().st_mode & 0o777 == 0o600 and cache_dir.stat().st_mode & 0o777 == 0o700
    parsed = parses(monkeypatch)
    second = load(path)
    assert parsed == []  # served from the cache
    assert plain(second) == plain(first) and second.path == path
    path.write_text(GOOD.replace('title = "DNS"', 'title = "Domain names"'), encoding="utf-8")
    third = load(path)
    assert parsed == [1]  # the file changed: parsed again
    assert third["basics/dns"].title == "Domain names"


def test_the_cache_is_plain_json_keyed_by_the_file_and_checksummed(tmp_path, cache_dir):
    path = write(tmp_path, GOOD)
    load(path)
    header, payload = next(cache_dir.glob("*.json")).read_bytes().split(b"\n", 1)
    meta = json.loads(header)
    info = path.stat()
    assert meta["key"][1:] == [
        __version__,
        str(path.resolve()),
        info.st_size,
        info.st_mtime_ns,
        info.st_ino,
    ]
    assert meta["crc32"] == zlib.crc32(payload)
    assert json.loads(payload) == tomllib.loads(GOOD)  # the TOML document itself


def test_every_flipped_byte_or_truncation_of_the_cache_is_a_miss_or_harmless(
    tmp_path, cache_dir, monkeypatch
):
    path = write(tmp_path, GOOD)
    expected = plain(load(path))
    cached = next(cache_dir.glob("*.json"))
    good = cached.read_bytes()
    parsed = parses(monkeypatch)
    damaged = [good[:n] for n in range(0, len(good), 7)]
    damaged += [good[:i] + bytes([good[i] ^ 0x20]) + good[i + 1 :] for i in range(len(good))]
    for data in damaged:
        cached.write_bytes(data)
        assert plain(load(path)) == expected
    assert len(parsed) >= len(damaged) - 20  # the few harmless flips (JSON spacing) are hits


def _retyped(value, path: tuple):
    """``value`` (nested lists and dicts) with the item at ``path`` (indexes and keys)
    replaced by one of another type."""
    if not path:
        return {"a": 1} if isinstance(value, list | str) else ["x"]
    copy = list(value) if isinstance(value, list) else dict(value)
    copy[path[0]] = _retyped(copy[path[0]], path[1:])
    return copy


def _item_paths(value, path: tuple = ()):
    yield path
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _item_paths(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _item_paths(item, (*path, key))


def test_a_cache_with_a_valid_checksum_but_a_wrong_type_anywhere_is_a_miss(
    tmp_path, cache_dir, monkeypatch
):
    path = write(tmp_path, GOOD)
    expected = plain(load(path))
    cached = next(cache_dir.glob("*.json"))
    header, payload = cached.read_bytes().split(b"\n", 1)
    meta, document = json.loads(header), json.loads(payload)
    parsed = parses(monkeypatch)
    paths = list(_item_paths(document))
    for where in paths:
        data = json.dumps(_retyped(document, where)).encode()
        meta["crc32"] = zlib.crc32(data)
        cached.write_bytes(json.dumps(meta).encode() + b"\n" + data)
        assert plain(load(path)) == expected, where
    assert len(parsed) == len(paths)  # every one was a miss, parsed again


def _forge(cached: Path, payload: bytes) -> None:
    """Replace a cache entry's payload, keeping its key and making its checksum match."""
    meta = json.loads(cached.read_bytes().split(b"\n", 1)[0])
    meta["crc32"] = zlib.crc32(payload)
    cached.write_bytes(json.dumps(meta).encode() + b"\n" + payload)


def test_a_checksummed_cache_too_deep_or_invalid_is_a_miss(tmp_path, cache_dir, monkeypatch):
    path = write(tmp_path, GOOD)
    expected = plain(load(path))
    cached = next(cache_dir.glob("*.json"))
    parsed = parses(monkeypatch)
    too_deep = tomllib.loads(deep_roadmap(40))
    for payload in (
        b"[" * 100_000 + b"]" * 100_000,
        b"{}",
        b"null",
        json.dumps(too_deep).encode(),
        json.dumps(tomllib.loads(GOOD.replace('kind = "core"', 'kind = "bad"'))).encode(),
    ):
        _forge(cached, payload)
        assert plain(load(path)) == expected
    assert len(parsed) == 5


def test_a_document_json_cannot_hold_exactly_is_not_cached(tmp_path, cache_dir, monkeypatch):
    path = write(tmp_path, GOOD.replace("hours = 4", "hours = inf"))
    assert load(path)["basics/http"].hours == float("inf")
    assert list(cache_dir.glob("*.json")) == []
    parsed = parses(monkeypatch)
    assert load(path)["basics/http"].hours == float("inf")
    assert parsed == [1]


def test_an_invalid_roadmap_is_never_served_from_the_cache(tmp_path, cache_dir):
    path = write(tmp_path, GOOD)
    load(path)
    path.write_text(GOOD.replace('kind = "core"', 'kind = "bad"'), encoding="utf-8")
    with pytest.raises(RoadmapError):
        load(path)
    with pytest.raises(RoadmapError):
        load(path)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("ROADMAP_TUI_CACHE", str(blocker / "cache"))
    path = write(tmp_path, GOOD)
    assert load(path).topic_count == 3 and load(path).topic_count == 3
