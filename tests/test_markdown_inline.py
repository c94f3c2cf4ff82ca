"""Inline cleaning (syntax/markdown/inline.py) and texts with origins (text.py): what a reader
sees of a line, and where each of its characters came from in the file."""

from __future__ import annotations

import pytest

from goallint.syntax.markdown import parse_markdown
from goallint.syntax.markdown.inline import clean_markup
from goallint.syntax.markdown.text import Builder, Text, join

NO_REFERENCES: frozenset[str] = frozenset()


@pytest.mark.parametrize(("line", "seen"), [
    ("**Grow revenue**", "Grow revenue"),  # a line all in bold: its markers taken off
    ("__Grow revenue__", "Grow revenue"),
    ("**(Grow revenue)**", "(Grow revenue)"),  # punctuation inside the markers
    ("**Grow  revenue**", "Grow revenue"),  # a run of blanks inside: one space
    ("**Grow** revenue **now**", "Grow revenue now"),
    ("** Grow revenue**", "** Grow revenue**"),  # an opener before a blank opens nothing
    ("**Grow revenue **", "**Grow revenue **"),  # nor does a closer after one
    ("**Grow [revenue](https://example.com)**", "Grow revenue"),
    ("**Grow `revenue`**", "Grow revenue"),
    ("****", "****"),
])
def test_bold_lines(line: str, seen: str) -> None:
    assert clean_markup(Text.raw(line, 0), NO_REFERENCES).text == seen


def test_a_bold_line_keeps_the_origins_of_its_characters() -> None:
    cleaned = clean_markup(Text.raw("**Grow revenue**", 10), NO_REFERENCES)
    assert cleaned.text == "Grow revenue"
    assert tuple(cleaned.starts) == tuple(range(12, 24))
    assert tuple(cleaned.ends) == tuple(range(13, 25))
    assert cleaned.anchor == 10  # where the line sits, as for any cleaned text


def test_a_collapsed_blank_spans_the_whole_run() -> None:
    cleaned = clean_markup(Text.raw("**Grow \t revenue**", 0), NO_REFERENCES)
    assert cleaned.text == "Grow revenue"
    assert (cleaned.starts[4], cleaned.ends[4]) == (6, 9)  # the one space stands for " \t "
    assert cleaned.starts[5] == 9


def test_emphasis_inside_a_line_matches_as_before() -> None:
    cleaned = clean_markup(Text.raw("Grow *signups* from **10** to __20__", 0), NO_REFERENCES)
    assert cleaned.text == "Grow signups from 10 to 20"
    assert cleaned.starts[cleaned.text.index("signups")] == 6
    assert cleaned.starts[cleaned.text.index("20")] == 32


def test_join_reads_a_line_break_as_a_space_between_the_pieces() -> None:
    joined = join([Text.raw("Grow", 0), Text.raw("", 5), Text.raw("revenue", 10)])
    assert joined.text == "Grow revenue"
    assert (joined.starts[4], joined.ends[4]) == (4, 10)  # the space spans the break
    assert tuple(joined.starts[5:]) == tuple(range(10, 17))


def test_a_builder_copies_pieces_with_their_origins() -> None:
    out = Builder(3)
    out.copy(Text.raw("abcdef", 20), 1, 4)
    out.add("!", 40, 42)
    made = out.build()
    assert (made.text, tuple(made.starts), tuple(made.ends), made.anchor) == (
        "bcd!", (21, 22, 23, 40), (22, 23, 24, 42), 3)


def test_bold_objectives_are_located_on_their_lines() -> None:
    page = ("# Q3 2026 OKRs\n\n**Grow area 1**\n\n- Grow signups from 1 to 6 by Q3\n- Launch guide 1\n\n"
            "**Grow area 2**\n\n- Grow signups from 2 to 7 by Q3\n- Launch guide 2\n")
    document = parse_markdown(page, "plan.md")
    assert [objective.text for objective in document.objectives] == ["Grow area 1", "Grow area 2"]
    first = document.objectives[0].span
    assert (first.start.line, first.start.column, first.end.column) == (3, 3, 14)
    assert page[first.start.offset:first.end.offset] == "Grow area 1"


@pytest.mark.parametrize(("line", "seen"), [
    ("Grow [signups to 5", "Grow [signups to 5"),  # the "[" of no link
    ("Grow [a [b](https://example.com) c", "Grow [a b c"),  # … before a link, which is still read
    ("Ship it! & more <3 <!-- unclosed", "Ship it! & more <3 <!-- unclosed"),  # "!", "&", "<" alone
    ("[a *b* [c", "[a b [c"),  # emphasis after an unmatched "[" is still matched
    ("<? x [y", "<? x [y"),
])
def test_characters_that_start_nothing_are_kept_with_the_text_after_them(line: str, seen: str) -> None:
    cleaned = clean_markup(Text.raw(line, 7), NO_REFERENCES)
    assert cleaned.text == seen
    # every character kept points at itself in the line (offset 7 is the line's start)
    for index, char in enumerate(cleaned.text):
        start = cleaned.starts[index]
        assert line[start - 7] == char
        assert cleaned.ends[index] == start + 1
