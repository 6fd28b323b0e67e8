"""The team view as a rich renderable, shared by ``roadmap-tui team`` and the app's team
screen: one column per member, one row per section, then the totals, streak and this week."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from roadmap_tui.core.roadmap import Roadmap
from roadmap_tui.core.team import Member, Unreadable
from roadmap_tui.core.textsafe import clean


def team_table(
    roadmap: Roadmap, members: Sequence[Member], unreadable: Sequence[Unreadable]
) -> RenderableType:
    parts: list[RenderableType] = []
    if members:
        table = Table(title=Text(clean(roadmap.title)), title_justify="left")
        table.add_column("Section")
        for member in members:
            table.add_column(Text(clean(member.name)), justify="right")
        for section in roadmap.sections:
            table.add_row(
                Text(clean(section.title)),
                *(f"{m.sections.get(section.id, 0):.0f}%" for m in members),
            )
        table.add_section()
        table.add_row(Text("Overall", style="bold"), *(f"{m.percent:.0f}%" for m in members))
        table.add_row("Complete", *(f"{m.complete}/{m.total}" for m in members))
        table.add_row("In progress", *(str(m.in_progress) for m in members))
        table.add_row("Streak (days)", *(str(m.streak) for m in members))
        table.add_row("This week: changes", *(str(m.week) for m in members))
        table.add_row("This week: completed", *(str(m.completed_week) for m in members))
        parts.append(table)
    else:
        parts.append(Text("No member's progress to show for this roadmap."))
    if unreadable:
        parts.append(Text("Not shown:"))
        for item in unreadable:
            parts.append(Text(clean(f"  {item.name}: {item.reason}")))
    return Group(*parts)
