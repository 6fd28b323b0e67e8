"""MainScreen's search: the search box (mounted on the first `/`), going through its
matches, and esc to clear it or the status filter."""

from __future__ import annotations

from roadmap_tui.tui.widgets.search_box import SearchBox


class SearchActions:
    """The search actions of MainScreen (its Input.Submitted is handled there)."""

    def search_box(self) -> SearchBox | None:
        return self.search_widget

    async def action_search(self) -> None:
        search = self.search_box()
        if search is None:
            search = SearchBox(
                self.search_for, placeholder="search titles, descriptions, notes…", id="search"
            )
            await self.query_one("#left").mount(search, before=0)
            self.search_widget = search
        search.display = True
        self.set_focus(search)

    def search_for(self, text: str) -> None:
        """Filter the tree for the text of the search box (called as it changes)."""
        if text != self.session.search_text:
            self.session.search_text = text
            self.apply_view()

    def hide_search(self) -> None:
        search = self.search_box()
        if search is not None:
            search.value = ""
            search.display = False

    def action_match(self, direction: int) -> None:
        """> and <: the cursor to the next (or previous) topic the search found, in roadmap
        order from the cursor, wrapping around at the end."""
        if not self.session.search_text.strip():
            self.say("No search: / searches, then > and < go through its matches.")
            return
        if not self.matches:
            self.say("Nothing matches the search.")
            return
        order = {t.id: i for i, t in enumerate(self.roadmap.topics())}
        here = order.get(self.tree.cursor_topic_id or "", -1)
        places = [order[tid] for tid in self.matches]
        if direction > 0:
            later = [i for i, p in enumerate(places) if p > here]
            index = later[0] if later else 0
        else:
            earlier = [i for i, p in enumerate(places) if p < here]
            index = earlier[-1] if earlier else len(places) - 1
        self.tree.reveal(self.matches[index])
        self.tree.focus()
        self.say(f"Match {index + 1} of {len(self.matches)}", timeout=2)

    def action_clear_view(self) -> None:
        """esc: clear the search (and hide its box), else every filter."""
        search = self.search_box()
        cursor = self.tree.cursor_topic_id
        if search is not None and search.display:
            self.session.search_text = ""
            self.hide_search()
        else:
            self.session.clear_filter()
        self.apply_view(cursor=cursor)
        self.tree.focus()
