"""Where in a statement its measure is written.

People put things before the verb ("🚀", "[x]", "(Stretch)", "[P1]", "CTO:", "In EMEA,") and
often a theme sentence before the measurable one ("Make the API easier to adopt. Sign-ups
grow 50%."). The reader parses the whole text, then looks for the main verb and the metric
from `Focus.lead` on, in the measurable sentence first. Everything here looks at a bounded
stretch of text per step, so a statement is read in time linear in its length.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

# "[ ]", "[x]", "[P1]", "[Stretch]": a short bracketed tag that is not a link's text
_TAG = re.compile(r"\[[^\]\n]{0,24}\](?!\()")
# "(Stretch)", "(P1)", "(new)": a parenthesised word or two, never a number
_PAREN_TAG = re.compile(r"\((?:[A-Za-z][A-Za-z .&/-]{0,24}|P\d)\)(?=\s)")
# Symbols that begin amounts, never decorations
_AMOUNT_SIGNS = frozenset("$€£¥<>≤≥~=+±#")
# "CTO: ", "Field Marketing: ", "Sales (Deal Optimization) KR: "
_OWNER = re.compile(r"([^:\n.!?]{1,48}):\s+")
# Roles and teams that own key results ("CTO:", "Support:", "Field Marketing:")
_ROLES = frozenset(
    """
    ceo cto cfo cmo cro coo cpo ciso cio chro vp svp evp head director manager lead sales marketing
    support engineering product design finance legal hr people ops operations security content
    customer success partnerships partner sdr bdr pmm msd sca mops devrel community platform
    infrastructure infra data analytics research recruiting talent it qa quality growth team
    """.split()
)
# "North star: 20% growth in …", "Measure: Place cards …": a label naming the kind of aim, not its metric
_KIND_LABELS = frozenset(
    {"north star", "north star metric", "measure", "ambition", "our ambition", "aim", "commitment", "pledge", "stretch"}
)
# what starts a value after a colon ("ACV: $650K", "Target: ≥ 90%") rather than a statement
_VALUE_START = re.compile(
    r"[\d$€£¥<>≤≥~=+±-]|(?:from|to|by|at|under|below|above|over|less|more|up|down|about|around)\b", re.I
)
# "In EMEA, ", "For our twenty largest customers, ", "By the end of March 2021, ", "Each year, ", "Having
# achieved its first aim of 10 million, " (what was reached before the aim)
_LEAD_IN = re.compile(
    r"(?:each|every|in|for|across|within|among|at|on|by|during|after|before|with|over|under|as|since|through|until|"
    r"throughout|outside|inside|beyond|following|once|when|building|drawing|working|using|leveraging|based|"
    r"starting|having)\s[^,.;:!?\n]{1,60},\s+",
    re.I,
)
_LEAD_WORDS = frozenset(
    "each every in for across within among at on by during after before with over under as since through until "
    "throughout outside inside beyond following once when building drawing working using leveraging based "
    "starting having".split()
)
# "By 2030 we will eradicate hunger, halve stunting, …": a clause with its subject is no lead-in
_SUBJECT_AND_MODAL = re.compile(r"\b(?:we|they|it|i)\s+(?:will|shall|must|can|should|would|aim|plan|want)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)")
_ABBREVIATIONS = frozenset("e.g i.e etc vs approx incl no st mr ms dr inc ltd co".split())


def _is_decoration(char: str) -> bool:
    """Emoji, arrows, check marks, bullets: symbols that say nothing about the measure."""
    if char in _AMOUNT_SIGNS:
        return False
    if char in "*•·‣◦▪→⇒➜►▶☐☑✓✔✗✘":
        return True
    category = unicodedata.category(char)
    # So/Sm/Sk: emoji and arrows; Mn/Cf: the variation selectors and joiners inside emoji
    return category in ("So", "Sm", "Sk", "Mn", "Cf", "Co")


def _skip_decorations(text: str, position: int) -> int:
    limit = min(len(text), position + 200)
    while position < limit:
        char = text[position]
        if char.isspace() or _is_decoration(char):
            position += 1
        elif char in "-–—" and text[position + 1 : position + 2].isspace():
            position += 1  # a dash used as a bullet, not a minus sign
        elif (tag := (_TAG if char == "[" else _PAREN_TAG).match(text, position)) is not None:
            position = tag.end()
        else:
            break
    return position


def statement_start(text: str, verb_starts: Sequence[int], first_phrase: int) -> int:
    """Where the statement proper begins: past decorations, an owner or team prefix and a
    lead-in phrase closed by a comma. `verb_starts` (direction verbs) keep a prefix that holds
    one ("Reduce churn: from 4% to 3%"); a from/to/by phrase starting at `first_phrase` keeps a
    lead-in that holds it."""
    position = _skip_decorations(text, 0) if text[:1] and not text[0].isalnum() else 0
    owner = _OWNER.match(text, position) if ":" in text[position : position + 50] else None
    if owner is not None:
        rest = owner.end()
        words = owner.group(1).split()
        holds_verb = any(position <= start < rest for start in verb_starts)
        # "VP Eng KR: 100% of releases …" and "Support: 100% SLA achievement" name who owns
        # the key result even before a number; "ACV: $650K" names the metric
        labelled = bool(words) and (
            words[-1] in ("KR", "KRs", "OKR") or words[0].lower() in _ROLES
            or " ".join(words).lower() in _KIND_LABELS
        )
        value = _VALUE_START.match(text, rest) is not None and not labelled
        if 0 < len(words) <= 6 and not holds_verb and not value and "http" not in words[0]:
            position = _skip_decorations(text, rest)
    first_word = text[position : position + 12].split(None, 1)[:1]
    lead_in = _LEAD_IN.match(text, position) if first_word and first_word[0].lower() in _LEAD_WORDS else None
    if lead_in is not None and not position <= first_phrase < lead_in.end() and not _SUBJECT_AND_MODAL.search(
        text, position, lead_in.end()
    ):
        position = lead_in.end()
    return position


class Sentences:
    """The sentence starts of a statement from its lead on (a plain class: one is made for every
    statement read, and most statements are one sentence)."""

    __slots__ = ("length", "starts")

    def __init__(self, starts: tuple[int, ...], length: int) -> None:
        self.starts = starts
        self.length = length

    def index(self, position: int) -> int:
        if len(self.starts) == 1:
            return 0
        return max(bisect_right(self.starts, position) - 1, 0)

    def span(self, index: int) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else self.length
        return self.starts[index], end

    def span_of(self, position: int) -> tuple[int, int]:
        return self.span(self.index(position))


# Most statements are one sentence: they share this value (its span is the statement's own)
ONE_SENTENCE = Sentences((0,), 0)


# "Improve onboarding, which translates to seeing 3+ new contributors …", "…, resulting in
# retention flattening at 20%": the clause after the connector is measured, as a sentence of its own
_RESULT_CLAUSE = re.compile(
    r"\s(?:which|that)\s(?:translates|leads|results)\s(?:in|to|into)\s|\s(?:resulting\sin|leading\sto|translating\sinto?)\s",
    re.I,
)
_RESULT_WORDS = ("translat", "result", "lead")
_RESULT_CLAUSE_END = re.compile(
    r"(?:translates\s(?:in|to|into)|leads\sto|results\sin|resulting\sin|leading\sto|translating\sinto?)\s$", re.I
)


def follows_result_clause(text: str, position: int) -> bool:
    """Does a result clause ("…, resulting in", "which translates to") begin at `position`?"""
    return _RESULT_CLAUSE_END.search(text, max(0, position - 24), position) is not None


def sentences(text: str, lead: int) -> Sentences:
    """The sentences from `lead` on; ONE_SENTENCE when there is only one."""
    results = [m.end() for m in _RESULT_CLAUSE.finditer(text, lead)] if any(w in text for w in _RESULT_WORDS) else []
    if "." not in text and ";" not in text and "!" not in text and "?" not in text and not results:
        return ONE_SENTENCE
    starts = [lead]
    for end in _SENTENCE_END.finditer(text, lead):
        stop = end.start()
        if text[stop] == ".":
            word = text[max(lead, stop - 8) : stop].rsplit(None, 1)[-1:] or [""]
            if word[0].lower().lstrip("(") in _ABBREVIATIONS:
                continue
        following = stop + 1
        while following < len(text) and text[following].isspace():
            following += 1
        if following < len(text):
            starts.append(following)
    if results:
        starts = sorted(set(starts).union(results))
    return Sentences(tuple(starts), len(text)) if len(starts) > 1 else ONE_SENTENCE


class Parentheses:
    """Is a position inside parentheses? Counted once per statement, answered by bisection."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._opens: list[int] | None = None
        self._closes: list[int] = []

    def around(self, position: int) -> bool:
        if len(self._text) < 400:  # a short statement is counted directly, in C
            return self._text.count("(", 0, position) > self._text.count(")", 0, position)
        if self._opens is None:  # a long one once, then by bisection: linear, whatever its numbers
            self._opens = [m.start() for m in re.finditer(r"\(", self._text)]
            self._closes = [m.start() for m in re.finditer(r"\)", self._text)] if self._opens else []
        if not self._opens:
            return False
        return bisect_right(self._opens, position - 1) > bisect_right(self._closes, position - 1)


_LINK = re.compile(r"\[[^\]\n]{0,300}\]\(")


def link_texts(text: str) -> list[tuple[int, int]] | None:
    """The spans of Markdown link texts ("[Top 10 tips](…)"): their numbers are not targets."""
    if "](" not in text:
        return None
    return [(m.start(), m.end()) for m in _LINK.finditer(text)]


def in_link(links: list[tuple[int, int]], position: int) -> bool:
    index = bisect_right(links, (position, 1 << 62)) - 1  # the last link starting at or before
    return index >= 0 and links[index][0] <= position < links[index][1]
