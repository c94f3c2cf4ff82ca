"""What a statement's words say about its measure, beyond the quantities the statement reader
places: numbers it leaves unread, "all" and "every" over a countable set, the change words of
the main clause, and counted outputs. Rules use these to narrow their conditions on real text."""

from __future__ import annotations

import re
from functools import lru_cache

# A number that sets a level or a count, even where the reader places no quantity: "send 1+
# proposals", "an order of magnitude", "single-second responses", "one more language". Years,
# quarters, versions and ordinals are not targets ("by 2019", "Q3", "v2", "1st half").
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d(?![\d,.%]))\d[\d,.]*(?!\w)\+?(?!\s*(?:st|nd|rd|th)\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundreds?|thousands?"
    r"|dozens?|(?:by|in)\s+half|double|twice|triple|single[\s-](?:digit|second|click|command))\b"
    r"|\border\s+of\s+magnitude\b",
    re.I,
)
# "every member gets feedback", "all modules have docs", "no crashes": a condition over a
# countable set is a quantity (100%). After a preposition it is a scope ("for all teams", "at every
# step"), which measures nothing.
_ALL_RE = re.compile(
    r"(?<!\bfor\s)(?<!\bat\s)(?<!\bin\s)(?<!\bon\s)(?<!\bof\s)(?<!\bto\s)(?<!\bby\s)(?<!\bacross\s)"
    r"(?<!\bover\s)(?<!\bfrom\s)(?<!\bwith\s)"
    r"\b(?:all|every|each|no|none\s+of|always|never)\b(?!\s+(?:the\s+)?(?:time|way|more|longer)\b)",
    re.I,
)

# Words that ask for a change or a level held, as a main clause uses them.
_CHANGE_WORDS = (
    r"(?:improv\w*|increas\w*|grow\w*|grew|rais\w*|boost\w*|lift\w*|reduc\w*|decreas\w*|cut(?:s|ting)?|lower\w*"
    r"|maximi[sz]\w*|minimi[sz]\w*|optimi[sz]\w*|more|less|fewer|better|faster|higher|gain\w*|expand\w*"
    r"|enhanc\w*|accelerat\w*|doubl\w*|halv\w*|maintain\w*|keep\w*|kept|sustain\w*|stay\w*|remain\w*"
    r"|driv\w*|scal(?:e|es|ed|ing)|shrink\w*|speed\s+up|ahead\s+of\s+plan)"
)
_CHANGE_RE = re.compile(rf"\b{_CHANGE_WORDS}\b", re.I)
# Where the main clause ends: what follows says where, when, how or what for.
_SUBORDINATE_RE = re.compile(
    r"\b(?:where|when|whenever|which|while|whereas|if|unless|so\s+that|such\s+that|in\s+order\s+to|through|via)\b"
    rf"|\bto\s+(?={_CHANGE_WORDS}\b)",
    re.I,
)
# "Gain feedback from candidates": obtaining knowledge is an activity, not a rise in anything.
_GAIN_KNOWLEDGE_RE = re.compile(
    r"\bgain(?:s|ing|ed)?\s+(?:\w+\s+)?(?:feedback|insights?|visibility|understanding|alignment|buy-in|access"
    r"|experience|knowledge|clarity|consensus|approval|traction)\b",
    re.I,
)

