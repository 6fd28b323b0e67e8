"""``roadmap-tui team DIR``: a study group's progress side by side, read-only."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from roadmap_tui.cli.common import Context, UserError
from roadmap_tui.core.textsafe import json_dumps
from roadmap_tui.storage import paths


def team(ctx: Context, args: Namespace) -> int:
    from roadmap_tui.storage.team import TeamError, team_of

    roadmap = ctx.load_roadmap()
    try:
        folder, first_weekday = paths.expand(args.dir), ctx.settings.week_start_day
        members, unreadable = team_of(folder, roadmap, date.today(), first_weekday)
    except TeamError as exc:
        raise UserError(f"team: {exc}") from None
    if args.json:
        data = {
            "roadmap": {"id": roadmap.id, "title": roadmap.title},
            "members": [m.as_dict() for m in members],
            "not_shown": [u.as_dict() for u in unreadable],
        }
        ctx.out.write(json_dumps(data) + "\n")
        return 0
    from roadmap_tui.report import team_table

    ctx.out.print(team_table(roadmap, members, unreadable))
    return 0
