"""Key results that several teams own: the same words, or nearly, in different teams' plans.

Comparing every key result with every other is quadratic, so candidates come from an index of
their rarer words: two statements that say the same thing share most of their words. Each
candidate pair is then measured word by word (difflib), after spelling out an acronym that one
side writes in full ("SAOs" and "Sales Accepted Opportunities" are one thing).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN_RE = re.compile(r"[a-z0-9%$.]+")
_ACRONYM_RE = re.compile(r"^[A-Z]{2,6}s?$")
_COMMON = frozenset(
    "a an the of to for in on by and or with at from our we all each every be is are as its their "
    "kr key result results".split()
)
# An index entry shared by more statements than this says nothing about any pair of them.
_MAX_POSTING = 200


@dataclass(frozen=True)
class Statement:
    """One key result, with who owns it: `owner` is the team, `key` anything to give back."""

    text: str
    owner: str
    key: object


def _tokens(text: str) -> list[str]:
    return [t.strip(".") for t in _TOKEN_RE.findall(text.casefold()) if t.strip(".")]


def _spelled_out(text: str, other: str) -> list[str]:
    """`text`'s words, with each acronym that `other` writes in full replaced by those words."""
    words = _tokens(text)
    raw = re.findall(r"[\w%$.]+", text)
    theirs = _tokens(other)
    initials = "".join(word[0] for word in theirs)
    out: list[str] = []
    for original, word in zip(raw, words, strict=False):
        if _ACRONYM_RE.match(original):
            letters = original.rstrip("s").casefold()
            at = initials.find(letters)
            if at >= 0 and len(letters) >= 2:
                out.extend(theirs[at:at + len(letters)])
                continue
        out.append(word)
    return out if len(raw) == len(words) else words


def similarity(first: str, second: str) -> float:
    """How alike two statements are, word by word (0 to 1)."""
    a, b = _spelled_out(first, second), _spelled_out(second, first)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def overlapping(statements: Sequence[Statement], min_similarity: float = 0.85) -> list[list[Statement]]:
    """Groups of statements of different owners that say the same thing (each group in input
    order, at least two owners in it)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, statement in enumerate(statements):
        for token in set(_tokens(statement.text)) - _COMMON:
            postings[token].append(number)
    # candidates: pairs of different owners sharing a rare enough word
    shared: Counter[tuple[int, int]] = Counter()
    for numbers in postings.values():
        if len(numbers) > _MAX_POSTING:
            continue
        for i, first in enumerate(numbers):
            for second in numbers[i + 1:]:
                if statements[first].owner != statements[second].owner:
                    shared[(first, second)] += 1
    parent = list(range(len(statements)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for (first, second), count in shared.items():
        if count < 2 and min(len(_tokens(statements[first].text)), len(_tokens(statements[second].text))) > 3:
            continue
        if similarity(statements[first].text, statements[second].text) >= min_similarity:
            parent[root(second)] = root(first)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for number, statement in enumerate(statements):
        groups[root(number)].append(statement)
    return [group for group in groups.values() if len({s.owner for s in group}) > 1]
