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

import importlib
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
    milestone rfc v http https usd eur gbp cad aud chf jpy inr nzd sek nok dkk sgd x y z n
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
_SYMBOLS = frozenset("$€£¥+<>≤≥~=#→⇒-")
_WORD = re.compile(r"[^\W\d_][\w'’&/+.-]*")
_BLANK = re.compile(r"\s")
# A statement is read at most this many characters from each end (the longest real one in the
# corpus has 440): thousands of numbers in one key result cost no more than a few.
READ_AT_EACH_END = 2_000


class SkippingLexer(Lexer):
    """Lark lexer interface; built by Lark from the grammar's terminals."""

    __future_interface__ = 1  # lex(lexer_state, parser_state), as Lark's own lexers

    def __init__(self, conf: LexerConf) -> None:
        terminals = sorted(
            conf.terminals, key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name)
        )
        self._skip = frozenset(conf.ignore)
        flags = conf.g_regex_flags
        self._scanner = re.compile(
            "|".join(f"(?P<{t.name}>{_guarded(t.pattern.to_regexp(), flags)})" for t in terminals), flags
        )
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


def _guarded(pattern: str, flags: int) -> str:
    """`pattern` behind a look-ahead for the characters it can begin with, where they are known.

    The scanner tries the terminals in turn at a position; a terminal of long alternatives
    (SCOPE, QTY, DEADLINE) takes microseconds to fail at a word it cannot begin with, and most
    fail at most positions. One character class fails at once (lexing 40% faster). The class is
    a superset of the possible first characters (read from the parsed pattern, case-blind), so
    the tokens are the same; where it cannot be known, the pattern is left as it is.
    """
    try:
        parsed = _PARSER.parse(pattern, flags)
        first = _first_of(list(parsed))
    except Exception:  # another Python's parser, a construct not read here: no look-ahead
        return pattern
    if first is None or first[1] or not first[0] or len(pattern) < _GUARDED_LENGTH:
        return pattern
    return f"(?=(?i:[{''.join(sorted(first[0]))}])){pattern}"


_GUARDED_LENGTH = 40  # a shorter pattern fails about as fast as its look-ahead would
_PARSER: Any = importlib.import_module("re._parser")  # loaded with `re`; Lark reads patterns with it too
# a category inside a character class, written as the class would write it
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}
_First = tuple[set[str], bool]  # the class atoms a match can begin with, and whether it can be empty


def _first_of(items: list[tuple[Any, Any]]) -> _First | None:
    """What a sequence of parsed items can begin with; None when that is not known."""
    atoms: set[str] = set()
    for op, value in items:
        item = _first_item(str(op), value)
        if item is None:
            return None
        atoms |= item[0]
        if not item[1]:
            return atoms, False
    return atoms, True


def _first_item(op: str, value: Any) -> _First | None:
    if op == "LITERAL":
        return {_escaped(value)}, False
    if op == "IN":
        atoms: set[str] = set()
        for kind, member in value:
            kind = str(kind)
            if kind == "LITERAL":
                atoms.add(_escaped(member))
            elif kind == "RANGE":
                atoms.add(f"{_escaped(member[0])}-{_escaped(member[1])}")
            elif kind == "CATEGORY" and str(member) in _CATEGORIES:
                atoms.add(_CATEGORIES[str(member)])
            else:  # a negated class, another category
                return None
        return atoms, False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: the pattern itself still checks it
        return set(), True
    if op == "SUBPATTERN":
        return _first_of(list(value[-1]))
    if op == "ATOMIC_GROUP":
        return _first_of(list(value))
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, inner = value
        found = _first_of(list(inner))
        return None if found is None else (found[0], low == 0 or found[1])
    if op == "BRANCH":
        atoms, empty = set(), False
        for branch in value[1]:
            found = _first_of(list(branch))
            if found is None:
                return None
            atoms |= found[0]
            empty = empty or found[1]
        return atoms, empty
    return None  # any character, a back-reference, a conditional group


def _escaped(code: int) -> str:
    """One character as a character class writes it (ASCII punctuation and blanks escaped)."""
    char = chr(code)
    return "\\" + char if char.isascii() and not char.isalnum() else char


def _token(kind: str, value: str, start: int, end: int) -> Token:
    """A Lark token, made without `Token.__new__`'s argument handling (a third of lexing time)."""
    token = str.__new__(Token, value)
    token.type, token.value, token.start_pos, token.end_pos = kind, value, start, end
    token.line = token.column = token.end_line = token.end_column = None
    return token
