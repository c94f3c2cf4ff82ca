"""One key result or KPI statement, read into a measure.

`grammar/statement.lark` finds the phrases (a baseline "from 4.1%", a target "to 3%", a
change "by 8 points", a deadline "by end of Q3", direction verbs); this module decides what
they mean together. Readings are cached by text, so a statement repeated in a plan, or
unchanged between two keystrokes in an editor, is read once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from goallint.model import Comparator, Direction, Kind
from goallint.resources import grammar_path
from goallint.syntax import metric as metrics
from goallint.syntax.focus import (
    ONE_SENTENCE,
    Parentheses,
    Sentences,
    follows_result_clause,
    in_link,
    link_texts,
    sentences,
    statement_start,
)
from goallint.syntax.lexer import SkippingLexer
from goallint.syntax.quantities import QuantityParts, read_placeholder, read_quantity


@dataclass(frozen=True, slots=True)
class RawQuantity:
    """A quantity with offsets local to its statement."""

    value: float | None
    unit: str | None
    comparator: Comparator | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDeadline:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reading:
    """What a statement says, before it is placed in a document."""

    direction: Direction | None
    metric: str | None
    baseline: RawQuantity | None
    target: RawQuantity | None
    change: RawQuantity | None
    deadline: RawDeadline | None
    kind: Kind


class _Phrase(NamedTuple):
    role: str  # from_to, to_target, by_change, noun_change, current, target_cue, quantity, ...
    tokens: tuple[Token, ...]


class _Phrases(Transformer[Token, list[_Phrase]]):
    """Run inside the LALR parser: no tree is built, each rule becomes a `_Phrase`."""

    def __default__(self, data: str, children: list[Token | Tree[Token]], meta: object) -> _Phrase | Tree[Token]:
        if data.startswith("_"):  # Lark's own helper rules ("item*"): it unpacks them itself
            return Tree(data, children)
        return _Phrase(str(data), tuple(c for c in children if isinstance(c, Token)))

    def start(self, children: list[_Phrase | Token]) -> list[_Phrase]:
        return [child for child in children if isinstance(child, _Phrase)]


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        grammar_path("statement.lark").read_text(encoding="utf-8"),
        parser="lalr",
        lexer=SkippingLexer,
        transformer=_Phrases(),
        maybe_placeholders=False,
        cache=True,  # Lark keeps the built tables in the temp dir, keyed by grammar and version
    )


# An LALR parse depends only on the sequence of token types, and statements come in few
# shapes ("verb from-amount to-amount deadline"): the grouping found for a shape is kept and
# reused, so most statements cost a lexer pass and no parser steps.
_Plan = tuple[tuple[str, tuple[int, ...]], ...]
_PLANS: dict[tuple[str, ...], _Plan] = {}
_MAX_PLANS = 20_000
_MAX_PLAN_TOKENS = 64  # longer shapes are one-offs; kept, they would only hold memory


@lru_cache(maxsize=1)
def _lexer() -> SkippingLexer:
    return SkippingLexer(_parser().lexer_conf)


def _parse_tokens(tokens: list[Token]) -> list[_Phrase]:
    """Run the LALR parser over tokens the lexer already made.

    The grammar closes every phrase at any token (a "to" whose amount is missing still ends a
    "from" phrase), so a token the parser does not expect is rare; it is dropped and parsing goes
    on. If the statement still ends where the grammar wants more, the parse is tried once more
    without its last token, and then given up: reading stays linear in the statement's length.
    """
    for attempt in (tokens, tokens[:-1]):
        interactive = _parser().parse_interactive()
        for token in attempt:
            try:
                interactive.feed_token(token)
            except UnexpectedToken:
                continue
        try:
            return interactive.feed_eof()  # type: ignore[no-any-return,no-untyped-call]
        except UnexpectedInput:
            continue
    return []


def _phrases(text: str) -> list[_Phrase]:
    tokens = _lexer().tokens(text)
    shape = tuple([token.type for token in tokens])
    plan = _PLANS.get(shape)
    if plan is None:
        parsed = _parse_tokens(tokens)
        index = {id(token): i for i, token in enumerate(tokens)}
        plan = tuple((p.role, tuple(index[id(t)] for t in p.tokens)) for p in parsed)
        if len(_PLANS) < _MAX_PLANS and len(shape) <= _MAX_PLAN_TOKENS:
            _PLANS[shape] = plan
    return [_Phrase(role, tuple([tokens[i] for i in indices])) for role, indices in plan]


# Words before a verb that still leave it the statement's main verb: "has improved",
# "we will increase", "latency is reduced". After "to" or "and" a verb only counts when the
# statement has numbers ("Automate X and cut Y by 20%", not "Draft and maintain a guide").
_AUXILIARIES = frozenset(
    """
    has have had will would should must shall is are was were be been being get gets we they
    i you significantly further also then continue continues help helps successfully
    substantially steadily we'll we’ll we're we’re continuously continually constantly progressively
    gradually consistently
    """.split()
)
_WEAK_LINKS = frozenset({"to", "and", "&"})
_MEASURING_VERBS = frozenset({"measure", "track", "monitor"})
# "The goal is to increase …", "The overarching goal of the GWG is to increase …", "Our Q3 strategy
# will be to …"
_AIM_IS_TO = re.compile(
    r"\b(?:goal|aim|objective|ambition|priority|purpose|target|strategy|mission|focus)"
    r"(?:\s+(?:of|for)\s+(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+){0,2})?\s+(?:is|was|will\s+be)\s+to$",
    re.I,
)
# "Sainsbury's is to halve its use of plastics": a plan stated as what is to be done
_WHILE_BEFORE = re.compile(r"\bwhil(?:e|st)\s+$", re.I)
_NUMBER_IN_CLAUSE = re.compile(r"[^,;.]{0,80}?\d")
_IS_TO = re.compile(r"\b(?:is|are)\s+to$", re.I)
# "Full-time data management role to be filled by 6/30/2023": a thing to be done
_TO_BE_DONE = re.compile(r"\bto\s+be\s+[a-z]+(?:ed|en)\b", re.I)
_AIMING_TO = re.compile(
    r"\b(?:work(?:s|ing)?|striv(?:e|es|ing)|seek(?:s|ing)?|aim(?:s|ing)?|want(?:s)?|plan(?:s|ning)?|"
    r"intend(?:s|ing)?|endeavou?r(?:s|ing)?|continu(?:e|es|ing)|tr(?:y|ies|ying)|hop(?:e|es|ing)|"
    r"expect(?:s|ing)?|need(?:s)?|look(?:s|ing)?|pledg(?:e|es|ed)|promis(?:e|es|ed)|vow(?:s|ed)?|commit(?:s|ted)?)\s+to$",
    re.I,
)
_CHANGE_NOUN_AFTER = re.compile(  # matched past one blank, as _AT_PRESENT
    r"(growth|increase|rise|improvement|uplift|jump|reduction|decrease|decline|drop|fall|cut)\b", re.I
)
_BY_MEANS = re.compile(r"\bby\s+[a-z]+ing\b[^,;.:]*$", re.I)
# matched one blank after the amount (no leading \s+, which a search would retry at every blank)
_AT_PRESENT = re.compile(r"(?:now|today|at\s+present|currently|at\s+the\s+moment)\b", re.I)
# "and right now the rate is at 4.8%", "today it stands at 40": the level now, written before it
_PRESENT_BEFORE = re.compile(
    r"\b(?:right\s+now|now|today|at\s+present|at\s+the\s+moment)\b,?\s+(?:(?:the|our|its|it|we|this)\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:is|are|stands?|sits?)\s+(?:at\s+)?$",
    re.I,
)
# "… and increase average compensation by 2029": the verb's object, then a year it is due
_DUE_AFTER = re.compile(
    r"(?<![ \t])(?:[ \t]+[\w'’-]+){1,4}?[ \t]+(?:by|before|until)[ \t]+(?:the[ \t]+end[ \t]+of[ \t]+)?(?:19|20)\d\d\b"
)
_MEASURED_OBJECT = re.compile(
    r" (?:the|our|its|their) (?:number|proportion|percentage|share|rate|level|amount) of\b", re.I
)
_CLAUSE_MARKS = frozenset(":.;!?([-–—•*]/\"“")
_DIRECTIONS: dict[str, Direction] = {
    "UP": "increase", "UP_NOUN": "increase",
    "DOWN": "decrease", "DOWN_NOUN": "decrease",
    "KEEP": "maintain", "REACH": "reach",
}
_VERB_CUES = frozenset({"UP", "DOWN", "KEEP", "REACH", "MULTIPLY"})
_MULTIPLY_WORDS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_TIME_UNITS = frozenset(
    """
    ms msec millisecond milliseconds s sec secs second seconds min mins minute minutes h hr
    hrs hour hours day days week weeks month months year years gb mb tb kb rps qps
    """.split()
)
# "a 1 month boot-camp", "a 2 day workshop": a number and a singular time unit before a noun
_MODIFIER_UNITS = frozenset("second minute hour day week month year".split())
_UNIT_STOPWORDS = frozenset(
    """
    of in per for to with on at from by that who which and or than across within a an the is
    are was be this each every our their its via through over under into during before after
    until as so while when where without out
    """.split()
)
_EFFORT_VERBS = frozenset(
    """
    ship launch build create implement publish write hire run migrate define develop design
    evaluate test start resume merge switch draft consider document release introduce
    automate complete finish deploy establish identify set setup roll organise organize
    prepare plan research investigate explore update refactor integrate deliver host hold
    attend present prototype pilot train onboard recruit audit review replace upgrade
    conduct do provide publicise publicize promote place install distribute
    """.split()
)
# Verbs that say what is done, not what is measured: "Onboard 12 partners" measures partners.
_NOT_METRIC_WORDS = _EFFORT_VERBS | frozenset(
    """
    reach achieve hit attain get bring drive push take make have land generate close sign
    win acquire secure book grow increase reduce cut keep maintain lift raise double halve meet exceed
    triple kr okr kpi add be source produce speak describe deliver gain earn ensure send solve
    retain expand extend widen broaden address tackle resolve fix handle answer
    """.split()
)
# the number's bound: beyond it (or not finite) a number is not an amount anyone means
_LARGEST_AMOUNT = 1e18


def _start(token: Token) -> int:
    return token.start_pos or 0


def _end(token: Token) -> int:
    return token.end_pos or 0


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char)[0] == "S" and char not in "$€£¥<>≤≥~=+%"


_CARRIES_AMOUNT = re.compile(r"\s+(?:(?:by|to|from)\s|[$€£~≥≤<>+]?\s?\d)")


def _counts_as_verb(text: str, token: Token, has_numbers: bool, clause_start: int) -> bool:
    """Is this direction word the statement's main verb rather than an adjective?"""
    start = _start(token)
    before = text[max(clause_start, start - 80) : start].rstrip()
    if before[-1:] == "(" and text[_end(token) : _end(token) + 3].lstrip()[:1] == ")":
        return False  # "Contamination (Minimise): 14%": a word in parentheses labels the aim
    if not before or before[-1] in _CLAUSE_MARKS or _is_symbol(before[-1]):
        return True
    last_word = before.rsplit(None, 1)[-1].lower()
    if last_word in _AUXILIARIES:
        return True
    if last_word in ("while", "whilst"):
        # "… while increasing overall success rate to 73%" carries the number; "… by 80% while
        # increasing resilience" only goes along with the aim
        return _NUMBER_IN_CLAUSE.match(text, _end(token)) is not None
    word = token.value.lower()
    if last_word == "to" and (
        before.lower() == "to" or _AIM_IS_TO.search(before) or _AIMING_TO.search(before) or _IS_TO.search(before)
    ):
        # "To maintain …", "The main goal is to increase …", "We will work to increase …": an aim
        # written as an infinitive
        return True
    if last_word in _WEAK_LINKS:
        # "projects are owned and maintained" describes a state; "and cut churn by 2%" acts, and
        # so does "measure and improve the satisfaction of users"
        if word.endswith("ing") and _BY_MEANS.search(before):
            return False  # "…, by increasing graduation rates and improving timely graduation": the means
        if has_numbers:
            return not word.endswith("ed")
        prior = before.rsplit(None, 2)[-2:-1]
        if token.type in ("UP", "DOWN") and _MEASURED_OBJECT.match(text, _end(token)):
            return True  # "promote mobility and grow the number of international students"
        if token.type in ("UP", "DOWN") and not word.endswith(("ed", "ing")) and _DUE_AFTER.match(text, _end(token)):
            return True  # "… and increase average compensation by 2029": an aim with its year
        return token.type in ("UP", "DOWN") and bool(prior) and prior[0].lower() in _MEASURING_VERBS
    if has_numbers and _CARRIES_AMOUNT.match(text[_end(token) : _end(token) + 12]):
        return True  # "cloud spend reduced by 8%", "sign-ups grow 50%": the verb carries the amount
    if token.type == "MULTIPLY" and word.endswith("ed"):
        return True  # "Customer complaints halved within two years": a headline's participle is its verb
    # third-person forms are verbs wherever they stand: "CE streamlining decreases time"
    return word.endswith("s") and not word.endswith("ss")


