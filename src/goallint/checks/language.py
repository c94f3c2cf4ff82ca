"""Rules about how goals are worded. Word lists live in rule packs (`rules/*.toml`); the rules
here need more than a list."""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from pydantic import Field

from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import Document, Finding, KeyResult, Objective


class DuplicateStatementOptions(RuleOptions):
    min_similarity: float = Field(
        0.9, ge=0, le=1, description="how alike two statements must be (0 to 1, as difflib measures) to count as one"
    )


class DuplicateStatement(Rule):
    code = "GL602"
    name = "duplicate-statement"
    summary = "Two key results that say the same thing, or a key result that restates its objective."
    # exact repeats anywhere in the plan; near repeats (min_similarity) within one objective
    scope = "document"
    Options = DuplicateStatementOptions
    why = (
        "A key result written twice is counted twice and scored twice, and a key result that "
        "repeats its objective adds nothing: it should say how you will know the objective is met. "
        "On a Markdown page repeats are looked for within each objective only: a page that lists "
        "several quarters or teams repeats key results carried over or cascaded on purpose."
    )
    bad = (
        "Objective: Make onboarding effortless\n  KR: Make onboarding effortless\n"
        "  KR: Cut time to first project from 3 days to 1 day\n  KR: Cut time to first project from 3 days to 1 day."
    )
    good = (
        "Objective: Make onboarding effortless\n  KR: Raise week-one activation from 40% to 55%\n"
        "  KR: Cut time to first project from 3 days to 1 day"
    )

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        options: DuplicateStatementOptions = context.options
        # Word-for-word repeats are found across the whole plan through a dictionary; near
        # repeats (difflib) only within one objective, so a 25,000-KR plan stays linear.
        first_said: dict[tuple[object, tuple[str, ...]], KeyResult] = {}
        for objective in node.objectives:
            siblings = _Siblings(options.min_similarity)
            # one count of each wording's words, shared by the siblings written alike (never changed)
            counted: dict[tuple[str, ...], Counter[str]] = {}
            plan = _plan_of(node, objective)
            for key_result in objective.key_results:
                words = _words(key_result.text)
                counts = counted.get(words)  # one count of its words, for the look-up and the index
                if counts is None:
                    counts = counted[words] = Counter(words)
                same = first_said.get((plan, words)) if words else None
                if same is None:
                    same = siblings.alike(key_result, counts)
                if same is not None:
                    yield context.finding(
                        key_result.span,
                        f"This key result says the same as the one on line {same.span.start.line} ('{same.text}').",
                        "Keep one of them, or reword each so it measures something different.",
                    )
                elif _alike(objective.text, key_result.text, options.min_similarity):
                    yield context.finding(
                        key_result.span,
                        "This key result repeats its objective, so it does not say how you will know the "
                        "objective is met.",
                        "Say what you will measure and the level you aim for, for example 'Raise week-one "
                        "activation from 40% to 55%'.",
                    )
                first_said.setdefault((plan, words), key_result)
                siblings.add(key_result, counts)
            if siblings.capped:
                yield context.finding(
                    objective.span,
                    f"This objective has so many key results ({len(objective.key_results):,}) that goallint "
                    f"compared only the first {siblings.compared:,} pairs of them for near repeats.",
                    "Split it into objectives of 3 to 5 key results each; each is then compared in full.",
                )


# Near repeats under one objective are compared pair by pair (difflib); past this many
# comparisons the rest of the objective is left out, with a finding that says so.
MAX_COMPARISONS = 10_000


class _Siblings:
    """The key results of one objective so far, indexed by their words: a key result is compared
    only with those that share enough of its words to be alike (a 1,600-KR objective compared
    every pair, 5.7 s)."""

    def __init__(self, min_similarity: float) -> None:
        self.min_similarity = min_similarity
        self.items: list[KeyResult] = []
        self.counts: list[Counter[str]] = []
        self.postings: dict[str, list[int]] = {}
        self.compared = 0
        self.capped = False

    def add(self, key_result: KeyResult, counts: Counter[str]) -> None:
        for word in counts:
            self.postings.setdefault(word, []).append(len(self.items))
        self.items.append(key_result)
        self.counts.append(counts)

    def alike(self, key_result: KeyResult, counts: Counter[str]) -> KeyResult | None:
        """The first earlier sibling alike to this key result (whose words `counts` counts), if any."""
        if self.capped:
            return None
        size = counts.total()
        for at in self._candidates(counts):
            if self.compared >= MAX_COMPARISONS:
                self.capped = True
                return None
            self.compared += 1
            other = self.counts[at]
            # difflib's upper bound first, from the counts kept (most candidates stop here)
            if 2.0 * (counts & other).total() / (size + other.total()) < self.min_similarity:
                continue
            if _alike(self.items[at].text, key_result.text, self.min_similarity):
                return self.items[at]
        return None

    def _candidates(self, counts: Counter[str]) -> Iterator[int]:
        """Earlier siblings that may be alike, first to last, each once, lazily (the first alike
        one ends the search)."""
        # Two statements alike share at least `least` of this one's words (difflib's ratio is at
        # most the shared share, and their lengths cannot differ much), so a sibling alike to it
        # holds one of any len - least + 1 of its words: look those up, taking the rarest.
        size = counts.total()
        if not size:
            return iter(())
        ratio = self.min_similarity
        least = math.ceil(ratio * size / (2 - ratio) - 1e-9)
        if least <= 0:
            return iter(range(len(self.items)))
        lists: list[list[int]] = []
        needed = size - least + 1
        for word in sorted(counts, key=lambda w: len(self.postings.get(w, ()))):
            if needed <= 0:
                break
            lists.append(self.postings.get(word, []))
            needed -= counts[word]
        return (at for at, _ in itertools.groupby(heapq.merge(*lists)))


def _plan_of(document: Document, objective: Objective) -> object:
    """Which plan an objective belongs to, for word-for-word repeats: its owner's in an .okr
    plan. A Markdown page often holds several plans (a section a quarter or a team, the same key
    result carried over or cascaded from the company's), which the reader does not tell apart,
    so there each objective is compared with itself only."""
    if document.format == "md":
        return id(objective)
    owner = objective.owner or document.owner
    return owner.text if owner is not None else None


@lru_cache(maxsize=8192)  # the language server re-checks the same statements on every keystroke
def _words(text: str) -> tuple[str, ...]:
    """The words of a statement, without case or punctuation ("3.5%" stays one word)."""
    return tuple(re.sub(r"[^\w%.]+|\.(?!\d)", " ", text.casefold()).split())


@lru_cache(maxsize=8192)
def _alike(first: str, second: str, min_similarity: float) -> bool:
    """Equal words, or nearly: compared word by word, so "REST API" and "RPC API" differ
    where a character count would call them alike."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    if a == b:
        return True
    # difflib's own upper bounds (real_quick_ratio, quick_ratio), computed without building a
    # SequenceMatcher: most pairs of statements fail them, and the matcher costs ten times more
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < min_similarity:
        return False
    if 2.0 * (Counter(a) & Counter(b)).total() / total < min_similarity:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= min_similarity


RULES: list[type[Rule]] = [DuplicateStatement]
