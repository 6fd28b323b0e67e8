"""Practice evidence from the command line: ``link`` (links to the learner's work) and
``check`` (a project's checklist)."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from roadmap_tui.cli.common import Context, UserError, resolve, saving
from roadmap_tui.core.practice import (
    ChecklistItem,
    LinkError,
    checklist,
    checklist_state,
    describe_repo,
    is_url,
    normalize_link,
)
from roadmap_tui.core.stats import plural
from roadmap_tui.core.textsafe import json_dumps

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Topic
    from roadmap_tui.storage.progress import ProgressStore


def link(ctx: Context, args: Namespace) -> int:
    """Add links to a topic's practice evidence, or take the ``--remove`` ones away; with
    neither, list them (a local repository with its commit count and last commit)."""
    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.topic)
    if args.link and args.remove:
        raise UserError("add links or --remove them, not both at once")
    if not args.link and not args.remove:
        return _list_links(ctx, topic, store, args.json)
    have = store.practice_of(topic.id).links
    if args.remove:
        links = [_linked(topic, have, target) for target in args.remove]
        new = saving(lambda: store.link(topic.id, links, remove=True))
    else:
        links = []
        for target in args.link:
            try:
                links.append(normalize_link(target))
            except LinkError as exc:
                raise UserError(f"link {target!r}: {exc}") from None
        new = saving(lambda: store.link(topic.id, links))
    if args.json:
        return _list_links(ctx, topic, store, True)
    for found in dict.fromkeys(links):
        if args.remove:
            ctx.out.say(f"{topic.id}: removed the link {found}")
        else:
            done = "already linked to" if found in have else "linked"
            ctx.out.say(f"{topic.id}: {done} {found}")
    ctx.out.say(f"{topic.id} has {plural(len(new.links), 'link')}")
    return 0


def _linked(topic: Topic, have: tuple[str, ...], target: str) -> str:
    """The link of ``have`` that ``target`` names (as it is written, or normalized)."""
    try:
        found = normalize_link(target)
    except LinkError:
        found = target  # not a link we would keep: it can only match as it is written
    if found not in have and target in have:
        found = target
    if found not in have:
        listed = ", ".join(have) or "none"
        raise UserError(f"{topic.id} has no link {target!r} (its links: {listed})")
    return found


def _list_links(ctx: Context, topic: Topic, store: ProgressStore, as_json: bool) -> int:
    from roadmap_tui.storage.gitinfo import repo_info

    links = store.practice_of(topic.id).links
    infos = {found: repo_info(found) for found in links if not is_url(found)}
    if as_json:
        items = []
        for found in links:
            item: dict[str, object] = {"link": found, "kind": "url" if is_url(found) else "path"}
            info = infos.get(found)
            if info is not None:
                item["state"] = info.state
                if info.state == "repo":
                    item["commits"] = info.commits
                    last = info.last_commit
                    item["last_commit"] = last.isoformat() if last else None
                if info.detail:
                    item["detail"] = info.detail
            items.append(item)
        ctx.out.write(json_dumps({"id": topic.id, "links": items}) + "\n")
        return 0
    if not links:
        ctx.out.say(
            f"{topic.id} has no links; add one: roadmap-tui link {topic.id} PATH|URL "
            "(a local repository, or an http(s) URL)"
        )
        return 0
    for found in links:
        info = infos.get(found)
        ctx.out.say(found if info is None else f"{found}  — {describe_repo(info)}")
    return 0


def check(ctx: Context, args: Namespace) -> int:
    """Tick items of a project's checklist (by number, from 1; "all"), or untick them
    (``--undo``); with no numbers, list them. Says when every item is ticked; never marks the
    project done."""
    numbers, undo = args.item, args.undo
    roadmap, store = ctx.load()
    topic = resolve(roadmap, args.project)
    items = checklist(topic.description)
    if not items:
        raise UserError(
            f'{topic.id} has no checklist (its description has no "It must include:" list)'
        )
    if undo and not numbers:
        raise UserError("--undo needs the numbers of the items to untick (or all)")
    if numbers:
        picked = _picked(topic, items, numbers)
        keys = [items[n - 1].key for n in picked]
        saving(lambda: store.check(topic.id, keys, remove=undo))
    state = checklist_state(items, store.practice_of(topic.id))
    ticked = sum(done for _, done in state)
    complete = ticked == len(items)
    status = store.get(topic.id).status
    if args.json:
        data = {
            "id": topic.id,
            "ticked": ticked,
            "total": len(items),
            "complete": complete,
            "status": status,
            "items": [
                {"number": n, "key": item.key, "text": item.text, "ticked": done}
                for n, (item, done) in enumerate(state, start=1)
            ],
        }
        ctx.out.write(json_dumps(data) + "\n")
        return 0
    for n, (item, done) in enumerate(state, start=1):
        ctx.out.say(f"[{'x' if done else ' '}] {n}. {item.text}")
    ctx.out.say(f"{topic.id}: {ticked} of {len(items)} ticked")
    if complete and status != "done":
        ctx.out.say(
            f"Every item is ticked: when it is finished, mark it done: "
            f"roadmap-tui mark {topic.id} done"
        )
    return 0


def _picked(topic: Topic, items: tuple[ChecklistItem, ...], numbers: list[str]) -> list[int]:
    """The item numbers given (1-based; "all": every item), checked."""
    picked: list[int] = []
    for raw in numbers:
        if raw.strip().lower() == "all":
            picked.extend(range(1, len(items) + 1))
            continue
        try:
            n = int(raw)
        except ValueError:
            raise UserError(f"{raw!r} is not an item number (1 to {len(items)}, or all)") from None
        if not 1 <= n <= len(items):
            raise UserError(
                f"{topic.id} has no item {n}: its checklist has items 1 to {len(items)}"
            )
        picked.append(n)
    return list(dict.fromkeys(picked))
