"""Hypothesis strategies for progress entries and documents (shared by the progress tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from roadmap_tui.core.progress import (
    SCHEMA_VERSION,
    STATUSES,
    Document,
    RoadmapProgress,
    TopicProgress,
)

_chars = st.characters(exclude_categories=("Cs",))
_nasty = st.sampled_from(
    (
        *('"', '""', '"""', "''", "'''", "\\", "\\n", "\r\n", "\r", "\n", "\t", "\x00", "\x1f"),
        *("\x7f", "\u2028", "\ufeff", "é", "日本", "🙂", "[x]", "= 1", "#", "\\u0041", "\\\n"),
    )
)
notes = st.lists(st.one_of(st.text(_chars, max_size=8), _nasty), max_size=12).map("".join)
topic_ids = st.one_of(
    st.from_regex(r"[a-z0-9-]{1,12}(/[a-z0-9-]{1,12}){0,2}", fullmatch=True),
    st.text(_chars, min_size=1, max_size=10),
)
statuses = st.sampled_from(STATUSES)
datetimes = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ).map(lambda d: d.replace(microsecond=0)),
)
toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(_chars, max_size=10),
    datetimes.filter(lambda d: d is not None),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(_chars, max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
extras = st.dictionaries(
    st.text(_chars, max_size=6).filter(
        lambda k: k not in ("status", "note", "chosen", "started", "completed", "changed")
    ),
    toml_values,
    max_size=3,
)
entries = st.builds(
    TopicProgress,
    status=statuses,
    note=notes,
    started=datetimes,
    completed=datetimes,
    changed=datetimes,
    extra=st.one_of(st.just({}), extras),
).filter(lambda e: not e.is_empty)


@st.composite
def docs(draw):
    roadmaps = {}
    for rid in draw(st.lists(topic_ids, max_size=3, unique=True)):
        topics = draw(st.dictionaries(topic_ids, entries, max_size=5))
        activity = draw(
            st.dictionaries(
                st.dates().map(lambda d: d.isoformat()), st.integers(0, 10**6), max_size=3
            )
        )
        extra = draw(
            st.one_of(
                st.just({}),
                extras.map(
                    lambda e: {k: v for k, v in e.items() if k not in ("topics", "activity")}
                ),
            )
        )
        roadmaps[rid] = RoadmapProgress(topics, activity, extra)
    top = draw(
        st.one_of(
            st.just({}),
            extras.map(lambda e: {k: v for k, v in e.items() if k not in ("schema", "roadmaps")}),
        )
    )
    return Document(SCHEMA_VERSION, top, roadmaps)


def doc_as_data(doc: Document) -> dict:
    return {
        "schema": doc.schema,
        "extra": doc.extra,
        "roadmaps": {
            rid: (rm.topics, rm.activity, rm.extra)
            for rid, rm in doc.roadmaps.items()
            if rm.topics or rm.activity or rm.extra
        },
    }
