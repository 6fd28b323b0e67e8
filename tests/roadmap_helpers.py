"""Shared by the roadmap loader tests: a small valid roadmap, writing it, a deep one, the cache."""

from __future__ import annotations

import textwrap
from pathlib import Path

GOOD = """\
[roadmap]
id = "mini"
title = "Mini roadmap"

[[source]]
id = "a"
title = "Source A"

[[section]]
id = "basics"
title = "Basics"

[[section.topic]]
id = "http"
title = "HTTP"
summary = "The protocol."
kind = "core"
level = "beginner"
hours = 4
sources = ["a"]
resources = [
  { type = "docs", title = "MDN", url = "https://developer.mozilla.org/" },
]

[[section.topic.topic]]
id = "methods"
title = "Methods"
summary = "GET, POST and friends."
prerequisites = ["basics/http"]

[[section.topic]]
id = "dns"
title = "DNS"
summary = "Names to addresses."
prerequisites = ["basics/http/methods"]
"""


def write(tmp_path: Path, text: str, name: str = "roadmap.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def deep_roadmap(depth: int) -> str:
    """A valid roadmap but for its one chain of topics, ``depth`` levels deep."""
    lines = ["[roadmap]", 'id = "deep"', 'title = "Deep"', "", "[[section]]", 'id = "s"']
    lines.append('title = "S"')
    for level in range(1, depth + 1):
        lines += ["", f"[[section{'.topic' * level}]]", f'id = "t{level}"', 'title = "T"']
    return "\n".join(lines) + "\n"
