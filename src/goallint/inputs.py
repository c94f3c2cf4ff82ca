"""Reading what `goallint check` is given: goal documents, and files an input-format plugin reads.

An `InputFormat` (from the `goallint_input_formats` hook) turns a file of its suffixes, given as
bytes, into a `Converted` plan: `.okr` text goallint checks like any other, and for each line of
that text the cells it came from. Findings on a converted plan are moved back to those cells:
the line is the sheet's row, the column the sheet's column, and the message names the cell
(`Q3!C5`). A spreadsheet is never rewritten, so their fixes are dropped.

A text whose name does not say its format (standard input without `--stdin-filename`, a `.txt`
copy of a handbook page) is read as Markdown when it shows Markdown's marks (`reading_of`), and
the run says so. A directory walk leaves out what `.gitignore` files and the configuration's
`exclude` leave out (`Inputs.expand`), and counts what it left out, so that a run that found nothing can
say why.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from goallint.loading import DEFAULT_MAX_FILE_SIZE, InputError, read_bytes, read_text
from goallint.syntax import MARKDOWN_SUFFIXES, Format, mentions_goals

if TYPE_CHECKING:
    import pathspec

    from goallint.engine.plugins import Plugins
    from goallint.model import Finding

GOAL_SUFFIXES = (".okr", *sorted(MARKDOWN_SUFFIXES))


# --- Which reading: by the name, else by the text --------------------------------------------


@dataclass(frozen=True)
class Reading:
    """How a text is read, and why: `because` is None when its name says the format, else the
    Markdown marks found in it (or that none were found)."""

    format: Format
    because: str | None = None

    @property
    def name(self) -> str:
        return "Markdown" if self.format == "md" else "plain goals (.okr)"


# Marks only Markdown makes: one of these, or two weak ones, and the text is read as Markdown.
# Each pattern is anchored or bounded by a character class, so a search is linear in the text.
_STRONG_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bold text", re.compile(r"\*\*[^*\n]{1,200}\*\*|\b__[^_\n]{1,200}__\b")),
    ("links", re.compile(r"\]\((?:https?://|mailto:|\.{0,2}/|#|[\w.-]+\.md\b)"  # [text](address)
                         r"|^ {0,3}\[[^\]\n]{1,300}\]:[ \t]*\S", re.M)),  # [label]: address
    ("a table", re.compile(r"^[ \t]*+\|?[ \t]*+:?-{3,}+:?[ \t]*+\|", re.M)),
    ("HTML", re.compile(r"<!--|</?(?:details|summary|br|sub|sup|div|span|img|a|p|table)\b", re.I)),
    ("a code block", re.compile(r"^ {0,3}(?:```|~~~)", re.M)),
    ("underlined headings", re.compile(r"\S[ \t]*\n={3,}[ \t]*$", re.M)),
)
# `# …` is also an .okr comment, and `> …` a quoted line: on their own they prove nothing. A
# subheading (`## …`) is Markdown's.
_SUBHEADING_RE = re.compile(r"^ {0,3}#{2,6}[ \t]++(?!goallint\s*:)\S", re.M | re.I)
_SNIFFED = 100_000  # a page shows its marks early: the characters looked at, whatever the size

_WEAK_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a title line", re.compile(r"^#[ \t]++(?!goallint\s*:)\S", re.M | re.I)),
    ("quoted lines", re.compile(r"^ {0,3}>[ \t]", re.M)),
)


def markdown_marks(text: str) -> list[str]:
    """The Markdown marks this text shows, in words ("headings", "bold text"); enough of them
    (see `_is_markdown`) and it is a Markdown page whatever its name."""
    text = text[:_SNIFFED]
    found = ["headings"] if _SUBHEADING_RE.search(text) else []
    found += [name for name, pattern in _STRONG_MARKS if pattern.search(text)]
    found += [name for name, pattern in _WEAK_MARKS if pattern.search(text)]
    return found


def _is_markdown(marks: Sequence[str]) -> bool:
    weak = {name for name, _ in _WEAK_MARKS}
    return any(mark not in weak for mark in marks) or len(marks) >= 2


def reading_of(name: str | None, text: str, plain_suffixes: Iterable[str] = ()) -> Reading:
    """How to read a text: by its name's suffix (`.md` and the like Markdown; `.okr`, and the
    suffixes in `plain_suffixes` (what input-format plugins turn into .okr text), plain goals);
    otherwise by the text itself."""
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix in MARKDOWN_SUFFIXES:
        return Reading("md")
    if suffix == ".okr" or (suffix and suffix in plain_suffixes):
        return Reading("okr")
    marks = markdown_marks(text)
    if _is_markdown(marks):
        return Reading("md", "it has " + _and(marks))
    return Reading("okr", "it has no Markdown headings, bold text, links or tables")


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# --- Which files: a directory walk that honours .gitignore and `exclude` -----------------------


class IgnoreFiles:
    """The `.gitignore` rules that apply in a directory tree, as git applies them: each file's
    patterns are relative to its directory, and a deeper file's rule wins over a shallower one.
    Files above the walked directory count up to the repository's root (the folder with `.git`),
    and `.git/info/exclude` with them. Each folder's rules are read, and chained, once."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[str, pathspec.GitIgnoreSpec | None] = {}
        self._chains: dict[str, list[tuple[int, pathspec.GitIgnoreSpec]]] = {}

    def _spec_of(self, directory: str) -> pathspec.GitIgnoreSpec | None:
        if directory not in self._specs:
            lines: list[str] = []
            # .git/info/exclude first: in one folder, a later line wins, and .gitignore wins over it
            for name in (os.path.join(".git", "info", "exclude"), ".gitignore"):
                try:
                    with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as file:
                        lines += file.read().splitlines()
                except OSError:
                    continue
            if lines:
                import pathspec

                self._specs[directory] = pathspec.GitIgnoreSpec.from_lines(lines)
            else:
                self._specs[directory] = None
        return self._specs[directory]

    def _chain(self, directory: str) -> list[tuple[int, pathspec.GitIgnoreSpec]]:
        """The rules that apply in `directory`, the deepest first, each with the length of the
        folder it is relative to (to cut a path down to the part the rules see)."""
        chain = self._chains.get(directory)
        if chain is None:
            parent = os.path.dirname(directory)
            above = [] if directory == str(self.top) or parent == directory else self._chain(parent)
            spec = self._spec_of(directory)
            chain = self._chains[directory] = ([(len(directory) + 1, spec)] if spec is not None else []) + above
        return chain

    def ignores(self, path: str, is_dir: bool) -> bool:
        """Whether git would ignore `path` (absolute, at or below `top`)."""
        for cut, spec in self._chain(os.path.dirname(path)):  # the deepest first: its rules win
            decided = spec.check_file(path[cut:] + ("/" if is_dir else "")).include
            if decided is not None:
                return decided
        return False


