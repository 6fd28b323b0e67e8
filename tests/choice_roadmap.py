"""A small roadmap with pick-one choices, shared by the choice tests."""

from __future__ import annotations

from roadmap_tui.core.loader import parse

CHOICE_ROADMAP = """\
[roadmap]
id = "pick"
title = "Pick Test"

[[section]]
id = "basics"
title = "Basics"

[[section.topic]]
id = "internet"
title = "Internet"
hours = 2

[[section]]
id = "language"
title = "Pick a Language"
choose = 1
typical = "python"
description = "How to choose: take the one your job uses."

[[section.topic]]
id = "python"
title = "Python"
kind = "alternative"
hours = 10

[[section.topic.topic]]
id = "asyncio"
title = "asyncio"
hours = 4

[[section.topic]]
id = "go"
title = "Go"
kind = "alternative"
hours = 8

[[section.topic]]
id = "javascript"
title = "JavaScript"
kind = "alternative"
hours = 9

[[section]]
id = "frameworks"
title = "Frameworks"

[[section.topic]]
id = "framework"
title = "Pick a Framework"
choose = 1
typical = "django"
hours = 1

[[section.topic.topic]]
id = "django"
title = "Django"
kind = "alternative"
hours = 12
prerequisites = ["language/python"]

[[section.topic.topic]]
id = "express"
title = "Express"
kind = "alternative"
hours = 6
prerequisites = ["language/javascript"]

[[section.topic]]
id = "testing"
title = "Testing"
hours = 3
prerequisites = ["basics/internet"]

[[section]]
id = "projects"
title = "Projects"

[[section.topic]]
id = "todo-api"
title = "Todo API"
hours = 5
practises = ["basics/internet", "frameworks/testing", "frameworks/framework/django"]
"""


def choice_roadmap():
    return parse(CHOICE_ROADMAP, "pick.toml")