def _counted_noun(text: str, end: int) -> str | None:
    """The noun a bare number counts: "12 new partners" -> "partners"."""
    words: list[str] = []
    for word in text[end : end + 120].split()[:5]:
        clean = word.strip(".,;:!?()[]\"'“”").lower()
        if not clean or not clean[0].isalpha() or clean in _UNIT_STOPWORDS:
            break
        words.append(clean)
        if word[-1] in ".,;:!?)":
            break
    if not words:
        return None
    if words[0] in _TIME_UNITS:
        return words[0]
    for word in words[:3]:
        if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
            return word
    return words[min(len(words), 3) - 1]


def _quantity(text: str, token: Token) -> RawQuantity:
    raw = token.value
    leading = len(raw) - len(raw.lstrip())
    start = _start(token) + leading
    body = raw.strip()
    parts: QuantityParts = (read_placeholder if token.type == "PLACEHOLDER" else read_quantity)(body)
    value = parts.value
    if value is not None and not (math.isfinite(value) and abs(value) < _LARGEST_AMOUNT):
        value = None  # "10^400 users": not an amount anyone means, and no arithmetic may overflow
    unit = parts.unit
    if unit is None:
        unit = _counted_noun(text, start + len(body))
    return RawQuantity(value, unit, parts.comparator, body, start, start + len(body))


def _share_units(
    first: RawQuantity | None, second: RawQuantity | None
) -> tuple[RawQuantity | None, RawQuantity | None]:
    """"from 73 to 75%" and "from $1M to 2M": one unit serves both numbers."""
    if first and second:
        strong = ("%", "pp")
        if second.unit is None or (first.unit in strong and second.unit not in strong and len(first.unit or "") < 4):
            if first.unit and (first.unit in strong or first.unit.isupper()):
                second = replace(second, unit=first.unit)
        elif first.unit is None and second.unit and (second.unit in strong or second.unit.isupper()):
            first = replace(first, unit=second.unit)
    return first, second


def _first_word(text: str) -> str:
    match = re.search(r"[A-Za-z]+", text[:200])
    return match.group(0).lower() if match else ""


@lru_cache(maxsize=32768)
def read_statement(text: str, is_kpi: bool = False) -> Reading:
    """Read one statement. Never raises: text the grammar cannot read has an empty measure."""
    try:
        phrases = _phrases(text)
    except (LarkError, RecursionError, KeyError):
        phrases = []
    return _interpret(text, phrases, is_kpi)


@dataclass
class _Found:
    """The phrases of one statement, sorted by what they can mean."""

    baseline: RawQuantity | None = None
    target: RawQuantity | None = None
    change: RawQuantity | None = None
    deadline: RawDeadline | None = None
    later_deadline: RawDeadline | None = None  # the second deadline, when the first only says when it starts
    cues: list[Token] = field(default_factory=list)
    bare: list[RawQuantity] = field(default_factory=list)
    windows: list[RawQuantity] = field(default_factory=list)
    noun_direction: Direction | None = None
    particle_direction: Direction | None = None
    noun_end: int | None = None  # "a 28% increase in X": where X begins
    later_targets: list[RawQuantity] = field(default_factory=list)  # "to N" phrases after the first
    aim_start: int | None = None  # where a later clause sets the aim ("…, and its mission is to …")
    aim_split: int = 0  # and where that clause's opening words begin
    first_phrase: int = -1  # where the first from/to/by/current/target phrase starts


_PASSIVE_BY = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\s+by\s+$", re.I)
_MONTH_AFTER = re.compile(r"(?<!\s)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|,|$)", re.I)
_EQUIVALENT_BEFORE = re.compile(r"\b(?:equivalent|equates|equating)\s*$", re.I)
_AGE_RANGE = re.compile(r"\d{1,2}[ \t]*[-–][ \t]*\d{1,2}")
_YEARS_OLD = re.compile(r"(?<![ \t])[ \t]*(?:years?|yrs?|year[ \t-]olds?)\b", re.I)


# An age qualifier after the people counted: "aged 4 to 6", "aged 16-24", "aged 65 and over", "between the
# ages of 3 and 5", "ages 11–16"
_AGES = re.compile(
    r"(?<![\w-])(?:aged?|ages)[ \t]+(?:(?:between|from|under|over)[ \t]+)?\d{1,3}"
    r"(?:[ \t]*(?:-|–|to|and)[ \t]*\d{1,3})?(?:[ \t]+(?:and|or)[ \t]+(?:over|under|above|below|older|younger))?"
    r"|(?<![\w-])between[ \t]+the[ \t]+ages[ \t]+of[ \t]+\d{1,3}[ \t]+and[ \t]+\d{1,3}",
    re.I,
)


def _is_age_band(text: str, quantity: RawQuantity) -> bool:
    return _AGE_RANGE.fullmatch(quantity.text) is not None and _YEARS_OLD.match(text, quantity.end) is not None


_UP_TO_A_YEAR = re.compile(r"\b(?:up|through|out|onwards?)[ \t]+to$", re.I)


def _to_an_audience(first: RawQuantity, second: RawQuantity) -> bool:
    """"Launch 3 new features to at least 1,000 beta users": a count of one thing, then whom it
    reaches, counted in another; not a move from the first to the second."""
    one, other = first.unit or "", second.unit or ""
    return (
        one.isalpha() and other.isalpha() and len(one) > 2 and len(other) > 2
        and one.rstrip("s") != other.rstrip("s") and one not in _TIME_UNITS and other not in _TIME_UNITS
    )


def _pictured(text: str, to_start: int) -> bool:
    """"– equivalent to 42 Sherwood forests –": a comparison that pictures an amount, no target."""
    return "equ" in text and _EQUIVALENT_BEFORE.search(text, max(0, to_start - 16), to_start) is not None


_YEAR_TEXT = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?")
_REFERENCE_NOUNS = frozenset({None, "level", "levels", "baseline", "baselines", "figures"})
_LEVEL_NOUNS = _REFERENCE_NOUNS - {None}


# "from a 2005/2006 baseline", "below 2019 levels": the year the change is measured from
_BASELINE_YEAR_AFTER = re.compile(  # (?<!\s): searched over a run of blanks, each blank fails at once
    r"(?<!\s)(?:\s*/\s*(?:19|20)?\d\d)?\s+(?:baseline|levels?|figures?|base\s+year)\b", re.I
)


def _is_baseline_year(text: str, quantity: RawQuantity) -> bool:
    year = _YEAR_TEXT.fullmatch(quantity.text) is not None
    return year and _BASELINE_YEAR_AFTER.match(text, quantity.end) is not None


def _is_year_reference(quantity: RawQuantity) -> bool:
    """"from 2022-2023", "from 2021/22", "from 2019 levels": a year or a span of years with
    nothing counted after it names a time."""
    return _YEAR_TEXT.fullmatch(quantity.text) is not None and quantity.unit in _REFERENCE_NOUNS


def _collect(text: str, phrases: list[_Phrase]) -> _Found:
    found = _Found()
    year_end = -2
    ages = [m.span() for m in _AGES.finditer(text)] if ("age" in text or "AGE" in text) else []
    for phrase in phrases:
        role, tokens = phrase.role, phrase.tokens
        if ages and any(start <= _start(token) < end for token in tokens for start, end in ages):
            # "10,000 children aged 4 to 6", "adults aged 65 and over": whose ages, never an amount (a
            # direction word after them is still a cue: "books for children aged 0-7 will increase by 5%")
            found.cues.extend(token for token in tokens if token.type in _VERB_CUES)
            continue
        if found.first_phrase < 0 and role in ("from_to", "to_target", "by_change", "current", "target_cue"):
            found.first_phrase = _start(tokens[0])
        if role == "arrow" and (len(tokens) < 3 or text[_end(tokens[0]) : _start(tokens[1])].strip()):
            # "2x cloud activation rate to N7": the first amount is not the arrow's
            counted = _quantity(text, tokens[0])
            found.bare.append(counted)
            if len(tokens) == 3 and not _pictured(text, _start(tokens[1])):
                reached = _quantity(text, tokens[2])
                if not _to_an_audience(counted, reached):
                    found.target = found.target or reached
        elif role in ("from_to", "arrow"):
            if role == "from_to":
                first, arrow = tokens[1], (tokens[2] if len(tokens) == 4 else None)
            else:
                first, arrow = tokens[0], tokens[1]
            start = _quantity(text, first)
            if arrow is None and _is_age_band(text, start):
                continue  # "100,000 youth from 18-24 years": whose ages, not where a count starts
            if arrow is None and _is_year_reference(start):
                year_end = start.end  # "invoices from 2022-2023", "from 2019 levels": a time, not a starting amount
                continue
            if arrow is not None and _is_year_reference(start):
                end = _quantity(text, tokens[-1])
                if _is_year_reference(end) and (end.value or 0) > (start.value or 0):
                    # "a ten year goal from 2010 to 2020": a span of years, which ends when the aim is due
                    # (but "from 2019 to 2025 levels" compares two years' levels)
                    if end.unit is None:
                        found.deadline = found.deadline or RawDeadline(end.text, end.start, end.end)
                    continue
            found.baseline = found.baseline or start
            if arrow is not None:
                found.target = found.target or _quantity(text, tokens[-1])
                if arrow.value.lower().startswith("down"):
                    found.particle_direction = "decrease"
        elif role == "to_target":
            if _pictured(text, _start(tokens[0])):
                continue  # "– equivalent to 42 Sherwood forests –": a comparison to picture it, no target
            reached = _quantity(text, tokens[1])
            if reached.unit is None and _YEAR_TEXT.fullmatch(reached.text) and _UP_TO_A_YEAR.search(
                text, max(0, _start(tokens[0]) - 9), _end(tokens[0])
            ):
                continue  # "cater to growth in demand right up to 2050": how far ahead, not a level
            if found.target is not None:
                found.later_targets.append(reached)  # ("… and its mission is to provide meals to 3 million")
            found.target = found.target or reached
            word = tokens[0].value.lower()
            if word.startswith(("down", "up")):
                found.particle_direction = "decrease" if word.startswith("down") else "increase"
        elif role == "by_change":
            found.change = found.change or _quantity(text, tokens[1])
        elif role == "noun_change":
            amount, noun = tokens
            between = text[_end(amount) : _start(noun)].strip(" -")
            if between and not (
                _quantity(text, amount).unit in ("%", "pp") and _CHANGE_OF_A_NAME.fullmatch(between) is not None
            ):
                # "send 1+ protocol improvement", "scores of 50 or less have increased": the
                # word is not the amount's, but it may still be the statement's verb
                found.bare.append(_quantity(text, amount))
                found.cues.append(noun)
                continue
            found.change = found.change or _quantity(text, amount)
            found.noun_direction = found.noun_direction or _DIRECTIONS[noun.type]
            found.noun_end = _end(noun)
        elif role == "current":
            if _MONTH_AFTER.match(text, _end(tokens[1])):
                continue  # "baseline 1 October 2018": the date measured from, not a level
            compared = _quantity(text, tokens[1])
            if _is_year_reference(compared):
                continue  # "by 15% compared with 2019/20": the year compared with, not a level
            found.baseline = found.baseline or compared
            word = tokens[0].value.lower()
            if word.startswith(("down", "up from")):
                found.particle_direction = "decrease" if word.startswith("down") else "increase"
        elif role == "target_cue":
            if text.startswith(":", _end(tokens[1])):
                continue  # "Goal 2: Reduce …": a label's number, not a target
            after = _end(tokens[1]) + text[_end(tokens[1]) : _end(tokens[1]) + 1].isspace()
            changed = _CHANGE_NOUN_AFTER.match(text, after)
            if changed is not None:  # "Goal: 5% growth by 2022": the amount is the size of a change
                found.change = found.change or _quantity(text, tokens[1])
                found.noun_direction = found.noun_direction or (
                    "increase" if changed.group(1).lower() in _MORE else "decrease"
                )
                continue
            found.target = found.target or _quantity(text, tokens[1])
        elif role == "window" and tokens[0].type == "WITHIN":
            found.windows.append(_quantity(text, tokens[1]))
        elif role == "quantity":
            if _start(tokens[0]) == year_end + 1 and text[year_end : year_end + 1] == "/":
                continue  # "from 2021/22": the split year's second half
            counted = _quantity(text, tokens[0])
            if counted.unit in _LEVEL_NOUNS and _YEAR_TEXT.fullmatch(counted.text.rsplit(None, 1)[-1]):
                continue  # "below 2019 levels", "against the 2005 baseline": a year's level, not an amount
            found.bare.append(counted)
        elif role == "deadline" and (found.deadline is None or found.later_deadline is None):
            token = tokens[0]
            if found.deadline is None:
                found.deadline = RawDeadline(token.value.strip(), _start(token), _end(token))
            else:
                found.later_deadline = RawDeadline(token.value.strip(), _start(token), _end(token))
        elif role == "cue":
            found.cues.append(tokens[0])
    if len(found.bare) > 1:
        found.bare = _named_value(text, found.bare)
    return found


