"""Deterministic test data for the benchmark: large roadmaps and progress files.

Everything is made from a seeded ``random.Random``, so two runs (on any machine) produce the same
bytes. A roadmap is ``sections x topics x parts``: ``topic_count = sections * topics * (1 +
parts)`` (the trackable topics, as ``roadmap-tui validate`` counts them). Every topic and part has
a summary and a Markdown description of the bundled roadmap's length (500 to 1,100 characters, a
few paragraphs with a **Learn:** and a **Practise:** line), a kind, a level, hours, sources,
aliases, one or two resources and prerequisites that point backwards (so there is never a cycle).

Run it alone to look at the data: ``python benchmarks/generate.py 2000 /tmp/r.toml``.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

# (sections, topics per section, parts per topic) for the sizes the benchmark uses
SHAPES = {
    2_000: (20, 20, 4),
    10_000: (40, 50, 4),
}

SOURCES = ("guide-a", "guide-b", "guide-c", "guide-d", "guide-e")
KINDS = (("core", 50), ("recommended", 25), ("alternative", 10), ("optional", 15))
LEVELS = (("beginner", 40), ("intermediate", 40), ("advanced", 20))
RESOURCE_TYPES = ("docs", "article", "video", "course", "book", "tool")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADJECTIVES = _words(
    "distributed relational async secure cached indexed streaming stateless concurrent "
    "reactive typed immutable replicated sharded observable containerised serverless "
    "incremental idempotent transactional versioned layered modular encrypted federated "
    "batched lazy eventual robust"
)
NOUNS = _words(
    "cache queue index schema protocol router socket thread process container cluster gateway "
    "proxy broker session token migration replica shard pipeline scheduler logger metric "
    "trace handler middleware endpoint resolver bucket stream lock transaction cursor worker "
    "template compiler runtime allocator parser serializer webhook certificate firewall "
    "balancer registry deployment service contract"
)
VERBS = _words(
    "configure deploy monitor profile debug scale secure test design migrate benchmark "
    "document refactor tune replicate observe automate"
)
FILLER = (
    "in production",
    "under load",
    "across services",
    "on a single machine",
    "at scale",
    "in a small team",
    "behind a load balancer",
    "with real traffic",
    "during an incident",
    "before a release",
    "in a code review",
    "on a slow network",
    "with a tight budget",
)


def _weighted(rng: random.Random, pairs) -> str:
    names = [n for n, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(names, weights)[0]


def _title(rng: random.Random) -> str:
    words = [rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    if rng.random() < 0.4:
        words.append(rng.choice(NOUNS))
    return " ".join(w.capitalize() for w in words)


def _sentence(rng: random.Random) -> str:
    a, b = rng.choice(NOUNS), rng.choice(NOUNS)
    templates = (
        f"A {rng.choice(ADJECTIVES)} {a} lets you {rng.choice(VERBS)} the {b} "
        f"{rng.choice(FILLER)} without surprises",
        f"Most teams {rng.choice(VERBS)} their {a} {rng.choice(FILLER)}, and the {b} is where "
        f"problems show first",
        f"Knowing how the {a} talks to the {b} makes it far easier to {rng.choice(VERBS)} "
        f"a {rng.choice(ADJECTIVES)} system",
        f"When the {a} is {rng.choice(ADJECTIVES)}, you can {rng.choice(VERBS)} each {b} "
        f"independently {rng.choice(FILLER)}",
        f"The usual mistake is to {rng.choice(VERBS)} the {a} before the {b} is "
        f"{rng.choice(ADJECTIVES)}",
    )
    return rng.choice(templates)


def _paragraph(rng: random.Random, sentences: int) -> str:
    text = ". ".join(_sentence(rng) for _ in range(sentences)) + "."
    # wrap at ~105 columns, like the bundled roadmap
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 105:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _description(rng: random.Random) -> str:
    paragraphs = [_paragraph(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 2))]
    paragraphs.append(
        f"**Learn:** the {rng.choice(NOUNS)}, the {rng.choice(NOUNS)} and how to "
        f"{rng.choice(VERBS)} a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}."
    )
    paragraphs.append(
        f"**Practise:** {rng.choice(VERBS)} a small `{rng.choice(NOUNS)}` "
        f"{rng.choice(FILLER)} and write down what you saw."
    )
    return "\n\n".join(paragraphs) + "\n"


def _s(value: str) -> str:
    """A TOML basic string (our text is plain ASCII: JSON's escapes are TOML's)."""
    return json.dumps(value)


def _topic_lines(
    rng: random.Random, header: str, slug: str, earlier: list[str], full_id: str
) -> list[str]:
    title = _title(rng)
    lines = [
        f"[[{header}]]",
        f"id = {_s(slug)}",
        f"title = {_s(title)}",
        f"summary = {_s(_sentence(rng))}",
        "description = '''",
        _description(rng).rstrip("\n"),
        "'''",
        f'kind = "{_weighted(rng, KINDS)}"',
        f'level = "{_weighted(rng, LEVELS)}"',
        f"hours = {rng.randint(1, 12)}",
    ]
    if earlier and rng.random() < 0.6:
        # prerequisites point backwards: mostly recent topics, sometimes far back
        count = min(len(earlier), rng.randint(1, 3))
        window = earlier[-40:] if rng.random() < 0.8 else earlier
        prereqs = sorted(set(rng.sample(window, min(count, len(window)))))
        lines.append("prerequisites = [" + ", ".join(_s(p) for p in prereqs) + "]")
    sources = sorted(rng.sample(SOURCES, rng.randint(0, len(SOURCES))))
    if sources:
        lines.append("sources = [" + ", ".join(_s(s) for s in sources) + "]")
    if rng.random() < 0.5:
        aliases = [
            f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}" for _ in range(rng.randint(1, 2))
        ]
        lines.append("aliases = [" + ", ".join(_s(a) for a in aliases) + "]")
    lines.append("resources = [")
    for n in range(rng.randint(1, 2)):
        rtype = rng.choice(RESOURCE_TYPES)
        url = f"https://example.com/{full_id}/{n}"
        lines.append(
            f"  {{ type = {_s(rtype)}, title = {_s(title + ' ' + rtype)}, url = {_s(url)} }},"
        )
    lines.append("]")
    lines.append("")
    return lines


def roadmap_toml(topic_count: int, seed: int = 1) -> str:
    """The text of a valid roadmap with exactly ``topic_count`` trackable topics."""
    if topic_count not in SHAPES:
        raise ValueError(f"no shape for {topic_count} topics (known: {sorted(SHAPES)})")
    sections, topics, parts = SHAPES[topic_count]
    rng = random.Random(f"roadmap-{topic_count}-{seed}")
    out = [
        "[roadmap]",
        f'id = "bench-{topic_count}"',
        f'title = "Benchmark Roadmap ({topic_count:,} topics)"',
        "version = 1",
        "description = '''",
        _description(rng).rstrip("\n"),
        "'''",
        "",
    ]
    for sid in SOURCES:
        out += ["[[source]]", f'id = "{sid}"', f'title = "Source roadmap {sid}"', ""]
    earlier: list[str] = []
    for s in range(sections):
        sid = f"s{s:02d}-{rng.choice(NOUNS)}"
        out += [
            "[[section]]",
            f"id = {_s(sid)}",
            f"title = {_s(f'Section {s + 1}: ' + _title(rng))}",
            f"summary = {_s(_sentence(rng))}",
            "description = '''",
            _description(rng).rstrip("\n"),
            "'''",
            "",
        ]
        for t in range(topics):
            slug = f"t{t:02d}-{rng.choice(NOUNS)}"
            tid = f"{sid}/{slug}"
            out += _topic_lines(rng, "section.topic", slug, earlier, tid)
            part_ids = []
            for p in range(parts):
                pslug = f"p{p}-{rng.choice(NOUNS)}"
                pid = f"{tid}/{pslug}"
                out += _topic_lines(rng, "section.topic.topic", pslug, earlier, pid)
                part_ids.append(pid)
            earlier.append(tid)
            earlier.extend(part_ids)
    return "\n".join(out) + "\n"


def _note(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return _sentence(rng) + "."
    if kind < 0.8:
        return _paragraph(rng, rng.randint(2, 4)) + "\n"
    items = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5)))
    return f"{_paragraph(rng, 2)}\n\n{items}\n"


def progress_entries(topic_ids: list[str], count: int, seed: int = 1) -> dict[str, dict]:
    """``count`` progress entries (status, a note, dates) for topics of ``topic_ids``, spread
    over the roadmap: ``{topic_id: {"status": ..., "note": ..., "started": ...}}``, the tables of
    the progress file (keys without a value are left out, as the app leaves them out)."""
    rng = random.Random(f"progress-{count}-{seed}")
    chosen = sorted(rng.sample(range(len(topic_ids)), min(count, len(topic_ids))))
    base = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    entries = {}
    for n, index in enumerate(chosen):
        status = rng.choices(("in-progress", "done", "skipped", "todo"), (25, 55, 10, 10))[0]
        started = base - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1440))
        completed = changed = None
        if status in ("done", "skipped"):
            completed = started + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600))
            changed = completed
        elif status == "in-progress":
            changed = started
        else:
            started = None
            changed = base - timedelta(days=rng.randint(1, 400))
        entry = {
            "status": status,
            "note": _note(rng) if n % 10 != 9 else "",  # nine in ten carry a note
            "started": started,
            "completed": completed,
            "changed": changed,
        }
        entries[topic_ids[index]] = {k: v for k, v in entry.items() if v}
    return entries


def write_progress(path: Path, roadmap_id: str, entries: dict[str, dict]) -> None:
    """Write a progress file (schema 1) holding ``entries`` for ``roadmap_id``. Written as plain
    TOML, not through the app's store: the file format is the contract, the store's insides are
    not."""
    import tomli_w

    document = {"schema": 1, "roadmaps": {roadmap_id: {"topics": entries}}}
    path.write_text(tomli_w.dumps(document, multiline_strings=True), encoding="utf-8")


def outline(path: Path) -> list[dict]:
    """The roadmap file's topics in tree order: ``{"id", "title", "description", "depth",
    "leaf"}`` for every section and topic, read straight from the TOML (full id = the path of
    slugs), so that the benchmark needs nothing of the app's model."""
    try:
        import tomli as toml
    except ImportError:
        import tomllib as toml

    with open(path, "rb") as handle:
        data = toml.load(handle)
    out: list[dict] = []

    def walk(table: dict, prefix: str, depth: int) -> None:
        full = f"{prefix}/{table['id']}" if prefix else table["id"]
        children = table.get("topic", [])
        out.append(
            {
                "id": full,
                "title": table["title"],
                "description": table.get("description", ""),
                "depth": depth,
                "leaf": not children,
            }
        )
        for child in children:
            walk(child, full, depth + 1)

    for section in data.get("section", []):
        walk(section, "", 0)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python benchmarks/generate.py TOPIC_COUNT OUT.toml", file=sys.stderr)
        return 2
    Path(argv[1]).write_text(roadmap_toml(int(argv[0])), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
