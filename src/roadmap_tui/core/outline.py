"""The outline of a roadmap: its structure without the prose, as flat columns.

A :class:`~roadmap_tui.core.roadmap.Roadmap` holds one object per topic, with its summary,
description
and resources. Counting progress, finding the next topic, listing topics and resolving a topic
argument need none of the prose and no per-topic objects: the outline holds what they need as
lists indexed by a node's position in roadmap order (depth first, sections included).

It is what the plain commands load: its cache (``marshal``, beside the roadmap's own cache) loads
in a few milliseconds at 10,000 topics, where the whole roadmap takes tens. The roadmap has one
too (``Roadmap.outline``), and the statistics and ``Roadmap.find`` work on it, so there is one
implementation of each, whichever is loaded.

Pure core: stdlib only, no Textual import.
"""

from __future__ import annotations

from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING

from roadmap_tui.storage import cache

if TYPE_CHECKING:
    from roadmap_tui.core.roadmap import Roadmap

_COLUMNS = (
    "ids",
    "titles",
    "parents",
    "depths",
    "kinds",
    "hours",
    "sources",
    "prerequisites",
    "aliases",
)
# columns not every command needs: the cache keeps each as its own marshal blob, decoded on
# first use (at 10,000 topics, 0.4 to 0.7 ms each); the titles as one string (see _pack_titles)
_LAZY = ("titles", "prerequisites", "aliases")
_SEPARATOR = "\x00"
# numeric columns: kept as machine numbers (array type codes); loaded, they are read in place
# (a memoryview), where a list would make one object per number
_NUMBERS = {"parents": "i", "depths": "i", "hours": "d", "sources": "i"}


def _pack_numbers(column, code: str) -> bytes:
    import array

    return array.array(code, column).tobytes()


def _unpack_numbers(raw: object, code: str, count: int) -> memoryview | None:
    """The numbers :func:`_pack_numbers` stored, or None when they are not ``count`` of them."""
    if not isinstance(raw, bytes):
        return None
    try:
        numbers = memoryview(raw).cast(code)
    except TypeError:  # not a whole number of them
        return None
    return numbers if len(numbers) == count else None


def _pack_titles(titles: list[str]) -> tuple[str, bytes]:
    """The titles as one string and the start of each (native unsigned ints, one more than
    there are titles): one title is a slice of it, and the whole list one split. `status`
    shows a few titles out of thousands, and decoding them all would cost more than the rest
    of its outline."""
    import array

    starts = array.array("I", [0])
    for title in titles:
        starts.append(starts[-1] + len(title) + 1)
    return _SEPARATOR.join(titles), starts.tobytes()


