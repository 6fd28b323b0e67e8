"""Pick-one choices: which options the learner chose, which topics are out, and what counts.

The one place of the rule (pure: no files, no Textual). A roadmap marks a choice with
``choose = N`` on a section or topic; its direct parts are the options.

* An option is *chosen* when the progress says so explicitly (``chosen = true|false``), else when
  its status is not todo (starting or finishing an option picks it).
* A choice is *made* when at least one of its options is chosen.
* A topic is *out* (not chosen) when it is an option of a made choice and not chosen, lies under
  an out topic, or needs an out topic; it *waits* when it is an option of a choice not yet made,
  lies under a waiting topic, or needs a waiting topic (frameworks wait for the language).
  Neither counts anywhere; nothing is deleted (statuses and notes stay).
* Counting: a choice not yet made counts as ONE unit of work (to do) with the hours of its
  typical option (that option's own hours plus its parts'); once made, its chosen options count
  like any topic. A choice that is a topic also counts as itself (its own hours: its overview).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from roadmap_tui.core.roadmap import Roadmap, Topic

OUT = "out"  # not chosen: excluded by a choice already made
WAITING = "waiting"  # depends on a choice not yet made

StatusOf = Callable[[str], str]
ChosenOf = Callable[[str], "bool | None"]


class Unit(NamedTuple):
    """One item of work as every count sees it: a topic, or the pick of a choice not made."""

    topic: Topic  # the topic, or the choice node for a pick
    status: str
    hours: float
    kind: str  # the kind it ranks with (a chosen option: its choice's kind)
    pick: bool = False  # True: the pick of a choice not yet made

    @property
    def id(self) -> str:
        return self.topic.id


def _no_pick(topic_id: str) -> bool | None:
    return None


class Choices:
    """The choices of a roadmap evaluated for one learner's progress.

    ``status_of`` maps a topic id to its status; ``chosen_of`` to its explicit pick (True,
    False, or None when the progress does not say).
    """

    def __init__(
        self, roadmap: Roadmap, status_of: StatusOf, chosen_of: ChosenOf | None = None
    ) -> None:
        self.roadmap = roadmap
        self.status_of = status_of
        self.chosen_of = explicit = chosen_of or _no_pick
        self.nodes: tuple[Topic, ...] = tuple(n for n in roadmap.nodes() if n.is_choice)
        self.chosen: set[str] = set()
        self.made: set[str] = set()
        for choice in self.nodes:
            for option in choice.children:
                pick = explicit(option.id)
                if pick if pick is not None else status_of(option.id) != "todo":
                    self.chosen.add(option.id)
                    self.made.add(choice.id)
        self._memo: dict[str, tuple[str, str] | None] = {}
        if self.nodes:  # without choices nothing is out or waiting
            for node in roadmap.nodes():
                self._state(node)
        # id -> (OUT | WAITING, why), for the topics that do not count
        self.state = {tid: found for tid, found in self._memo.items() if found is not None}

    @classmethod
    def of_entries(cls, roadmap: Roadmap, entries: Mapping[str, Any]) -> Choices:
        """From progress entries (objects with ``status`` and, optionally, ``chosen``)."""

        def status_of(topic_id: str) -> str:
            entry = entries.get(topic_id)
            return entry.status if entry is not None else "todo"

        def chosen_of(topic_id: str) -> bool | None:
            return getattr(entries.get(topic_id), "chosen", None)

        return cls(roadmap, status_of, chosen_of)

    # ------------------------------------------------------------------ the rule

    def _state(self, node: Topic) -> tuple[str, str] | None:
        memo = self._memo
        if node.id in memo:
            return memo[node.id]
        memo[node.id] = None  # a guard: a cycle through parents and prerequisites stops here
        found = self._compute(node)
        memo[node.id] = found
        return found

    def _compute(self, node: Topic) -> tuple[str, str] | None:
        roadmap = self.roadmap
        parent = roadmap.get(node.parent) if node.parent else None
        if parent is not None:
            if parent.is_choice:
                # an option's own reason first ("needs JavaScript, not chosen")
                blocked = self._blocked(node)
                if blocked is not None and blocked[0] == OUT:
                    return blocked
            inherited = self._state(parent)
            if inherited is not None:
                return inherited
            if parent.is_choice:
                if parent.id in self.made and node.id not in self.chosen:
                    picked = ", ".join(c.title for c in parent.children if c.id in self.chosen)
                    return OUT, f"not chosen: you picked {picked}"
                blocked = self._blocked(node)
                if blocked is not None:
                    return blocked
                if parent.id not in self.made:
                    return WAITING, f"one of the options of {parent.title}: not chosen yet"
                return None
        blocked = self._blocked(node)
        if blocked is not None:
            return blocked
        if node.is_choice and node.id not in self.made:
            states = [self._blocked(option) for option in node.children]
            if states and all(s is not None and s[0] == OUT for s in states):
                return OUT, "not chosen: every option needs a topic you did not choose"
        return None

    def _blocked(self, node: Topic) -> tuple[str, str] | None:
        """Out or waiting because of a prerequisite (None: its prerequisites are all in)."""
        waiting = None
        for prereq_id in node.prerequisites:
            prereq = self.roadmap.get(prereq_id)
            found = self._state(prereq) if prereq is not None else None
            if found is None or prereq is None:
                continue
            if found[0] == OUT:
                return OUT, f"needs {prereq.title}, not chosen"
            waiting = waiting or (WAITING, f"needs {prereq.title}, not chosen yet")
        return waiting

    # ------------------------------------------------------------------ asking

    def with_picked(self, topic: Topic) -> Choices:
        """These choices as they would be with ``topic``, and every option above it, picked."""
        picked = {topic.id, *self.roadmap.ancestor_ids(topic.id)}
        explicit = self.chosen_of
        return Choices(
            self.roadmap, self.status_of, lambda tid: True if tid in picked else explicit(tid)
        )

    def is_counted(self, topic_id: str) -> bool:
        """Whether a topic counts (neither out nor waiting for a choice)."""
        return topic_id not in self.state

    def is_out(self, topic_id: str) -> bool:
        found = self.state.get(topic_id)
        return found is not None and found[0] == OUT

    def why(self, topic_id: str) -> str | None:
        """Why a topic does not count ("not chosen: you picked Python"), or None."""
        found = self.state.get(topic_id)
        return found[1] if found else None

    def pending(self, choice: Topic) -> bool:
        """A choice still to make: not made, and not out itself."""
        return choice.is_choice and choice.id not in self.made and choice.id not in self.state

    def estimate_option(self, choice: Topic) -> Topic:
        """The option whose hours stand for a choice not yet made: the typical one, unless it
        is out, then the first one that is not."""
        typical = choice.typical_option
        assert typical is not None
        if self.is_out(typical.id):
            return next((o for o in choice.children if not self.is_out(o.id)), typical)
        return typical

    def estimate(self, choice: Topic) -> float:
        """The hours of a choice not yet made (its typical option and that option's parts)."""
        return sum(t.hours for t in self.estimate_option(choice).walk())

    def kind_of(self, topic: Topic) -> str:
        """The kind a topic ranks with: a chosen option takes its choice's kind."""
        if topic.id in self.chosen and topic.parent is not None:
            return self.kind_of(self.roadmap[topic.parent])
        return topic.kind

    def units(self, node: Topic | None = None) -> Iterator[Unit]:
        """The units of work under ``node`` (itself included; None: the whole roadmap), in
        roadmap order."""
        nodes = node.walk() if node is not None else self.roadmap.nodes()
        state, status_of, chosen, made = self.state, self.status_of, self.chosen, self.made
        for topic in nodes:
            if topic.id in state:
                continue
            kind = self.kind_of(topic) if topic.id in chosen else topic.kind
            if not topic.is_section:
                yield Unit(topic, status_of(topic.id), topic.hours, kind)
            if topic.choose and topic.id not in made:
                yield Unit(topic, "todo", self.estimate(topic), kind, pick=True)

    def prompt(self, choice: Topic) -> str:
        """The hint for a choice still to make, naming the options that are not out."""
        return choice_prompt(choice, [o for o in choice.children if not self.is_out(o.id)])

    def summary(self) -> list[dict]:
        """For each choice: its id, how many to pick, the chosen and not chosen options and
        whether it is made (for ``status --json`` and ``export``)."""
        return [
            {
                "id": choice.id,
                "title": choice.title,
                "choose": choice.choose,
                "made": choice.id in self.made,
                "chosen": [o.id for o in choice.children if o.id in self.chosen],
                "not_chosen": [o.id for o in choice.children if o.id not in self.chosen],
            }
            for choice in self.nodes
        ]


class BranchMark(NamedTuple):
    """What a mark of a branch and everything under it changes, and what it leaves alone."""

    ids: list[str]  # the topics it marks
    not_chosen: int  # left as they are: not chosen (or under or needing what is not)
    waiting: int  # left as they are: waiting for a pick

    @property
    def left(self) -> str:
        """What it leaves as it is ("8 not chosen and 3 waiting for a pick"), or ""."""
        parts = []
        if self.not_chosen:
            parts.append(f"{self.not_chosen} not chosen")
        if self.waiting:
            parts.append(f"{self.waiting} waiting for a pick")
        return " and ".join(parts)

    @property
    def left_as_is(self) -> str:
        """The same, said whole ("8 not chosen, left as they are"), or ""."""
        if not self.left:
            return ""
        one = self.not_chosen + self.waiting == 1
        return f"{self.left}, left as {'it is' if one else 'they are'}"


def branch_mark(choices: Choices, topic: Topic, status: str) -> BranchMark:
    """What marking ``topic`` and everything under it with ``status`` changes. A status other
    than to do picks the option it is set on, so such a mark leaves alone the topics under
    ``topic`` that do not count (not chosen, or waiting for a pick): marking a section done
    must not pick every option in it. A ``topic`` that does not count itself was named on
    purpose: what counts is then judged as if it were picked (a choice inside it still waits
    for its own pick)."""
    ids = [t.id for t in topic.walk() if not t.is_section]
    if status == "todo":
        return BranchMark(ids, 0, 0)
    judged = choices if choices.is_counted(topic.id) else choices.with_picked(topic)
    if not judged.is_counted(topic.id):  # out for another reason (it needs a topic not chosen)
        return BranchMark(ids, 0, 0)
    kept = [tid for tid in ids if judged.is_counted(tid)]
    out = sum(1 for tid in ids if judged.is_out(tid))
    return BranchMark(kept, out, len(ids) - len(kept) - out)


def added_picks(before: Choices, after: Choices, topic_ids: Iterable[str]) -> list[str]:
    """What to say of the options a change of status picked beyond what their choice asks for
    ("Go counts now too: your picks for Pick a Language are Python and Go"): starting or
    finishing an option picks it, which is easy to do on one not chosen."""
    said = []
    roadmap = after.roadmap
    for topic_id in topic_ids:
        topic = roadmap.get(topic_id)
        choice = roadmap.get(topic.parent) if topic is not None and topic.parent else None
        if choice is None or not choice.is_choice or choice.id not in before.made:
            continue
        if topic_id in before.chosen or not after.is_counted(topic_id):
            continue  # a pick already, or it counts nowhere still (it needs a topic not chosen)
        picks = [o.title for o in choice.children if o.id in after.chosen]
        if topic_id in after.chosen and len(picks) > choice.choose:
            names = _joined(picks)
            said.append(f"{topic.title} counts now too: your picks for {choice.title} are {names}")
    return said


def changed_picks(before: Choices, after: Choices) -> list[str]:
    """What to say of each choice whose picks a merge changed ("Pick a Language: your pick is
    now Go (it was Python)"), in roadmap order."""
    said = []
    for choice in after.nodes:
        was = [o.title for o in choice.children if o.id in before.chosen]
        now = [o.title for o in choice.children if o.id in after.chosen]
        if was != now:
            said_now = _picks_are(now, "no pick now", "your pick is now", "your picks are now")
            said_was = _picks_are(was, "no pick before", "it was", "they were")
            said.append(f"{choice.title}: {said_now} ({said_was})")
    return said


def _picks_are(titles: list[str], none: str, one: str, many: str) -> str:
    if not titles:
        return none
    return f"{one if len(titles) == 1 else many} {_joined(titles)}"


def _joined(titles: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return ", ".join(titles[:-1]) + f" and {titles[-1]}" if len(titles) > 1 else titles[0]


def choice_prompt(choice: Topic, options: list[Topic] | None = None) -> str:
    """What the next-topic hint says for a choice not yet made: "choose your language:
    Python, Go, ..." (the titles of ``options``, by default every option)."""
    name = choice.title
    for prefix in ("Pick a ", "Pick an ", "Pick one ", "Choose a ", "Choose an ", "Choose "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    name = name[:1].lower() + name[1:]
    titles = ", ".join(option.title for option in (options or choice.children))
    many = f" {choice.choose}" if choice.choose > 1 else ""
    return f"choose{many} your {name}: {titles}"


# ---------------------------------------------------------------------- changing the pick

Pick = tuple[str, "bool | None"]  # (option id, chosen: True, False, or None to clear)


class NotAnOption(ValueError):
    """The topic is neither an option of a pick-one choice nor a choice."""


def choice_of(roadmap: Roadmap, topic: Topic) -> Topic | None:
    """The choice a topic is an option of, or the topic itself when it is a choice."""
    if topic.is_choice:
        return topic
    parent = roadmap.get(topic.parent) if topic.parent else None
    return parent if parent is not None and parent.is_choice else None


def pick(roadmap: Roadmap, option: Topic, *, also: bool = False) -> list[Pick]:
    """The picks that choose ``option``: it becomes chosen and, unless ``also``, every other
    option of its choice not chosen (explicitly; their statuses are kept)."""
    choice = choice_of(roadmap, option)
    if choice is None or choice is option:
        raise NotAnOption(f"{option.id} is not an option of a pick-one choice")
    picks: list[Pick] = [(option.id, True)]
    if not also:
        picks += [(other.id, False) for other in choice.children if other is not option]
    return picks


def unpick(roadmap: Roadmap, topic: Topic) -> tuple[Topic, list[Pick]]:
    """The choice of ``topic`` (an option or the choice) and the picks that clear it: every
    option back to what its status says (an option started or finished stays chosen)."""
    choice = choice_of(roadmap, topic)
    if choice is None:
        raise NotAnOption(f"{topic.id} is neither a pick-one choice nor one of its options")
    return choice, [(option.id, None) for option in choice.children]
