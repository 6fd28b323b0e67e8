"""The roadmap loader: every kind of mistake is reported with the file, the line and what was
expected, all at once; and its limits: depth, ids and urls, choices, former ids, questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_tui.core.loader import parse
from roadmap_tui.core.roadmap import RoadmapError
from roadmap_tui.storage.roadmaps import load
from tests.roadmap_helpers import GOOD, deep_roadmap, write


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RoadmapError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def test_good_roadmap_loads_into_a_tree(tmp_path):
    roadmap = load(write(tmp_path, GOOD))
    assert roadmap.id == "mini"
    assert [s.id for s in roadmap.sections] == ["basics"]
    assert [t.id for t in roadmap.topics()] == ["basics/http", "basics/http/methods", "basics/dns"]
    methods = roadmap["basics/http/methods"]
    assert methods.parent == "basics/http"
    assert methods.depth == 2
    assert methods.kind == "core" and methods.level == "beginner"  # defaults
    assert roadmap["basics/http"].resources[0].url == "https://developer.mozilla.org/"
    assert roadmap.total_hours == 4
    assert [p.id for p in roadmap.parents("basics/http/methods")] == ["basics", "basics/http"]


def test_flat_views_and_identity(tmp_path):
    roadmap = load(write(tmp_path, GOOD))
    assert [n.id for n in roadmap.nodes()] == [
        "basics",
        "basics/http",
        "basics/http/methods",
        "basics/dns",
    ]
    assert roadmap.ancestor_ids("basics/http/methods") == ("basics", "basics/http")
    assert roadmap.ancestor_ids("basics") == () and roadmap.parents("nothing") == []
    assert "basics/dns" in roadmap and roadmap.get("nothing") is None
    again = parse(GOOD, "other.toml")
    assert again["basics/dns"] != roadmap["basics/dns"]  # topics compare by identity
    assert again.sources == roadmap.sources  # resources and sources by value
    assert {roadmap["basics/dns"]: 1}[roadmap["basics/dns"]] == 1
    assert repr(roadmap) == "Roadmap(id='mini', title='Mini roadmap', 4 nodes)"


def test_model_is_frozen(tmp_path):
    roadmap = load(write(tmp_path, GOOD))
    with pytest.raises(AttributeError):
        roadmap["basics/http"].title = "changed"  # type: ignore[misc]


def test_toml_syntax_error_names_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace('title = "DNS"', 'title = "DNS'))
    (problem,) = problems_of(path)
    line = GOOD.splitlines().index('title = "DNS"') + 1
    assert problem.startswith(f"{path}:{line}: not valid TOML")
    assert "column" in problem


def test_unknown_key_has_did_you_mean_and_line(tmp_path):
    path = write(tmp_path, GOOD.replace('summary = "Names', 'sumary = "Names'))
    (problem,) = problems_of(path)
    line = GOOD.splitlines().index('summary = "Names to addresses."') + 1
    assert problem == (
        f"{path}:{line}: topic basics/dns: unknown key 'sumary' (did you mean 'summary'?)"
    )


def test_missing_and_empty_title_and_id(tmp_path):
    text = GOOD.replace('title = "Methods"', 'title = "  "').replace('id = "dns"\n', "")
    problems = problems_of(write(tmp_path, text))
    assert any("topic basics/http/methods: 'title' is empty" in p for p in problems)
    assert any("missing 'id'" in p for p in problems)


def test_duplicate_ids_among_siblings(tmp_path):
    problems = problems_of(write(tmp_path, GOOD.replace('id = "dns"', 'id = "http"')))
    assert any("duplicate id 'http'" in p for p in problems)


def test_same_slug_under_different_parents_is_fine(tmp_path):
    text = GOOD + '\n[[section.topic.topic]]\nid = "methods"\ntitle = "DNS methods"\n'
    roadmap = load(write(tmp_path, text))
    assert "basics/dns/methods" in roadmap


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "core"', 'kind = "main"', "kind 'main' is not one of core, recommended"),
        ('level = "beginner"', 'level = "beginer"', "(did you mean 'beginner'?)"),
        ('type = "docs"', 'type = "doc"', "type 'doc' is not one of docs, article"),
        ("https://developer.mozilla.org/", "ftp://example.com/", "must be an http:// or https://"),
        ("hours = 4", "hours = -1", "hours must be a number >= 0"),
        ('sources = ["a"]', 'sources = ["b"]', "source 'b' is not a [[source]] id"),
        ('id = "dns"', 'id = "DNS Topic"', "is not a slug"),
    ],
)
def test_bad_values(tmp_path, old, new, expected):
    path = write(tmp_path, GOOD.replace(old, new))
    problems = problems_of(path)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems)


def test_prerequisite_that_names_no_topic(tmp_path):
    path = write(tmp_path, GOOD.replace('["basics/http/methods"]', '["basics/http/method"]'))
    (problem,) = problems_of(path)
    assert "prerequisite 'basics/http/method' names no topic" in problem
    assert "(did you mean 'basics/http/methods'?)" in problem


def test_prerequisite_cycle_is_reported_with_its_path(tmp_path):
    text = GOOD.replace(
        'summary = "The protocol."', 'summary = "x"\nprerequisites = ["basics/dns"]'
    )
    problems = problems_of(write(tmp_path, text))
    assert any(
        "prerequisite cycle: basics/http -> basics/dns -> basics/http/methods -> basics/http" in p
        for p in problems
    ), problems


def test_all_errors_are_reported_at_once(tmp_path):
    text = (
        GOOD.replace('kind = "core"', 'kind = "x"')
        .replace('level = "beginner"', 'level = "y"')
        .replace('summary = "Names', 'sumary = "Names')
    )
    assert len(problems_of(write(tmp_path, text))) == 3


def test_missing_roadmap_table_and_sections(tmp_path):
    problems = problems_of(write(tmp_path, 'title = "x"\n'))
    assert any("unknown key 'title'" in p for p in problems)
    assert any("missing the [roadmap] table" in p for p in problems)
    assert any("no [[section]]" in p for p in problems)


def test_missing_file_and_not_utf8(tmp_path):
    assert problems_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b'[roadmap]\nid = "x"\ntitle = "caf\xe9"\n')
    assert problems_of(bad) == [f"{bad}:3: not UTF-8 text (a roadmap file must be UTF-8)"]


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "crlf.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    assert load(path).topic_count == 3


def test_find_by_id_title_and_alias(tmp_path):
    roadmap = load(write(tmp_path, GOOD))
    assert [t.id for t in roadmap.find("basics/dns")] == ["basics/dns"]
    assert [t.id for t in roadmap.find("http")] == ["basics/http"]
    assert [t.id for t in roadmap.find("METHODS")] == ["basics/http/methods"]
    assert roadmap.find("nothing") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_loader_never_raises_anything_but_roadmap_error(text):
    try:
        parse(text, "fuzz.toml")
    except RoadmapError as exc:
        assert exc.problems
        assert all(str(p).startswith("fuzz.toml") for p in exc.problems)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_loader_survives_mutated_good_files(data):
    lines = GOOD.splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=40))
    try:
        parse("\n".join(lines), "mut.toml")
    except RoadmapError as exc:
        assert exc.problems


# ------------------------------------------------------------------------ limits and ids


def _too_deep(path) -> str:
    chain = "/".join(["s", *(f"t{level}" for level in range(1, 34))])
    line = deep_roadmap(400).splitlines().index(f"[[section{'.topic' * 33}]]") + 1
    return f"{path}:{line}: topic {chain}: nested deeper than 32 levels"


def test_a_roadmap_nested_too_deep_is_one_located_problem(tmp_path, cache_dir):
    assert parse(deep_roadmap(32), "ok.toml").get("s/" + "/".join(f"t{n}" for n in range(1, 33)))
    with pytest.raises(RoadmapError) as info:
        parse(deep_roadmap(400), "deep.toml")
    assert [str(p) for p in info.value.problems] == [_too_deep("deep.toml")]
    path = tmp_path / "deep.toml"
    path.write_text(deep_roadmap(400), encoding="utf-8")
    assert problems_of(path) == [_too_deep(path)]
    assert problems_of(path) == [_too_deep(path)]  # and never cached


def test_the_commands_report_a_roadmap_nested_too_deep(tmp_path, run):
    path = tmp_path / "deep.toml"
    path.write_text(deep_roadmap(400), encoding="utf-8")
    for args in (("validate", path), ("--roadmap", path, "status")):
        code, out, err = run(*args)
        assert code == 1, (args, out, err)
        assert "Traceback" not in err + out
        (located,) = [line for line in err.splitlines() if f"{path}:" in line]
        assert located.endswith(_too_deep(path)), err


def test_toml_nested_too_deep_for_the_parser_is_a_roadmap_error():
    text = GOOD + "aliases = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(RoadmapError) as info:
        parse(text, "arrays.toml")
    line = len(GOOD.splitlines()) + 1
    assert [str(p) for p in info.value.problems] == [
        f"arrays.toml:{line}: not valid TOML: nested too deeply"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('id = "dns"', 'id = "dns\\n"', "is not a slug"),
        ('id = "mini"', 'id = "mini\\n"', "is not a slug"),
        ('id = "a"', 'id = "a\\n"', "is not a slug"),
        ("https://developer.mozilla.org/", "https://developer.mozilla.org/\\n", "https://"),
        ('title = "Source A"', 'title = "Source A"\nurl = false', "url False must be an http"),
    ],
)
def test_ids_and_urls_end_where_they_end(tmp_path, old, new, expected):
    problems = problems_of(write(tmp_path, GOOD.replace(old, new, 1)))
    assert any(expected in p for p in problems), problems


CHOICE = """\
[roadmap]
id = "r"
title = "R"
[[section]]
id = "lang"
title = "Pick a language"
{choice}
[[section.topic]]
id = "python"
title = "Python"
summary = "s"
hours = 40
{formerly}
[[section.topic]]
id = "go"
title = "Go"
summary = "s"
hours = 30
"""


def test_a_choice_and_its_typical_option():
    roadmap = parse(CHOICE.format(choice='choose = 1\ntypical = "go"', formerly=""))
    assert roadmap["lang"].is_choice and roadmap["lang"].choose == 1
    assert roadmap["lang"].typical_option.id == "lang/go"
    plain = parse(CHOICE.format(choice="choose = 1", formerly=""))
    assert plain["lang"].typical_option.id == "lang/python"  # the first, unless named
    assert not plain["lang/go"].is_choice and plain["lang/go"].typical_option is None


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("choose = 2", ":7: section 'lang': choose = 2 needs more than 2 options (it has 2)"),
        ("choose = 0", ":7: section 'lang': choose must be a whole number >= 1"),
        ("choose = true", ":7: section 'lang': choose must be a whole number >= 1"),
        ('choose = 1\ntypical = "rust"', ":8: section 'lang': typical 'rust' is not one of"),
        ('typical = "go"', ":7: section 'lang': 'typical' needs 'choose'"),
    ],
)
def test_a_wrong_choice_is_a_located_problem(choice, message):
    with pytest.raises(RoadmapError) as caught:
        parse(CHOICE.format(choice=choice, formerly=""), "r.toml")
    assert f"r.toml{message}" in str(caught.value)


def test_former_ids_map_to_the_current_topic():
    roadmap = parse(CHOICE.format(choice="", formerly='formerly = ["old/python", "py"]'))
    assert roadmap.renamed == {"old/python": "lang/python", "py": "lang/python"}


@pytest.mark.parametrize(
    ("formerly", "message"),
    [
        ('formerly = ["lang/go"]', "former id 'lang/go' is the id of a topic still here"),
        ('formerly = ["Not An Id"]', "former id 'Not An Id' is not a topic id"),
        ('formerly = ["a/b", "a/b"]', "former id 'a/b' is claimed by 'lang/python' too"),
    ],
)
def test_a_wrong_former_id_is_a_located_problem(formerly, message):
    with pytest.raises(RoadmapError) as caught:
        parse(CHOICE.format(choice="", formerly=formerly), "r.toml")
    assert f"r.toml:13: topic lang/python: {message}" in str(caught.value)


def test_problems_are_listed_in_line_order():
    text = CHOICE.format(choice='choose = 1\ntypical = "rust"', formerly='formerly = ["lang/go"]')
    text = text.replace('summary = "s"\nhours = 30', 'summary = "s"\nhours = -1\nkind = "main"')
    with pytest.raises(RoadmapError) as caught:
        parse(text, "r.toml")
    lines = [p.line for p in caught.value.problems]
    assert len(lines) == 4 and lines == sorted(lines), caught.value


def test_a_misspelt_prerequisite_never_suggests_the_topic_itself():
    text = CHOICE.format(choice="", formerly='prerequisites = ["lang/pythn"]')
    with pytest.raises(RoadmapError) as caught:
        parse(text, "r.toml")
    assert "prerequisite 'lang/pythn' names no topic" in str(caught.value)
    assert "did you mean 'lang/python'" not in str(caught.value)


QUESTIONS = """\
[roadmap]
id = "r"
title = "R"
[[section]]
id = "s"
title = "S"
[[section.topic]]
id = "a"
title = "A"
summary = "s"
questions = [
  {{ q = "What does an index cost on writes?", a = "Every write updates it too." }},
  {extra}
]
"""


def test_a_topic_has_self_check_questions_with_answers():
    roadmap = parse(QUESTIONS.format(extra=""))
    [question] = roadmap["s/a"].questions
    assert question.q == "What does an index cost on writes?"
    assert question.a == "Every write updates it too."


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('{ q = " ", a = "x" }', "question #2: question 'q' is empty"),
        ('{ q = "Why?" }', "question #2: answer 'a' is missing"),
        ('{ q = "Why?", a = "y", hint = "z" }', "question #2: unknown key 'hint' (a question"),
        ('"Why?"', "question #2: must be a table with q (the question) and a (its answer)"),
        ('{ q = 3, a = "y" }', "question #2: question 'q' is not a string (int)"),
    ],
)
def test_a_wrong_question_is_a_located_problem(extra, message):
    with pytest.raises(RoadmapError) as caught:
        parse(QUESTIONS.format(extra=extra), "r.toml")
    assert f"r.toml:11: topic s/a > {message}" in str(caught.value)
