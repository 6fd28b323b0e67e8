"""The import part of ``ProgressStore``: entries, reviews and activity merged in from
another progress file (``import``), each in one save."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from roadmap_tui.core.progress import Change, TopicProgress, to_utc
from roadmap_tui.core.review import RATINGS, Review, TopicReview
from roadmap_tui.storage.progress.checks import check_entry, check_text, check_topic


class StoreImports:
    """Imports of ``ProgressStore`` (a mixin: it uses the store's ``_prepare`` and
    ``_save``)."""

    def merge_from(self, entries: Mapping[str, TopicProgress]) -> int:
        """Import entries (one save): an entry is taken where its ``changed`` is newer than ours
        (or we have none); returns how many were taken. Where ours is newer (or theirs has no
        date), ours is kept as it is. A taken entry never drops our note: if ours is a different
        non-empty text, the result is ours + conflict marker + theirs; an empty note of theirs
        keeps ours. Imports keep their own dates (but a date in the future, from a clock that
        was wrong, is taken as now, so it cannot win over later local changes) and unknown keys
        (merged over ours), and do not count as activity."""
        self._prepare()
        now = self.now()
        new: list[Change] = []
        for tid, entry in entries.items():
            check_topic(tid)
            new.append(Change("merge", tid, now, theirs=check_entry(entry, now)))
        return self._save(*new)

    def merge_reviews(self, reviews: Mapping[str, TopicReview]) -> tuple[int, int]:
        """Import review (one save): each rating of theirs that ours does not hold is added to
        the topic's log, and each own question of theirs whose id ours does not have is added
        (ours is kept on the same id). A rating dated in the future (a clock that was wrong)
        is taken as now. Returns how many ratings and how many questions were added."""
        self._prepare()
        now = self.now()
        new: list[Change] = []
        for tid, theirs in reviews.items():
            check_topic(tid)
            ours = self.review_of(tid)
            for review in theirs.log:
                if review.rating not in RATINGS:
                    raise ValueError(
                        f"{tid}: rating {review.rating!r} is not one of {', '.join(RATINGS)}"
                    )
                review = Review(min(to_utc(review.when), now), review.rating, review.practice)
                if review not in ours.log:
                    new.append(Change("review", tid, now, review=review))
            taken = {q.id for q in ours.questions}
            for question in theirs.questions:
                for text in (question.q, question.a, question.id):
                    check_text(text)
                if question.id and question.q.strip() and question.id not in taken:
                    taken.add(question.id)
                    new.append(Change("question", tid, now, question=question))
        self._save(*new)
        ratings = sum(change.kind == "review" for change in new)
        return ratings, len(new) - ratings

    def merge_activity(self, days: Mapping[str, int]) -> None:
        """Import activity ("YYYY-MM-DD" -> changes that day), in one save: per day the
        larger count of ours and theirs (so importing the same activity twice changes
        nothing)."""
        pairs = []
        for day, count in sorted(days.items()):
            date.fromisoformat(day)  # ValueError for anything else
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"activity {day}: expected a count >= 0, not {count!r}")
            pairs.append((day, count))
        self._prepare()
        current = self.activity()
        if any(count > current.get(day, 0) for day, count in pairs):
            self._save(Change("activity", "", self.now(), days=tuple(pairs)))
