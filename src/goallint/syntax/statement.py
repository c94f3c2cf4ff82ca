"""One key result or KPI statement, read into a measure.

`grammar/statement.lark` finds the phrases (a baseline "from 4.1%", a target "to 3%", a
change "by 8 points", a deadline "by end of Q3", direction verbs); this module decides what
they mean together. Readings are cached by text, so a statement repeated in a plan, or
unchanged between two keystrokes in an editor, is read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from goallint.model import Comparator, Direction, Kind
from goallint.resources import grammar_path
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


@dataclass(frozen=True, slots=True)
class _Phrase:
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


@lru_cache(maxsize=1)
def _lexer() -> SkippingLexer:
    return SkippingLexer(_parser().lexer_conf)


def _parse_tokens(tokens: list[Token]) -> list[_Phrase]:
    """Run the LALR parser over tokens the lexer already made.

    A token the parser does not expect is dropped and parsing goes on. If the statement ends
    where the grammar wants more ("… from 1500 to 2000", where "2000" is read as a year), the
    last token is dropped and the parse tried again, so every statement terminates.
    """
    while True:
        interactive = _parser().parse_interactive()
        for token in tokens:
            try:
                interactive.feed_token(token)
            except UnexpectedToken:
                continue
        try:
            return interactive.feed_eof()  # type: ignore[no-any-return,no-untyped-call]
        except UnexpectedInput:
            tokens = tokens[:-1]


def _phrases(text: str) -> list[_Phrase]:
    tokens = _lexer().tokens(text)
    shape = tuple(token.type for token in tokens)
    plan = _PLANS.get(shape)
    if plan is None:
        parsed = _parse_tokens(tokens)
        index = {id(token): i for i, token in enumerate(tokens)}
        plan = tuple((p.role, tuple(index[id(t)] for t in p.tokens)) for p in parsed)
        if len(_PLANS) < _MAX_PLANS:
            _PLANS[shape] = plan
    return [_Phrase(role, tuple(tokens[i] for i in indices)) for role, indices in plan]


# Words before a verb that still leave it the statement's main verb: "has improved",
# "we will increase", "latency is reduced". After "to" or "and" a verb only counts when the
# statement has numbers ("Automate X and cut Y by 20%", not "Draft and maintain a guide").
_AUXILIARIES = frozenset(
    """
    has have had will would should must shall is are was were be been being get gets we they
    i you significantly further also then continue continues help helps successfully
    substantially steadily
    """.split()
)
_WEAK_LINKS = frozenset({"to", "and", "&"})
_CLAUSE_MARKS = frozenset(":.;!?([-–—•*]/\"“")
_DIRECTIONS: dict[str, Direction] = {
    "UP": "increase", "UP_NOUN": "increase",
    "DOWN": "decrease", "DOWN_NOUN": "decrease",
    "KEEP": "maintain", "REACH": "reach",
}
_MULTIPLY_WORDS = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_TIME_UNITS = frozenset(
    """
    ms msec millisecond milliseconds s sec secs second seconds min mins minute minutes h hr
    hrs hour hours day days week weeks month months year years gb mb tb kb rps qps
    """.split()
)
_UNIT_STOPWORDS = frozenset(
    """
    of in per for to with on at from by that who which and or than across within a an the is
    are was be this each every our their its via through over under into during before after
    until as so while when where
    """.split()
)
_METRIC_CUT = re.compile(
    r"\s*(?:[,;:.(\[]|\s[-–—]\s|\s(?:by|in|to|from|per|within|through|via|over|across|at|for|"
    r"on|so|so that|while|with|without|which|that|down|up)\s)"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:the|our|a|an|of|in|on|for|its|their|total|overall|at\s+least|at\s+most|more\s+than|"
    r"less\s+than|fewer\s+than|over|under|up|down)\s+)+",
    re.I,
)
_EFFORT_VERBS = frozenset(
    """
    ship launch build create implement publish write hire run migrate define develop design
    evaluate test start resume merge switch draft consider document release introduce
    automate complete finish deploy establish identify set setup roll organise organize
    prepare plan research investigate explore update refactor integrate deliver host hold
    attend present prototype pilot train onboard recruit audit review replace upgrade
    """.split()
)


# Verbs that say what is done, not what is measured: "Onboard 12 partners" measures partners.
_NOT_METRIC_WORDS = _EFFORT_VERBS | frozenset(
    """
    reach achieve hit attain get bring drive push take make have land generate close sign
    win acquire secure book grow increase reduce cut keep maintain lift raise double halve
    triple kr okr kpi
    """.split()
)


def _start(token: Token) -> int:
    return token.start_pos or 0


def _end(token: Token) -> int:
    return token.end_pos or 0


def _counts_as_verb(text: str, token: Token, has_numbers: bool) -> bool:
    """Is this direction word the statement's main verb rather than an adjective?"""
    before = text[: _start(token)].rstrip()
    if not before or before[-1] in _CLAUSE_MARKS:
        return True
    last_word = before.rsplit(None, 1)[-1].lower()
    if last_word in _AUXILIARIES:
        return True
    word = token.value.lower()
    if last_word in _WEAK_LINKS:
        # "projects are owned and maintained" describes a state; "and cut churn by 2%" acts
        return has_numbers and not word.endswith("ed")
    # third-person forms are verbs wherever they stand: "CE streamlining decreases time"
    return word.endswith("s") and not word.endswith("ss")


