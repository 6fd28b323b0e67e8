"""What the commands share: the files a command works on, and the errors it reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from roadmap_tui.cli.output import Output
from roadmap_tui.core.config import Settings
from roadmap_tui.core.stats import plural
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
    settings: Settings = field(default_factory=Settings)  # config.toml < environment < flags

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
            from_config = self.settings.source("roadmap") == "file"
            if from_config and self.roadmap_option == self.settings.roadmap:
                # a mistake in config.toml's roadmap never stops a command: say it, use the default
                warning = self.settings.warning("roadmap", f"{exc}; using the default")
                self.out.say(f"roadmap-tui: warning: {warning}", err=True)
                self.roadmap_option = None
                return self.load_roadmap()
            path = Path(exc.problems[0].path) if exc.problems else None
            if path is None or not path.exists():
                raise UserError(str(exc)) from None
            raise UserError(
                f"{exc}\n{plural(len(exc.problems), 'problem')} in the roadmap; "
                f"run `roadmap-tui validate {path}` after fixing them"
            ) from None
        self.notice(found.notice)
        return roadmap

    def load(self) -> tuple[Roadmap, ProgressStore]:
        """The roadmap and its progress, read (both errors as UserErrors)."""
        from roadmap_tui.storage.progress import ProgressStore

        roadmap = self.load_roadmap()
        store = ProgressStore(self.progress_path(), roadmap.id, renamed=roadmap.renamed)
        saving(store.load)
        return roadmap, store


def saving(action: Callable[[], T]) -> T:
    """Run a store action; a ProgressError becomes a UserError with its hint. A failed save
    says "not saved": the change the store keeps in memory is gone when the command exits."""
    from roadmap_tui.storage.progress import ProgressError, SaveError

    try:
        return action()
    except SaveError as exc:
        raise UserError(f"{exc.path}: not saved: {exc.reason}; {exc.fix}") from None
    except ProgressError as exc:
        hint = getattr(exc, "hint", None)
        raise UserError(f"{exc}; {hint}" if hint else str(exc)) from None


def resolve(roadmap: Roadmap, query: str, *, sections: bool = False) -> Topic:
    """The one topic ``query`` names (with ``sections``: or a section, by its id or title),
    or a UserError listing the candidates (only close ones: none is better than far-fetched
    ones)."""
    if sections:
        section = find_section(roadmap, query)
        if section is not None:
            return section
    matches = roadmap.find(query)
    if len(matches) == 1:
        return matches[0]
    if matches:
        listing = "\n".join(f"  {t.id}  ({t.title})" for t in matches[:10])
        raise UserError(f"{query!r} matches {len(matches)} topics; use a full id:\n{listing}")
    close = closest(roadmap, query, sections=sections)
    listing = "\n".join(f"  {t.id}  ({t.title})" for t in close)
    more = f"; closest:\n{listing}" if close else "; `roadmap-tui list` shows every id"
    raise UserError(f"no topic {query!r}{more}")


def find_section(roadmap: Roadmap, query: str) -> Topic | None:
    """The section whose id or title (case-insensitive) is ``query``, or None."""
    folded = query.strip().casefold()
    for section in roadmap.sections:
        if folded in (section.id.casefold(), section.title.casefold()):
            return section
    return None


SIMILAR = 0.75  # how alike a name and a suggestion must be (difflib's ratio)
SUGGESTED = 5  # how many close names a message suggests at most


def closest(roadmap: Roadmap, query: str, *, sections: bool = False) -> list:
    """The topics (and sections) whose title, id or last part of the id holds ``query`` or
    is spelt almost like it (a typo); [] when none is close."""
    import difflib

    folded = query.strip().casefold()
    if not folded:
        return []
    nodes = [*(roadmap.sections if sections else ()), *roadmap.topics()]
    holding = [t for t in nodes if folded in t.title.casefold() or folded in t.id.casefold()]
    if holding:
        return holding[:SUGGESTED]
    scored = []
    for node in nodes:
        names = (node.title.casefold(), node.id.casefold(), node.id.rsplit("/", 1)[-1].casefold())
        ratio = max(difflib.SequenceMatcher(None, folded, name).ratio() for name in names)
        if ratio >= SIMILAR:
            scored.append((-ratio, len(scored), node))
    return [node for _, _, node in sorted(scored)[:SUGGESTED]]


def statuses(store: ProgressStore) -> dict[str, str]:
    """Topic id -> status, for the topics the store has an entry for."""
    return {tid: entry.status for tid, entry in store.topics().items()}
