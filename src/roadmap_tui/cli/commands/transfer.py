"""Moving progress in and out: export (Markdown checklist or JSON) and import (JSON)."""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.cli.common import Context, UserError, saving


def export(ctx: Context, format: str = "markdown", output: str | None = None) -> int:
    from roadmap_tui.core import export

    roadmap = ctx.load_roadmap()
    entries = dict(ctx.open_store(roadmap).topics())
    if format == "json":
        content = export.to_json(roadmap, entries)
    else:
        content = export.to_markdown(roadmap, entries)
    if output is None:
        ctx.out.write(content)
        return 0
    from roadmap_tui.storage.atomic import atomic_write

    target = Path(output)
    if not target.parent.is_dir():  # an export goes where asked, into no new directory
        raise UserError(f"{target}: cannot write: No such file or directory")
    try:
        atomic_write(target, content.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror}") from None
    ctx.out.say(f"wrote {target}", err=True)
    return 0


def import_(ctx: Context, file: str) -> int:
    from roadmap_tui.core import export
    from roadmap_tui.storage.progress import TopicProgress

    roadmap = ctx.load_roadmap()
    store = ctx.open_store(roadmap)
    path = Path(file)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    try:
        roadmap_id, fields = export.parse_json_export(content, str(path))
    except export.ImportError_ as exc:
        raise UserError(str(exc)) from None
    if roadmap_id and roadmap_id != roadmap.id:
        raise UserError(
            f"{file}: this export is for roadmap {roadmap_id!r}, the current roadmap is "
            f"{roadmap.id!r}; choose its file with --roadmap"
        )
    entries = {tid: TopicProgress(**f) for tid, f in fields.items()}
    taken = saving(lambda: store.merge_from(entries))
    ctx.out.say(
        f"imported {taken} of {len(entries)} topics ({len(entries) - taken} were not newer)"
    )
    return 0