def repository_root(directory: Path) -> Path:
    """The nearest folder at or above `directory` that holds `.git`; `directory` when none does."""
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return directory


@dataclass
class Skipped:
    """What a directory walk left out, by reason, for the message of a run that found nothing."""

    counts: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        reasons = {
            "gitignore": "file{s} or folder{s} in .gitignore",
            "exclude": "file{s} or folder{s} the configuration's exclude names",
            "no goals": "Markdown file{s} that mention{s_} no objective, key result, OKR or KPI",
            "hidden": "hidden file{s}",
        }
        parts = [f"{n} " + reasons[why].format(s="s" if n != 1 else "", s_="" if n != 1 else "s")
                 for why, n in self.counts.items() if n]
        return "; ".join(parts)


@dataclass(frozen=True)
class Cell:
    """Where a piece of a converted plan was written: a sheet (None for a CSV file), a row and
    a column, both counted from 1 as a spreadsheet shows them."""

    sheet: str | None
    row: int
    column: int

    @property
    def reference(self) -> str:
        """The cell as a spreadsheet names it: `C5`, or `'Q3 plan'!C5` with its sheet."""
        letters, number = "", self.column
        while number:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("A") + remainder) + letters
        if self.sheet is None:
            return f"{letters}{self.row}"
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{letters}{self.row}"


@dataclass(frozen=True)
class Piece:
    """Characters `start` (a 1-based column) to `start + length` of a line of the converted text,
    which come from `cell`."""

    start: int
    length: int
    cell: Cell


@dataclass
class Converted:
    """A plan read by an input format: its `.okr` text, and where each line's pieces came from."""

    text: str
    pieces: dict[int, list[Piece]] = field(default_factory=dict)  # line (from 1) -> pieces

    def cell_at(self, line: int, column: int) -> Cell | None:
        """The cell that column of that line of the text came from (the nearest piece before it)."""
        pieces = self.pieces.get(line) or []
        before = [piece for piece in pieces if piece.start <= column]
        chosen = before[-1] if before else (pieces[0] if pieces else None)
        return chosen.cell if chosen is not None else None