def _named_value(text: str, bare: list[RawQuantity]) -> list[RawQuantity]:
    """"Number of calls answered in 2 rings: 80%", "… to question 6 on the survey: 80%": a name,
    a colon and a lone amount at the end; the numbers inside the name only say what is measured."""
    last = bare[-1]
    colon = text.rfind(":", max(0, last.start - 12), last.start)
    if colon < 0 or not text[colon + 1 : colon + 2].isspace():
        return bare  # "a ratio of 27.7:1": no label's colon
    if last.end < len(text.rstrip(" .;")) or text[colon + 1 : last.start].strip(" ≥≤<>~"):
        return bare
    return [quantity for quantity in bare if quantity.start > colon]


class _Focus:
    """Where the statement proper begins, its sentences, and the one that carries the measure."""

    __slots__ = ("end", "lead", "sentences", "single", "start")

    def __init__(self, lead: int, sentences: Sentences, start: int, end: int) -> None:
        self.lead, self.sentences, self.start, self.end = lead, sentences, start, end
        self.single = sentences is ONE_SENTENCE

    def clause_start(self, position: int) -> int:
        """Where the sentence holding `position` begins (never before the lead)."""
        return self.lead if self.single else max(self.lead, self.sentences.span_of(position)[0])


def _focus(text: str, found: _Found) -> _Focus:
    verbs = [c.start_pos or 0 for c in found.cues if c.type in _VERB_CUES] if ":" in text else ()
    lead = statement_start(text, verbs, found.first_phrase)
    spans = sentences(text, lead)
    if spans is ONE_SENTENCE:
        return _Focus(lead, spans, lead, len(text))
    numbers = [q.start for q in (found.baseline, found.target, found.change, *found.bare) if q and q.start >= lead]
    start, end = spans.span_of(min(numbers)) if numbers else spans.span(0)
    return _Focus(lead, spans, start, end)


def _main_verb(text: str, found: _Found, focus: _Focus) -> tuple[Token | None, Direction | None, float | None]:
    """The first direction verb of the measurable sentence, else of the statement."""
    if not found.cues:
        return None, None, None
    has_numbers = bool(found.baseline or found.target or found.change or found.bare)
    single = focus.single
    if single and len(found.cues) == 1:  # the common case: one direction word
        cue = found.cues[0]
        if cue.type in _VERB_CUES and (cue.start_pos or 0) >= focus.lead:
            return _as_verb(text, cue, has_numbers, focus.lead)
        return None, None, None
    candidates = [c for c in found.cues if c.type in _VERB_CUES and (c.start_pos or 0) >= focus.lead]
    if not single:  # the measurable sentence's verbs first
        inside = [c for c in candidates if focus.start <= (c.start_pos or 0) < focus.end]
        candidates = inside + [c for c in candidates if not focus.start <= (c.start_pos or 0) < focus.end]
    # of two verbs before the measure's first number, the nearer one carries it: "improve UX,
    # achieve 65% DAU/MAU"
    first_number = None
    if len(candidates) > 1:
        numbers = [q.start for q in (found.baseline, found.target, found.change, *found.bare) if q]
        first_number = min((n for n in numbers if focus.start <= n < focus.end), default=None)
    if first_number is not None:
        before = sorted(
            (c for c in candidates if focus.start <= (c.start_pos or 0) < first_number), key=lambda c: c.start_pos or 0
        )
        if len(before) > 1:
            counting = [
                c for c in before
                if _counts_as_verb(text, c, has_numbers, focus.lead if single else focus.start)
            ]
            if len(counting) > 1:
                nearest = counting[-1]
                if nearest.type == "REACH" and nearest.value.lower().endswith("ing") and (
                    text[max(0, _start(nearest) - 3) : _start(nearest)].rstrip().endswith(",")
                ):
                    nearest = counting[-2]  # "increase the share …, reaching 75%": the participle gives the level
                candidates = [nearest] + [c for c in candidates if c is not nearest]
    carrier = next((c for c in candidates if _WHILE_BEFORE.search(text, max(0, _start(c) - 8), _start(c))), None)
    if carrier is not None and _NUMBER_IN_CLAUSE.match(text, _end(carrier)):
        # "eliminate equity gaps for three groups while increasing overall success rate to 73%"
        candidates = [carrier] + [c for c in candidates if c is not carrier]
    for cue in candidates:
        verb = _as_verb(text, cue, has_numbers, focus.clause_start(cue.start_pos or 0))
        if verb[0] is not None:
            return verb
    return None, None, None


def _as_verb(
    text: str, cue: Token, has_numbers: bool, clause_start: int
) -> tuple[Token | None, Direction | None, float | None]:
    """The cue as the statement's verb, its direction and factor; or nothing when it is not one."""
    if not _counts_as_verb(text, cue, has_numbers, clause_start):
        return None, None, None
    if cue.type == "MULTIPLY":
        factor = _multiplier(cue.value)
        return cue, ("decrease" if factor < 1 else "increase"), factor
    return cue, _DIRECTIONS[cue.type], None


_RATE_AFTER = re.compile(
    r"\s*(?:(?:month|quarter|year|week)\s+(?:over|on)\s+(?:month|quarter|year|week)|mom|qoq|yoy|wow)\b", re.I
)
_PERIOD_UNITS = frozenset("day days week weeks month months quarter quarters year years".split())
_PERIOD_ORDER = frozenset("next last first coming past following".split())
_SCOPE_BEFORE = re.compile(r"\b(?:with|of|having|among|for)\s*$", re.I)
_WITH_BEFORE = re.compile(r"\b(?:with|having|among)\s*$", re.I)
# "accounts worth $50k+", "teams with a health score of 60 or less": a threshold that picks who
# is counted, written after the words that say so
_POPULATION_BEFORE = re.compile(
    r"\b(?:worth|valued\s+at)\s*$|\b(?:with|having|whose|where|among)\s+(?:(?:an?|the|their|its)\s+)?"
    r"(?!(?:an?|the|their|its)\s*$)[\w-]+"
    r"(?:\s+[\w-]+){0,4}\s*$",
    re.I,
)
_OF_THE_TIME = re.compile(r"\s+of\s+(?:the\s+)?(?:time|cases|requests|tickets)\b", re.I)
_TIME_WORDS = re.compile(r"\b(?:time|latency|duration|build|wait|response|cycle|runtime|minutes?)\b", re.I)
_BETTERMENT = re.compile(
    r"(?:enhanc(?:e|es|ed|ing)|optimi[sz](?:e|es|ed|ing)|strengthen(?:s|ed|ing)?|expand(?:s|ed|ing)?|"
    r"broaden(?:s|ed|ing)?|deepen(?:s|ed|ing)?|widen(?:s|ed|ing)?)\s+(?=[\w“\"'])",
    re.I,
)
# "Expand to 3 partner schools", "Extend the scheme to 40 more sites": growing reach to a count
_WIDENING = re.compile(r"(?:expand|extend|widen|broaden|scale\s+up)\s", re.I)
# A place in a ranking or on a scale of levels: "be placed in the upper quartile of …", "achieve a
# sector-leading position", "hits top 5 in Hacker News", "our platforms hit the “elite” level"
_STANDING = re.compile(
    r"\b(?:(?:upper|top|bottom|lower|highest|first)\s+(?:quartile|quintile|decile|third|tenth)|"
    r"(?:sector|industry|market|world|class|nationally|internationally|globally)[-\s]leading|"
    r"(?:leading|top|first)\s+(?:position|place|spot)|ranked|(?:in|up|on)\s+(?:the\s+)?league\s+tables?|"
    r"(?:hit|hits|reach|reaches|achieve|achieves|attain|attains)\s+(?:the\s+)?(?:top\s+(?:\d+|ten|five|three)|"
    r"[“\"']?\w+[”\"']?\s+(?:level|rating|tier)))\b",
    re.I,
)
# "will achieve at least a top 4 ladder finish", "to be recognised in the world's top 50 universities",
# "Finish in the top 3": a rank among others reached (but "Run QBRs with all top 20 accounts" picks whom)
_RANK_NUMBER = r"top[-\s](?:\d{1,4}|two|three|four|five|six|ten|twenty|fifty|hundred)\b"
_RANK_REACHED = re.compile(
    r"\b(?:(?:achieve|achieves|secure|secures|attain|attains|reach|reaches|hit|hits|finish|finishes|be|remain|"
    r"remains|stay|stays|placed?|ranked|ranks|recogni[sz]ed|featured?|features|into)"
    r"(?:\s+(?:at\s+least|consistently|firmly|established|among|within|in|as))*\s+(?:an?\s+|the\s+)?"
    r"(?:[\w’'-]+\s+){0,2}?" + _RANK_NUMBER + r"|\ban?\s+" + _RANK_NUMBER
    + r"\s+(?:[\w-]+\s+)?(?:finish|ranking|place|placing|position|spot|rating))",
    re.I,
)
_NONE_OF_THEM = re.compile(
    r"(?:no|zero)\s+(?!(?:more|less|fewer|longer|later|one)\b)(?:[\w'’-]+\s+){1,8}?"
    r"(?:is|are|was|were|has|have|had|gets?|goes|go|will|should|can|must|remains?|stays?|fails?|breaks?|"
    r"misses|miss|waits?|exceeds?)\b",
    re.I,
)
# "10 percent annual sales growth", "20% cost reduction": a share, then what changes, then its change
# (a count before the words names things instead: "send 1+ protocol improvement")
_NOT_A_NAME_WORD = r"(?!(?:of|and|or|has|have|is|are|in)\b)[A-Za-z][\w&/-]*"
_CHANGE_OF_A_NAME = re.compile(_NOT_A_NAME_WORD + r"(?:\s+" + _NOT_A_NAME_WORD + r"){0,2}", re.I)
# "a reduction in carbon emissions of 20%": the change noun, what changes, then the amount
_CHANGE_IN_THEN_OF = re.compile(r"(?<!\s)\s+in\s+[^,.;:()\d]{1,60}?\s+of\s+", re.I)
# "Improvement in the digital maturity score", "A significant reduction in waiting times"
_OPENING_CHANGE = re.compile(r"(?:(?:an?|the|continued|further|significant|sustained|measurable)\s+){0,2}$", re.I)
_IN_OR_OF = re.compile(r"(?<!\s)\s+(?:in|of)\s+", re.I)
_ATTENDANT = re.compile(r"[,;]\s+(?:with|while|and\s+with)\s", re.I)
_AHEAD_OF_PLAN = re.compile(r"\b(?:ahead\s+of|on|above)\s+(?:plan|target|forecast|budget)\b", re.I)
# "Hit our bookings target", "achieve volume target in inbound SCLAU generation"
_HIT_TARGET = re.compile(
    r"\b(?:hit|hits|achieve[sd]?|meet|meets|reach(?:es)?|exceed(?:s)?|beat|beats)\s+"
    r"(?:(?:and|&)\s+[a-z]+\s+)?"  # "Hit and track all team revenue goals"
    r"(?:(?:our|the|a|its|their|all|every)\s+)?((?:[\w'’&/$-]+\s+){0,4}?)(?:targets?|plans?|quotas?|goals?)\b"
    r"(?:\s+(?:in|for|of|on)\s+([^,.;:()]{1,80}))?",
    re.I,
)
# "spends less time on manual triage", "more visits than last year's guides", "steady growth in
# organic reach": a direction without a number
_COMPARISON = re.compile(
    r"\b(?:(?P<word>more|fewer|less|lower|higher|greater|larger|bigger|smaller|shorter|cheaper|faster|slower|"
    r"quicker|better|worse)\s+"
    r"(?P<what>(?:[\w'’/-]+\s+){0,5}?)than\b(?!\s*[$€£]?\d)"
    r"|(?:spends?|spending|takes?|needs?|uses?|costs?|gets?|getting|sees?|seeing|receives?|receiving|"
    r"attracts?|attracting|have|has|having)\s+(?P<word2>more|less|fewer)\s+(?P<what2>[^,.;:()]{1,60})"
    r"|\b(?:steady|continued|sustained|consistent|strong|further|annual|yearly|year-on-year|year\s+on\s+year|"
    r"ongoing|continuous|continual)\s+(?P<noun>growth|increase|rise|improvement|"
    r"reduction|decline|decrease)\s+(?:in|of)\s+(?P<what3>[^,.;:()]{1,60})"
    # "power twice as many interactions", "see growing engagement", "skills get used more"
    r"|\b(?P<times>twice|two\s+times|three\s+times|half)\s+as\s+(?:many|much)\s+(?P<what4>[^,.;:()]{1,60})"
    r"|\b(?:see|sees|seeing)\s+(?:(?:steady|continued|sustained|consistent|strong)\s+)?"
    r"(?P<trend>growing|rising|increasing|declining|falling|shrinking)\s+(?P<what5>[^,.;:()]{1,60})"
    r"|\b(?:gets?|getting|got|are|is|be|being)\s+[a-z]+ed\s+(?P<word6>more|less)\b"
    # "aid increase in TVL", "drive growth in sign-ups": a change helped along, without a number
    r"|\b(?:help(?:s|ing)?|aid(?:s|ing)?|driv(?:e|es|ing)|support(?:s|ing)?|deliver(?:s|ing)?|enabl(?:e|es|ing))"
    r"\s+(?:(?:to\s+)?(?:aid|drive|deliver|support|enable)\s+)?(?:an?\s+|the\s+)?"
    r"(?P<noun7>increase|growth|rise|reduction|decrease|decline)\s+(?:in|of)\s+(?P<what7>[^,.;:()]{1,60})"
    # "The goal is to get more qualified leads", "will be to cement more custodial listings"
    r"|\b(?:is|are|be|was)\s+to\s+[a-z]+\s+(?P<word8>more|fewer)\s+(?P<what8>[^,.;:()]{1,60})"
    # "helping more children in care graduate", "so that fewer families fall into debt": more or fewer
    # of the people a service reaches, and what they do
    r"|\b(?:help(?:s|ing)?|ensur(?:e|es|ing)|support(?:s|ing)?|enabl(?:e|es|ing)|so\s+that|encourag(?:e|es|ing)|"
    r"inspir(?:e|es|ing)|mean(?:s|ing)?)\s+(?P<word9>more|fewer)\s+(?!than\b)(?P<what9>[^,.;:()]{1,80}))",
    re.I,
)
# "100%+ of Rent Due for the Year", "2.0% of Gross Rent for the Year": a period after the noun a
# share is taken of says over which window it is counted
_FOR_THE_PERIOD = re.compile(r"for\s+the\s+(?:year|quarter|half|month)", re.I)
_SHARE_BEFORE = re.compile(r"(?:%|percent|per\s+cent)\+?\s+of\s+(?:[\w'’-]+\s+){1,5}$", re.I)
# "than it was in", "than last": the words between a comparison and the date it compares with
_AFTER_THAN = re.compile(r"\bthan(?:\s+(?!\d)[\w'’]+){0,4}\s*$", re.I)
_MORE = frozenset(
    "more higher greater larger bigger growth increase rise improvement faster quicker better twice two three "
    "growing rising increasing".split()
)
# what the rarer readings need among a statement's words, checked before searching for them
_COMPARISON_HINTS = (
    "than", "spend", "take", "need", "use", "cost", "get", "see", "receiv", "attract", "as many", "as much",
    "hav", "has", "more ", "fewer ", "increase ", "growth ", "rise ", "reduction ", "decrease ", "decline ",
)
# "… scoring model to get more qualified leads" is a purpose; "We are aiming to have more use cases
# described" is the aim: after "to", a comparison counts only after a word that aims
_PURPOSE_TO = re.compile(r"(?:^|\s)(?P<word>[\w'’]+)\s+to\s+$")
_AIM_WORDS = frozenset("aim aims aiming aimed want wants plan plans planning need needs expect expects is are".split())
# "We're running 12+ customer calls": an activity under way, not a result
_PROGRESSIVE = re.compile(r"(?:we|i|they)(?:'re|’re|'m|’m|\s+are|\s+am)\s+([a-z]+)ing\b", re.I)
# "setting our sights on …", "setting a new target of …": an aim being set, not a task being done
_SETTING_AN_AIM = re.compile(
    r"(?<![ \t])[ \t]+(?:our|their|its|a|an|the|new)[ \t]+(?:sights|goals?|targets?|aims?|ambitions?)\b", re.I
)
# "… as part of a goal to lower emissions 20 percent", "in support of the council's target of 60%"
_WIDER_AIM = re.compile(r"\b(?:as\s+(?:a\s+)?part\s+of|in\s+support\s+of)\s", re.I)
# "Actively contribute to the WRAP goal that …", "Support the national target of …", "Play our part in
# the city's pledge to …": a share in someone else's aim is an effort, whatever that aim counts
_CONTRIBUTES = re.compile(
    r"(?:(?:actively|fully|continue\s+to|help\s+to)\s+)?(?:contribut(?:e|es|ing)\s+to(?:wards?)?|"
    r"support(?:s|ing)?|play(?:s|ing)?\s+(?:our|its|their|a|an)\s+(?:full\s+|active\s+)?(?:part|role)\s+in)\s+"
    r"(?:the|a|an|our|their|its)\s+(?:[\w&'’-]+\s+){0,4}?(?:goals?|targets?|ambitions?|commitments?|pledges?)\b",
    re.I,
)
# "the Meals per Person in Need … falls within an equitable range", "stays within the agreed tolerance":
# a level held in a band, without a number
_IN_A_RANGE = re.compile(
    r"\b(?P<verb>falls?|is|are|sits?|lies?|stays?|remains?|kept|keeps?)\s+within\s+(?:the|an?|its|their|our)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:range|band|limit|tolerance|corridor|threshold)s?\b",
    re.I,
)