def _in_parentheses(text: str, position: int) -> bool:
    return text.count("(", 0, position) > text.count(")", 0, position)


def _counted_noun(text: str, end: int) -> str | None:
    """The noun a bare number counts: "12 new partners" -> "partners"."""
    words: list[str] = []
    for word in text[end:].split()[:5]:
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
    unit = parts.unit
    if unit is None:
        unit = _counted_noun(text, start + len(body))
    return RawQuantity(parts.value, unit, parts.comparator, body, start, start + len(body))


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


def _metric(text: str, start: int, stop: int) -> str | None:
    chunk = _LEADING_FILLER.sub("", text[start:stop].strip()) + " "
    chunk = _METRIC_CUT.split(chunk, maxsplit=1)[0].strip(" -–—:\"'“”")
    words = chunk.split()
    if not words:
        return None
    return " ".join(words[:8])


def _first_word(text: str) -> str:
    match = re.search(r"[A-Za-z]+", re.sub(r"^(?:[^:]{1,40}:\s+|\[[^\]]*\]\s*)", "", text))
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
    cues: list[Token] = field(default_factory=list)
    bare: list[RawQuantity] = field(default_factory=list)
    windows: list[RawQuantity] = field(default_factory=list)
    noun_direction: Direction | None = None
    particle_direction: Direction | None = None


def _collect(text: str, phrases: list[_Phrase]) -> _Found:
    found = _Found()
    for phrase in phrases:
        role, tokens = phrase.role, phrase.tokens
        if role == "arrow" and text[_end(tokens[0]) : _start(tokens[1])].strip():
            # "2x cloud activation rate to N7": the first amount is not the arrow's
            found.bare.append(_quantity(text, tokens[0]))
            found.target = found.target or _quantity(text, tokens[2])
        elif role in ("from_to", "arrow"):
            if role == "from_to":
                first, arrow = tokens[1], (tokens[2] if len(tokens) == 4 else None)
            else:
                first, arrow = tokens[0], tokens[1]
            found.baseline = found.baseline or _quantity(text, first)
            if arrow is not None:
                found.target = found.target or _quantity(text, tokens[-1])
                if arrow.value.lower().startswith("down"):
                    found.particle_direction = "decrease"
        elif role == "to_target":
            found.target = found.target or _quantity(text, tokens[1])
            word = tokens[0].value.lower()
            if word.startswith(("down", "up")):
                found.particle_direction = "decrease" if word.startswith("down") else "increase"
        elif role == "by_change":
            found.change = found.change or _quantity(text, tokens[1])
        elif role == "noun_change":
            amount, noun = tokens
            if text[_end(amount) : _start(noun)].strip(" -"):
                # "send 1+ protocol improvement": the noun is not the amount's
                found.bare.append(_quantity(text, amount))
                continue
            found.change = found.change or _quantity(text, amount)
            found.noun_direction = found.noun_direction or _DIRECTIONS[noun.type]
        elif role == "current":
            found.baseline = found.baseline or _quantity(text, tokens[1])
            word = tokens[0].value.lower()
            if word.startswith(("down", "up from")):
                found.particle_direction = "decrease" if word.startswith("down") else "increase"
        elif role == "target_cue":
            found.target = found.target or _quantity(text, tokens[1])
        elif role == "window" and tokens[0].type == "WITHIN":
            found.windows.append(_quantity(text, tokens[1]))
        elif role == "quantity":
            found.bare.append(_quantity(text, tokens[0]))
        elif role == "deadline" and found.deadline is None:
            token = tokens[0]
            found.deadline = RawDeadline(token.value.strip(), _start(token), _end(token))
        elif role == "cue":
            found.cues.append(tokens[0])
    return found


def _main_verb(text: str, found: _Found) -> tuple[Token | None, Direction | None, float | None]:
    has_numbers = bool(found.baseline or found.target or found.change or found.bare)
    for cue in found.cues:
        if cue.type in ("UP_NOUN", "DOWN_NOUN") or not _counts_as_verb(text, cue, has_numbers):
            continue
        if cue.type == "MULTIPLY":
            factor = _multiplier(cue.value)
            return cue, ("decrease" if factor < 1 else "increase"), factor
        return cue, _DIRECTIONS[cue.type], None
    return None, None, None


