"""Every topic, tool, technology and project the source roadmaps name is in the bundled roadmap.

The roadmap was built from five source roadmaps ("seeds"). tests/data/seed_terms.toml lists, per
seed, each thing the seed names, the seed line where it first appears, and the roadmap topic that
covers it. These tests check that the topic exists, names the term (in its title, summary, aliases
or description) and lists the seed in its ``sources``.

The seed files themselves are not part of the repository. When they are at hand (SEEDS_DIR), a
further test checks that each term really is on (or near) its recorded line, so the data file
cannot drift from the seeds.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.storage.roadmaps import load

ROOT = Path(__file__).resolve().parents[1]
ROADMAP_PATH = ROOT / "data" / "roadmap.toml"
TERMS_PATH = Path(__file__).resolve().parent / "data" / "seed_terms.toml"
# the seeds live beside the checkout (../shared/seeds) where the roadmap is written
_DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEEDS_DIR = Path(os.environ.get("ROADMAP_TUI_SEEDS_DIR", str(_DEFAULT_SEEDS)))

# seed id -> the file-name prefix of that seed in SEEDS_DIR
SEED_FILES = {
    "becoming": "000_",
    "complete-guide": "001_",
    "step-by-step": "002_",
    "roadmap-2025": "003_",
    "roadmap-2024": "004_",
}

# Guards against the data file being emptied or cut down by accident.
MIN_ENTRIES = {
    "becoming": 100,
    "complete-guide": 115,
    "step-by-step": 80,
    "roadmap-2025": 105,
    "roadmap-2024": 70,
}

# How far from its recorded line a term may be found in the seed.
LINE_SLACK = 3

ENTRY_KEYS = {"term", "topic", "line", "match"}


@cache
def roadmap() -> Roadmap:
    return load(ROADMAP_PATH)


@cache
def seed_terms() -> dict[str, list[dict]]:
    with TERMS_PATH.open("rb") as f:
        return tomllib.load(f)


def entries() -> list[tuple[str, dict]]:
    return [(seed, entry) for seed, items in seed_terms().items() for entry in items]


def entry_id(value: object) -> str:
    if isinstance(value, dict):
        return f"{value.get('line')}:{value.get('term')}->{value.get('topic')}"
    return str(value)


def where(seed: str, entry: dict) -> str:
    """The part of a failure message that says which entry failed."""
    return (
        f"seed {seed!r} line {entry.get('line')} term {entry.get('term')!r} "
        f"topic {entry.get('topic')!r}"
    )


def needle(entry: dict) -> str:
    return entry.get("match") or entry["term"]


def names(text: str, term: str) -> bool:
    """Whether ``text`` names ``term``: case-insensitive, as a whole word (so "Go" is not found
    in "good", nor "Java" in "JavaScript")."""
    pattern = re.escape(term.casefold())
    if term[:1].isalnum():
        pattern = r"(?<![0-9a-z])" + pattern
    if term[-1:].isalnum():
        pattern += r"(?![0-9a-z])"
    return re.search(pattern, text.casefold()) is not None


def topic_text(topic: Topic) -> str:
    return "\n".join([topic.title, topic.summary, *topic.aliases, topic.description])


def test_names_helper_matches_whole_words_only():
    assert names("Go and Python", "go")
    assert not names("a good language", "Go")
    assert not names("JavaScript", "Java")
    assert names("C# and .NET", "C#")
    assert names("CI/CD pipelines", "ci/cd")


def test_every_seed_of_the_roadmap_has_entries():
    source_ids = {s.id for s in roadmap().sources}
    assert set(seed_terms()) == source_ids == set(SEED_FILES) == set(MIN_ENTRIES)


@pytest.mark.parametrize("seed", sorted(MIN_ENTRIES))
def test_minimum_entry_count(seed):
    count = len(seed_terms().get(seed, []))
    assert count >= MIN_ENTRIES[seed], (
        f"seed {seed!r} has only {count} entries in {TERMS_PATH.name}, "
        f"expected at least {MIN_ENTRIES[seed]}"
    )


@pytest.mark.parametrize("seed", sorted(MIN_ENTRIES))
def test_entries_are_well_formed_and_unique(seed):
    seen: set[tuple[str, str]] = set()
    problems = []
    for entry in seed_terms().get(seed, []):
        if set(entry) - ENTRY_KEYS or not {"term", "topic", "line"} <= set(entry):
            problems.append(f"{where(seed, entry)}: keys must be {sorted(ENTRY_KEYS)}")
            continue
        if not isinstance(entry["line"], int) or entry["line"] < 1:
            problems.append(f"{where(seed, entry)}: line must be a positive integer")
        if "match" in entry and entry["match"].casefold() not in entry["term"].casefold():
            problems.append(f"{where(seed, entry)}: match {entry['match']!r} not in the term")
        key = (entry["term"].casefold(), entry["topic"])
        if key in seen:
            problems.append(f"{where(seed, entry)}: duplicate entry")
        seen.add(key)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("seed", "entry"), entries(), ids=entry_id)
def test_topic_exists(seed, entry):
    topic = roadmap().get(entry["topic"])
    assert topic is not None, f"{where(seed, entry)}: no such topic in {ROADMAP_PATH.name}"
    assert not topic.is_section, f"{where(seed, entry)}: is a section, not a topic"


@pytest.mark.parametrize(("seed", "entry"), entries(), ids=entry_id)
def test_topic_names_the_term(seed, entry):
    topic = roadmap().get(entry["topic"])
    assert topic is not None, f"{where(seed, entry)}: no such topic in {ROADMAP_PATH.name}"
    assert names(topic_text(topic), needle(entry)), (
        f"{where(seed, entry)}: {needle(entry)!r} is not named in the topic's title, summary, "
        "aliases or description"
    )


@pytest.mark.parametrize(("seed", "entry"), entries(), ids=entry_id)
def test_topic_lists_the_seed_as_a_source(seed, entry):
    topic = roadmap().get(entry["topic"])
    assert topic is not None, f"{where(seed, entry)}: no such topic in {ROADMAP_PATH.name}"
    assert seed in topic.sources, (
        f"{where(seed, entry)}: the topic's sources {list(topic.sources)} lack {seed!r}"
    )


@cache
def seed_lines(seed: str) -> list[str] | None:
    """The lines of a seed file, or None when the seeds are not at hand."""
    if not SEEDS_DIR.is_dir():
        return None
    files = sorted(SEEDS_DIR.glob(SEED_FILES[seed] + "*"))
    if len(files) != 1:
        return None
    return files[0].read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed files not available ({SEEDS_DIR})")
@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_seed_terms_match_the_seed_files(seed):
    lines = seed_lines(seed)
    assert lines is not None, f"seed {seed!r}: no single {SEED_FILES[seed]}* file in {SEEDS_DIR}"
    problems = []
    for entry in seed_terms().get(seed, []):
        line = entry["line"]
        low = max(line - 1 - LINE_SLACK, 0)
        window = lines[low : line + LINE_SLACK]
        if not any(names(text, needle(entry)) for text in window):
            problems.append(
                f"{where(seed, entry)}: {needle(entry)!r} is not in the seed within "
                f"{LINE_SLACK} lines of line {line}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed files not available ({SEEDS_DIR})")
def test_descriptions_are_our_own_words():
    """Facts carry over from the seeds, sentences do not: no run of 7 words of any summary,
    description or self-check question (or its answer) appears in a seed."""
    import re

    words = re.compile(r"[a-z0-9']+")
    seed_words = words.findall(
        " ".join(p.read_text(encoding="utf-8") for p in SEEDS_DIR.glob("*.txt")).lower()
    )
    shingles = {tuple(seed_words[i : i + 7]) for i in range(len(seed_words) - 6)}
    copied = []
    for topic in roadmap().nodes():
        texts = [("summary", topic.summary), ("description", topic.description)]
        texts += [(f"question {n}", f"{q.q} {q.a}") for n, q in enumerate(topic.questions, 1)]
        for field, value in texts:
            text = words.findall(value.lower())
            for i in range(len(text) - 6):
                if tuple(text[i : i + 7]) in shingles:
                    copied.append(f"{topic.id} {field}: {' '.join(text[i : i + 7])}")
    assert not copied, "text taken from a seed:\n" + "\n".join(copied)