# Verbs whose count is of the team's own output: "Publish 5 posts", "Run 3 AMAs". Counting
# outputs does not make them a result. ("Add", "get", "close", "sign" and "generate" are left
# out: what they count is often a result, "Add 30 customers", "Generate 40% of pipeline".)
_OUTPUT_VERBS = frozenset(
    """
    publish write run conduct do host organize organise hold deliver create build ship launch implement
    release identify speak present produce post develop design draft define prepare record interview
    offer support solve fix feature amplify celebrate elevate give teach train document establish
    describe capture roll finish deploy migrate integrate test pilot prototype send submit attend
    evaluate explore research investigate audit review refactor replace upgrade start introduce
    """.split()
)
# A count of the team's output artefacts, whatever the verb: "12 streams", "24 progress reports
# delivered", "featured at 5 conferences".
_OUTPUT_COUNT_RE = re.compile(
    r"(?<![\w.,])\d[\d,]*\+?\s+(?:(?!(?:on|in|at|of|for|from|with|to|by|per|across)\b)[\w-]+\s+){0,3}?(?:blog\s+)?(?:posts?|articles?|talks?|streams?|webinars?"
    r"|workshops?|sessions?|reports?|demos?|videos?|episodes?|tutorials?|guides?|meetups?|conferences?|confs?"
    r"|events?|interviews?|surveys?|releases?|launches?|case\s+stud(?:y|ies)|white\s*papers?|AMAs?"
    r"|hackathons?|research\s+activities)\b"
    # ... unless what is counted is the subject of a result: "1 post hits the top 5 of Hacker News"
    r"(?!\s+(?:hits?|reach(?:es)?|gets?|gains?|ranks?|receives?|earns?|attracts?|achieves?|wins?)\b)",
    re.I,
)
_OWNER_PREFIX_RE = re.compile(r"^(?:[^:\s][^:]{0,60}?:\s+)?")


def gives_a_number(text: str) -> bool:
    """Whether the words give a number a reader would score against."""
    return _NUMBER_RE.search(text) is not None


def quantified_over_all(text: str) -> bool:
    """Whether the statement sets a condition over all of a countable set ("every member")."""
    return _ALL_RE.search(text) is not None


def main_clause(text: str) -> str:
    """The statement up to where a clause of place, time, manner or purpose starts."""
    cut = _SUBORDINATE_RE.search(text)
    return text[: cut.start()] if cut else text


@lru_cache(maxsize=4096)  # several rules ask this of each statement, and plans repeat statements
def asks_for_change(text: str) -> bool:
    """Whether the main clause asks for a change (or a level held), not only a clause after it."""
    return _CHANGE_RE.search(_GAIN_KNOWLEDGE_RE.sub(" ", main_clause(text))) is not None


_IMPROVE_RE = re.compile(r"\b(?:improv\w*|optimi[sz]\w*|enhanc\w*|better)\b", re.I)
_UP_OR_DOWN_RE = re.compile(
    r"\b(?:increas\w*|grow\w*|grew|rais\w*|boost\w*|lift\w*|reduc\w*|decreas\w*|cut(?:s|ting)?|lower\w*"
    r"|doubl\w*|halv\w*|more|less|fewer|higher|shrink\w*)\b",
    re.I,
)


def improve_only(text: str) -> bool:
    """Whether the statement's only direction is "improve" (or "optimise", "better"), which
    goes whichever way is better for the metric: up for NPS, down for latency."""
    return _IMPROVE_RE.search(text) is not None and _UP_OR_DOWN_RE.search(text) is None


@lru_cache(maxsize=4096)  # several rules ask this of each statement, and plans repeat statements
def counts_own_output(text: str) -> bool:
    """Whether the statement starts with a verb of output ("Publish 5 posts"), past any owner
    prefix ("Content: Publish ..."), or counts output artefacts ("12 streams")."""
    words = _OWNER_PREFIX_RE.sub("", text, count=1).split(maxsplit=1)
    if words and words[0].lower().strip(",.;") in _OUTPUT_VERBS:
        return True
    return _OUTPUT_COUNT_RE.search(text) is not None


_KEEP_CHANGING_RE = re.compile(
    r"\b(?:keep|keeps|kept|continue[sd]?|continuing)\s+(?:on\s+|to\s+)?"
    r"(?:improv|increas|grow|rais|boost|reduc|decreas|cut|lower|optimi[sz]|expand|enhanc|accelerat|driv|push|build)",
    re.I,
)


def keeps_changing(text: str) -> bool:
    """Whether "keep" or "continue" asks for more change ("Keep improving performance", "continue
    to grow signups"), not for a level held."""
    return _KEEP_CHANGING_RE.search(text) is not None
