"""Inline markup: the text a reader sees, without emphasis markers, link targets, code
backticks and HTML tags, with escapes and entities resolved (CommonMark's rules, simplified)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from markdown_it.common.utils import normalizeReference

from goallint.syntax.markdown.text import Builder, Text

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>")
# An HTML tag; comments, processing instructions, declarations and CDATA are found by their
# closing string (`_html_end`), so that an unclosed one is not rescanned from every `<`.
_TAG_RE = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
)
# The other HTML forms: what opens them, what closes them, and how far the closer search starts.
_HTML_FORMS = (("<!--", "-->", 4), ("<![CDATA[", "]]>", 9), ("<?", "?>", 2))
# a line break or the edge of a block ("<li>Clean up</li><li>Have an outline</li>"): read as a space
_BREAK_TAG_RE = re.compile(r"</?(?:br|li|p|div|ol|ul|tr|td|th)\b[^>]*>", re.I)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_LINK_DEPTH = 8
# Text with no markup character and no white space to collapse: cleaning leaves it as it is.
_PLAIN_RE = re.compile(r"(?:[^\\`*_~<\[!&\s]| (?! ))*")
_MAX_LABEL = 1000  # CommonMark: a link label has at most 999 characters
# Characters the scan below does nothing with: a run of them is copied in one step.
_ORDINARY_RE = re.compile(r"[^\\`<\[!&*_~]+")
_SPACE_RUN_RE = re.compile(r"\s+")
# The characters `_Pairs.of` acts on, in its pass over brackets and in its pass over parentheses.
_BRACKET_MARKS_RE = re.compile(r"[\\`\[\]]")
_PAREN_MARKS_RE = re.compile(r"[\\()\n]")


@dataclass(slots=True)
class _Run:
    """A run of emphasis delimiters (`**`, `_`, `~~`); the characters left in [left, right)
    after matching are literal."""

    char: str
    length: int
    can_open: bool
    can_close: bool
    left: int = 0
    right: int = 0

    @property
    def remaining(self) -> int:
        return self.right - self.left


def _is_space(char: str | None) -> bool:
    return char is None or char.isspace()


def _is_punctuation(char: str | None) -> bool:
    if char is None:
        return False
    return char in ASCII_PUNCTUATION or unicodedata.category(char)[0] in ("P", "S")


def _run(source: str, index: int, length: int) -> _Run:
    """Classify a delimiter run as CommonMark does (left- and right-flanking)."""
    char = source[index]
    before = source[index - 1] if index > 0 else None
    after = source[index + length] if index + length < len(source) else None
    left = not _is_space(after) and (not _is_punctuation(after) or _is_space(before) or _is_punctuation(before))
    right = not _is_space(before) and (not _is_punctuation(before) or _is_space(after) or _is_punctuation(after))
    if char == "_":
        can_open = left and (not right or _is_punctuation(before))
        can_close = right and (not left or _is_punctuation(after))
    else:
        can_open, can_close = left, right
    return _Run(char, length, can_open, can_close, 0, length)


def _run_length(source: str, index: int, char: str) -> int:
    position = index
    while position < len(source) and source[position] == char:
        position += 1
    return position - index


class _Ahead:
    """What lies ahead of a scan that only moves forward: where the next `-->`, `?>`, `]]>` or
    `>` is, and from where no closing run of n backticks follows. Remembering these keeps a
    text full of unclosed openers linear: each is looked for once, not once per opener."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: dict[str, int] = {}
        self.unclosed_code: dict[int, int] = {}  # run length -> a position after which none closes

    def next(self, needle: str, index: int) -> int:
        at = self.found.get(needle)
        if at is None or (at != -1 and at < index):
            at = self.found[needle] = self.source.find(needle, index)
        return at


def _skip_code(source: str, index: int, ahead: _Ahead | None = None) -> int:
    """Index just past the code span that starts at `index`, or past its backticks if unclosed."""
    length = _run_length(source, index, "`")
    position = index + length
    if ahead is not None and ahead.unclosed_code.get(length, len(source) + 1) <= position:
        return position
    while (found := source.find("`", position)) >= 0:
        run = _run_length(source, found, "`")
        if run == length:
            return found + run
        position = found + run
    if ahead is not None:
        ahead.unclosed_code[length] = index + length
    return index + length


