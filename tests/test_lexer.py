"""The skipping lexer (goallint.syntax.lexer) must see exactly what Lark's own lexer sees."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from lark import Lark
from lark.lexer import LexerState, TextSlice

from goallint.resources import grammar_path
from goallint.syntax.lexer import SkippingLexer
from goallint.syntax.statement import _parser

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "corpus"  # copies of the real statements (tests/data/corpus/README.md)


@lru_cache(maxsize=1)
def reference() -> Lark:
    """The same grammar with Lark's standard lexer."""
    return Lark(grammar_path("statement.lark").read_text(encoding="utf-8"), parser="lalr", lexer="basic")


def statements() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for name in ("statements.jsonl", "statements_tune.jsonl", "statements_heldout.jsonl")
        for line in (HERE / "data" / name).read_text(encoding="utf-8").splitlines()
        if line
    ]
    for name in ("statements.jsonl", "labelled.jsonl"):
        texts += [json.loads(line)["text"] for line in (CORPUS / name).read_text().splitlines() if line.strip()]
    texts += [
        "js-to 5 teams", "year-over-year growth of 20%", "step-by-step guides: 3", "10k+-user POC",
        "C1 and C2 by EOY", "p95 under 300ms", "Grow from X to Y", "(2025/26: 84%)",
        "about.Sourcegraph.com visits up 5%", "Keep uptime at or above 99.95% through the end of the year",
        "Grow rating from 3 to 5-star by Q1 by Q2", "Grow 1,1,1,1,1,1,1,1", "over 2/3 of users", "24/7 support",
        "2nd-line support", "Add 30 Fortune 500 companies", "ASC 606", "Grow ARR for FY21", "2 posts in 2Q18",
        "scores have risen by 6 points", "churn fell to 3%", "360 review", "release 2.0.1", "during the quarter",
    ]
    return sorted({" ".join(t.split()) for t in texts})


@pytest.mark.parametrize("text", statements())
def test_same_tokens_as_larks_lexer(text: str) -> None:
    expected = [(t.type, str(t), t.start_pos) for t in reference().lex(text)]
    lexer = SkippingLexer(_parser().lexer_conf)
    ours = [(t.type, str(t), t.start_pos) for t in lexer.lex(LexerState(TextSlice.cast_from(text)), None)]
    assert ours == expected


# Patterns of the shapes the grammar's terminals take: case-blind groups, optional prefixes,
# classes with ranges and categories, look-behinds, alternatives; and texts that begin with what
# each can or cannot begin with (cases swapped, the Kelvin sign and long s that (?i) folds).
GUARD_PATTERNS = [
    r"(?i:(?:at\s+least|no\s+more\s+than|[≥≤><]=?)\s*)?[$€£]?\d+(?:\.\d+)?\s*(?:%|percent|k|million)",
    r"(?i:(?<![\w$])(?<!to )(?:19|20)\d{2}(?![\w%,]|\.\d))(?:\s+or\s+later)?",
    r"(?i:(?:by|before|until)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:q[1-4]|h[12]|the\s+year))",
    r"(?:#\d+|(?i:scope|tier|stage)\s+\d+|[A-F][a-z]*-\d+|\bphase\s+[ivx]+)(?:\s+and\s+\d+)*",
    r"(?:(?=\d)|(?i:sku))[\w-]+(?:\s*,\s*\d+)*  ",  # a look-ahead first: what follows it counts
    r"[^\W\d_][\w'’&/+.-]*(?:\s+of\s+the\s+year)?(?:\s+[a-z]+)*\s+end",  # a negated class: left as it is
    r".+?(?:\s+and\s+\d+)*(?:\s+of\s+the\s+year)?\s+end",  # any character: left as it is
    # alternatives of groups, each behind its own look-ahead: a class holding "]" and "|", an
    # escaped bar, a look-behind's alternatives (left alone), a named group, flags
    r"(?i:(?:[]|a-c]+\s+and\s+more\s+than|sc\|ope\s+\d+\s+levels?(?<!x|y)|(?P<n>tier|stage)\s+\d+\s+or\s+above))",
    r"(?:\d+(?:st|nd|rd|th)(?![\w])|(?-i:[A-F])[a-z]*\s+(?:beta|alpha)\s*\d+|(?>#\d+)\s+issue\s+numbers)+",
]
GUARD_TEXTS = [
    "at least 5%", "AT LEAST 5 percent", "≥ 40k", "$5 million", "2026", "1999 or later", "to 2020",
    "by the end of Q3", "BY END OF H2", "until close of the year", "#12", "Scope 3 and 4", "SCOPE 1",
    "Kelvin", "\u212aelvin", "\u017fcope 3", "Beta-7", "phase iv", "sku-1, 2", "12-ab  ", "word of the year x end",
    "", " 5%", "x", "-5", "€3", "£ 2", "Tier 2 and 3", "]a and more than", "|| AND MORE THAN", "sc|ope 3 levels",
    "SC|OPE 12 level", "stage 4 or above", "TIER 9 OR ABOVE", "3rd", "22nd Beta 2", "Delta alpha 7",
    "#12 issue numbers",
]


@pytest.mark.parametrize("pattern", GUARD_PATTERNS)
def test_a_guarded_pattern_matches_what_the_pattern_matches(pattern: str) -> None:
    from goallint.syntax.lexer import _guarded

    guarded = re.compile(_guarded(pattern))
    plain = re.compile(pattern)
    for text in GUARD_TEXTS:
        for start in range(len(text) + 1):
            ours, theirs = guarded.match(text, start), plain.match(text, start)
            assert (ours and ours.span()) == (theirs and theirs.span()), (text, start)


def test_the_guard_is_a_class_of_first_characters_only_where_they_are_known() -> None:
    from goallint.syntax.lexer import _guarded

    for known in GUARD_PATTERNS[:5]:
        assert _guarded(known).startswith("(?=(?i:[")
    for unknown in (*GUARD_PATTERNS[5:7], r"(?:x+)?" * 10, r"(?i:a|b)" * 10 + "(", "short"):
        assert _guarded(unknown) == unknown


def test_alternatives_are_guarded_inside_groups_not_inside_look_arounds() -> None:
    from goallint.syntax.lexer import _guarded

    guarded = _guarded(GUARD_PATTERNS[-2])
    assert guarded.count("(?=(?i:[") == 4  # the whole and its three alternatives; not the look-behind's
    assert "(?<!x|y)" in guarded
    for unread in (r"(a)(?(1)bbbbbbbbbbbbbbbbbbbbbb|cccccccccccccccccccc)", r"(?:aaaaaaaaaaaaaaaaaaaa|b", "[abc|d"):
        assert _guarded(unread) == unread
