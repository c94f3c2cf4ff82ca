"""A lexer for the statement grammar that only looks where a token can begin.

Most words of a goal statement are skipped by the grammar (`%ignore WORD`), but Lark's own
lexer still tries every terminal at every word, which costs several microseconds a word.
This lexer uses the same terminals from `grammar/statement.lark`, in the same priority order,
but tries them only at *candidate* positions: digits, the few symbols that start an amount
("$", "≥", "#", "→" …), and words that begin some terminal (`_STOP_WORDS`). Everything else is
passed over with one dictionary look-up. tests/test_lexer.py checks that it yields exactly the
tokens Lark's contextual lexer yields, on every labelled statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark.common import LexerConf
from lark.lexer import Lexer, LexerState, Token

# Words that can begin a terminal. A word missing here makes its terminal invisible after an
# ordinary word, which tests/test_lexer.py would catch.
_STOP_WORDS = frozenset(
    """
    from to by per each every within in for currently current today baseline up down vs
    versus compared last ly target targeting targeted goal aim gain bring drive growth
    improvement uplift rise jump reduction decline fall before until till til through thru
    during at on no not ahead prior this next coming the end close eoy eoq eom eofy eoh
    fiscal financial year quarter more less fewer greater higher lower over under below
    above around about approximately approx nearly almost zero one two three four five six
    seven eight nine ten twelve fifteen twenty fifty top bottom tier stage level phase step
    version release wave round p sev severity priority gen generation grade grades years cohort category sprint
    zone chapter section article soc iso pci wcag type older newer younger longer shorter
    bigger larger smaller python node linux windows macos ios android java ubuntu debian go
    php ruby mysql react angular vue django rails kubernetes k issue pr pull ticket bug
    milestone rfc v http https usd eur gbp cad aud chf jpy inr nzd sek nok dkk sgd kes ngn tzs ugx rwf zar ghs
    rs ksh tsh x y z n
    xx xxx yy yyy zz zzz grew hit rose risen rising rises fell fallen fortune global forbes inc
    s ftse russell asc ifrs sox hipaa gdpr season cycle iteration epoch batch sdg sdgs interstate interstates
    highway highways route routes ward district between scope scopes
    """.split()
)
_STOP_PREFIXES = re.compile(
    r"increas|grow|rais|lift|boost|improv|maximi|accelerat|reduc|decreas|cut|lower|minimi|shorten|"
    r"shrink|drop|eliminat|slash|trim|maintain|keep|sustain|hold|stay|remain|preserv|reach|achiev|"
    r"hit|attain|doubl|tripl|quadrupl|halv|target|postgres|node|x{2,}|y{2,}|z{2,}|driv|drove|bring|brought|trebl|eradicat"
)
# A run of letters (a word's stem), a run of digits, or one other visible character.
_PIECES = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_")
_SYMBOLS = frozenset("$€£¥₹₦+<>≤≥~=#→⇒-.")  # "." starts ".5", a decimal without its zero
_WORD = re.compile(r"[^\W\d_][\w'’&/+.-]*")
_BLANK = re.compile(r"\s")
# A statement is read at most this many characters from each end (the longest real one in the
# corpus has 440): thousands of numbers in one key result cost no more than a few.
READ_AT_EACH_END = 2_000


_SCANNERS: dict[tuple[tuple[tuple[str, str], ...], int], re.Pattern[str]] = {}  # by terminals and flags


class SkippingLexer(Lexer):
    """Lark lexer interface; built by Lark from the grammar's terminals."""

    __future_interface__ = 1  # lex(lexer_state, parser_state), as Lark's own lexers

    def __init__(self, conf: LexerConf) -> None:
        terminals = sorted(
            conf.terminals, key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name)
        )
        self._skip = frozenset(conf.ignore)
        flags = conf.g_regex_flags
        key = (tuple((t.name, t.pattern.to_regexp()) for t in terminals), flags)
        scanner = _SCANNERS.get(key)
        if scanner is None:  # Lark makes one lexer and the statement reader another: guarded once
            scanner = _SCANNERS[key] = re.compile(
                "|".join(f"(?P<{name}>{_guarded(pattern, flags)})" for name, pattern in key[0]), flags
            )
        self._scanner = scanner
        self._candidate_cache: dict[str, bool] = {}

    def _is_candidate(self, piece: str) -> bool:
        known = self._candidate_cache.get(piece)
        if known is None:
            first = piece[0]
            if first.isdigit() or first in _SYMBOLS:
                known = True
            elif first.isalpha():
                lowered = piece.lower()
                known = lowered in _STOP_WORDS or _STOP_PREFIXES.match(lowered) is not None
            else:
                known = False
            if len(self._candidate_cache) < 100_000:
                self._candidate_cache[piece] = known
        return known

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        return iter(self.tokens(str(lexer_state.text.text)))

    def tokens(self, text: str) -> list[Token]:
        """The tokens of a statement, ignored terminals left out. Of a statement longer than
        any written by hand (thousands of numbers or deadlines pasted into one key result),
        the tokens of its first and last `READ_AT_EACH_END` characters: the measure is written
        there, and parsing the rest would cost time for nothing."""
        if len(text) <= 2 * READ_AT_EACH_END:
            return self._tokens(text, 0, len(text))
        head = self._tokens(text, 0, READ_AT_EACH_END)
        tail = _BLANK.search(text, len(text) - READ_AT_EACH_END)  # from a word's start
        begin = max(tail.end() if tail else len(text), (head[-1].end_pos or 0) if head else 0)
        return head + self._tokens(text, begin, len(text))

    def _tokens(self, text: str, begin: int, stop: int) -> list[Token]:
        """The tokens that begin in text[begin:stop] (a token may run past `stop`)."""
        found: list[Token] = []
        scanner = self._scanner
        known_pieces = self._candidate_cache
        end = begin
        for piece in _PIECES.finditer(text, begin, stop):
            start = piece.start()
            if start < end:
                continue
            value = piece.group()
            known = known_pieces.get(value)
            if known is None:
                known = self._is_candidate(value)
            if not known:
                if value[0].isalpha():
                    # Lark's WORD would swallow "js-to" whole: so must we
                    end = _WORD.match(text, start).end()  # type: ignore[union-attr]
                continue
            match = scanner.match(text, start)
            if match is None:
                continue
            end = match.end()
            kind = match.lastgroup
            if kind is not None and kind not in self._skip:
                found.append(_token(kind, match.group(), start, end))
        return found