class Outline:
    """The structure of a roadmap as columns; node ``i`` is the i-th node in roadmap order.

    ``parents[i]`` is the position of its parent, or -1 for a section; ``sources[i]`` is the
    number of source roadmaps that list it; ``source_total`` is the number the roadmap credits.
    """

    __slots__ = (
        "_aliases",
        "_ends",
        "_index",
        "_prerequisites",
        "_section_of",
        "_sections",
        "_titles",
        "depths",
        "hours",
        "id",
        "ids",
        "kinds",
        "parents",
        "source_total",
        "sources",
        "title",
    )

    def __init__(self, id: str, title: str, source_total: int, *columns: list | bytes) -> None:
        """The columns in the order of ``_COLUMNS``; the lazy ones may be marshal blobs."""
        self.id = id
        self.title = title
        self.source_total = source_total
        for name, column in zip(_COLUMNS, columns, strict=True):
            setattr(self, f"_{name}" if name in _LAZY else name, column)
        self._index: dict[str, int] | None = None
        self._ends: list[int] | None = None
        self._sections: list[int] | None = None
        self._section_of: list[int] | None = None

    @classmethod
    def of(cls, roadmap: Roadmap) -> Outline:
        nodes = list(roadmap.nodes())
        position = {node.id: i for i, node in enumerate(nodes)}
        return cls(
            roadmap.id,
            roadmap.title,
            len(roadmap.sources),
            [n.id for n in nodes],
            [n.title for n in nodes],
            [position[n.parent] if n.parent is not None else -1 for n in nodes],
            [n.depth for n in nodes],
            [intern(n.kind) for n in nodes],  # stored once each, not once per topic
            [n.hours for n in nodes],
            [len(n.sources) for n in nodes],
            [n.prerequisites for n in nodes],
            [n.aliases for n in nodes],
        )

    # ---------------------------------------------------------------- storage

    def dump(self) -> tuple:
        """Plain data for ``marshal`` (see :meth:`from_dump`), with the derived columns (they
        load faster than they are worked out): the numbers as arrays of machine numbers, the
        titles as one string, the other lazy columns as marshal blobs."""
        import marshal

        def stored(name: str):
            if name in _NUMBERS:
                return _pack_numbers(getattr(self, name), _NUMBERS[name])
            if name == "titles":
                return _pack_titles(self.titles)
            if name in _LAZY:
                return marshal.dumps(self._lazy(name))
            return getattr(self, name)

        return (
            self.id,
            self.title,
            self.source_total,
            *(stored(name) for name in _COLUMNS),
            _pack_numbers(self.ends, "i"),
            _pack_numbers(self.section_of, "i"),
            self.sections,
        )

    @classmethod
    def from_dump(cls, data: object) -> Outline | None:
        """The outline :meth:`dump` gave, or None when ``data`` is not of that shape."""
        if not isinstance(data, tuple) or len(data) != 3 + len(_COLUMNS) + 3:
            return None
        head, columns = data[:3], data[3 : 3 + len(_COLUMNS)]
        ids = columns[0]
        if not isinstance(ids, list):
            return None
        count = len(ids)
        loaded = []
        for name, column in zip(_COLUMNS, columns, strict=True):
            if name in _NUMBERS:
                column = _unpack_numbers(column, _NUMBERS[name], count)
            elif name == "titles":
                column = _unpack_titles(column, count)
            elif name in _LAZY:
                column = column if isinstance(column, bytes) else None
            elif not (isinstance(column, list) and len(column) == count):
                column = None
            if column is None:
                return None
            loaded.append(column)
        ends, section_of = (_unpack_numbers(c, "i", count) for c in data[-3:-1])
        sections = data[-1]
        if ends is None or section_of is None or not isinstance(sections, list):
            return None
        outline = cls(*head, *loaded)
        outline._ends, outline._section_of, outline._sections = ends, section_of, sections
        return outline

    def _lazy(self, name: str) -> list:
        column = getattr(self, "_" + name)
        if type(column) is tuple:  # the titles, packed
            joined, starts = column
            count = len(starts) - 1
            if joined.count(_SEPARATOR) == count - 1:
                column = joined.split(_SEPARATOR)
            else:  # no titles, or one holds the separator
                column = [joined[starts[i] : starts[i + 1] - 1] for i in range(count)]
            self._titles = column
        elif type(column) is bytes:
            import marshal

            column = marshal.loads(column)
            if not isinstance(column, list) or len(column) != len(self.ids):
                raise ValueError(f"the cached outline of roadmap {self.id!r} is damaged ({name})")
            setattr(self, "_" + name, column)
        return column

    @property
    def titles(self) -> list[str]:
        return self._lazy("titles")

    def title_of(self, i: int) -> str:
        """Node i's title, without decoding them all."""
        titles = self._titles
        if type(titles) is tuple:
            joined, starts = titles
            return joined[starts[i] : starts[i + 1] - 1]
        return self._lazy("titles")[i]

    @property
    def prerequisites(self) -> list[tuple[str, ...]]:
        return self._lazy("prerequisites")

    @property
    def aliases(self) -> list[tuple[str, ...]]:
        return self._lazy("aliases")

    # ---------------------------------------------------------------- queries

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"Outline(id={self.id!r}, {len(self.ids)} nodes)"

    @property
    def index(self) -> dict[str, int]:
        """Topic id -> position."""
        if self._index is None:
            self._index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._index

    @property
    def ends(self) -> list[int]:
        """``ends[i]``: the position just after node i's last descendant."""
        if self._ends is None:
            depths = self.depths
            ends = [len(depths)] * len(depths)
            open_: list[int] = []  # positions whose subtree has not ended yet
            for i, depth in enumerate(depths):
                while open_ and depths[open_[-1]] >= depth:
                    ends[open_.pop()] = i
                open_.append(i)
            self._ends = ends
        return self._ends

    @property
    def sections(self) -> list[int]:
        """The positions of the sections."""
        if self._sections is None:
            self._sections = [i for i, parent in enumerate(self.parents) if parent < 0]
        return self._sections

    @property
    def section_of(self) -> list[int]:
        """``section_of[i]``: the number of node i's section (0 for the first section)."""
        if self._section_of is None:
            section_of, number = [], -1
            for parent in self.parents:
                if parent < 0:
                    number += 1
                section_of.append(number)
            self._section_of = section_of
        return self._section_of

    def section_totals(self) -> list[tuple[int, float]]:
        """For each section: the number of topics under it and their estimated hours."""
        ends, hours = self.ends, self.hours
        return [(ends[s] - s - 1, float(sum(hours[s + 1 : ends[s]]))) for s in self.sections]

    def is_section(self, i: int) -> bool:
        return self.parents[i] < 0

    def is_leaf(self, i: int) -> bool:
        return self.ends[i] == i + 1

    def subtree(self, i: int) -> range:
        """Node i and everything under it, in roadmap order."""
        return range(i, self.ends[i])

    def children(self, i: int) -> list[int]:
        end, depth, depths = self.ends[i], self.depths[i] + 1, self.depths
        return [j for j in range(i + 1, end) if depths[j] == depth]

    def topic_positions(self) -> list[int]:
        """Every trackable topic (not the sections), in roadmap order."""
        return [i for i, parent in enumerate(self.parents) if parent >= 0]

    @property
    def topic_count(self) -> int:
        return len(self.ids) - len(self.sections)

    def find(self, query: str) -> list[int]:
        """Resolve a user's TOPIC argument: a full id, or a title or alias (case-insensitive),
        or the last part of an id. The single match, every candidate when it is ambiguous, or
        [] if none."""
        query = query.strip()
        i = self.index.get(query)
        if i is not None and not self.is_section(i):
            return [i]
        folded = query.casefold()
        parents, titles, aliases = self.parents, self.titles, self.aliases
        matches = [
            i
            for i, title in enumerate(titles)
            if parents[i] >= 0
            and (title.casefold() == folded or any(a.casefold() == folded for a in aliases[i]))
        ]
        if not matches:
            suffix = "/" + folded
            matches = [
                i for i, tid in enumerate(self.ids) if parents[i] >= 0 and tid.endswith(suffix)
            ]
        return matches

    def suggest(self, query: str, limit: int = 5) -> list[int]:
        """The topics whose id or title is closest to ``query`` (for error messages)."""
        folded = query.strip().casefold()
        topics = self.topic_positions()
        ids, titles = self.ids, self.titles
        if folded:
            contains = [i for i in topics if folded in titles[i].casefold() or folded in ids[i]]
            if contains:
                return contains[:limit]
        by_key: dict[str, int] = {}
        for i in topics:
            by_key[titles[i].casefold()] = i
            by_key[ids[i]] = i
        import difflib

        seen: list[int] = []
        for key in difflib.get_close_matches(folded, list(by_key), n=limit, cutoff=0.5):
            if by_key[key] not in seen:
                seen.append(by_key[key])
        return seen


