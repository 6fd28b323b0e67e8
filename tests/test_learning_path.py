"""The learning path of the bundled roadmap: follow the next-topic hint from an empty progress,
mark each suggestion done (or, for a choice not yet made, pick its typical option as
``roadmap-tui choose`` would), and check that the order is one a good mentor would give.

A content edit that breaks the order fails here, with the step numbers that break it.
``python tests/test_learning_path.py`` prints the walk (see benchmarks/path.py).
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from roadmap_tui.core.choices import Choices, pick
from roadmap_tui.core.roadmap import Roadmap, Topic
from roadmap_tui.core.stats import COMPLETE, next_topic
from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.roadmaps import load


@dataclass
class Step:
    number: int
    topic: Topic
    pick: str = ""  # the option picked, for the pick of a choice


@dataclass
class Walk:
    roadmap: Roadmap
    steps: list[Step] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)
    chosen: dict[str, bool | None] = field(default_factory=dict)
    # what was offered at each step, and the state of the choices then
    out_offered: list[tuple[int, str, str]] = field(default_factory=list)

    def choices(self) -> Choices:
        return Choices(self.roadmap, self.status_of, self.chosen.get)

    def status_of(self, topic_id: str) -> str:
        return self.status.get(topic_id, "todo")

    def step_of(self, topic_id: str) -> int | None:
        """The step at which a topic was done (or a choice picked), None if never."""
        for step in self.steps:
            if step.topic.id == topic_id:
                return step.number
        return None

    def done_at(self, topic_id: str) -> int | None:
        """The step at which a topic was marked done."""
        for step in self.steps:
            if step.topic.id == topic_id and not step.pick:
                return step.number
        return None

    def picked_at(self, choice_id: str) -> int | None:
        for step in self.steps:
            if step.topic.id == choice_id and step.pick:
                return step.number
        return None

    def projects(self) -> list[Step]:
        return [s for s in self.steps if s.topic.practises]

    def counted_kind(self, step: Step) -> str:
        return self.choices().kind_of(step.topic)


def walk(roadmap: Roadmap, prefer: dict[str, str] | None = None, limit: int = 2000) -> Walk:
    """Follow ``next_topic`` to the end. ``prefer`` maps a choice id to the option slug to pick
    there (default: the option whose hours stand for the choice, its typical one)."""
    prefer = prefer or {}
    state = Walk(roadmap)
    for number in range(1, limit + 1):
        choices = state.choices()
        found = next_topic(roadmap, state.status_of, choices=choices)
        if found is None:
            return state
        topic = found.topic
        if choices.is_out(topic.id):
            state.out_offered.append((number, topic.id, choices.why(topic.id) or ""))
        if choices.pending(topic):
            slug = prefer.get(topic.id)
            option = roadmap[f"{topic.id}/{slug}"] if slug else choices.estimate_option(topic)
            for option_id, chosen in pick(roadmap, option):
                state.chosen[option_id] = chosen
            state.steps.append(Step(number, topic, option.id))
        else:
            assert state.status_of(topic.id) not in COMPLETE, (
                f"step {number}: {topic.id} suggested again"
            )
            state.status[topic.id] = "done"
            state.steps.append(Step(number, topic))
    raise AssertionError(f"the walk did not end within {limit} steps")


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load(bundled_path(), cache=False)


@pytest.fixture(scope="module")
def path(roadmap: Roadmap) -> Walk:
    return walk(roadmap)


def ancestors_and_self(roadmap: Roadmap, topic: Topic) -> list[Topic]:
    return [*roadmap.parents(topic.id), topic]


# ---------------------------------------------------------------------- the whole walk


def test_no_topic_is_suggested_twice(path: Walk):
    seen: dict[str, int] = {}
    for step in path.steps:
        key = f"{step.topic.id}{' (pick)' if step.pick else ''}"
        assert key not in seen, f"{key} suggested at steps {seen[key]} and {step.number}"
        seen[key] = step.number


def test_the_walk_ends_with_every_counted_topic_complete(path: Walk):
    choices = path.choices()
    left = [u.id for u in choices.units() if u.pick or u.status not in COMPLETE]
    assert left == [], f"after {len(path.steps)} steps still to do: {left[:10]}"


def test_every_suggestion_comes_after_its_prerequisites_and_its_parents(path: Walk):
    roadmap = path.roadmap
    for step in path.steps:
        for node in ancestors_and_self(roadmap, step.topic):
            for prereq in node.prerequisites:
                done = path.done_at(prereq)
                assert done is not None and done < step.number, (
                    f"step {step.number}: {step.topic.id} before {prereq} "
                    f"(needed by {node.id}; done at step {done})"
                )


def test_a_language_is_chosen_early(path: Walk):
    picked = path.picked_at("language")
    assert picked is not None and picked <= 20, f"the language is picked at step {picked}"
    learned = path.done_at(path.steps[picked - 1].pick)
    assert learned is not None and learned <= 20, f"the language is learned at step {learned}"


def test_no_core_topic_waits_behind_a_non_core_one(path: Walk):
    first_other = None
    for step in path.steps:
        kind = path.counted_kind(step)
        if kind != "core" and first_other is None:
            first_other = step
        elif kind == "core" and first_other is not None:
            raise AssertionError(
                f"step {step.number}: core {step.topic.id} after "
                f"{first_other.topic.kind} {first_other.topic.id} (step {first_other.number})"
            )


def test_every_core_topics_prerequisites_are_core(roadmap: Roadmap):
    wrong = []
    for topic in roadmap.nodes():
        if topic.kind != "core":
            continue
        for prereq_id in topic.prerequisites:
            prereq = roadmap[prereq_id]
            parent = roadmap.get(prereq.parent) if prereq.parent else None
            is_option = parent is not None and parent.is_choice
            if prereq.kind != "core" and not prereq.is_choice and not is_option:
                wrong.append(f"{topic.id} (core) needs {prereq_id} ({prereq.kind})")
    assert wrong == []


# what a project must come after, beyond what it lists: (project, topics), as the issue says
PROJECT_NEEDS = {
    "projects/todo-api": ["apis/rest", "apis/crud", "frameworks/framework"],
    "projects/notes-app": ["auth/authentication", "auth/session-management"],
    "projects/blog-api": ["databases/orm", "databases/migrations", "testing/integration-testing"],
    "projects/url-shortener": ["caching/redis-cache", "testing/load-testing"],
    "projects/ecommerce-backend": ["databases/relational/transactions", "auth/rbac"],
    "projects/lms": ["auth/rbac", "frameworks/file-uploads"],
    "projects/chat-app": ["internet/realtime/websockets", "architecture/message-queues/brokers"],
    "projects/food-delivery": ["architecture/event-driven", "architecture/sagas"],
    "projects/video-streaming": ["frameworks/job-queues", "caching/cdn", "devops/cloud"],
}
EVERY_PROJECT_NEEDS = ["apis/rest", "frameworks/framework", "databases/relational/engines"]


def test_every_project_comes_after_what_it_practises(path: Walk):
    projects = path.projects()
    assert {p.topic.id for p in projects} >= set(PROJECT_NEEDS), "a project never came"
    for project in projects:
        topic = project.topic
        needed = [*topic.prerequisites, *topic.practises, *EVERY_PROJECT_NEEDS]
        needed += PROJECT_NEEDS.get(topic.id, [])
        # a needed choice: the option picked there is learned too, not only picked
        needed += [
            step.pick
            for step in path.steps
            if step.pick and step.topic.id in needed and step.number < project.number
        ]
        for need in needed:
            done = path.done_at(need)
            assert done is not None and done < project.number, (
                f"project {topic.id} at step {project.number} before {need} (step {done})"
            )


def test_projects_are_interleaved_with_what_they_practise(path: Walk):
    projects = path.projects()
    first = projects[0].number
    assert first <= 80, f"the first project ({projects[0].topic.id}) comes at step {first}"
    for before, after in itertools.pairwise(projects):
        gap = after.number - before.number
        assert gap >= 4, (
            f"{after.topic.id} (step {after.number}) right after {before.topic.id} "
            f"(step {before.number}): nothing learned in between"
        )
    # not all at the end: after each project, topics of its own kind are still to learn (it
    # came with what it practises, not once everything of its rank was done)
    for project in projects:
        kind = path.counted_kind(project)
        later = [s for s in path.steps[project.number :] if path.counted_kind(s) == kind]
        assert len(later) >= 4, (
            f"{project.topic.id} (step {project.number}) comes after every other {kind} topic"
        )


# a prerequisite a mentor would insist on: (topic, what it needs, directly or through others)
MENTOR_NEEDS = [
    ("frameworks/framework/express", "language/javascript"),
    ("frameworks/framework/fastify", "language/javascript"),
    ("frameworks/framework/nestjs", "language/javascript"),
    ("frameworks/nodejs", "language/javascript"),
    ("frameworks/framework/django", "language/python"),
    ("frameworks/framework/gin", "language/go"),
    ("internet/realtime/websockets", "internet/http"),
    ("internet/realtime/server-sent-events", "internet/http"),
    ("apis/rest", "internet/http"),
    ("apis/crud", "databases/relational/sql"),
    ("auth/jwt", "auth/authentication"),
    ("security/csrf", "internet/http/cookies"),
    ("caching/redis-cache", "databases/nosql/redis"),
    ("devops/docker/compose", "devops/docker/images-and-containers"),
    ("devops/vps-deployment", "os/linux-basics"),
    ("system-design/designing-systems", "system-design/scalability"),
    ("architecture/microservices", "architecture/monolith"),
    ("version-control/git", "os/terminal"),
    ("dsa/trees", "fundamentals/recursion"),
]


def _needs(roadmap: Roadmap, topic_id: str) -> set[str]:
    """Everything a topic needs, through prerequisites and parents, transitively."""
    seen: set[str] = set()
    todo = [topic_id]
    while todo:
        topic = roadmap[todo.pop()]
        for node in ancestors_and_self(roadmap, topic):
            for prereq in node.prerequisites:
                if prereq not in seen:
                    seen.add(prereq)
                    todo.append(prereq)
    return seen


@pytest.mark.parametrize(("topic", "needed"), MENTOR_NEEDS)
def test_prerequisites_a_mentor_insists_on(roadmap: Roadmap, topic: str, needed: str):
    assert needed in _needs(roadmap, topic), f"{topic} does not need {needed}"


def test_data_structures_come_early_enough_to_be_useful(path: Walk):
    complexity = path.done_at("dsa/complexity")
    structures = path.done_at("dsa/hash-tables")
    design = path.done_at("system-design/scalability")
    assert complexity is not None and design is not None and structures is not None
    assert complexity < design and structures < design, (
        f"complexity at step {complexity}, hash tables at {structures}, system design at {design}"
    )
    assert complexity <= 120, f"complexity comes at step {complexity}"


# ---------------------------------------------------------------------- one walk per language

LANGUAGES = ["python", "javascript", "go", "java", "kotlin", "csharp", "php", "ruby", "rust"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_learner_of_one_language_is_never_offered_another(roadmap: Roadmap, language: str):
    path = walk(roadmap, {"language": language})
    assert path.out_offered == [], f"{language}: offered topics left out: {path.out_offered}"
    picked = path.picked_at("language")
    assert picked is not None and picked <= 20
    assert path.steps[picked - 1].pick == f"language/{language}"
    framework = path.picked_at("frameworks/framework")
    assert framework is not None, f"{language}: no framework offered"
    option = roadmap[path.steps[framework - 1].pick]
    assert f"language/{language}" in _needs(roadmap, option.id), (
        f"{language}: the framework picked is {option.id}"
    )
    learned = path.done_at(f"language/{language}")
    assert learned is not None and learned <= 20, f"{language} learned at step {learned}"
    first_project = path.projects()[0].number
    assert first_project <= 80, f"{language}: the first project at step {first_project}"
    offered = {s.topic.id for s in path.steps}
    for other in LANGUAGES:
        if other != language:
            wrong = sorted(t for t in offered if f"language/{other}" in _needs(roadmap, t))
            assert wrong == [], f"a {language} learner is offered {wrong}"


def test_the_framework_choice_offers_only_the_languages_frameworks(roadmap: Roadmap):
    go = roadmap["language/go"]
    status = {}
    chosen = dict(pick(roadmap, go))
    choices = Choices(roadmap, lambda t: status.get(t, "todo"), chosen.get)
    prompt = choices.prompt(roadmap["frameworks/framework"])
    assert "Gin" in prompt and "Django" not in prompt and "Express" not in prompt, prompt


# ---------------------------------------------------------------------- honest hours


def test_a_branchs_own_hours_are_its_overview_only(roadmap: Roadmap):
    heavy = [
        f"{t.id}: {t.hours:g} h of its own over {len(t.children)} parts"
        for t in roadmap.nodes()
        if t.children and t.hours > 2
    ]
    assert heavy == []


def test_no_part_is_counted_twice(path: Walk, roadmap: Roadmap):
    from roadmap_tui.core.stats import summary

    for choices in (Choices(roadmap, lambda t: "todo"), path.choices()):
        units = list(choices.units())
        keys = [(u.id, u.pick) for u in units]
        assert len(keys) == len(set(keys)), "a unit counted twice"
        statuses = {u.id: u.status for u in units if not u.pick}
        tally = summary(roadmap, statuses, choices)
        assert tally.hours_total == pytest.approx(sum(u.hours for u in units))
        assert tally.hours_total == pytest.approx(sum(p.hours_total for p in tally.children))
    # a choice not made counts its typical option once, not every option
    fresh = Choices(roadmap, lambda t: "todo")
    language = roadmap["language"]
    counted = sum(u.hours for u in fresh.units(language))
    assert counted == sum(t.hours for t in language.typical_option.walk())


def test_the_readme_figures_are_the_bundled_roadmaps(roadmap: Roadmap):
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"has (\d+) sections and (\d+) topics, about ([\d,]+) hours", text)
    assert found, "README: no figures in its first paragraphs"
    core = re.search(r"about ([\d,]+) on the core path", text)
    assert core, "README: no core-path hours"
    sections, topics = int(found[1]), int(found[2])
    assert (sections, topics) == (len(roadmap.sections), roadmap.topic_count)
    _, typical, core_hours = hours(roadmap)
    assert abs(int(found[3].replace(",", "")) - typical) <= 0.02 * typical, typical
    assert abs(int(core[1].replace(",", "")) - core_hours) <= 0.02 * core_hours, core_hours


# ---------------------------------------------------------------------- printing the walk


def hours(roadmap: Roadmap) -> tuple[float, float, float]:
    """(every topic, one option per choice (typical), the core path with one option each)."""
    everything = sum(t.hours for t in roadmap.topics())
    choices = Choices(roadmap, lambda t: "todo")
    typical = sum(u.hours for u in choices.units())
    core = sum(u.hours for u in choices.units() if u.kind == "core")
    return everything, typical, core


def report(roadmap: Roadmap) -> str:
    path = walk(roadmap)
    lines = [f"{len(path.steps)} steps"]
    for step in path.steps[:30]:
        what = f"pick {step.pick}" if step.pick else step.topic.id
        lines.append(f"{step.number:4}  {what}")
    firsts = {
        "language": path.picked_at("language"),
        "framework": path.picked_at("frameworks/framework"),
        "database": path.picked_at("databases/relational/engines"),
        "project": path.projects()[0].number,
    }
    lines += [f"first {name}: step {number}" for name, number in firsts.items()]
    lines += [f"project {p.topic.id}: step {p.number}" for p in path.projects()]
    everything, typical, core = hours(roadmap)
    lines.append(f"hours: {everything:g} in all, {typical:g} with one option per choice, ")
    lines[-1] += f"{core:g} on the core path"
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(load(Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_path(), cache=False)))