def _is_modifier(text: str, quantity: RawQuantity) -> bool:
    """"1 month boot-camp", "2 day workshop": the number describes a noun; it is no amount.
    (After a direction verb it is one: "maintain an average 7 day resolution".)"""
    if quantity.comparator is not None or quantity.unit not in _MODIFIER_UNITS:
        return False
    words = text[quantity.end : quantity.end + 60].split()[:2]
    return len(words) == 2 and words[1][:1].isalpha() and words[1].lower() not in _UNIT_STOPWORDS


def _is_label_number(text: str, quantity: RawQuantity, lead: int) -> bool:
    """"Goal 2: Reduce …": the number closes the label the statement starts after. (A value in a
    prefix read as a name, "MRR – target 500k, monthly, source: Stripe", is still the target.)"""
    return not text[quantity.end : lead].strip(" \t:.)-–—")


# "in line with 1.5˚C", "aligned with a 1.5°C pathway", "consistent with 2% inflation": a level others set
_REFERENCE_BEFORE = re.compile(
    r"\b(?:in[ \t]+line|aligned|consistent|compatible|in[ \t]+keeping)[ \t]+with[ \t]+(?:an?[ \t]+|the[ \t]+)?$", re.I
)


def _is_reference(text: str, quantity: RawQuantity) -> bool:
    return "with" in text and _REFERENCE_BEFORE.search(text, max(0, quantity.start - 30), quantity.start) is not None


def _is_year_ahead(quantity: RawQuantity) -> bool:
    """"cater to growth in demand right up to 2050": a year as far as a plan looks, not a level."""
    written = quantity.text.lower()
    if quantity.unit is not None or not written.startswith("up to"):
        return False
    return _YEAR_TEXT.fullmatch(written[5:].strip()) is not None


_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|net)[ \t-]$", re.I)


def _is_named_zero(text: str, quantity: RawQuantity) -> bool:
    """"Shipment Zero", "Vision Zero", "net zero": a name or a state that holds a zero."""
    word = quantity.text
    if word.lower() != "zero":
        return False
    before = text[max(0, quantity.start - 16) : quantity.start]
    match = _NAME_BEFORE.search(before)
    if match is None:
        return False
    if match.group().lower().startswith("net"):
        return True
    return word[:1].isupper() and match.group()[:1].isupper() and quantity.start > 0 and (
        before.rstrip()[-1:] != "."
    )


# "Successful introduction of new online options", "Launch of the new app", "Completion of the
# library refurbishment": a thing done, named by its action noun
_DELIVERABLE = re.compile(
    r"(?:(?:the\s+)?(?:successful|timely|full)\s+)?(?:introduction|launch|completion|implementation|delivery|"
    r"development|establishment|creation|publication|roll-?out|opening|installation|construction|adoption\s+of\s+a)"
    r"\s+(?:of\s+)?",
    re.I,
)
# "The club will have a suite of published policies", "The library will launch a new app": a commitment to
# make or do something, with nothing counted
_WILL_DELIVER = re.compile(  # (but "will have a better experience" is a result)
    r"(?<![ \t])[ \t]+(?:will|shall)[ \t]+(?:have[ \t]+(?:a|an)[ \t]+(?![a-z]+er\b|more\b|less\b)|([a-z]+)\b)", re.I
)


def _will_deliver(text: str, lead: int) -> bool:
    if " will " not in text and " shall " not in text:
        return False
    words = text[lead : lead + 60].split()[:6]
    at = next((i for i, word in enumerate(words) if word.lower() in ("will", "shall")), None)
    if at is None or at == 0:
        return False
    match = _WILL_DELIVER.match(text, text.find(" " + words[at], lead))
    return match is not None and (match.group(1) is None or match.group(1).lower() in _EFFORT_VERBS)


def _first_letter(text: str) -> int:
    return len(text) - len(text.lstrip(" \t*-•>#"))


def _alone_in_parentheses(text: str, quantity: RawQuantity) -> bool:
    """"(44.66%)": a number in parentheses of its own, after what it measures: its value today."""
    return text[quantity.start - 1 : quantity.start] == "(" and text.startswith(")", quantity.end)


def _is_definite_count(text: str, quantity: RawQuantity) -> bool:
    """"monitoring the 4 golden signals": a count after "the" says which things, without a verb
    that aims at it. (After one it is an amount: "reach the 1,000 customer mark".)"""
    if quantity.comparator is not None or quantity.text[:1] in "$€£¥" or not quantity.text[:1].isalnum():
        return False  # ("in each of the four counties": a number word says which, as digits do)
    if quantity.unit in ("%", "pp", "x") or text[max(0, quantity.start - 4) : quantity.start].lower() != "the ":
        return False
    return quantity.start == 4 or text[quantity.start - 5].isspace()


_AMOUNT_OPENS = re.compile(r"(?:less than |more than |at least |at most |under |over )?[$€£]?\d", re.I)
# "450,000 more patients", "200 fewer complaints", "2,000 t reduced plastic": a number of more or fewer
_MORE_AFTER = re.compile(
    r"(?: (?:t|kg|tonnes?|tons?|lbs?|km|miles?|hours?|mwh|gwh|kwh))? (more|fewer|additional|extra|reduced|less)"
    r"(?! than\b) [a-z]",
    re.I,
)
_FEWER_WORDS = frozenset("fewer reduced less".split())
_QUOTED = re.compile(r"[‘“][^‘“”\n]{1,200}?[’”](?!\w)")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of text in curly quotes: an indicator's name, whose numbers are no amounts."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _is_period_count(text: str, quantity: RawQuantity) -> bool:
    """"in each of the five years of the strategy", "over the next 3 years": a number of periods
    after "the" says over how long, never how much."""
    if quantity.comparator is not None or quantity.unit not in _PERIOD_UNITS:
        return False
    before = text[max(0, quantity.start - 16) : quantity.start].lower().split()
    return bool(before) and (before[-1] == "the" or (before[-2:-1] == ["the"] and before[-1] in _PERIOD_ORDER))


# "funding plans for 1 year", "a hiring roadmap for the next 2 quarters": the span a plan covers
_HORIZON_BEFORE = re.compile(
    r"\b(?:plans?|planning|roadmaps?|budgets?|forecasts?|strateg(?:y|ies)|contracts?|leases?|"
    r"subscriptions?|licen[cs]es?|schedules?|calendars?)\s+for\s+(?:the\s+(?:next\s+)?)?$",
    re.I,
)


def _is_horizon(text: str, quantity: RawQuantity) -> bool:
    if quantity.comparator is not None or quantity.unit not in _PERIOD_UNITS:
        return False
    return _HORIZON_BEFORE.search(text, max(0, quantity.start - 40), quantity.start) is not None


def _is_threshold(text: str, quantity: RawQuantity) -> bool:
    """Does the number pick who is counted ("customers with more than 500 seats")?"""
    if quantity.comparator is None:
        return False
    window = text[max(0, quantity.start - 60) : quantity.start]
    if quantity.comparator == ">" and _SCOPE_BEFORE.search(window) and not (
        quantity.unit == "%" and text.startswith(" of ", quantity.end)
    ):
        return True  # "customers with more than 500 seats"; "with > 50% of issues resolved" is a share aimed at
    if quantity.text.endswith("+") and _WITH_BEFORE.search(window):
        return True  # "accounts with $20k+ ARR" picks whom; "deployed with at least 15 champions" is an aim
    if _DOING_BEFORE.search(window) and _MEASURE_NAME.search(window):
        return True  # "Percentage of tenants owing more than 7 weeks rent": which tenants are counted
    return _POPULATION_BEFORE.search(window) is not None


# a participle right before a bound: "owing more than", "waiting over", "aged under"
_DOING_BEFORE = re.compile(r"\b(?:[a-z]{2,}ing|aged)\s*$", re.I)


_MULTIPLE_OF_A_NORM = re.compile(
    r" ?(?:times|x)? (?:that of )?the (?:[A-Za-z-]+ ){0,3}?(?:average|mean|median|benchmark|norm)s?(?![\w])", re.I
)


def _is_multiple_of_a_norm(text: str, quantity: RawQuantity) -> bool:
    """"a fatality rate more than 1.25 times the national average": a level measured against
    others' average bounds who is counted; it is no amount to reach."""
    return _MULTIPLE_OF_A_NORM.match(" ".join(text[quantity.end : quantity.end + 80].split())) is not None


# "allocate CHF 20k budget to the MVP", "Spend $10k on ads", "invest €2M in R&D": money put in is
# an effort's size, not a result (a cap on spending, "spend less than $5k", is still one)
_PUTS_IN = re.compile(
    r"\b(?:allocat(?:e|es|ing)|spend(?:s|ing)?|invest(?:s|ing)?|earmark(?:s|ing)?)\s+(?:(?:a|an|the|another)\s+)?$",
    re.I,
)


