"""Properties of the syntax stage that hold for any text: it never raises, every span it
reports lies inside the text (offsets into the text without its BOM), and in `.okr` the span
of each key result and KPI covers exactly its text."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from goallint.model import Document
from goallint.syntax import parse_document

# A document here is at most a few dozen lines: it parses in milliseconds (the first one also
# builds the grammar), so this only catches a parser that loops.
PARSE_SECONDS = 2.0
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every span in a dumped model: a dict with `start` and `end` positions that have offsets."""
    if isinstance(node, dict):
        start, end = node.get("start"), node.get("end")
        if isinstance(start, dict) and isinstance(end, dict) and "offset" in start and "offset" in end:
            yield node
        for value in node.values():
            yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)


def statements(dumped: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The key results and KPIs of a dumped document, wherever they stand."""
    yield from dumped["kpis"]
    for objective in dumped["objectives"]:
        yield from objective["key_results"]
        yield from objective["kpis"]


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Turn a parse that never ends into a failure with its example, instead of a hung run."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"parsing took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_spans(text: str, path: str) -> dict[str, Any]:
    with time_limit(PARSE_SECONDS):
        parsed = parse_document(text, path)
    # worker processes send documents back as plain data: read back, it must be the same document
    assert Document.model_validate(parsed.model_dump()) == parsed
    dumped = parsed.model_dump(mode="json")
    content = text.removeprefix("\ufeff")
    for span in spans(dumped):
        start, end = span["start"], span["end"]
        assert 0 <= start["offset"] <= end["offset"] <= len(content), (span, len(content))
        # lines and columns (1-based, counting characters) agree with the offsets
        assert 1 <= start["line"] <= end["line"] and start["column"] >= 1 and end["column"] >= 1, span
        if start["line"] == end["line"]:
            assert end["column"] - start["column"] == end["offset"] - start["offset"], span
    return dumped


def check_okr(text: str) -> None:
    dumped = check_spans(text, "x.okr")
    content = text.removeprefix("\ufeff")
    for item in statements(dumped):
        span = item["span"]
        assert content[span["start"]["offset"] : span["end"]["offset"]] == item["text"], item


def check_markdown(text: str) -> None:
    check_spans(text, "x.md")


# Any text: control characters, every line break Python knows, emoji (some of several code
# points), combining marks; surrogates excluded, as no UTF-8 file holds them.
any_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(["\r", "\n", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85", "\ufeff", "\t"]),
        st.sampled_from(["😀", "👩‍👩‍👧", "🇬🇧", "é", "\u0301", "\u200b"]),
    )
).map("".join)
any_bytes_as_text = st.binary().map(lambda data: data.decode("utf-8", errors="replace"))


@SETTINGS
@given(any_text)
def test_any_text_reads_as_okr(text: str) -> None:
    check_okr(text)


@SETTINGS
@given(any_bytes_as_text)
def test_any_bytes_read_as_okr(text: str) -> None:
    check_okr(text)


@SETTINGS
@given(st.one_of(any_text, any_bytes_as_text))
def test_any_text_reads_as_markdown(text: str) -> None:
    check_markdown(text)


# Documents made of the goal language's own pieces, put together in every order.
words = st.sampled_from(
    ["revenue", "churn", "weekly", "active", "teams", "NPS", "latency", "p95", "page", "load", "customers",
     "tickets", "signups", "the", "of", "for", "our", "from", "to", "by", "in", "at", "up", "down", "new",
     "self-serve", "billing", "pipeline", "ARR", "uptime", "onboarding", "partners", "Increase", "Reduce",
     "Grow", "Cut", "Ship", "Launch", "Keep", "Maintain", "Reach", "Double", "Halve", "Lift", "currently",
     "target", "baseline", "vs.", "within", "per", "each", "week", "month", "quarter", "year"]
)
numbers = st.sampled_from(
    ["4.1%", "$2.5M", "1,200", "1.2k", "3x", "99.9%", "800 ms", "8 points", "5pp", "€40k", "EUR 40k",
     "20–30%", "≥ 90%", "< 2 days", "$N", "X%", "N20", "12", "0", "1000000", "85%+", "at least one",
     "2026", "2000", "1999 customers", "2049 ms", "#726", "v1.0", "Tier 1", "3.2.1"]
)
deadlines = st.sampled_from(
    ["by end of Q3", "by Sept 30", "by 2026-09-30", "by EOY", "in June", "by 15 March 2026", "by H2",
     "before FY27 Q1", "this quarter", "by the end of the year", "by Q4 2026", "by mid-August"]
)
phrases = st.sampled_from(["from", "to", "by", "down to", "up from", "currently", "target:", "(", ")", ",", "–", ":"])
garbage = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
amount = st.tuples(st.sampled_from(["from", "to", "by", "down to", "up from", "currently", "target"]), numbers)
from_to = st.tuples(st.just("from"), numbers, st.sampled_from(["to", "down to", "up to"]), numbers)
statement = st.lists(
    st.one_of(words, numbers, deadlines, phrases, amount.map(" ".join), from_to.map(" ".join), garbage), max_size=14
).map(" ".join)

labels = st.sampled_from(
    ["Objective:", "Objective 1:", "O1.", "O2 -", "Objective #3 –", "KR1:", "KR 2 -", "KR1.1)", "Key Result #2:",
     "key result:", "KPI:", "KPI 3:", "", "", "# ", "# goallint: disable=kr-count", "owner:", "period:",
     "title:", "parent:", "aligns to:", "target:", "source:", "cadence:", "annual target:", "frequency:"]
)
bullets = st.sampled_from(["", "", "- ", "* ", "• ", "1. ", "2) ", "+ ", "– "])
indents = st.sampled_from(["", "", "  ", "    ", "\t", " \t ", "        "])
markers = st.sampled_from(["", "", "", " [committed]", " [KPI]", " (KPI)", " *KPI", " [stretch]", "[aspirational] "])
header_values = st.sampled_from(
    ["2026-Q3", "FY27 Q1", "2026 H2", "2026", "Q5", "next year", "Growth team", "weekly", "monthly", "NPS survey"]
)
line = st.one_of(
    st.tuples(indents, bullets, labels, st.just(" "), statement, markers).map("".join),
    st.tuples(indents, labels, st.just(" "), header_values).map("".join),
    indents.map(str.rstrip),
    garbage,
)
line_end = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\u2028"])
document = st.tuples(
    st.sampled_from(["", "", "\ufeff"]),
    st.lists(st.tuples(line, line_end), max_size=25),
    st.booleans(),
).map(lambda parts: parts[0] + "".join(text + end for text, end in parts[1]) + ("" if parts[2] else "\n"))


@SETTINGS
@given(document)
@example("period: 2026-Q3\nObjective: Grow\n  KR: Grow signups from 1500 to 2000\n")
def test_goal_documents_read_as_okr(text: str) -> None:
    check_okr(text)


@SETTINGS
@given(document)
@example("## Objective: Grow\n\n- Grow signups from 1500 to 2000\n")
def test_goal_documents_read_as_markdown(text: str) -> None:
    check_markdown(text)


_WORDS = st.sampled_from("raise cut weekly active teams churn from to by 40% 55% 3 days Q3 the of and".split())


@SETTINGS
@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, max_size=12), st.sampled_from([0.0, 0.5, 0.75, 0.9, 1.0]))
def test_duplicate_shortcut_agrees_with_difflib(first: list[str], second: list[str], similarity: float) -> None:
    """duplicate-statement skips difflib when a cheap bound already rules a pair out; the
    answer must be the one difflib's ratio gives."""
    from difflib import SequenceMatcher

    from goallint.checks.language import _alike

    a, b = " ".join(first), " ".join(second)
    expected = bool(first and second) and (
        first == second or SequenceMatcher(None, first, second, autojunk=False).ratio() >= similarity
    )
    assert _alike(a, b, similarity) is expected


@SETTINGS
@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\x0c", "\u2028", "\x85"]), max_size=40).map("".join),
       st.booleans())
def test_split_lines_breaks_only_at_lf_crlf_and_cr(text: str, keepends: bool) -> None:
    import re

    from goallint.lines import split_lines

    expected = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    assert split_lines(text, keepends) == (expected if keepends else [line.rstrip("\r\n") for line in expected])


_PACK_WORDS = ["revenue", "ARR", "margin*", "growth rate", "run-rate", "a year", "C++", "Q3"]


@SETTINGS
@given(st.lists(st.sampled_from(_PACK_WORDS), max_size=5).map(tuple),
       st.lists(st.sampled_from([*_PACK_WORDS, "margins", "arrr", "growth-rate", "xrevenue", " ", "-", ",", "_", "a"]),
                max_size=12).map("".join))
def test_one_pattern_for_many_pack_words_matches_where_any_word_does(words: tuple[str, ...], text: str) -> None:
    """Packs test a statement against all their words with one pattern; it must find a word
    exactly where one of the single-word patterns would."""
    from goallint.checks.packs import any_word_pattern, word_pattern

    combined = any_word_pattern(words)
    found = combined is not None and combined.search(text) is not None
    assert found == any(word_pattern(word).search(text) for word in words)
