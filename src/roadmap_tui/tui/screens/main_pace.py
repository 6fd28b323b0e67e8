"""MainScreen's plan and pace: study time, the study timer, the weekly goal and Today."""

from __future__ import annotations

from roadmap_tui.core.studytime import (
    LONG_TIMER_MINUTES,
    effective_goal,
    format_minutes,
    minutes_in_week,
)
from roadmap_tui.core.today import today_lines
from roadmap_tui.tui.saving import saving


class PaceActions:
    """The study-time, timer, goal and Today actions of MainScreen."""

    def start_pace(self) -> None:
        """After the first frame: the header counts a running timer's minutes, and a timer
        left running for hours asks how much of it was study."""
        self.set_interval(30, self.tick_timer)
        timer = self.store.timer()
        if timer is not None and timer.minutes(self.store.now()) > LONG_TIMER_MINUTES:
            self.ask_timer_minutes()
        elif getattr(self.app, "show_today", False):
            self.show_today_once()

    def show_today_once(self) -> None:
        """Today, on its own, when reviews are due or a timer runs; at most once a day."""
        from roadmap_tui.storage.uistate import mark_today_shown, today_shown

        path = getattr(self.app, "state_path", None)
        view = self.today_view()
        day = self.store.now().astimezone().date().isoformat()
        if not view.worth_showing or path is None or today_shown(path, self.roadmap.id) == day:
            return
        mark_today_shown(path, self.roadmap.id, day)
        self.action_today()

    def tick_timer(self) -> None:
        if self.store.timer() is not None:
            self.render_header()

    def timer_label(self) -> str:
        timer = self.store.timer()
        if timer is None:
            return ""
        title = self.title_of(timer.topic)
        if len(title) > 24:
            title = title[:23] + "…"
        return f"◷ {title} {timer.minutes(self.store.now())}m"

    def goal_in_force(self):
        """The progress file's goal, its weekly hours from config.toml's weekly_goal when it
        has none."""
        return effective_goal(self.store.goal(), self.app.settings.weekly_goal)[0]

    def week_label(self) -> str:
        goal = self.goal_in_force()
        if goal is None or goal.weekly_hours is None:
            return ""
        today = self.store.now().astimezone().date()
        week = minutes_in_week(self.store.time(), today, self.app.settings.week_start_day)
        return f"this week {week / 60:.1f} / {goal.weekly_hours:g} h"

    def action_timer(self) -> None:
        """T: stop the running timer (a long one asks how much was study), else start one on
        the highlighted topic."""
        timer = self.store.timer()
        if timer is not None:
            if timer.minutes(self.store.now()) > LONG_TIMER_MINUTES:
                self.ask_timer_minutes()
            else:
                self.stop_timer(None)
            return
        refusal = "Pick a topic first: the timer runs on a topic, not a section."
        topic = self.picked_topic(refusal, severity="information")
        if topic is None:
            return
        if self.session.status_of(topic.id) == "todo":
            # through the session, as `i` does: the tree shows it at once and `u` undoes it
            self.apply_statuses([(topic.id, "in-progress")])
        self.saves.submit("timer", saving([topic.id], lambda store: store.start_timer(topic.id)))
        self.say(f"Timer started on {topic.title}; T stops it.")
        self.call_after_refresh(self.render_header)

    def stop_timer(self, minutes: int | None) -> None:
        timer = self.store.timer()
        if timer is None:
            return
        topic_id = timer.topic

        self.saves.submit("timer", saving([topic_id], lambda store: store.stop_timer(minutes)))
        ran = timer.minutes(self.store.now()) if minutes is None else minutes
        said = f"logged {format_minutes(ran)}" if ran else "nothing logged"
        self.say(f"Timer stopped on {self.title_of(topic_id)}: {said}.")

    def ask_timer_minutes(self) -> None:
        from roadmap_tui.tui.screens.pace import TimerMinutesScreen

        timer = self.store.timer()
        if timer is None or isinstance(self.app.screen, TimerMinutesScreen):
            return

        def answered(minutes: int | None) -> None:
            if minutes is not None:
                self.stop_timer(minutes)

        ran = timer.minutes(self.store.now())
        self.app.push_screen(TimerMinutesScreen(self.title_of(timer.topic), ran), answered)

    def action_log_time(self) -> None:
        """Log study time on the highlighted topic by hand (a small form)."""
        from roadmap_tui.tui.screens.pace import LogScreen

        refusal = "Pick a topic first: time is logged on a topic, not a section."
        topic = self.picked_topic(refusal, severity="information")
        if topic is None:
            return

        def answered(minutes: int | None) -> None:
            if not minutes:
                return

            def save(store) -> None:
                if minutes > 0:
                    store.log_time(topic.id, minutes, today)
                    return
                # time logged by mistake, taken back (no more than is logged by now: another
                # program may have taken some back since the form opened)
                now = store.time().get(topic.id, {}).get(today.isoformat(), 0)
                if now:
                    store.take_back_time(topic.id, min(-minutes, now), today)

            self.saves.submit("time", saving([topic.id], save))
            did = "Took back" if minutes < 0 else "Logged"
            self.say(f"{did} {format_minutes(abs(minutes))} on {topic.title}.")

        today = self.store.now().astimezone().date()
        logged = self.store.time().get(topic.id, {}).get(today.isoformat(), 0)
        self.app.push_screen(LogScreen(topic.title, logged), answered)

    def action_goal(self) -> None:
        from roadmap_tui.tui.screens.pace import GoalScreen

        default = self.app.settings.weekly_goal

        def answered(goal) -> None:
            if goal is None:
                return
            self.saves.submit("goal", saving([], lambda store: store.set_goal(goal)))
            if not goal.is_empty:
                self.say("Goal saved.")
            elif default is None:
                self.say("Goal cleared.")
            else:
                self.say(
                    f"Goal cleared; config.toml's weekly_goal ({default:g} h a week) still applies."
                )

        today = self.store.now().astimezone().date()
        self.app.push_screen(GoalScreen(self.store.goal(), today, default), answered)

    def action_today(self) -> None:
        from roadmap_tui.tui.screens.pace import TodayScreen

        if isinstance(self.app.screen, TodayScreen):
            return
        self.app.push_screen(TodayScreen(today_lines(self.today_view(), app=True)))

    def today_view(self):
        from roadmap_tui.core.today import today

        upcoming = self.session.next_topic()
        relearn = [
            self.roadmap[tid].title
            for tid, s in self.review_schedules.items()
            if s.relearn and tid in self.roadmap
        ]
        timer = self.store.timer()
        return today(
            due=self.due_count(),
            relearn=relearn,
            upcoming=(upcoming.topic.id, upcoming.topic.title, upcoming.reason)
            if upcoming
            else None,
            time=self.store.time(),
            goal=self.goal_in_force(),
            timer=timer,
            timer_title=self.title_of(timer.topic) if timer else "",
            activity=self.store.activity(),
            now=self.now(),
            first_weekday=self.app.settings.week_start_day,
        )
