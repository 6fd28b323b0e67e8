"""The review part of ``ProgressStore``: review logs (ratings) and the learner's own
self-check questions, saved through the store's pending changes and commit."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from roadmap_tui.core.progress import Change
from roadmap_tui.core.review import RATINGS, Question, Review, TopicReview
from roadmap_tui.storage.progress.checks import check_text, check_topic


class StoreReviews:
    """Reviews of ``ProgressStore`` (a mixin: it uses the store's ``_shown``, ``_prepare``
    and ``_save``)."""

    def reviews(self) -> Mapping[str, TopicReview]:
        """Topic id -> its review log and the learner's own questions (review kept under a
        former id reads as the current topic's)."""
        self._ensure_loaded()
        return MappingProxyType(self._shown.reviews)

    def review_of(self, topic_id: str) -> TopicReview:
        return self.reviews().get(topic_id, TopicReview())

    def rate(self, topic_id: str, rating: str, *, practice: bool = False) -> TopicReview:
        """Log a review of the topic: how well it was recalled (one of RATINGS). A practice
        review (the topic was not due) is logged but does not move the schedule."""
        check_topic(topic_id)
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {', '.join(RATINGS)}, not {rating!r}")
        self._prepare()
        now = self.now()
        review = Review(now, rating, practice)
        self._save(Change("review", topic_id, now, review=review))
        return self.review_of(topic_id)

    def put_question(self, topic_id: str, q: str, a: str, question_id: str = "") -> Question:
        """Add one of the learner's own questions (a new id), or replace the one of
        ``question_id``."""
        check_topic(topic_id)
        for text in (q, a):
            check_text(text)
        if not q.strip():
            raise ValueError("a question cannot be empty")
        self._prepare()
        taken = {item.id for item in self.review_of(topic_id).questions}
        if question_id and question_id not in taken:
            raise KeyError(question_id)
        new_id = question_id or _new_question_id(taken)
        question = Question(q, a, new_id)
        self._save(Change("question", topic_id, self.now(), question=question))
        return question

    def remove_question(self, topic_id: str, question_id: str) -> None:
        check_topic(topic_id)
        self._prepare()
        found = [q for q in self.review_of(topic_id).questions if q.id == question_id]
        if not found:
            raise KeyError(question_id)
        self._save(Change("question", topic_id, self.now(), question=found[0], remove=True))


def _new_question_id(taken: set[str]) -> str:
    """A short id, unique among the topic's own questions (and, being random, across places)."""
    import secrets

    while (found := secrets.token_hex(3)) in taken:
        pass
    return found