@dataclass(frozen=True)
class InputFormat:
    """A kind of file a plugin reads: its name, the suffixes it claims (`.csv`), and `read`,
    which gets the file's path and bytes and returns a `Converted` plan, or raises
    `goallint.plugin.InputError` with a message naming the file. `holds_goals`, if given, says
    cheaply whether a file found while searching a directory is one to check (a CSV of data is
    not); a file named on the command line is always read."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes], Converted]
    holds_goals: Callable[[Path], bool] | None = None
    plugin: str = ""  # filled in when it loads

    def claimed_by(self, plugin: str) -> InputFormat:
        return replace(self, suffixes=tuple(s.lower() for s in self.suffixes), plugin=plugin)


class Inputs:
    """The files of one run: which to check, their text, and the findings moved back to cells."""

    def __init__(
        self, plugins: Plugins, max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
        excluded: Callable[[Path], bool] | None = None, respect_gitignore: bool = True,
    ) -> None:
        self.formats = {suffix: f for f in plugins.input_formats for suffix in f.suffixes}
        self.converted: dict[str, Converted] = {}
        self.max_file_size = max_file_size
        self.excluded = excluded  # the configuration's `exclude`, asked of each path a walk meets
        self.respect_gitignore = respect_gitignore
        self.skipped = Skipped()  # what the walks of `expand` left out
        self._read: dict[Path, str] = {}  # Markdown read while looking for goals, kept for `read`

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (*GOAL_SUFFIXES, *self.formats)

    def reading(self, name: str | None, text: str) -> Reading:
        """How this run reads the text called `name` (see `reading_of`)."""
        return reading_of(name, text, self.formats)

    def expand(self, paths: Iterable[Path]) -> list[Path]:
        """Files as given, and the files of a known suffix found under directories: not hidden,
        not ignored by `.gitignore` nor by the configuration's `exclude`. A Markdown file found
        in a directory is taken only if it mentions goals at all (a README or a changelog does
        not): a file named on the command line is always checked."""
        found: list[Path] = []
        for path in paths:
            if path.is_dir():
                found.extend(sorted(self._walk(path)))
            else:
                found.append(path)
        return found

    def _walk(self, top: Path) -> Iterator[Path]:
        absolute_top = os.path.abspath(top)
        ignore_files = IgnoreFiles(repository_root(Path(absolute_top))) if self.respect_gitignore else None
        suffixes = frozenset(self.suffixes)
        for folder, directories, names in os.walk(top):
            absolute_here = os.path.normpath(os.path.join(absolute_top, os.path.relpath(folder, top)))
            directories[:] = [name for name in sorted(directories)
                              if not self._leaves_out(name, os.path.join(absolute_here, name), True, ignore_files)]
            for name in names:
                path = Path(folder, name)
                if os.path.splitext(name)[1].lower() not in suffixes or not path.is_file():
                    continue
                if self._leaves_out(name, os.path.join(absolute_here, name), False, ignore_files):
                    continue
                if not self._may_hold_goals(path):
                    self.skipped.counts["no goals"] += 1
                    continue
                yield path

    def _leaves_out(self, name: str, absolute: str, is_dir: bool, ignore_files: IgnoreFiles | None) -> bool:
        """Whether a walk leaves this file or directory out, counting why."""
        reason = None
        if name.startswith("."):
            reason = "hidden"
        elif ignore_files is not None and ignore_files.ignores(absolute, is_dir):
            reason = "gitignore"
        elif self.excluded is not None and self.excluded(Path(absolute)):
            reason = "exclude"
        if reason is not None and (not is_dir or reason != "hidden"):
            self.skipped.counts[reason] += 1  # a hidden folder (.git, .venv) is not news
        return reason is not None

    def _may_hold_goals(self, path: Path) -> bool:
        input_format = self.formats.get(path.suffix.lower())
        if input_format is not None:
            return input_format.holds_goals is None or _safely(input_format.holds_goals, path)
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            return True
        try:
            self._read[path] = read_text(path, self.max_file_size)
        except InputError:
            return True  # checked anyway, so that the problem is reported
        return mentions_goals(self._read[path])

    def read(self, path: Path) -> str:
        """The text goallint checks for this file. Raises `InputError` naming the file."""
        if path in self._read:
            return self._read.pop(path)
        input_format = self.formats.get(path.suffix.lower())
        if input_format is None:
            return read_text(path, self.max_file_size)
        data = read_bytes(path, self.max_file_size)
        try:
            converted = input_format.read(path, data)
        except InputError:
            raise
        except Exception as error:  # a plugin's reader must not stop the run either
            raise InputError(f"{path}: the input format '{input_format.name}' of plugin '{input_format.plugin}' "
                             f"failed to read it ({type(error).__name__}: {error}); please tell its authors") from None
        self.converted[str(path)] = converted
        return converted.text

    def locate(self, findings: Sequence[Finding]) -> list[Finding]:
        """Findings on converted plans moved to the cells they are about, without fixes."""
        if not self.converted:
            return list(findings)
        return [self._located(f) if f.path in self.converted else f for f in findings]

    def _located(self, finding: Finding) -> Finding:
        from goallint.model import Position, Span

        converted = self.converted[finding.path or ""]
        start = finding.span.start
        cell = converted.cell_at(start.line, start.column)
        if cell is None:
            return finding.model_copy(update={"fix": None})
        at = Position.model_construct(line=cell.row, column=cell.column, offset=start.offset)
        after = Position.model_construct(line=cell.row, column=cell.column + 1, offset=finding.span.end.offset)
        return finding.model_copy(update={
            "span": Span.model_construct(start=at, end=after),
            "message": f"{finding.message} (cell {cell.reference})",
            "fix": None,
        })

    def shown(self, sources: Mapping[str, str]) -> dict[str, str]:
        """The sources a report may quote: converted plans have no lines of their own to show."""
        return {name: text for name, text in sources.items() if name not in self.converted}


def _safely(holds_goals: Callable[[Path], bool], path: Path) -> bool:
    """A plugin's answer; when it fails, the file is read, so that the failure is reported."""
    try:
        return bool(holds_goals(path))
    except Exception:
        return True