def load_outline(path: Path | str, *, use_cache: bool = True) -> Outline:
    """The outline of a roadmap file: what the plain commands that show no prose need.
    Raises RoadmapError as ``roadmap.load`` does.

    Cached beside the roadmap's own cache, under the same key, in ``marshal`` form: loading it
    costs a few milliseconds at 10,000 topics, a tenth of loading the whole roadmap, and does
    not import the roadmap parser.
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        info = None  # roadmap.load() reports it
    key = cache.key(path, info) if use_cache and info is not None else None
    if key is not None:
        cached = _cached(key)
        if cached is not None:
            return cached
    from roadmap_tui.core import roadmap

    outline = roadmap.load(path, cache=use_cache).outline
    if key is not None:
        import marshal

        cache.write(cache.file(key, ".outline"), marshal.dumps((key, outline.dump())))
    return outline


def _cached(key: tuple) -> Outline | None:
    import marshal

    data = cache.read(key, ".outline", marshal.loads)
    return None if data is None else Outline.from_dump(data)


def _unpack_titles(packed: object, count: int) -> tuple[str, memoryview] | None:
    """The (titles, starts) :func:`_pack_titles` made, the starts readable; None if damaged."""
    if not (isinstance(packed, tuple) and len(packed) == 2):
        return None
    joined, raw = packed
    if not (isinstance(joined, str) and isinstance(raw, bytes)):
        return None
    try:
        starts = memoryview(raw).cast("I")
    except TypeError:  # not a whole number of unsigned ints
        return None
    end = len(joined) + 1 if count else 0
    if len(starts) != count + 1 or starts[0] != 0 or starts[-1] != end:
        return None
    return joined, starts
