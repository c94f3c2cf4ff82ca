"""Syntax: from the text of a goal document to the model (`goallint.model.Document`)."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from goallint.model import Document

Format = Literal["okr", "md"]
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
# Any word a goal page uses: a Markdown file without one holds no goals (a README, a changelog).
_GOAL_WORDS_RE = re.compile(r"\b(?:OKRs?|objectives?|key\s+results?|KRs?\s*#?\d*|KPIs?|O\d+)\b", re.I)


def mentions_goals(text: str) -> bool:
    """Whether a Markdown page may hold goals: it names an objective, key result, OKR or KPI."""
    return _GOAL_WORDS_RE.search(text) is not None


def format_for(path: str | None) -> Format:
    """Markdown by its file name; everything else is read as `.okr`."""
    return "md" if path and PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES else "okr"


def parse_document(text: str, path: str | None = None, fmt: Format | None = None, fy_start_month: int = 1) -> Document:
    """Parse a goal document of either format, with its inline directives. Never raises on content."""
    from goallint.syntax.directives import read_directives

    fmt = fmt or format_for(path)
    if fmt == "md":
        from goallint.syntax.markdown import parse_markdown

        document = parse_markdown(text, path, fy_start_month)
    else:
        from goallint.syntax.okr import parse_okr

        document = parse_okr(text, path, fy_start_month)
    document.directives = read_directives(text, fmt)  # the one reading; suppression takes them from here
    return document
