"""MainScreen's review and self-check questions: the review queue, the learner's own
questions, and the review schedules the header, the tree and the details show."""

from __future__ import annotations

from datetime import datetime

from roadmap_tui.core.roadmap import Topic


class ReviewActions:
    """The review and own-question actions of MainScreen, and its review state."""

    def action_review(self) -> None:
        """Review the topics that are due, the longest overdue first."""
        from roadmap_tui.core.review import due, schedules

        found = schedules(self.session.entries, self.store.reviews(), self.session.entries)
        ids = [tid for tid in due(found, self.now()) if tid in self.roadmap]
        if not ids:
            later = sorted(s.due for s in found.values())
            when = f" The next is due {later[0].astimezone():%Y-%m-%d}." if later else ""
            self.say(f"Nothing is due for review.{when} P practises the highlighted topic.")
            return
        self.open_review([(tid, False) for tid in ids])

    def action_practise(self) -> None:
        """Review the highlighted topic now, due or not (not due: practice, schedule kept)."""
        from roadmap_tui.core.review import schedules

        topic = self.picked_topic("Pick a topic first.")
        if topic is None:
            return
        found = schedules(self.session.entries, self.store.reviews(), [topic.id])
        practice = topic.id not in found or found[topic.id].due > self.now()
        self.open_review([(topic.id, practice)])

    def open_review(self, queue: list[tuple[str, bool]]) -> None:
        from roadmap_tui.core.review import TopicReview, question_for, questions_of
        from roadmap_tui.core.roadmap import Question
        from roadmap_tui.tui.saving import saving
        from roadmap_tui.tui.screens.review import Item, ReviewScreen

        items = []
        reviews = self.store.reviews()
        for tid, practice in queue:
            topic = self.roadmap[tid]
            review = reviews.get(tid, TopicReview())  # none yet: the first question
            asked = question_for(questions_of(topic.questions, review), review)
            if asked is None:
                asked = Question(f"Explain {topic.title} in your own words.", topic.summary)
            entry = self.session.entry(tid)
            place = f"{self.roadmap[topic.section].title} > {topic.title}"
            items.append(Item(tid, place, asked, entry.note, practice, entry.completed, review.log))

        def rate(topic_id: str, rating: str, practice: bool) -> None:
            def operation(store):
                return store.rate(topic_id, rating, practice=practice)

            self.saves.submit("review", saving([topic_id], operation))

        self.app.push_screen(ReviewScreen(items, rate, now=self.now))

    def question_topic(self) -> Topic | None:
        return self.picked_topic("Pick a topic first: sections have no self-check questions.")

    def own_question(self, question_id: str):
        """(the highlighted topic, the learner's own question with this id on it), or None
        (said why not)."""
        topic = self.question_topic()
        if topic is None:
            return None
        found = [q for q in self.store.review_of(topic.id).questions if q.id == question_id]
        if not found:
            self.say("That question is gone (deleted elsewhere?).", severity="warning")
            return None
        return topic, found[0]

    def action_add_question(self) -> None:
        """Add a self-check question of the learner's own to the highlighted topic."""
        topic = self.question_topic()
        if topic is not None:
            self.ask_question(topic, f"A self-check question of your own on {topic.title}")

    def action_edit_question(self, question_id: str) -> None:
        found = self.own_question(question_id)
        if found is not None:
            topic, question = found
            heading = f"Your question on {topic.title}"
            self.ask_question(topic, heading, question.q, question.a, question_id)

    def ask_question(
        self, topic: Topic, heading: str, q: str = "", a: str = "", question_id: str = ""
    ) -> None:
        """The question form; what it gives is saved through the save queue."""
        from roadmap_tui.tui.screens.question import QuestionScreen

        def given(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            question, answer = result

            def operation(store):
                ids = [item.id for item in store.review_of(topic.id).questions]
                # a question deleted elsewhere meanwhile is saved as a new one
                store.put_question(
                    topic.id, question, answer, question_id if question_id in ids else ""
                )

            self.save_topics("question", [topic.id], operation)
            self.say("Question saved." if question_id else "Question added.", timeout=2)

        self.app.push_screen(QuestionScreen(heading, q, a), given)

    def action_delete_question(self, question_id: str) -> None:
        found = self.own_question(question_id)
        if found is None:
            return
        topic, question = found

        def operation(store):
            if any(item.id == question_id for item in store.review_of(topic.id).questions):
                store.remove_question(topic.id, question_id)

        self.save_topics("question", [topic.id], operation)
        self.say(f"Deleted your question: {question.q}", timeout=3)

    def now(self) -> datetime:
        """The time by the progress file's clock (what its reviews are stamped with)."""
        return self.store.now()

    def recount_reviews(
        self, topic_ids: list[str] | None = None, show: bool = True, saved=None
    ) -> None:
        """Work out the review schedules again: of ``topic_ids`` (None: of every topic), with
        the ``saved`` entries as the store has them (their completion dates); then show what
        changed (the header's due count, the tree's ↺, the details)."""
        from roadmap_tui.core.review import schedules

        entries = {**self.session.entries, **(saved or {})}
        ids = list(entries) if topic_ids is None else topic_ids
        found = schedules(entries, self.store.reviews(), ids)
        before = {tid: self.review_schedules.get(tid) for tid in ids}
        if topic_ids is None:
            self.review_schedules = found
            self.reviews_counted = True
        else:
            for tid in ids:
                if tid in found:
                    self.review_schedules[tid] = found[tid]
                else:
                    self.review_schedules.pop(tid, None)
        if not show:
            return
        changed = [tid for tid in ids if before[tid] != self.review_schedules.get(tid)]
        relabel = [
            tid
            for tid in changed
            if tid in self.roadmap
            and (getattr(before[tid], "relearn", False) or self.needs_relearning(tid))
        ]
        if relabel:
            self.tree.refresh_labels(relabel)
        self.render_header()
        cursor = self.tree.cursor_topic_id
        if cursor is not None and (cursor in ids or changed):
            # the topic's own review state, or the reminder beside the next topic
            self.show_detail(cursor, force=cursor not in ids)

    def due_count(self) -> int:
        now = self.now()
        return sum(
            1 for tid, s in self.review_schedules.items() if s.due <= now and tid in self.roadmap
        )

    def needs_relearning(self, topic_id: str) -> bool:
        found = self.review_schedules.get(topic_id)
        return found is not None and found.relearn

    def self_check(self, topic: Topic) -> tuple[list, str]:
        """The self-check part of a topic's details: its questions (question, the learner's
        own) and what its review says."""
        if topic.is_section:
            return [], ""
        own = self.store.review_of(topic.id).questions
        questions = [(q, False) for q in topic.questions] + [(q, True) for q in own]
        found = self.review_schedules.get(topic.id)
        if found is not None:
            from roadmap_tui.core.review import describe

            return questions, "Review: " + describe(found, self.now())
        if self.session.status_of(topic.id) == "done":
            return questions, "Review: starts once this is saved"
        return questions, "Review: enters review when marked done"

    def review_reminder(self) -> str:
        """The topics that need relearning and how many are due ("" when none): `next` and
        the detail pane mention them beside the next topic, which they do not change."""
        from roadmap_tui.core.review import reminder

        if not self.reviews_counted:  # a key typed before the first count (after the frame)
            self.recount_reviews(show=False)
        found = self.review_schedules  # kept current by recount_reviews
        titles = {tid: self.roadmap[tid].title for tid in found if tid in self.roadmap}
        return reminder(found, titles, self.now(), how="R reviews")
