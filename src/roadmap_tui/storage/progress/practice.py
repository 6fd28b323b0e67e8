"""The practice part of ``ProgressStore``: links to the learner's work and ticked checklist
items, saved through the store's pending changes and commit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

from roadmap_tui.core.practice import TopicPractice
from roadmap_tui.core.progress import Change
from roadmap_tui.storage.progress.checks import check_text, check_topic


class StorePractice:
    """Practice evidence of ``ProgressStore`` (a mixin: it uses the store's ``_shown``,
    ``_prepare`` and ``_save``)."""

    def practice(self) -> Mapping[str, TopicPractice]:
        """Topic id -> its practice evidence: links to the learner's work, ticked checklist
        items (see :mod:`roadmap_tui.core.practice`); evidence kept under a former id reads
        as the current topic's."""
        self._ensure_loaded()
        return MappingProxyType(self._shown.practice)

    def practice_of(self, topic_id: str) -> TopicPractice:
        return self.practice().get(topic_id, TopicPractice())

    def link(self, topic_id: str, links: Iterable[str], *, remove: bool = False) -> TopicPractice:
        """Add links (already normalised: ``core.practice.normalize_link``) to the topic's
        practice evidence, or take them away (``remove``), in one save. Adding a link it has,
        or removing one it has not, changes nothing. Not activity."""
        return self._practice_change("link", topic_id, links, remove)

    def check(self, topic_id: str, keys: Iterable[str], *, remove: bool = False) -> TopicPractice:
        """Tick checklist items (by key: ``core.practice.item_key``), or untick them
        (``remove``), in one save. Not activity (marking the project done is)."""
        return self._practice_change("check", topic_id, keys, remove)

    def merge_practice(self, practice: Mapping[str, TopicPractice]) -> tuple[int, int]:
        """Import practice evidence (one save): each link and tick of theirs that ours has not
        is added (a union; nothing of ours goes). Returns how many links and ticks were
        added."""
        self._prepare()
        now = self.now()
        new: list[Change] = []
        counts = [0, 0]
        for tid, theirs in practice.items():
            check_topic(tid)
            ours = self.practice_of(tid)
            for n, (kind, values, have) in enumerate(
                (("link", theirs.links, ours.links), ("check", theirs.checked, ours.checked))
            ):
                for value in values:
                    check_text(value)
                added = tuple(v for v in dict.fromkeys(values) if v and v not in have)
                if added:
                    new.append(Change(kind, tid, now, values=added))
                    counts[n] += len(added)
        self._save(*new)
        return counts[0], counts[1]

    def _practice_change(
        self, kind: Literal["link", "check"], topic_id: str, values: Iterable[str], remove: bool
    ) -> TopicPractice:
        check_topic(topic_id)
        wanted = tuple(dict.fromkeys(values))
        for value in wanted:
            check_text(value)
            if not value:
                raise ValueError(f"a {kind} value cannot be empty")
        self._prepare()
        cur = self.practice_of(topic_id)
        have = cur.links if kind == "link" else cur.checked
        if any((v in have) == remove for v in wanted):
            self._save(Change(kind, topic_id, self.now(), values=wanted, remove=remove))
        return self.practice_of(topic_id)
