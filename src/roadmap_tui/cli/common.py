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
    noticed: bool = False

    def roadmap_path(self) -> Path:
        """The roadmap file to use, by the rule the app uses too (catalog.current)."""
        from roadmap_tui.storage.catalog import UnknownRoadmap, current

        try:
            found = current(self.roadmap_option, self.state_path())
        except UnknownRoadmap as exc:
            raise UserError(str(exc)) from None
        self.notice(found.notice)
        return found.path

    def state_path(self) -> Path:
        return paths.state_path(self.progress_path())

    def notice(self, text: str) -> None:
        """Tell the user once (on standard error) which roadmap is used instead of theirs."""
        if text and not self.noticed:
            self.noticed = True
            self.out.say(f"roadmap-tui: {text}", err=True)

    def progress_path(self) -> Path:
        return paths.progress_path(self.progress_option)

    def load_roadmap(self) -> Roadmap:
        from roadmap_tui.core.roadmap import RoadmapError
        from roadmap_tui.storage.catalog import UnknownRoadmap, open_current

        try:
            roadmap, found = open_current(self.roadmap_option, self.state_path())
        except UnknownRoadmap as exc:
            raise UserError(str(exc)) from None
        except RoadmapError as exc:
            path = Path(exc.problems[0].path) if exc.problems else None
            if path is None or not path.exists():
                raise UserError(str(exc)) from None
            count = len(exc.problems)
            raise UserError(
                f"{exc}\n{count} problem{'s' if count != 1 else ''} in the roadmap; "
                f"run `roadmap-tui validate {path}` after fixing them"
            ) from None
        self.notice(found.notice)
        return roadmap

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
