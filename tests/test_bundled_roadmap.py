"""The bundled roadmap: valid and large, every topic described, https resources, its projects."""

from __future__ import annotations

from roadmap_tui.storage.paths import bundled_path
from roadmap_tui.storage.roadmaps import load


def test_bundled_roadmap_is_valid_and_large():
    roadmap = load(bundled_path())
    assert roadmap.id == "backend"
    assert len(roadmap.sources) == 5
    assert roadmap.topic_count >= 200
    section_ids = [s.id for s in roadmap.sections]
    assert section_ids[0] == "language" and roadmap.sections[0].is_choice  # choose first
    assert section_ids[-2:] == ["projects", "career"]


def _sentences(text: str) -> int:
    import re

    prose = re.sub(r"^\s*[-*] .*$", "", text, flags=re.M)
    return len([s for s in re.split(r"(?<=[.!?])\s+", prose) if len(s.split()) >= 3])


def test_every_topic_is_described():
    roadmap = load(bundled_path())
    for topic in roadmap.topics():
        assert topic.title.strip() and topic.summary.strip(), topic.id
        assert topic.hours > 0, topic.id
        if topic.is_leaf:
            assert _sentences(topic.description) >= 3, topic.id
        else:
            assert _sentences(topic.description) >= 2, topic.id


def test_bundled_resources_are_https():
    roadmap = load(bundled_path())
    urls = [r.url for t in roadmap.topics() for r in t.resources]
    assert len(urls) >= 150
    assert all(u.startswith("https://") for u in urls)
    assert not any("roadmap.sh" in u for u in urls)


def test_projects_say_what_they_practise():
    roadmap = load(bundled_path())
    projects = roadmap["projects"].children
    assert len(projects) == 9
    for project in projects:
        assert len(project.practises) >= 3, project.id
        assert "must include" in project.description.lower(), project.id
    levels = {p.slug: p.level for p in projects}
    assert levels["todo-api"] == "beginner"
    assert levels["url-shortener"] == "intermediate"
    assert levels["video-streaming"] == "advanced"


def test_languages_are_a_pick_one_choice():
    roadmap = load(bundled_path())
    kinds = {t.slug: t.kind for t in roadmap["language"].children}
    assert kinds["python"] == kinds["go"] == kinds["java"] == "alternative"


def test_bundled_roadmap_has_the_standard_concepts_the_seeds_skip():
    roadmap = load(bundled_path())
    for topic_id in (
        "apis/grpc",
        "apis/openapi",
        "apis/hateoas",
        "databases/relational/acid",
        "databases/n-plus-one",
        "databases/replication",
        "databases/sharding",
        "databases/cap-theorem",
        "databases/relational/engines/sqlite",
        "databases/relational/engines/mariadb",
        "databases/nosql/elasticsearch",
        "internet/realtime/server-sent-events",
        "internet/realtime/long-polling",
        "devops/kubernetes",
        "devops/serverless",
        "devops/twelve-factor",
        "devops/observability",
        "system-design/circuit-breakers",
        "system-design/backpressure",
        "system-design/graceful-degradation",
        "fundamentals/design-patterns",
        "testing/tdd",
        "security/content-security-policy",
    ):
        assert topic_id in roadmap, topic_id
    observability = roadmap["devops/observability"].description.lower()
    assert "metrics" in observability and "trac" in observability