_SCOPE_BEFORE = re.compile(r"\b(?:with|of|having|among|for)\s*$", re.I)
_OF_THE_TIME = re.compile(r"\s+of\s+(?:the\s+)?(?:time|cases|requests|tickets)\b", re.I)
_TIME_WORDS = re.compile(r"\b(?:time|latency|duration|build|wait|response|cycle|runtime|minutes?)\b", re.I)
_AHEAD_OF_PLAN = re.compile(r"\b(?:ahead\s+of|on|above)\s+(?:plan|target|forecast|budget)\b", re.I)


def _interpret(text: str, phrases: list[_Phrase], is_kpi: bool) -> Reading:
    found = _collect(text, phrases)
    verb, direction, factor = _main_verb(text, found)
    baseline, target, change = found.baseline, found.target, found.change

    # "customers with more than 500 seats": a number that narrows who is counted
    bare = [q for q in found.bare if not (q.comparator == ">" and _SCOPE_BEFORE.search(text, 0, q.start))]
    if verb is not None and direction in ("increase", "decrease"):
        # A number before the main verb describes who is measured ("customers with a score
        # of 50 or less have increased adoption"), not the aim.
        bare = [q for q in bare if q.start > _start(verb)]
    signed = [
        q for q in bare if q.text[:1] in "+-" and q.comparator is None and (verb or _in_parentheses(text, q.start))
    ]
    if change is None and signed:
        change = signed[0]  # "(+3pp)", "(+67%)"
    bare = [q for q in bare if q is not change]
    multiples = [q for q in bare if q.unit == "x"]
    bare = [q for q in bare if q.unit != "x"]
    preferred = [q for q in bare if _OF_THE_TIME.match(text, q.end)]
    outside = preferred or [q for q in bare if not _in_parentheses(text, q.start)]

    if multiples and factor is None:
        if verb is not None or baseline or target:
            factor = multiples[0].value or None  # "Grow ARR 3x", "3x upgrades (from 40)"
            direction = direction if direction in ("increase", "decrease") else "increase"
            verb_like: RawQuantity | None = multiples[0]
        else:
            verb_like = None
            target = target or multiples[0]  # "3x pipeline coverage": a level
    else:
        verb_like = None

    if target is None and outside:
        first = outside[0]
        if direction in ("increase", "decrease") and verb is not None and first.comparator is None and change is None:
            change = first  # "Grow organic signups 30%": the size of the change
            rest = [q for q in outside[1:]]
            target = rest[0] if rest and baseline is None and rest[0].comparator else None
        else:
            target = first
    if target is None and change is None and not baseline:
        if bare:
            target = bare[0]
        elif found.windows:
            target = found.windows[0]  # "Merged PRs land on staging within 25 minutes"

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
    baseline, target, change = (_minutes(text, q) for q in (baseline, target, change))

    if direction is None or direction == "reach":
        direction = found.noun_direction or found.particle_direction or direction
    if direction is None and (target or change):
        direction = "reach"
    if direction == "reach" and not (target or change or baseline):
        direction = None  # "Achieve SOC2 compliance": a milestone, not a level

    quantities = [q for q in (baseline, target, change) if q]
    metric = _find_metric(text, verb, quantities, found.deadline) if (direction or quantities) else None

    measured = (
        bool(quantities) or direction in ("increase", "decrease", "maintain") or bool(_AHEAD_OF_PLAN.search(text))
    )
    if measured:
        kind: Kind = "outcome"
    elif is_kpi:
        kind = "effort" if _first_word(text) in _EFFORT_VERBS else "outcome"
    else:
        kind = "effort"
    return Reading(direction, metric, baseline, target, change, found.deadline, kind)


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


def _find_metric(
    text: str, verb: Token | None, quantities: list[RawQuantity], deadline: RawDeadline | None
) -> str | None:
    """The noun phrase measured: after the verb, else the words before the first number
    ("YTD Closed Won ACV: $650K"), else the words after it ("95% of demo forms answered")."""
    marks = sorted([q.start for q in quantities] + ([deadline.start] if deadline else []))
    if verb is not None:
        stop = next((m for m in marks if m > _end(verb)), len(text))
        found = _metric(text, _end(verb), stop)
        if found:
            return found
    if not quantities:
        return None
    first = min(quantities, key=lambda q: q.start)
    head, colon, tail = text[: first.start].rpartition(":")
    before = tail if tail.strip() or not colon else head.rsplit(":", 1)[-1]
    words = before.split()
    # "Sell 3 million GBP of renewals": a lone word before the number is its verb
    if words and (words[0].lower() in _NOT_METRIC_WORDS or (len(words) == 1 and not colon)):
        before = " ".join(words[1:])
    found = _metric(before, 0, len(before)) if before.strip() else None
    if found:
        return found
    stop = next((m for m in marks if m > first.end), len(text))
    return _metric(text, first.end, stop)
