"""What the bundled roadmap's text must be: the house rules for its content, as checks.

``problems(roadmap, sections)`` lists every topic of those sections that breaks a rule, as
"id: what" lines; tests/test_content.py asserts there are none.
"""

from __future__ import annotations

import re

from roadmap_tui.core.roadmap import Roadmap, Topic

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|https?://\S+")

# One spelling convention: British, with -ise (organise, serialisation, authorisation).
# American forms that must not appear in prose (code spans, URLs and resource titles may keep
# a product's own spelling, such as the HTTP `Authorization` header).
AMERICAN = re.compile(
    r"\b("
    r"[a-z]+(?<!s)(?<!pr)(?<!c)(?:iz(?:e|es|ed|ing|er|ers)|ization|izations)"
    r"|analyz\w*|catalyz\w*|behavior\w*|color\w*|favor\w*|honor\w*|labor\w*|neighbor\w*|flavor\w*"
    r"|center|centers|centered|licens(?:e|es)\b(?#noun ok)"
    r"|catalog|catalogs|analog|dialog(?!ue)s?"
    r")\b",
    re.IGNORECASE,
)
ALLOWED = {
    "size",
    "sizes",
    "sized",
    "resize",
    "resizes",
    "resized",
    "resizing",
    "seize",
    "prize",
    "license",
    "licenses",
    "dialog",
    "dialogs",
    "catalog",
    "catalogs",
}

# Headings copied from a source are not other names of a topic.
HEADING_ALIAS = re.compile(
    r"^(what|how|why|when|where|which|who|common|introduction|getting|understanding|the )"
    r"|\?$|\b(beginners?|mistakes|step[- ]by[- ]step|roadmap|guide|overview|basics of)\b",
    re.IGNORECASE,
)


def prose(text: str) -> str:
    """Text without code spans and links: what spelling rules apply to."""
    return LINK.sub(lambda m: m.group(1) or "", CODE.sub("", text))


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


# "What is an index?" checks a definition, not understanding
SHALLOW_QUESTION = re.compile(
    r"^(what is|what are|define)\s+(an?\s+|the\s+)?[^,;:?]{1,40}\?$", re.I
)


def question_problems(topic: Topic) -> list[str]:
    """A leaf has 3 to 6 self-check questions, each a specific question with a model answer."""
    found = []
    if topic.is_leaf and not 3 <= len(topic.questions) <= 6:
        found.append(f"has {len(topic.questions)} questions (3 to 6 wanted)")
    for question in topic.questions:
        if not question.q.rstrip().endswith("?"):
            found.append(f"question {question.q!r} does not end with '?'")
        if SHALLOW_QUESTION.match(question.q.strip()):
            found.append(f"question {question.q!r} asks for a definition only")
        if len(SENTENCE_END.findall(question.a)) < 1 or len(question.a) < 30:
            found.append(f"answer to {question.q!r} is too short to teach")
        for word in AMERICAN.findall(prose(question.q + " " + question.a)):
            if word.casefold() not in ALLOWED:
                found.append(f"American spelling {word!r} in a question")
    return found


def topic_problems(topic: Topic) -> list[str]:
    found = []
    text = topic.description
    if not topic.resources:
        found.append("no resource")
    if topic.is_leaf:
        parts = paragraphs(text)
        body = [p for p in parts if not p.startswith(("**Learn:**", "**Practise:**"))]
        if len(SENTENCE_END.findall(" ".join(body))) < 3:
            found.append("fewer than 3 sentences before Learn and Practise")
        for head in ("**Learn:**", "**Practise:**"):
            own = [p for p in parts if p.startswith(head)]
            if len(own) != 1:
                found.append(f"needs one paragraph starting {head} (has {len(own)})")
            elif any(other in own[0] for other in ("**Learn:**", "**Practise:**") if other != head):
                found.append(f"{head} paragraph runs into another")
    for word in AMERICAN.findall(prose(" ".join([topic.title, topic.summary, text]))):
        if word.casefold() not in ALLOWED:
            found.append(f"American spelling {word!r}")
    for alias in topic.aliases:
        if HEADING_ALIAS.search(alias):
            found.append(f"alias {alias!r} reads as a heading, not another name")
    return found


def problems(
    roadmap: Roadmap, sections: list[str] | None = None, *, questions: bool = False
) -> list[str]:
    """Every rule broken by a topic of these sections (all sections if None); with
    ``questions``, the rules for self-check questions too."""
    found = []
    for section in roadmap.sections:
        if sections is not None and section.id not in sections:
            continue
        for topic in section.walk():
            if topic.is_section:
                continue
            found.extend(f"{topic.id}: {what}" for what in topic_problems(topic))
            if questions:
                found.extend(f"{topic.id}: {what}" for what in question_problems(topic))
    return found


if __name__ == "__main__":  # python tests/content_checks.py [--questions] [SECTION ...]
    import sys

    from roadmap_tui.storage.paths import bundled_path
    from roadmap_tui.storage.roadmaps import load

    args = sys.argv[1:]
    with_questions = "--questions" in args
    names = [a for a in args if a != "--questions"] or None
    listed = problems(load(bundled_path(), cache=False), names, questions=with_questions)
    print("\n".join(listed) or "ok")
    print(f"{len(listed)} problem(s)", file=sys.stderr)
    sys.exit(1 if listed else 0)
