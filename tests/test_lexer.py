"""The skipping lexer (goallint.syntax.lexer) must see exactly what Lark's own lexer sees."""

from __future__ import annotations

import json
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
