"""Key results that several teams own: the same words, or nearly, in different teams' plans.

Comparing every key result with every other is quadratic, so candidates come from an index of
their rarest words: two statements that say the same thing share most of their words. Each
candidate pair is then measured word by word (difflib), after spelling out an acronym that one
side writes in full ("SAOs" and "Sales Accepted Opportunities" are one thing).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN_RE = re.compile(r"[a-z0-9%$.]+")
_ACRONYM_RE = re.compile(r"^[A-Z]{2,6}s?$")
_ACRONYM_WORD_RE = re.compile(r"\b[A-Z]{2,6}s?\b")
_COMMON = frozenset(
    "a an the of to for in on by and or with at from our we all each every be is are as its their "
    "kr key result results".split()
)


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
    if len({s.owner for s in statements}) < 2:  # one owner (a single plan): no pair to compare, and
        return []  # the candidate search would walk every statement sharing a common word
    token_sets = [frozenset(_tokens(s.text)) - _COMMON for s in statements]
    frequency: Counter[str] = Counter(token for tokens in token_sets for token in tokens)
    parent = list(range(len(statements)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # word for word the same: one dictionary, whatever the number of statements
    same: dict[tuple[str, ...], int] = {}
    for number, statement in enumerate(statements):
        words = tuple(_tokens(statement.text))
        if words:
            parent[root(number)] = root(same.setdefault(words, number))
    for first, second in _candidates(statements, token_sets, frequency, min_similarity):
        if root(first) == root(second):
            continue
        if similarity(statements[first].text, statements[second].text) >= min_similarity:
            parent[root(second)] = root(first)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for number, statement in enumerate(statements):
        groups[root(number)].append(statement)
    return [group for group in groups.values() if len({s.owner for s in group}) > 1]


# A statement that writes an acronym may match one that spells it out, with fewer words in
# common than the measure's threshold implies: such pairs are candidates from this likeness on.
_ACRONYM_DICE = 0.6
# Candidate pairs are this much looser than the threshold: the measure counts repeated words,
# the candidate test distinct ones.
_SLACK = 0.05
# A word that more statements share than this is not looked up: when even a statement's rarest
# words are that common (a plan generated from a template, a company's stock phrases), it is
# compared word for word only (above), not with every statement that shares them.
_MAX_POSTING = 100


def _candidates(
    statements: Sequence[Statement], token_sets: Sequence[frozenset[str]], frequency: Counter[str],
    min_similarity: float,
) -> Iterator[tuple[int, int]]:
    """Pairs of statements of different owners that may be alike, by prefix filtering: two sets
    whose Dice coefficient is at least d share at least a d/(2-d) part of the smaller one, so
    they share one of the rarest words of each, and only those are indexed (Chaudhuri et al.,
    "A primitive operator for similarity joins", 2006). A statement with an acronym is indexed
    and looked up by all its words, at the acronym's looser bound."""
    plain = max(0.0, min_similarity - _SLACK)
    share = plain / (2 - plain)
    acronyms = [bool(_ACRONYM_WORD_RE.search(statement.text)) for statement in statements]
    owners = [statement.owner for statement in statements]
    index: dict[str, list[int]] = defaultdict(list)
    for number, tokens in enumerate(token_sets):
        if not tokens:
            continue
        ordered = sorted(tokens, key=lambda token: (frequency[token], token))
        prefix = ordered if acronyms[number] else ordered[: len(ordered) - math.ceil(share * len(ordered)) + 1]
        seen: set[int] = set()
        mine, size = owners[number], len(tokens)
        for token in prefix:
            posting = index[token]
            if len(posting) > _MAX_POSTING:
                continue
            for other in posting:
                if other in seen:
                    continue
                seen.add(other)
                if owners[other] == mine:
                    continue
                theirs = token_sets[other]
                bound = _ACRONYM_DICE if acronyms[number] or acronyms[other] else plain
                total = size + len(theirs)
                # the smaller set bounds what they can share: most pairs fail on their sizes alone
                if 2 * min(size, len(theirs)) >= bound * total and 2 * len(tokens & theirs) >= bound * total:
                    yield other, number
            posting.append(number)