def _money_put_in(text: str, quantity: RawQuantity | None) -> bool:
    if quantity is None or quantity.comparator is not None:
        return False
    code = quantity.unit or ""
    money = quantity.text[:1] in "$€£¥" or (len(code) == 3 and code.isupper())
    return money and _PUTS_IN.search(text, max(0, quantity.start - 30), quantity.start) is not None


_MEASURE_NAME = re.compile(r"(?:the\s+)?(?:number|percentage|proportion|share|%|count)\s+of\s", re.I)
_ARTICLES = frozenset({"a", "an", "the", "another"})
_FUNDING_WORDS = frozenset("series seed round funding capital investment pre-seed bridge".split())


def _money_raised(text: str, verb: Token, quantity: RawQuantity) -> bool:
    """"Raise a USD 5M seed extension", "Raise $2M in seed funding": money raised, not a rise."""
    if not verb.value.lower().startswith("rais") or quantity.comparator not in (None, ">=", ">", "~"):
        return False  # ("Raise at least £500,000 from corporate partners": a sum raised, bounded below)
    code = quantity.unit or ""
    money = quantity.text[:1] in "$€£¥" or (len(code) == 3 and code.isupper())
    between = text[_end(verb) : quantity.start].split()  # (split, not a pattern: a run of blanks stays linear)
    if money and 1 < len(between) <= 5 and any(word.lower() in _FUNDING_WORDS for word in between):
        return True  # "Raise Series A of $10M", "Raise a seed round of £2M": a round raised
    return money and (not between or (len(between) == 1 and between[0].lower() in _ARTICLES))


def _progressive_effort(text: str, focus: _Focus) -> bool:
    match = _PROGRESSIVE.match(text, focus.lead)
    if match is None:
        return False
    stem = match.group(1).lower()
    if _SETTING_AN_AIM.match(text, match.end()):
        return False  # "We are setting our sights on feeding 3 million children": an aim, not a task
    return stem in _EFFORT_VERBS or stem[:-1] in _EFFORT_VERBS or stem + "e" in _EFFORT_VERBS


_RANGE_BEFORE = re.compile(
    r"\b(?:range[sd]?|ranging|var(?:y|ies|ying)|fluctuat(?:e|es|ing))\s+(?:from\s+|between\s+)?$", re.I
)


def _count_range(text: str, low: RawQuantity, high: RawQuantity) -> RawQuantity | None:
    """"two to three new residence halls", "Hire 5 to 8 engineers": with no verb of change, two
    counts joined by "to" before the thing they count are a range to reach, not a start and an end."""
    if low.value is None or high.value is None or low.value >= high.value:
        return None
    if text[low.end : high.start].strip().lower() != "to" or not high.text[-1:].isalnum():
        return None  # "4% to 3%", "$2M to $3M"... a share or an amount of money moves, a count is counted
    if any(sign in quantity.text for quantity in (low, high) for sign in "%$€£¥"):
        return None
    after = text[high.end : high.end + 40].split()[:1]
    if not after or not after[0][:1].isalpha() or after[0].lower() in _UNIT_STOPWORDS:
        return None
    return RawQuantity(low.value, high.unit or low.unit, None, text[low.start : high.end], low.start, high.end)


