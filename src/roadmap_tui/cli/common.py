"""What the commands share: the files a command works on, and the errors it reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from roadmap_tui.cli.output import Output
from roadmap_tui.storage import paths

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap, Topic
    from roadmap_tui.storage.progress import ProgressStore

T = TypeVar("T")


class UserError(Exception):
    """A mistake of the user or in their data: printed as one line, exit code 1."""


@dataclass
class Context:
    """The --roadmap and --progress options, and where to write."""

    out: Output
    roadmap_option: str | None = None
    progress_option: str | None = None

    def roadmap_path(self) -> Path:
        from roadmap_tui.storage.catalog import roadmap_path

        return roadmap_path(self.roadmap_option)

    def progress_path(self) -> Path:
        return paths.progress_path(self.progress_option)

    def load_roadmap(self) -> Roadmap:
        from roadmap_tui.core.roadmap import RoadmapError
        from roadmap_tui.storage.roadmaps import load

        path = self.roadmap_path()
        try:
            return load(path)
        except RoadmapError as exc:
            count = len(exc.problems)
            raise UserError(
                f"{exc}\n{count} problem{'s' if count != 1 else ''} in the roadmap; "
                f"run `roadmap-tui validate {path}` after fixing them"
            ) from None

    def open_store(self, roadmap: Roadmap) -> ProgressStore:
        from roadmap_tui.storage.progress import ProgressStore

        store = ProgressStore(self.progress_path(), roadmap.id, renamed=roadmap.renamed)
        saving(store.load)
        return store


def saving(action: Callable[[], T]) -> T:
    """Run a store action; a ProgressError becomes a UserError with its hint. A failed save
    says "not saved": the change the store keeps in memory is gone when the command exits."""
    from roadmap_tui.storage.progress import ProgressError, SaveError

    try:
        return action()
    except SaveError as exc:
        raise UserError(f"{exc.path}: not saved: {exc.reason}; {exc.fix}") from None
    except ProgressError as exc:
        raise UserError(progress_message(exc)) from None


def progress_message(exc: Exception) -> str:
    hint = getattr(exc, "hint", None)
    return f"{exc}; {hint}" if hint else str(exc)


def resolve(roadmap: Roadmap, query: str) -> Topic:
    """The one topic ``query`` names, or a UserError listing the candidates."""
    matches = roadmap.find(query)
    if len(matches) == 1:
        return matches[0]
    if matches:
        listing = "\n".join(f"  {t.id}  ({t.title})" for t in matches[:10])
        raise UserError(f"{query!r} matches {len(matches)} topics; use a full id:\n{listing}")
    close = roadmap.suggest(query)
    listing = "\n".join(f"  {t.id}  ({t.title})" for t in close)
    more = f"; closest:\n{listing}" if close else "; `roadmap-tui list` shows every id"
    raise UserError(f"no topic {query!r}{more}")


def statuses(store: ProgressStore) -> dict[str, str]:
    """Topic id -> status, for the topics the store has an entry for."""
    return {tid: entry.status for tid, entry in store.topics().items()}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
