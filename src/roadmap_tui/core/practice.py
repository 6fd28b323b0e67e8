"""Practice evidence: the learner's links to their own work (a local repository or a URL) and
the ticks of a project's checklist (its "It must include:" items). Pure: no files, no git.

Kept per topic in the progress file, beside its progress::

    [roadmaps.backend.practice."projects/todo-api"]
    links = ["/home/me/code/todo-api", "https://github.com/me/todo-api"]
    checked = ["endpoints-to-create-list-fetch-update-and-delete-todos", "storage-in-a-real"]

A checklist item is ticked by its key, the slug of its text (:func:`item_key`): the items can
be reordered in the roadmap and keep their ticks; an item reworded is a new item (not ticked);
the tick of an item no longer in the list stays in the file, is neither shown nor counted, and
counts again if the item comes back.

Two processes saving at once: each change is replayed onto the file as it is on disk (links and
ticks added are a union; a removal removes only what it names).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from roadmap_tui.core.stats import plural

_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})

# a line introducing the checklist, then its "- " (or "* ") items, one a line
_INTRO = re.compile(r"must include:\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*]\s+(.*\S)\s*$")
KEY_LENGTH = 40  # a key is the item's slug, cut at a word boundary to at most this long


class LinkError(ValueError):
    """A link that cannot be kept: the message says why (one line)."""


@dataclass(frozen=True, slots=True)
class TopicPractice:
    """A topic's practice evidence: links (absolute paths and http(s) URLs, in the order
    added), ticked checklist keys, and unknown keys of its table (kept as they are)."""

    links: tuple[str, ...] = ()
    checked: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=lambda: _NO_EXTRA, hash=False)

    @property
    def is_empty(self) -> bool:
        return not self.links and not self.checked and not self.extra

    def merged(self, other: TopicPractice) -> TopicPractice:
        """Both entries' links and ticks (ours first), and unknown keys (ours over theirs)."""
        return TopicPractice(
            self.links + tuple(v for v in other.links if v not in self.links),
            self.checked + tuple(v for v in other.checked if v not in self.checked),
            {**other.extra, **self.extra},
        )


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str  # stable: the slug of the text
    text: str


@dataclass(frozen=True, slots=True)
class RepoInfo:
    """What a local link is: ``state`` is "repo" (then ``commits`` and ``last_commit``),
    "missing", "not-a-dir", "not-a-repo", "empty" (a repository with no commits), "no-git"
    (git is not installed) or "error" (``detail`` says what git said, or that it timed out)."""

    state: str
    commits: int = 0
    last_commit: datetime | None = None
    detail: str = ""


# ---- links ----------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def is_url(link: str) -> bool:
    return link.lower().startswith(("http://", "https://"))


def normalize_link(text: str, cwd: str | None = None) -> str:
    """The link to keep for ``text``: an http(s) URL as given, or a path made absolute (``~``
    expanded, relative to ``cwd`` or the current directory, ``..`` resolved). LinkError for
    anything else: empty, control characters, another scheme (ftp:, file:, javascript: ...),
    a URL with no host."""
    link = text.strip()
    if not link:
        raise LinkError("a link cannot be empty: give a path or an http(s) URL")
    bad = next((c for c in link if ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise LinkError(f"a link cannot hold the control character {bad!r}")
    scheme = _SCHEME.match(link)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            raise LinkError(
                f"only http and https URLs can be linked, not {name}: "
                "(a local path: give it as /path, ~/path or ./path)"
            )
        from urllib.parse import urlsplit  # here: every command loads this module

        parts = urlsplit(link)
        if not parts.netloc or not parts.hostname or " " in link:
            raise LinkError("not a URL: it needs a host, as in https://host/path")
        return link
    path = os.path.expanduser(link)
    if not os.path.isabs(path):
        path = os.path.join(cwd if cwd is not None else os.getcwd(), path)
    return os.path.normpath(path)


def describe_repo(info: RepoInfo | None) -> str:
    """One line on a local link: what its repository says, or why there is none."""
    if info is None:
        return "looking at the repository…"
    if info.state == "repo":
        when = info.last_commit.astimezone().strftime("%Y-%m-%d %H:%M") if info.last_commit else "?"
        commits = plural(info.commits, "commit")
        return f"git: {commits}, last {when}"
    messages = {
        "missing": "no such path: moved, or on another machine?",
        "not-a-dir": "not a directory",
        "not-a-repo": "not a git repository",
        "empty": "a git repository with no commits yet",
        "no-git": "git is not installed: no commit count",
    }
    return messages.get(info.state) or f"git: {info.detail or 'failed'}"


# ---- the checklist --------------------------------------------------------------------------


def item_key(text: str) -> str:
    """The stable key of a checklist item: its slug (lower case, words joined by "-"), cut at
    a word boundary to at most KEY_LENGTH characters."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    key = ""
    for word in words:
        longer = f"{key}-{word}" if key else word
        if len(longer) > KEY_LENGTH:
            break
        key = longer
    return key or (words[0][:KEY_LENGTH] if words else "item")


def checklist(description: str) -> tuple[ChecklistItem, ...]:
    """The items of a description's "It must include:" list (the bullet lines right after the
    line ending with "must include:"); () when it has none. Keys are unique (a repeated slug
    gets "-2", "-3" ...)."""
    lines = description.splitlines()
    start = next((n for n, line in enumerate(lines) if _INTRO.search(line)), None)
    if start is None:
        return ()
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for line in lines[start + 1 :]:
        m = _BULLET.match(line)
        if m is None:
            if not line.strip() and not items:
                continue  # a blank line between the intro and the first item
            break
        key = base = item_key(m.group(1))
        n = 1
        while key in seen:
            n += 1
            key = f"{base}-{n}"
        seen.add(key)
        items.append(ChecklistItem(key, m.group(1)))
    return tuple(items)


def checklist_state(
    items: tuple[ChecklistItem, ...], practice: TopicPractice | None
) -> list[tuple[ChecklistItem, bool]]:
    """Each item and whether it is ticked."""
    checked = set(practice.checked) if practice is not None else set()
    return [(item, item.key in checked) for item in items]


# ---- changes --------------------------------------------------------------------------------


def apply_practice(
    practice: dict[str, TopicPractice],
    kind: str,
    topic: str,
    values: tuple[str, ...],
    remove: bool,
    renamed: Mapping[str, str] | None = None,
) -> None:
    """Add (or, ``remove``, take away) ``values`` to the topic's links (``kind`` "link") or
    ticked items ("check"), in ``practice`` (changed in place). Adding what is there, or
    removing what is not, changes nothing. Entries kept under the topic's former ids
    (``renamed``) are joined in and move to the current id (so a removed link stays removed)."""
    cur = practice.get(topic, TopicPractice())
    for former, current in (renamed or {}).items():
        if current == topic and former != topic and former in practice:
            cur = cur.merged(practice.pop(former))
    name = "links" if kind == "link" else "checked"
    old = getattr(cur, name)
    if remove:
        new = tuple(v for v in old if v not in values)
    else:
        new = old + tuple(v for v in dict.fromkeys(values) if v not in old)
    cur = replace(cur, **{name: new})
    if cur.is_empty:
        practice.pop(topic, None)
    else:
        practice[topic] = cur