def _interpret(text: str, phrases: list[_Phrase], is_kpi: bool) -> Reading:
    found = _collect(text, phrases)
    focus = _focus(text, found)
    target = found.target
    if target is not None and target.start < focus.lead and _is_label_number(text, target, focus.lead):
        found.target = None  # "Goal 2: Reduce …": a label's number
    if found.deadline is not None and found.deadline.start < focus.lead and _STARTING.match(text, _first_letter(text)):
        # "Starting in the year 2023-2024, …": when it begins, not a deadline
        found.deadline, found.later_deadline = found.later_deadline, None
    elif found.deadline is not None and found.deadline.start < focus.lead and found.later_deadline is not None and (
        found.later_deadline.start >= focus.lead
    ):  # "After reaching 1 million members in 2022, our next goal is 2 million by 2026": the lead-in's is past
        found.deadline, found.later_deadline = found.later_deadline, None
    verb, direction, factor = _main_verb(text, found, focus)
    if verb is None and found.change is not None:
        # "Each of our platforms and tools increase the number of users by 50%": a change "by N"
        # is made by the direction word before it, whatever stands before that word
        before_change = (c for c in reversed(found.cues) if focus.lead <= _start(c) < found.change.start)
        verb = next((c for c in before_change if c.type in ("UP", "DOWN")), None)
        direction = _DIRECTIONS[verb.type] if verb is not None else None
    baseline, target, change = found.baseline, found.target, found.change
    if verb is None and change is not None and found.noun_direction is None and target is None and (
        _PASSIVE_BY.search(text, max(0, change.start - 30), change.start)
    ):
        target, change = change, None  # "They will be supported by 150,000 volunteers": who, counted
    if baseline is not None and target is not None and baseline.unit in ("pp", "points", "point") and (
        target.unit == "%" and direction in ("increase", "decrease")
    ):
        baseline, change = None, baseline  # "Cut cart abandonment rate 3 percentage points to 65%": by 3, to 65
    if direction in (None, "reach", "maintain") and baseline is not None and target is not None:
        counted = _count_range(text, baseline, target) if direction != "maintain" else None
        if counted is not None:
            baseline, target = None, counted
        elif _RANGE_BEFORE.search(text, max(0, baseline.start - 30), baseline.start):
            # "The dividend payout ratio shall range from 30% to 60%": a band to stay in, not a start and an end
            low, high = baseline, target
            baseline, target = None, replace(high, text=text[low.start : high.end], start=low.start)
    links = link_texts(text)

    # Numbers that are not amounts: before the statement proper ("For our top 20 accounts,"),
    # inside a link's text, a compound modifier ("1 month boot-camp"), or a threshold that
    # picks who is counted ("accounts worth $50k+")
    quoted = _quoted_spans(text) if ("‘" in text or "“" in text) else None
    if quoted:  # "the [F3] indicator to ‘percentage of invoices paid within 30 days’": a name's numbers
        # (an amount that opens the quote is quoted as the aim: "to “less than 1% of the list”")
        named = [span for span in quoted if not _AMOUNT_OPENS.match(text, span[0] + 1)]
        found.bare = [q for q in found.bare if not in_link(named, q.start)]
        found.windows = [q for q in found.windows if not in_link(named, q.start)]
    referring = " with " in text
    bare = [
        q for q in found.bare
        if q.start >= focus.lead and not (links and in_link(links, q.start)) and not _is_threshold(text, q)
        and not (verb is None and (_is_modifier(text, q) or _is_definite_count(text, q)))
        and not _is_period_count(text, q) and not _is_multiple_of_a_norm(text, q) and not _is_horizon(text, q)
        and not _is_baseline_year(text, q) and not (referring and _is_reference(text, q))
        and not (q.text[:1] in "uU" and _is_year_ahead(q))
    ]
    if bare and ("ero" in text or "ERO" in text):
        named_zeros = [q for q in bare if _is_named_zero(text, q)]
        if named_zeros and (len(named_zeros) < len(bare) or target or change or baseline):
            # "Shipment Zero initiative aims to make 50 per cent …", "… net zero, taking 100% of …": a
            # name's or a state's zero beside a real amount (alone, "Achieve net zero emissions" aims at 0)
            bare = [q for q in bare if q not in named_zeros]
    if not bare and verb is None and not (baseline or target or change) and len(found.bare) == 1:
        closing = found.bare[0]
        if closing.start >= focus.lead and not text[closing.end :].strip(" .;)") and _is_threshold(text, closing):
            # "Customer satisfaction with the repairs service ≥ 85%": the only amount, closing a name, is its
            # level (a threshold picks whom, as in "teams with a health score of 60 or less", beside an aim)
            bare = [closing]
    aim_clause = None
    if baseline is None and change is None and len(bare) + (target is not None) + len(found.later_targets) > 1:
        lowered_text = text.lower()
        if any(word in lowered_text for word in _AIM_CLAUSE_HINTS):
            aim_clause = _AIM_CLAUSE.search(text, focus.lead)
    if aim_clause is not None:
        # "The charity currently supports 40,000 carers and aims to support 60,000", "… 10 million children,
        # the next goal is to reach 15 million": a count before the aim is where it starts
        split = aim_clause.start()
        before = [q for q in (target, *bare) if q is not None and q.start < split]
        after = sorted(
            (q for q in (target, *found.later_targets, *bare) if q is not None and q.start >= aim_clause.end()),
            key=lambda q: q.start,
        )
        if before and after and _comparable(before[0], after[0]):
            baseline, target = before[0], after[0]
            found.aim_start, found.aim_split = aim_clause.end(), aim_clause.start()
            bare = [q for q in bare if q.start >= aim_clause.end() and q is not target]
            if found.deadline is not None and found.deadline.start < split and found.later_deadline is not None:
                found.deadline = found.later_deadline  # ("… in 2022, our next goal is 2 million by 2026")
    wider = _WIDER_AIM.search(text, focus.lead) if ("part of" in text or "support of" in text) else None
    if wider is not None and any(q.start < wider.start() for q in (baseline, target, change, *bare) if q):
        # "Cut 1.5 million tons of CO2 … as part of a goal to lower emissions nearly 20 percent": the
        # wider aim's numbers are not this statement's
        bare = [q for q in bare if q.start < wider.start()]
        baseline, target, change = (
            q if q is None or q.start < wider.start() else None for q in (baseline, target, change)
        )
    if baseline is None and (target is not None or change is not None or len(bare) > 1):
        # "the target stands at 75% now but … drive this up to 80%": the level today is the baseline
        present = next(
            (
                q for q in bare
                if q is not target and (
                    (text[q.end : q.end + 1].isspace() and _AT_PRESENT.match(text, q.end + 1))
                    or _PRESENT_BEFORE.search(text, max(focus.lead, q.start - 50), q.start)
                )
            ),
            None,
        )
        if present is not None:
            baseline, bare = present, [q for q in bare if q is not present]
    verb_sentence = focus.sentences.index(_start(verb)) if verb is not None else -1
    if verb is not None and direction in ("increase", "decrease"):
        # A number before the main verb describes who is measured ("customers with a score
        # of 50 or less have increased adoption"), not the aim.
        if baseline is None:  # "The % of students reading at grade level (44.66%) … will increase by 3.93%"
            baseline = next((q for q in bare if q.end < _start(verb) and _alone_in_parentheses(text, q)), None)
        bare = [q for q in bare if q.start > _start(verb) or focus.sentences.index(q.start) != verb_sentence]
    if change is None and bare:
        # "achieve a reduction of at least 2% in Serious Acquisitive Crime": the change noun comes first
        nouns = [c for c in found.cues if c.type in ("UP_NOUN", "DOWN_NOUN")]
        named_change = next(
            ((q, c) for q in bare for c in nouns if text[_end(c) : q.start].strip().lower() == "of"), None
        )
        named_first = None if named_change or not nouns else next(
            ((q, c) for q in bare for c in nouns if _CHANGE_IN_THEN_OF.fullmatch(text, _end(c), q.start)), None
        )
        if named_first is not None:  # "a reduction in carbon emissions of 20%": what changes comes first
            change = named_first[0]
            found.noun_direction = found.noun_direction or _DIRECTIONS[named_first[1].type]
            found.noun_end = _end(named_first[1])
            bare = [q for q in bare if q is not change]
        if named_change is not None:
            change = named_change[0]
            found.noun_direction = found.noun_direction or _DIRECTIONS[named_change[1].type]
            found.noun_end = change.end
            bare = [q for q in bare if q is not change]
    parentheses = Parentheses(text) if bare and "(" in text else None
    signed = [
        q for q in bare
        if q.text[:1] in "+-" and q.comparator is None and (verb or (parentheses and parentheses.around(q.start)))
        and not text[max(0, q.start - 4) : q.start].lower().endswith(" at ")  # "flattening at +20%": a level
    ]
    if change is None and signed:
        change = signed[0]  # "(+3pp)", "(+67%)"
    if change is None and direction in (None, "reach") and bare and ("up " in text or "down " in text):
        moved = next(
            (
                q for q in bare
                if q.unit in ("%", "pp", "points") and _UP_OR_DOWN_BEFORE.search(text, max(0, q.start - 6), q.start)
            ),
            None,
        )
        if moved is not None:  # "Volunteer hours up 15% on last year", "Complaints down 10%"
            change = moved
            direction = "increase" if text[max(0, moved.start - 6) : moved.start].lower().rstrip().endswith("up") else (
                "decrease"
            )
    if (change is None or text.startswith("-", change.end)) and direction in ("increase", "decrease") and (
        " by " in text
    ):  # (also "by two-thirds", whose "two" was read as a number)
        part = _BY_A_FRACTION.search(text, focus.lead)
        if part is not None:  # "Reduce single-use plastic by a third", "Cut rough sleeping by half"
            change = RawQuantity(_FRACTIONS[part.group(1).lower().replace("-", " ")], "%", None, part.group(0)[3:],
                                 part.start() + 3, part.end())
    if change is None and direction in (None, "reach"):
        more = next(
            (
                (q, m) for q in (*bare, *([target] if target else []))
                if q.comparator in (None, "~") and (m := _MORE_AFTER.match(text, q.end))
            ),
            None,
        )
        if more is not None:  # "see nearly 450,000 more patients treated", "200 fewer complaints"
            change, direction = more[0], ("decrease" if more[1][1].lower() in _FEWER_WORDS else "increase")
            target = None if target is change else target  # ("Target: 2,000 t reduced plastic")
    bare = [q for q in bare if q is not change]
    multiples = [q for q in bare if q.unit == "x"]
    bare = [q for q in bare if q.unit != "x"]
    preferred = [q for q in bare if _OF_THE_TIME.match(text, q.end)]
    outside = preferred or [q for q in bare if not (parentheses and parentheses.around(q.start))]

    if multiples and factor is None:
        if (verb is not None and direction != "reach") or baseline or target:
            factor = multiples[0].value or None  # "Grow ARR 3x", "3x upgrades (from 40)"
            direction = direction if direction in ("increase", "decrease") else "increase"
            verb_like: RawQuantity | None = multiples[0]
        else:
            verb_like = None
            target = target or multiples[0]  # "3x pipeline coverage", "Achieve 3x IACV": a level
    else:
        verb_like = None

    if target is None and outside:
        first = outside[0]
        # "Increase sessions on blog posts. 5% month over month.": a rate continues the verb's sentence
        same_sentence = focus.sentences.index(first.start) == verb_sentence or _RATE_AFTER.match(text, first.end)
        changing = (
            direction in ("increase", "decrease") and verb is not None
            and (first.comparator is None or not text[_end(verb) : first.start].strip())
        )
        reached = any(
            c.type == "REACH" and c is not verb and not text[_end(c) : first.start].strip() for c in found.cues
        )
        if reached and change is None:
            target = first  # "increase our investment …, reaching £15 million in 2027/28"
        elif changing and change is None and same_sentence and verb is not None and _money_raised(text, verb, first):
            target, direction = first, "reach"  # "Raise a USD 5M seed extension": the sum raised is reached
        elif changing and change is None and _TO_A_LEVEL_OF.search(text, max(0, first.start - 30), first.start):
            target = first  # "Decrease staff sickness absence to an average of 6 days": the level reached
        elif changing and change is None and same_sentence:
            change = first  # "Grow organic signups 30%": the size of the change
            rest = [q for q in outside[1:]]
            target = rest[0] if rest and baseline is None and rest[0].comparator else None
        elif change is not None and verb is None and found.noun_end is not None and first.start > found.noun_end:
            pass  # "50% reduction in GHG emissions, … for a 1.5 degrees C future": the change is the measure
        elif not (changing and change is not None):  # another change ("… leads 20%, … by 20%")
            target = first
    if target is None and change is None and not baseline:
        if bare:
            target = bare[0]
        elif found.windows and not _MEASURE_NAME.match(text, focus.lead):
            # "Merged PRs land on staging within 25 minutes" (but "Number of incidents cleared within
            # 2 working days" names a measure: its window says which are counted)
            target = found.windows[0]

    if factor is not None:
        anchor = verb_like
        if anchor is None and verb is not None:
            anchor = RawQuantity(factor, "x", None, verb.value, _start(verb), _end(verb))
        if baseline and target is None and anchor is not None:
            value = None if baseline.value is None else round(baseline.value * factor, 6)
            target = RawQuantity(value, baseline.unit, None, anchor.text, anchor.start, anchor.end)
        elif target is None and change is None and anchor is not None:
            change = RawQuantity(factor, "x", None, anchor.text, anchor.start, anchor.end)

    baseline, target = _share_units(baseline, target)
    if (baseline and baseline.unit is None) or (target and target.unit is None) or (change and change.unit is None):
        baseline, target, change = (_minutes(text, q) for q in (baseline, target, change))

    opening = found.cues[0] if found.cues and verb is None and change is not None else None
    if opening is not None and opening.type in ("UP_NOUN", "DOWN_NOUN") and _opens(text, opening, focus):
        # "Reduction by 10% to the P3 …", "a reduction in the slight casualty rate by 10%"
        found.noun_direction = found.noun_direction or _DIRECTIONS[opening.type]
    attendant = (
        target is not None and change is not None and target.end < change.start
        and _ATTENDANT.search(text, target.end, change.start) is not None
    )
    if (direction is None or direction == "reach") and not attendant:
        # (but "65% of patients treated …, with every trust asked to deliver a 5% improvement": the
        # change noun in an attendant clause does not turn the level into a change)
        direction = found.noun_direction or found.particle_direction or direction
    if direction is None and (target or change):
        direction = "reach"
    if direction == "reach" and not (target or change or baseline):
        direction = None  # "Achieve SOC2 compliance": a milestone, not a level
    if direction == "reach" and (verb is None or verb.type == "REACH") and target is not None and (
        _WIDENING.match(text, focus.lead)
    ):
        direction = "increase"  # "Expand to 3 partner schools": the count is reached by growing

    deadline = found.deadline
    if deadline is not None and _AFTER_THAN.search(text, max(focus.lead, deadline.start - 40), deadline.start):
        deadline = None  # "shorter than it was in October": the point compared with, not a time limit
    elif deadline is not None and _FOR_THE_PERIOD.fullmatch(deadline.text) and _SHARE_BEFORE.search(
        text, max(focus.lead, deadline.start - 80), deadline.start
    ):
        deadline = None  # "100% of Rent Due for the Year": the window of what the share counts
    quantities = [q for q in (baseline, target, change) if q]
    compared = hit = None
    if not (direction or quantities):  # the rarer readings, screened by words they need
        lowered = text.lower()
        if any(c.type in ("UP_NOUN", "DOWN_NOUN") for c in found.cues) or any(
            word in lowered for word in _COMPARISON_HINTS
        ):
            compared = _COMPARISON.search(text, focus.start, focus.end)
            purpose = compared and _PURPOSE_TO.search(text, max(focus.start, compared.start() - 40), compared.start())
            if purpose and purpose["word"].lower() not in _AIM_WORDS:
                compared = None
        if any(word in lowered for word in ("target", "plan", "quota", "goal")):
            hit = _HIT_TARGET.search(text, focus.lead)
    # "Enhance graduate-level employment", "Optimize global performance": with nothing counted,
    # a verb of betterment asks for more of its object, as "Improve documentation" does (with a
    # number it names a count instead: "Expand into 3 new markets")
    bettered = None
    if not (direction or quantities or compared or hit):
        bettered = _BETTERMENT.match(text, focus.lead)
        if bettered is not None:
            direction = "increase"
    opened = None
    if not (direction or quantities or compared or hit or bettered):
        opened = _opening_change(text, found, focus)
        if opened is not None:
            direction = _DIRECTIONS[opened[0].type]
    ranged = None
    if not (direction or quantities or compared or hit or bettered or opened) and "within" in text:
        ranged = _IN_A_RANGE.search(text, focus.lead, focus.end)
        if ranged is not None:
            direction = "maintain" if ranged["verb"].lower().startswith(("stay", "remain", "kept", "keep")) else "reach"
    none_left = None
    if not (direction or quantities or compared or hit or bettered or opened or ranged):
        none_left = _NONE_OF_THEM.match(text, focus.lead)
        if none_left is not None:  # "No household in formal areas has a bucket sanitation service": none is 0
            direction = "reach"
            target = RawQuantity(0.0, None, None, text[focus.lead : focus.lead + 2], focus.lead, focus.lead + 2)
            quantities = [target]
    ranked = None
    if not (direction or quantities or compared or hit or bettered or opened or ranged or none_left) and (
        "top" in text or "Top" in text
    ):
        ranked = _RANK_REACHED.search(text, focus.lead)
        if ranked is not None:  # "achieve a top 4 ladder finish": a rank among others is a level reached
            direction = "reach"
    if compared is not None:
        word = next(
            compared[g]
            for g in ("word", "word2", "noun", "times", "trend", "word6", "noun7", "word8", "word9") if compared[g]
        )
        word = word.lower().split()[0]
        direction = "increase" if word in _MORE else "decrease"
        what = next(
            (g for g in ("what", "what2", "what3", "what4", "what5", "what7", "what8", "what9") if compared[g]), None
        )  # (more people who do something: what they do is part of what is counted, as after a share)
        metric = metrics.phrase(text, *compared.span(what), clause=what == "what9") if what else None
        if metric is None:  # "Time from X to Y is measurably shorter than …": the subject is measured
            metric = metrics.subject(text, focus.clause_start(compared.start()), compared.start())
        if word in ("faster", "quicker", "slower") and _TIME_WORDS.search(metric or ""):
            direction = "decrease" if word != "slower" else "increase"  # "a faster transaction time"
    elif hit is not None:
        # "achieve volume target in inbound SCLAU generation": what the target is of, and where
        parts = [metrics.phrase(group, 0, len(group)) for group in (hit.group(1), hit.group(2) or "")]
        metric = " in ".join(part for part in parts if part) or None
    elif bettered is not None:
        metric = metrics.phrase(text, bettered.end(), focus.end)
    elif opened is not None:
        metric = metrics.phrase(text, opened[1], focus.end)
    elif ranged is not None:
        metric = metrics.subject(text, focus.clause_start(ranged.start()), ranged.start())
    elif ranked is not None:
        metric = None  # the rank is the aim; nothing is counted
    elif none_left is not None:
        metric = metrics.phrase(text, focus.lead + len(none_left.group(0).split(None, 1)[0]), focus.end, clause=True)
    elif direction or quantities:
        metric = _find_metric(text, verb, quantities, found, focus)
    else:  # "Benchmark per capita revenue … with a target of revenue above the median"
        metric = _named_then_aim(text, None, focus)
        if metric is None and not is_kpi and _MEASURE_NAME.match(text, focus.lead):
            metric = metrics.phrase(text, focus.lead, focus.end)  # "Number of steps built (target TBD)": a name
        if metric is None and found.cues and _PAST_LEVEL.search(text, focus.lead, focus.end):
            # "Reach pre-pandemic enrollment in …": a level named by a time it was reached before
            reach = next((c for c in found.cues if c.type == "REACH" and _start(c) >= focus.lead), None)
            if reach is not None:
                level = _PAST_LEVEL.match(text, _end(reach) + 1)
                metric = metrics.phrase(text, level.end() if level else _end(reach), focus.end)

    if (
        metric and verb is None and direction in (None, "reach") and target is not None and not (change or baseline)
        and target.comparator in (None, ">=", ">", "~")
    ):
        head, _, last = metric.rpartition(" ")
        change_first = _CHANGE_OF.match(metric) if (" in " in metric or " of " in metric) else None
        if change_first is not None and len(change_first.group(0)) < len(metric):
            head, last = metric[change_first.end() :], change_first.group(1)  # "Annual reduction in waste sent to …"
        if head and last.lower() in _CHANGE_NOUNS and text.find(metric, focus.lead) < target.start:
            # "Average sales growth shall amount to a minimum of 10% per year": the growth's size is the change
            change, target, metric = target, None, head
            direction = "decrease" if last.lower() in _FALLING_NOUNS else "increase"
            quantities = [change]
    if target is not None and direction in (None, "reach") and baseline is None and change is None:
        metric = _aim_named(text, target, focus, metric) or metric
    if verb is None and direction in (None, "reach") and baseline is not None and target is not None:
        direction = _moved_between(text, baseline, target) or direction
    measured = (
        bool(quantities) or direction in ("increase", "decrease", "maintain")
        or hit is not None or ranged is not None or ranked is not None or _ahead_of_plan(text)
    )
    if measured and ("ontribut" in text or "upport" in text or "part in" in text) and _CONTRIBUTES.match(
        text, focus.lead
    ):
        kind: Kind = "effort"  # "Actively contribute to the WRAP goal that 50% of …": a part in another's aim
    elif measured and verb is None and _progressive_effort(text, focus):
        kind = "effort"
        direction = None if direction == "reach" else direction
    elif measured and direction in (None, "reach") and _money_put_in(text, target):
        kind = "effort"
    elif measured:
        kind = "outcome"
    elif _standing(text, focus.lead) or _NONE_OF_THEM.match(text, focus.lead) or _state_reached(text, focus.lead) or (
        (past := _PAST_LEVEL.search(text, focus.lead, focus.end)) is not None
        and (any(c.type == "REACH" for c in found.cues) or text[max(0, past.start() - 4) : past.start()] == " to ")
    ):  # ("Return visitor numbers to pre-COVID levels")
        # a standing among others is a result, though no number is written; so is a state in which
        # none of the things counted is left ("No transactions accepted by our products have a fatal error")
        kind = "outcome"
    elif is_kpi:
        # "Full-time data management role to be filled by 6/30/2023": a thing to be done is a task
        task = _first_word(text[focus.lead :]) in _EFFORT_VERBS or (
            _TO_BE_DONE.search(text, focus.lead) and not _MEASURE_NAME.match(text, focus.lead)
        ) or _DELIVERABLE.match(text, focus.lead) is not None or _will_deliver(text, focus.lead)
        kind = "effort" if task else "outcome"
    else:
        kind = "effort"
    return Reading(direction, metric, baseline, target, change, deadline, kind)