def _guarded(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a look-ahead for the characters it can begin with, and each long
    alternative of its groups behind its own, where those characters are known.

    The scanner tries the terminals in turn at a position, and a terminal its alternatives in
    turn: SCOPE, QTY and DEADLINE, hundreds of alternatives, took microseconds to fail at a word
    none can begin with. One character class fails at once (lexing a quarter faster). Each
    class holds every character a match can begin with (read from the pattern's text, in one
    pass; case-blind), so the tokens are the same; a pattern whose text has a construct not read
    here is left as it is, and so is a short one (which fails about as fast as a look-ahead).
    """
    if flags & (re.VERBOSE | re.MULTILINE):
        return pattern
    inserts: dict[int, str] = {}
    try:
        first, end = _alternation(pattern, 0, inserts)
    except (ValueError, IndexError):  # a construct not read here
        return pattern
    if end != len(pattern):
        return pattern
    if first is not None and len(pattern) >= _GUARD_WHOLE:
        inserts[0] = _look_ahead(first) + inserts.get(0, "")
    for at in sorted(inserts, reverse=True):
        pattern = pattern[:at] + inserts[at] + pattern[at:]
    return pattern


_GUARD_WHOLE = 40  # a whole pattern shorter than this fails about as fast as its look-ahead would
_GUARD_ALTERNATIVE = 16  # and an alternative
_First = tuple[set[str], bool]  # the class members a match can begin with, and whether it can be empty
_Inserts = dict[int, str] | None  # look-aheads to put in, by position; None inside a look-around


def _look_ahead(first: _First) -> str:
    members, empty = first
    return "" if empty or not members else f"(?=(?i:[{''.join(sorted(members))}]))"


def _alternation(pattern: str, at: int, inserts: _Inserts) -> tuple[_First | None, int]:
    """The alternatives from `at` to the ")" that closes their group (or the end); each long
    one's look-ahead goes in `inserts` when there are several."""
    members: set[str] = set()
    empty = False
    known = True
    read: list[tuple[int, int, _First | None]] = []
    while True:
        start = at
        first, at = _sequence(pattern, at, inserts)
        read.append((start, at, first))
        if first is None:
            known = False
        else:
            members |= first[0]
            empty = empty or first[1]
        if at < len(pattern) and pattern[at] == "|":
            at += 1
            continue
        if inserts is not None and len(read) > 1:
            for start, end, first in read:
                if first is not None and end - start >= _GUARD_ALTERNATIVE and (guard := _look_ahead(first)):
                    inserts[start] = guard + inserts.get(start, "")
        return ((members, empty) if known else None), at


def _sequence(pattern: str, at: int, inserts: _Inserts) -> tuple[_First | None, int]:
    """One alternative: its items up to a "|" or ")" (or the end)."""
    members: set[str] = set()
    open_ = True  # every item so far can match nothing, so the next one can begin the match
    known = True
    while at < len(pattern) and pattern[at] not in "|)":
        plain = _PLAIN.match(pattern, at)
        if plain is not None and plain.end() - at > 1:  # a quantifier after the run repeats only its last
            if open_:
                members.add(_escaped(pattern[at]))
                open_ = False
            at = plain.end() - 1
        item, at = _item(pattern, at, inserts)
        quantifier = _QUANTIFIER.match(pattern, at)
        if quantifier is not None:
            at = quantifier.end()
            if at < len(pattern) and pattern[at] in "?+":  # lazy or possessive
                at += 1
            least = quantifier.group(1) if quantifier.group(1) is not None else quantifier.group(2)
            if item is not None and (quantifier.group() in ("*", "?") or least in ("", "0")):
                item = (item[0], True)  # may be repeated no times
        if open_:
            if item is None:
                known = False
            else:
                members |= item[0]
                open_ = item[1]
    return ((members, open_) if known else None), at


_QUANTIFIER = re.compile(r"[*?+]|\{(\d*),\d*\}|\{(\d+)\}")  # "{}" is no quantifier but two characters
# "(", "(?:", "(?P<name>", "(?>", "(?i:", "(?-i:"; group 1 for a look-ahead or look-behind
_GROUP_OPENING = re.compile(r"\((?!\?)|\(\?(?:(<?[=!])|P<\w+>|>|[aiLmsux]*(?:-[imsx]+)?:)")
_PLAIN = re.compile(r"[^\\()\[\]|.*+?{}^$]+")  # characters that stand for themselves
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("dDsSwW")


def _item(pattern: str, at: int, inserts: _Inserts) -> tuple[_First | None, int]:
    """One item (a character, an escape, a class, a group) and where it ends."""
    char = pattern[at]
    if char == "(":
        opening = _GROUP_OPENING.match(pattern, at)
        if opening is None:
            raise ValueError(f"a group not read here at {at}")
        look = opening.group(1) is not None
        first, end = _alternation(pattern, opening.end(), None if look else inserts)
        if end >= len(pattern):
            raise ValueError("an unclosed group")
        return ((set(), True) if look else first), end + 1  # a look-around is zero-width
    if char == "[":
        end = _class_end(pattern, at)
        return _class_members(pattern[at + 1 : end - 1]), end
    if char == "\\":
        escaped = pattern[at + 1]
        if escaped in _ZERO_WIDTH_ESCAPES:
            return (set(), True), at + 2
        if escaped in _CLASS_ESCAPES:
            return ({"\\" + escaped}, False), at + 2
        return (None if escaped.isalnum() else ({_escaped(escaped)}, False)), at + 2  # \x41, \1: not read
    if char in "^$":
        return (set(), True), at + 1
    if char in ".*+?":
        return None, at + 1
    return ({_escaped(char)}, False), at + 1


def _class_end(pattern: str, at: int) -> int:
    """Just past the character class that opens at `at`."""
    at += 1
    if at < len(pattern) and pattern[at] == "^":
        at += 1
    if at < len(pattern) and pattern[at] == "]":  # a first "]" is a member
        at += 1
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    if at >= len(pattern):
        raise ValueError("an unclosed character class")
    return at + 1


def _class_members(body: str) -> _First | None:
    """The members of a character class as the look-ahead's class writes them; None for a
    negated class or an escape not read here."""
    if body.startswith("^"):
        return None
    members: set[str] = set()
    at = 0
    while at < len(body):
        if body[at] == "\\":
            escaped = body[at + 1]
            if escaped in _CLASS_ESCAPES:
                members.add("\\" + escaped)
                at += 2
                continue
            if escaped.isalnum():
                return None
            single, at = escaped, at + 2
        else:
            single, at = body[at], at + 1
        if at + 1 < len(body) and body[at] == "-" and body[at + 1] != "\\":
            members.add(f"{_escaped(single)}-{_escaped(body[at + 1])}")
            at += 2
        else:
            members.add(_escaped(single))
    return members, False


def _escaped(char: str) -> str:
    """One character as a character class writes it (ASCII punctuation and blanks escaped)."""
    return "\\" + char if char.isascii() and not char.isalnum() else char


def _token(kind: str, value: str, start: int, end: int) -> Token:
    """A Lark token, made without `Token.__new__`'s argument handling (a third of lexing time)."""
    token = str.__new__(Token, value)
    token.type, token.value, token.start_pos, token.end_pos = kind, value, start, end
    token.line = token.column = token.end_line = token.end_column = None
    return token