def _html_end(source: str, index: int, ahead: _Ahead) -> int | None:
    """Where the HTML construct that starts at `index` (a `<`) ends, or None."""
    for opener, closer, skip in _HTML_FORMS:
        if source.startswith(opener, index):
            close = ahead.next(closer, index + skip)
            return close + len(closer) if close >= 0 else None
    if source.startswith("<!", index):
        if index + 2 < len(source) and source[index + 2].isascii() and source[index + 2].isalpha():
            close = ahead.next(">", index + 2)
            return close + 1 if close >= 0 else None
        return None
    close = ahead.next(">", index)
    tag = _TAG_RE.match(source, index, close + 1) if close >= 0 else None
    return tag.end() if tag else None


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Matching `[`/`]` (outside code spans) and `(`/`)` of one text, found in one pass each."""

    brackets: dict[int, int]
    parens: dict[int, int]

    @staticmethod
    def of(source: str) -> _Pairs:
        ahead = _Ahead(source)
        brackets: dict[int, int] = {}
        parens: dict[int, int] = {}
        for pairs, opening, closing, skip_code, marks in (
            (brackets, "[", "]", True, _BRACKET_MARKS_RE), (parens, "(", ")", False, _PAREN_MARKS_RE)
        ):
            stack: list[int] = []
            position = 0
            while (mark := marks.search(source, position)) is not None:  # from one mark to the next
                position = mark.start()
                char = source[position]
                if char == "\\":
                    position += 2
                    continue
                if char == "`" and skip_code:
                    position = _skip_code(source, position, ahead)
                    continue
                if char == opening:
                    stack.append(position)
                elif char == closing and stack:
                    pairs[stack.pop()] = position
                elif char == "\n" and not skip_code:
                    stack.clear()
                position += 1
        return _Pairs(brackets, parens)


def _link_at(source: str, index: int, pairs: _Pairs, references: frozenset[str]) -> tuple[int, int, int] | None:
    """A link whose text starts with the `[` at `index`: (text start, text end, link end)."""
    close = pairs.brackets.get(index)
    if close is None:
        return None
    after = close + 1
    if source.startswith("(", after):
        end = pairs.parens.get(after)
        return (index + 1, close, end + 1) if end is not None else None
    if source.startswith("[", after):
        end = pairs.brackets.get(after)
        if end is not None and end - after <= _MAX_LABEL and "[" not in source[after + 1 : end]:
            return index + 1, close, end + 1
        return None
    if references and close - index <= _MAX_LABEL and normalizeReference(source[index + 1 : close]) in references:
        return index + 1, close, close + 1
    return None


class _Out(Builder):
    """The cleaned text as it is made. A run of emphasis delimiters is written in full where it
    stands and remembered, then thinned to what is left of it once all runs are matched
    (`cleaned`)."""

    def __init__(self, anchor: int) -> None:
        Builder.__init__(self, anchor)
        self.runs: list[tuple[int, _Run]] = []  # each run with where its characters start in the output

    def cleaned(self) -> Text:
        """The output, matched delimiters dropped and each run of white space one space that
        spans the whole run."""
        written, starts, ends = "".join(self.pieces), self.starts, self.ends
        if any(run.remaining < run.length for _, run in self.runs):
            kept = Builder(self.anchor)
            take = kept.take
            done = 0
            for at, run in self.runs:
                take(written, starts, ends, done, at)
                take(written, starts, ends, at + run.left, at + run.right)
                done = at + run.length
            take(written, starts, ends, done, len(written))
            written, starts, ends = "".join(kept.pieces), kept.starts, kept.ends
        return _collapsed(written, starts, ends, self.anchor)


def clean_markup(text: Text, references: frozenset[str], depth: int = 0) -> Text:
    """The text a reader sees: without emphasis markers, link targets, code backticks and
    HTML tags, with escapes and entities resolved and white space collapsed."""
    source = text.text
    if _PLAIN_RE.fullmatch(source):
        return text  # most lines hold no markup at all: nothing to take out
    size = len(source)
    if size > 4 and source[:2] in ("**", "__") and source.endswith(source[:2]) and not source[2].isspace() \
            and not source[-3].isspace() and _PLAIN_RE.fullmatch(source, 2, size - 2):
        # "**Grow revenue**": a line in bold and nothing else, as pages write goals; what the
        # delimiter matching below makes of it (the two runs match whole), without the matching
        return Text(source[2:-2], tuple(text.starts[2:-2]), tuple(text.ends[2:-2]), text.anchor)
    pairs = _Pairs.of(source) if "[" in source else _Pairs({}, {})
    ahead = _Ahead(source)
    out = _Out(text.anchor)
    starts, ends = text.starts, text.ends
    # the two commonest steps (plain text, a delimiter run) write to the output directly
    pieces, out_starts, out_ends, runs = out.pieces, out.starts, out.ends, out.runs
    index = 0
    while index < size:
        char = source[index]
        if char == "\\" and index + 1 < size and source[index + 1] in ASCII_PUNCTUATION:
            out.add(source[index + 1], starts[index], ends[index + 1])
            index += 2
        elif char == "`":
            stop = _skip_code(source, index, ahead)
            length = _run_length(source, index, "`")
            if stop > index + length:
                first, last = index + length, stop - length
                if last - first > 1 and source[first] == source[last - 1] == " " and source[first:last].strip():
                    first, last = first + 1, last - 1
                out.copy(text, first, last)
            else:
                out.copy(text, index, stop)
            index = stop
        elif char == "<":
            autolink = _AUTOLINK_RE.match(source, index)
            tag_end = None if autolink else _html_end(source, index, ahead)
            if autolink:
                out.copy(text, index + 1, autolink.end() - 1)
                index = autolink.end()
            elif tag_end is not None:
                if _BREAK_TAG_RE.fullmatch(source, index, tag_end):
                    out.add(" ", starts[index], ends[tag_end - 1])
                index = tag_end
            else:  # a "<" of no tag: with the plain run after it, as below
                stop = ordinary.end() if (ordinary := _ORDINARY_RE.match(source, index + 1)) else index + 1
                out.copy(text, index, stop)
                index = stop
        elif (char == "[" or (char == "!" and source.startswith("[", index + 1))) and depth < _MAX_LINK_DEPTH and (
            link := _link_at(source, index + (char == "!"), pairs, references)
        ):
            out.extend(clean_markup(text.sub(link[0], link[1]), references, depth + 1))
            index = link[2]
        elif char == "&" and (entity := _ENTITY_RE.match(source, index)):
            decoded = html.unescape(entity.group())
            if decoded != entity.group():
                for letter in decoded:
                    out.add(letter, starts[index], ends[entity.end() - 1])
            else:
                out.copy(text, index, entity.end())
            index = entity.end()
        elif char in "*_~":
            length = _run_length(source, index, char)
            if char != "~" or length == 2:
                runs.append((len(out_starts), _run(source, index, length)))
            stop = index + length
            pieces.append(source[index:stop])
            out_starts.extend(starts[index:stop])
            out_ends.extend(ends[index:stop])
            index = stop
        elif ordinary := _ORDINARY_RE.match(source, index):
            stop = ordinary.end()
            pieces.append(source[index:stop])
            out_starts.extend(starts[index:stop])
            out_ends.extend(ends[index:stop])
            index = stop
        else:
            # a character that starts nothing here (the "[" of no link, a "!" or "&" alone): copied
            # with the plain run after it, in one step (a line of thousands of "[" takes half the steps)
            stop = ordinary.end() if (ordinary := _ORDINARY_RE.match(source, index + 1)) else index + 1
            out.copy(text, index, stop)
            index = stop
    _match_emphasis([run for _, run in out.runs])
    return out.cleaned()


def _collapsed(text: str, starts: list[int], ends: list[int], anchor: int) -> Text:
    """`text` with each run of white space one space that spans the whole run: by runs, not
    character by character."""
    out: Builder | None = None
    done = 0
    for space in _SPACE_RUN_RE.finditer(text):
        first, stop = space.span()
        if stop - first == 1 and text[first] == " ":
            continue  # one space already: kept as it is, with the text around it
        out = out or Builder(anchor)
        out.take(text, starts, ends, done, first)
        out.add(" ", starts[first], ends[stop - 1])
        done = stop
    if out is None:
        return Text(text, tuple(starts), tuple(ends), anchor)
    out.take(text, starts, ends, done, len(text))
    return out.build()


def _match_emphasis(runs: list[_Run]) -> None:
    """Pair openers with closers; matched delimiters are dropped from the text.

    A closer takes the nearest open run of its own character; the openers between the two can
    no longer close anything and are dropped. Keeping the openers of each character in their
    own stack makes that a constant-time look, not a walk back over every opener."""
    openers: list[_Run] = []  # every opener still open, in order
    by_char: dict[str, list[int]] = {}  # for each character, its openers' places in `openers`
    for run in runs:
        if run.can_close:
            stack = by_char.get(run.char)
            while run.remaining > 0 and stack:
                found = stack[-1]
                opener = openers[found]
                use = 2 if opener.remaining >= 2 and run.remaining >= 2 else 1
                opener.right -= use
                run.left += use
                while len(openers) > found + 1:  # each opener is dropped once: linear overall
                    by_char[openers.pop().char].pop()
                if opener.remaining == 0:
                    openers.pop()
                    stack.pop()
        if run.can_open and run.remaining > 0:
            by_char.setdefault(run.char, []).append(len(openers))
            openers.append(run)