# "a Gross Revenue target of $108 billion", "Our B Impact Score Target for re-certification is 109", "our
# recycling goal for 2030 is 65%": the words before the aim noun name what its amount is of
_NAME_WORD = (
    r"(?!(?:an?|the|our|its|their|his|her|my|this|is|are|was|has|have|had|sets?|with|of|to|for|and|or|we|it)\b)"
    r"[\w'’-]+"
)
_AIM_NAMED = re.compile(
    rf"(?<![\w'’-])(?:an?|the|our|its|their|his|her|my|this)[ \t]+(?P<name>(?:{_NAME_WORD}[ \t]+){{0,5}}?{_NAME_WORD})"
    r"[ \t]+(?:target|goal|ambition|objective)s?(?:[ \t]+for[ \t]+[^,;:.()]{1,40}?)?"
    r"[ \t]+(?:of|is|was|will[ \t]+be|stands[ \t]+at|at)[ \t]+"
    r"(?:(?:at[ \t]+least|at[ \t]+most|about|around|over|under)[ \t]+)?$",
    re.I,
)
_NOTHING_COUNTED_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:$|[,;.!?)(–—-]"
    r"|(?:by|in|for|before|until|within|per|each|every|a|an|this|next|over|and|which|to)\b)",
    re.I,
)
# (a word that says which aim, not what it is of: "a stretch target of 50%")
_AIM_KIND_WORDS = frozenset(
    "stretch overall minimum maximum interim annual ambitious new headline bold big first second final long-term "
    "short-term key main primary own current original revised".split()
)


def _aim_named(text: str, target: RawQuantity, focus: _Focus, metric: str | None) -> str | None:
    if not any(word in text for word in ("arget", "oal", "mbition", "bjective")):
        return None
    if _NOTHING_COUNTED_AFTER.match(text, target.end) is None:
        return None  # "a target of 65% of people seen within 18 weeks": what follows the amount is counted
    named = _AIM_NAMED.search(text, max(focus.lead, target.start - 120), target.start)
    if named is None or (metric is not None and metric not in named.group(0)):
        return None  # (a metric read elsewhere, "Cut waste to meet the sector's goal of 50%", stays)
    words = [
        word for word in named["name"].split()
        if word.lower() not in _AIM_KIND_WORDS and not word.endswith(("'s", "’s", "s'", "s’"))
    ]  # (an owner, "the company's revenue target", is not what is counted)
    return metrics.phrase(" ".join(words), 0, len(" ".join(words))) if words else None


_FROM_BEFORE = re.compile(r"(?<![\w-])from[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:baseline[ \t]+(?:of[ \t]+)?)?$", re.I)


def _moved_between(text: str, baseline: RawQuantity, target: RawQuantity) -> Direction | None:
    """"Staff turnover: from 18% to 12%", "Women in leadership – from 30% to 40%": with no verb, a
    level written from one amount to another rises or falls as its amounts say."""
    if baseline.value is None or target.value is None or baseline.value == target.value:
        return None
    if baseline.unit != target.unit and baseline.unit is not None:
        return None
    if _FROM_BEFORE.search(text, max(0, baseline.start - 24), baseline.start) is None:
        return None
    return "increase" if target.value > baseline.value else "decrease"


_TO_A_LEVEL_OF = re.compile(
    r"\bto[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:average|total|maximum|minimum|level|rate|figure|mean|median)[ \t]+of[ \t]+$",
    re.I,
)
_UP_OR_DOWN_BEFORE = re.compile(r"(?<![\w-])(?:up|down)\s+$", re.I)
_FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "a quarter": 25.0, "one quarter": 25.0,
              "two thirds": 200 / 3, "three quarters": 75.0, "a fifth": 20.0, "a tenth": 10.0}
_BY_A_FRACTION = re.compile(
    r"\bby\s+((?:a|one)\s+(?:third|quarter|fifth|tenth)|half|two[-\s]thirds|three[-\s]quarters)(?![\w-])", re.I
)
# "pre-pandemic enrollment", "pre-COVID levels", "record levels": a level known from before
_PAST_LEVEL = re.compile(
    r"(?:\b(?:pre|post)[-\s]?(?:pandemic|covid(?:-19)?|crisis|recession|lockdown)|\brecord|\ball[-\s]time)\s+", re.I
)
# The words a standing or a plan's pace needs, checked before their patterns are searched for
_STANDING_HINTS = (
    "quartile", "quintile", "decile", "third", "tenth", "leading", "position", "place", "spot", "ranked", "league",
    "top", "level", "rating", "tier",
)
_PLAN_HINTS = ("plan", "target", "forecast", "budget")


# "achieve a climate neutral Uppsala", "become carbon neutral", "be plastic-free": a state reached is a result
_STATE_REACHED = re.compile(
    r"\b(?:achiev(?:e|es|ing)|becom(?:e|es|ing)|be|reach(?:es|ing)?|remain(?:s|ing)?|go(?:es|ing)?)[ \t]+"
    r"(?:an?[ \t]+|the[ \t]+)?(?:fully[ \t]+)?(?:carbon|climate|plastic|waste|fossil[ \t-]fuel|deforestation|"
    r"emissions?|nature|water)[ \t-](?:neutral|positive|negative|free)\b",
    re.I,
)


def _state_reached(text: str, start: int) -> bool:
    return ("eutral" in text or "ositive" in text or "egative" in text or "ree" in text) and (
        _STATE_REACHED.search(text, start) is not None
    )


def _standing(text: str, start: int) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _STANDING_HINTS) and _STANDING.search(text, start) is not None


def _ahead_of_plan(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _PLAN_HINTS) and _AHEAD_OF_PLAN.search(text) is not None


_CLOSING_BY = re.compile(r"(?<![ \t])[ \t]+(?:by|to|from)[ \t]+$", re.I)
_CLAUSE_INSIDE = re.compile(r"[,;:.()]|\s[-–—]\s")


def _closed_by_change(text: str, start: int, stop: int, found: _Found) -> bool:
    """"Increase lending in support of affordable housing solutions by $1 billion": the verb and
    "by" and its amount close what changes at both ends, so its qualifiers are all part of it."""
    change, target, baseline = found.change, found.target, found.baseline
    if not ((change and change.start == stop) or (target and target.start == stop) or (
        baseline and baseline.start == stop
    )):
        return False
    if _CLAUSE_INSIDE.search(text, start, stop) is not None:
        return False
    return _CLOSING_BY.search(text, max(start, stop - 8), stop) is not None


# "…, the next goal is to", "… and its mission is to", "… and aims to": a later clause that sets the aim
_AIM_CLAUSE_HINTS = ("goal", "aim", "mission", "target", "ambition", "objective", "plan", "hope", "intend", "want")
_AIM_CLAUSE = re.compile(
    r"(?:[,;]|\band)[ \t]+(?:(?:the|our|its|their|his|her)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:goal|aim|target|ambition|mission|objective|plan)s?[ \t]+(?:is|are|will[ \t]+be)[ \t]+(?:now[ \t]+)?"
    r"(?:to[ \t]+)?|(?:(?:this|next)[ \t]+year[ \t]+|now[ \t]+)?(?:(?:we|it|they)[ \t]+)?(?:now[ \t]+)?"
    r"(?:aims?|plans?|intends?|hopes?|wants?)[ \t]+to[ \t]+)",
    re.I,
)


def _comparable(first: RawQuantity, second: RawQuantity) -> bool:
    """Could the first amount be where the second starts: both counts, or both in one unit?"""
    units = {first.unit, second.unit}
    return len(units) == 1 or (not units & {"%", "pp", "x"} and not any(
        u and (u.isupper() or u in _TIME_UNITS) for u in units
    ))


def _opens(text: str, cue: Token, focus: _Focus) -> bool:
    """Does the cue open the statement proper, maybe after an article ("a reduction in …")?"""
    return _start(cue) >= focus.lead and _OPENING_CHANGE.match(text[focus.lead : _start(cue)]) is not None


def _opening_change(text: str, found: _Found, focus: _Focus) -> tuple[Token, int] | None:
    """"Improvement in the digital maturity score of the Trust": a change noun that opens the
    statement asks for that change of what follows it; the noun and where that begins."""
    for cue in found.cues[:2]:
        if cue.type in ("UP_NOUN", "DOWN_NOUN") and _start(cue) >= focus.lead and (
            _OPENING_CHANGE.match(text[focus.lead : _start(cue)]) is not None
        ):
            after = _IN_OR_OF.match(text, _end(cue))
            return (cue, after.end()) if after is not None else None
    return None


def _minutes(text: str, quantity: RawQuantity | None) -> RawQuantity | None:
    """"from 12m to 7m" in a statement about time means minutes, not millions."""
    if quantity is None or quantity.value is None or quantity.unit is not None:
        return quantity
    if re.fullmatch(r"[\d.,]+\s?m", quantity.text) and _TIME_WORDS.search(text):
        return replace(quantity, value=round(quantity.value / 1e6, 6), unit="min")
    return quantity


def _multiplier(word: str) -> float:
    lowered = word.lower()
    for stem, factor in _MULTIPLY_WORDS.items():
        if lowered.startswith(stem):
            return factor
    return 2.0


_CHANGE_NOUNS = frozenset(
    "reduction increase decrease growth improvement rise decline drop fall uplift jump lift".split()
)
_BOUND_NOUNS = frozenset("minimum maximum total target".split())
_FALLING_NOUNS = frozenset("reduction decrease decline drop fall".split())
_CHANGE_OF = re.compile(r"(?:[\w-]+\s+)?(\w+)\s+(?:in|of)\s+")
_SHARE_OF = re.compile(r" (?:(?:level|rate|share|proportion) )?of ")  # "86% of victims", "an 86% level of victims"
_HEADING_DASH = re.compile(r"\s[–—-]\s*$")
# after an amount: "on the 2025 Spring Map Assessment" says when, "and a total of 5%" starts the next clause
_WHEN_OR_NEXT = re.compile(  # (also "by 3% each year": how often, not what)
    r" (?:(?:on|at|in|during|over|and|or|but) (?:the|a|an|each|every|this|next)\b|"
    r"(?:each|every|per|a) (?:day|week|month|quarter|year|annum)\b)",
    re.I,
)
_STARTING = re.compile(r"(?:starting|beginning|since|from)\s", re.I)
_CHANGED_THING = re.compile(r" (?:to|in|of|on|for) ")
_WANTS = re.compile(r"\b(?:wants?|needs?|expects?|would\s+like|aims?\s+for)\s", re.I)


# "It takes less than 48 hours to transfer a 1TB dataset": the time to do it is measured
_IT_TAKES = re.compile(r"it\s+(?:(?:should|will|must|now)\s+)?(?:takes?|took)\s", re.I)
_UNIT_THEN_TO = re.compile(r"\s?[A-Za-z]+\s+to\s+")
_VERB_AND_PARTICLE = re.compile(r"[A-Za-z]+(?:\s+(?:up|down|out|off|in|on|over|back))?(?=\s)", re.I)


def _time_it_takes(text: str, quantities: list[RawQuantity], focus: _Focus) -> str | None:
    if not quantities or _IT_TAKES.match(text, focus.lead) is None:
        return None
    first = min(quantities, key=lambda q: q.start)
    done = _UNIT_THEN_TO.match(text, first.end) if first.unit in _TIME_UNITS else None
    if done is None:
        return None
    verb = _VERB_AND_PARTICLE.match(text, done.end(), focus.end)  # "to set up …": the particle is the verb's
    start = verb.end() if verb else done.end()
    what = metrics.phrase(text, start, focus.end)
    words = " ".join(part for part in ((verb.group().strip() if verb else ""), what or "") if part)
    return f"time to {words}" if words else None


# "3 in 4 people survive their cancer", "one in every five adults": a proportion in words, whose
# clause after it is what is counted (but "3 in 4 weeks" is a time)
_ONE_IN_N = re.compile(
    r"(?<!\s)\s+(?:in|of|out\s+of)\s+(?:every\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred)"
    r"\s++(?!(?:second|minute|hour|day|week|month|quarter|year)s?\b)(?=[a-z])",
    re.I,
)


def _proportion_counted(text: str, quantities: list[RawQuantity], found: _Found, focus: _Focus) -> str | None:
    in_focus = [q for q in quantities if focus.start <= q.start < focus.end]
    if not in_focus:
        return None
    first = min(in_focus, key=lambda q: q.start)
    if first.unit is not None:
        return None
    one_in = _ONE_IN_N.match(text, first.end)
    if one_in is None:
        return None
    deadline = found.deadline
    stop = deadline.start if deadline and deadline.start > one_in.end() else focus.end
    return metrics.phrase(text, one_in.end(), stop, clause=True)


