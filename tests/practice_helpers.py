"""What the tests of linking work and ticking checklists share: a project for the tiny
roadmap, and the practice table as saved."""

from __future__ import annotations

import tomllib
from pathlib import Path

PROJECT = '''
[[section]]
id = "projects"
title = "Projects"

[[section.topic]]
id = "todo"
title = "Todo API"
summary = "A first API."
description = """
Build it. It must include:
- endpoints to create and list todos
- storage in a real SQL database
- tests for every endpoint
Done when it works.
"""
hours = 8
'''


def practice_table(tmp_path: Path, topic: str) -> dict:
    data = tomllib.loads((tmp_path / "progress.toml").read_text(encoding="utf-8"))
    return data["roadmaps"]["mini"].get("practice", {}).get(topic, {})
