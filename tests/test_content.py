"""The bundled roadmap's content follows the house rules (tests/content_checks.py): every leaf
has at least three sentences, a Learn and a Practise paragraph, a resource, and 3 to 6
self-check questions with model answers; one spelling; aliases that are other names."""

from __future__ import annotations

from itertools import pairwise

import pytest

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.roadmaps import load
from tests.content_checks import problems

ROADMAP = load(bundled_path(), cache=False)


@pytest.mark.parametrize("section", [s.id for s in ROADMAP.sections])
def test_every_topic_of_the_section_follows_the_house_rules(section):
    found = problems(ROADMAP, [section], questions=True)
    assert not found, "\n".join(found)


def test_nearly_every_leaf_has_questions():
    leaves = [t for t in ROADMAP.topics() if t.is_leaf]
    with_questions = [t for t in leaves if len(t.questions) >= 3]
    assert len(with_questions) >= 0.95 * len(leaves)


def test_the_checks_catch_what_they_are_for():
    from roadmap_tui.core.loader import parse

    bad = parse(
        '[roadmap]\nid = "r"\ntitle = "R"\n[[section]]\nid = "s"\ntitle = "S"\n'
        '[[section.topic]]\nid = "t"\ntitle = "T"\nsummary = "s"\n'
        'aliases = ["What is T"]\ndescription = "We optimize the color. **Learn:** x"\n'
        'questions = [{ q = "What is T?", a = "T." }]\n'
    )
    found = "\n".join(problems(bad, questions=True))
    for expected in (
        "no resource",
        "fewer than 3 sentences",
        "starting **Practise:**",
        "American spelling 'optimize'",
        "American spelling 'color'",
        "reads as a heading",
        "has 1 questions",
        "asks for a definition only",
        "too short to teach",
    ):
        assert expected in found, expected


def test_no_paragraph_runs_into_the_list_above_it():
    """A line straight after a bullet joins that bullet in Markdown ("Done when ..." shown as
    part of the last item): a paragraph after a list needs a blank line before it."""
    roadmap = load(bundled_path())
    joined = []
    for topic in roadmap.topics():
        lines = topic.description.splitlines()
        for before, line in pairwise(lines):
            if before.startswith("- ") and line.strip() and not line.startswith(("- ", " ")):
                joined.append(f"{topic.id}: {line[:40]}")
    assert not joined, joined