# "Total activity-based revenue with a target of 5 percent increase", "Track per capita revenue against
# peer systems with a target of …": a measure's name, then the aim set for it
_WITH_AN_AIM = re.compile(
    r"(?<![ \t])[ \t]+with[ \t]+(?:an?[ \t]+)?(?:(?:minimum|maximum|stretch|overall|annual|headline|interim)[ \t]+)?"
    r"(?:target|goal|aim)(?:[ \t]+(?:of|is|to)|:)",
    re.I,
)
_SHARE_THEN_TO = re.compile(r"(?<![ \t])[ \t]+of[ \t]+(?:[\w'’-]+[ \t]+){1,6}to[ \t]+$", re.I)
# "X is expected to reach", "X is set to rise": a forecast about X; "X to rise to 60%": a headline's aim
_EXPECTED_TO = re.compile(
    r"(?<![ \t])[ \t]+(?:is|are)[ \t]+(?:expected|projected|forecast|set|due|planned|likely)[ \t]+to[ \t]+$", re.I
)
_HEADLINE_TO = re.compile(r"(?<![ \t])[ \t]+to[ \t]+$")
# (a headline's subject names a measure: "Employment rate for disabled people to rise", not "Work with partners to")
_MEASURE_NOUN = re.compile(
    r"\b(?:rates?|number|share|proportion|percentage|levels?|times?|costs?|scores?|emissions|use|spend(?:ing)?|"
    r"revenue|income|sales|attendance|satisfaction|turnover|ratio|index|value|numbers|count|waits?)\b",
    re.I,
)
_UNIT_WORD = re.compile(r"(?<![ \t])[ \t]+([A-Za-z]+)\b")
_AND_THEN = re.compile(r"[ \t]and[ \t]+$", re.I)  # (searched in the few characters before a verb)
_RATIO_TAIL = re.compile(r"[:/]\d{1,3}(?:\.\d+)?(?![\d:/])")  # "50:50", "50/50", "40/60"
_MODAL_WORDS = frozenset("will shall should must would can".split())
_NAMING_VERBS = frozenset("benchmark measure track monitor report compare".split())


def _named_then_aim(text: str, verb: Token | None, focus: _Focus) -> str | None:
    if "with" not in text or not ("target" in text or "goal" in text or "aim" in text):
        return None
    aim = _WITH_AN_AIM.search(text, focus.lead, focus.end)
    if aim is None or (verb is not None and _start(verb) < aim.start()) or text[: aim.start()].endswith(","):
        return None  # ("… our enrollment, with a target of …": the aim of the clause before, read as usual)
    words = text[focus.lead : aim.start()].split()
    modal = next((i for i, word in enumerate(words) if word.lower() in _MODAL_WORDS), None)
    words = words[:modal] if modal else words  # "The number of … volunteers will reflect wider society"
    if words and words[0].lower() in _NAMING_VERBS:
        words = words[1:]
    if not words or any(word.lower() in ("we", "i", "you", "they", "our") for word in words):
        return None  # "In 2019 we adopted a Strategy with a goal to …": a story, not a name
    return metrics.phrase(" ".join(words), 0, len(text))


# "8,000 user sessions will be logged on …", "5,200 children aged 0-7 will attend …": a count of
# things that will do something (the things' own qualifier, "aged 0-7", is left out)
_WILL_DO = re.compile(
    r"(?<![ \t])[ \t]+(?P<noun>[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3}?)"
    r"(?:[ \t]+(?:aged|for|in|at|from|with|between)[ \t]+[^,;:.]{0,40}?)?"
    r"[ \t]+(?:will|shall|would|should|must|can)[ \t]+(?:(?:be|have)[ \t]+)?(?:been[ \t]+)?(?:[a-z]+ly[ \t]+)?"
    r"(?P<verb>[a-z]+)\b"
)
# "18,000 hectares of woodland will be established": made to exist, the thing itself is counted
_MADE_VERBS = frozenset("established created built planted opened launched completed delivered set".split())
_MODAL_HINT = re.compile(r" (?:will|shall|would|should|must|can) ")
_PLACE_AFTER = re.compile(r"(?<![ \t])[ \t]+(on|in|at|to|for|from|with|by)[ \t]", re.I)


def _find_metric(
    text: str, verb: Token | None, quantities: list[RawQuantity], found: _Found, focus: _Focus
) -> str | None:
    """The noun phrase measured: after the verb (or, when nothing follows it, the verb's
    subject: "IACV doubles year over year"), else the words after a change noun ("a 20% lift in
    new MAU"), else the words before the first number ("YTD Closed Won ACV: $650K"), else the
    words after it ("95% of demo forms answered")."""
    deadline = found.deadline
    if found.aim_start is not None:  # the aim's own amount says what is measured, not the count today
        earlier = [q for q in quantities if q.start < found.aim_start]
        quantities = [q for q in quantities if q.start >= found.aim_start] or quantities
        aimed_at = quantities[0]
        stop = deadline.start if deadline and deadline.start > aimed_at.end else len(text)
        if earlier and not metrics.phrase(text, aimed_at.end, stop):
            # "… reached 3,400 young people; this year we aim to reach 5,000": the count today names it
            counted = metrics.phrase(text, earlier[0].end, found.aim_split)
            if counted:
                return counted
    timed = _time_it_takes(text, quantities, focus)
    if timed:
        return timed
    aimed = _named_then_aim(text, verb, focus)
    if aimed:
        return aimed
    bare = found.bare
    if bare and "(" in text:  # "15 repeat (3+ times) repo customers": an aside's number ends nothing
        parentheses = Parentheses(text)
        bare = [q for q in bare if not parentheses.around(q.start)]
    marks = sorted([q.start for q in (*quantities, *bare)] + ([deadline.start] if deadline else []))
    proportion = _proportion_counted(text, quantities, found, focus)
    if proportion:
        return proportion
    if verb is not None and _start(verb) < focus.start and follows_result_clause(text, focus.start):
        # "Improve onboarding, which translates to seeing 3+ new contributors": the result is measured
        named = _find_metric(text, None, quantities, found, focus)
        if named:
            return named
    if verb is not None and quantities and all(q.end <= _start(verb) for q in quantities) and (
        _AND_THEN.search(text, max(max(q.end for q in quantities), _start(verb) - 6), _start(verb))
    ):  # "100% compliance with the provisions and achieve Silver Shield status": the amount's clause is measured
        verb = None
    if verb is not None and quantities and "%" in text and any(
        q.unit == "%" and q.end <= _start(verb) and _SHARE_THEN_TO.match(text, q.end, _start(verb)) for q in quantities
    ):  # "Our goal is for 75% of pupils to reach the expected standard": the share counts the whole clause
        verb = None
    if verb is not None:
        clause_start = focus.clause_start(_start(verb))
        amount_before = next(
            (q for q in quantities if q.end <= _start(verb) and not text[q.end : _start(verb)].strip()), None
        )
        if amount_before is not None and amount_before.start > clause_start:
            # "Team members reporting stress is 5 points lower": the subject is measured
            named = metrics.subject(text, clause_start, amount_before.start)
            if named:
                return named
        index = bisect_right(marks, _end(verb))
        stop = marks[index] if index < len(marks) else len(text)
        after = metrics.phrase(text, _end(verb), stop, closed=_closed_by_change(text, _end(verb), stop, found))
        if after and after.lower() == "net" and stop < len(text) and text[stop : stop + 4].lower() == "zero":
            after = None  # "Achieve net zero carbon emissions": what is brought to net zero follows it
        if after and (after.lower() in _CHANGE_NOUNS | _BOUND_NOUNS or (
            len(after.split()) == 2 and after.split()[-1].lower() in _CHANGE_NOUNS
        )):  # (also "an absolute reduction of 60% of the carbon emissions")
            # "achieve a reduction of at least 2% in X", "achieving a minimum of 93% customer
            # satisfaction": what follows the amount is measured
            after = None
        if after:
            return after
        # "achieve 65% DAU/MAU for beta users": the verb's object follows its number
        first_after = next((q for q in quantities if q.start >= _end(verb)), None)
        if first_after is not None and not _WHEN_OR_NEXT.match(text, first_after.end):
            ratio = text.startswith((":", "/"), first_after.end) and _RATIO_TAIL.match(text, first_after.end)
            begin = ratio.end() if ratio else first_after.end
            if first_after.unit in _TIME_UNITS and not ratio:  # "fall to 18 weeks": the unit is the amount's
                unit_word = _UNIT_WORD.match(text, begin)
                begin = unit_word.end() if unit_word and unit_word.group(1).lower() == first_after.unit else begin
            following = next((m for m in marks if m >= begin), len(text))
            named = metrics.phrase(text, begin, following)
            if named:
                return named
        word_before = text[max(clause_start, _start(verb) - 12) : _start(verb)].split()[-1:]
        if word_before and word_before[0].lower() == "to":
            wants = max(_WANTS.finditer(text, clause_start, _start(verb)), key=lambda m: m.start(), default=None)
            if wants is not None:  # "We want the share of staff recommending us to remain at 95%"
                named = metrics.subject(text, wants.end(), _start(verb))
                if named:
                    return named
            expected = _EXPECTED_TO.search(text, clause_start, _start(verb))
            if expected is not None or (
                wants is None and _HEADLINE_TO.search(text, clause_start, _start(verb))
                and _MEASURE_NOUN.search(text, clause_start, _start(verb))
            ):  # "The number of charge points is expected to reach 300,000", "Employment rate … to rise to 60%"
                named = metrics.subject(text, clause_start, expected.start() if expected else _start(verb), closed=True)
                if named and named.split()[0].lower() not in _NOT_METRIC_WORDS:
                    return named
        if _start(verb) > clause_start and (not word_before or word_before[0].lower() not in _WEAK_LINKS | {"or"}):
            # (the verb closes its subject: "Waiting times for mental health services cut to 4 weeks")
            named = metrics.subject(text, clause_start, _start(verb), closed=True)
            if named:
                return named
    if verb is None and found.change is not None and found.cues and found.cues[0].type in ("UP_NOUN", "DOWN_NOUN") and (
        _opens(text, found.cues[0], focus)
    ):
        in_or_of = _IN_OR_OF.match(text, _end(found.cues[0]))
        if in_or_of is not None and in_or_of.end() <= found.change.start:
            # "a reduction in the number of children killed or seriously injured by 40%": the change
            # noun and its amount close what changes at both ends, so all of it is the metric
            by = text.rfind(" by ", in_or_of.end(), found.change.start + 1)
            named = metrics.phrase(text, in_or_of.end(), by if by > 0 else found.change.start, closed=True)
            if named:
                return named
        changed = _CHANGED_THING.match(text, found.change.end)
        if changed is not None:  # "Reduction by 10% to the P3 indicator": what follows the change is changed
            named = metrics.phrase(text, changed.end(), len(text))
            if named:
                return named
    if found.noun_end is not None and found.change is not None:
        word = text[max(0, found.noun_end - 12) : found.noun_end].split()[-1:]
        if word and word[0].lower().endswith("er"):  # "stress is 5 points lower": the subject is measured
            named = metrics.subject(text, focus.clause_start(found.change.start), found.change.start)
            if named:
                return named
    if found.noun_end is not None:
        stop = next((m for m in marks if m > found.noun_end), len(text))
        after_noun = re.match(r"\s+(?:in|of|on|for)\s", text[found.noun_end : found.noun_end + 6])
        if after_noun:
            named = metrics.phrase(text, found.noun_end + after_noun.end(), stop)
            if named:
                return named
    if not quantities:
        return None
    in_focus = [q for q in quantities if focus.start <= q.start < focus.end]
    first = min(in_focus or quantities, key=lambda q: q.start)
    clause_start = focus.clause_start(first.start)
    headed = first.unit == "%" and _SHARE_OF.match(text, first.end) and _HEADING_DASH.search(
        text, max(clause_start, first.start - 40), first.start
    )
    named = None if headed else metrics.before_number(text, clause_start, first.start, _NOT_METRIC_WORDS)
    if named:
        return named
    share_of = _SHARE_OF.match(text, first.end) if first.unit == "%" else None
    if share_of is not None:
        # "100% of transactions received via our apps are processed correctly": the share counts a clause
        stop = deadline.start if deadline and deadline.start > first.end else focus.end
        return metrics.phrase(text, share_of.end(), stop, clause=True)
    will_do = _WILL_DO.match(text, first.end, focus.end) if _MODAL_HINT.search(text, first.end) else None
    if will_do is not None:  # "5,200 children aged 0-7 will attend early literacy programs": those who do it
        stop = deadline.start if deadline and deadline.start > will_do.end() else focus.end
        unit_of = metrics.MEASURE_UNIT_OF.match(will_do["noun"])
        noun = will_do["noun"][unit_of.end() :] if unit_of and unit_of.end() < len(will_do["noun"]) else will_do["noun"]
        if will_do["verb"] in _MADE_VERBS:
            return noun
        place = _PLACE_AFTER.match(text, will_do.end())
        rest = metrics.phrase(text, will_do.end(), stop, clause=True)
        if rest:
            return " ".join([noun, will_do["verb"], *(place.group(1) for _ in (1,) if place), rest])
    stop = next((m for m in marks if m > first.end), len(text))
    start = first.end
    if first.unit in _TIME_UNITS:  # "<1 week turnaround from …": the unit is the amount's, not the metric's
        unit_word = re.match(r"\s+" + re.escape(first.unit) + r"\b", text[start : start + 20])
        start += unit_word.end() if unit_word else 0
    return metrics.phrase(text, start, stop)
