"""Compiled regular expressions kept between runs of the `goallint` command.

Compiling goallint's 400-odd regular expressions is most of its start-up (0.2 s of 0.25 s of a
`check` of a small plan): Python's `re` parses each pattern and generates its code in Python,
and keeps the result only for the process. The code `re` generates for a pattern depends on
nothing but the pattern, its flags and the Python version, so it is stored once (a `marshal`
file in the user's cache folder, keyed by the Python version) and later runs hand it to the
regular expression engine directly, skipping the parse and the code generation.

Only the console command installs the store (`goallint.cli.run`); in-process callers compile as
usual. Where anything is not as expected (another Python, a damaged or foreign file, a folder
that cannot be written) patterns are compiled as usual: the store only ever saves time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib
import marshal
import os
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

_compiler: Any = importlib.import_module("re._compiler")  # loaded with `re`
_parser: Any = importlib.import_module("re._parser")
# The Pythons whose `re._compiler.compile` this module repeats (read in their sources).
_SUPPORTED = {(3, 11)}
# The store keeps at most this many patterns (those of the last run that wrote it first): a
# pattern built at run time (from a word of a plan, or from a set, as `tokenize` builds one, in
# an order that changes from run to run) is a new one each time, and the store must not grow
# with every run (each pattern costs some 10 microseconds to read).
MOST_PATTERNS = 1500
# A run writes the store only when more of its patterns than this share were not in it (a new
# goallint, another command): not for the one pattern a run builds afresh each time.
_NEW_SHARE = 0.02
# ... or when its new patterns are this long in all: one long pattern (the statement lexer's
# scanner, 14,000 characters) takes 0.09 s to compile, and a grammar changed by an upgrade would
# otherwise be compiled afresh on every run; the patterns built from a plan's words are short.
_NEW_CHARACTERS = 2_000
CACHE_ENV = "XDG_CACHE_HOME"

# a pattern's final flags, its code (as machine words: one object to read, not one a word, and
# turned into the list the engine takes only when it is compiled), its groups and their names
_Stored = tuple[int, "bytes | list[int]", int, dict[str, int], tuple[str | None, ...]]
_WORD = next((kind for kind in "ILQ" if array(kind).itemsize == _compiler._sre.CODESIZE), "I")


class RegexStore:
    """The patterns read from one file, and those compiled since, to be written by `save`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[tuple[str | bytes, int], _Stored] = _read(path)
        self.used: set[tuple[str | bytes, int]] = set()
        self.new = 0
        self.new_characters = 0

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """What `re._compiler.compile(pattern, flags)` returns."""
        if not isinstance(pattern, str | bytes) or flags & _compiler.SRE_FLAG_DEBUG:
            return _ORIGINAL(pattern, flags)
        flags = int(flags)  # a RegexFlag is stored as the number it is
        key = (pattern, flags)
        stored = self.known.get(key)
        if stored is not None:
            try:
                final, code, groups, index, names = stored
                if isinstance(code, bytes):
                    code = array(_WORD, code).tolist()
                compiled = _compiler._sre.compile(pattern, final, code, groups, index, names)
            except (TypeError, ValueError, RuntimeError, OverflowError):  # not this engine's code: compile afresh
                del self.known[key]
            else:
                self.used.add(key)
                return compiled
        # as re._compiler.compile does (Python 3.11), keeping the code it makes
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        made: _Stored = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex),
                         tuple(indexgroup))
        compiled = _compiler._sre.compile(pattern, *made)
        if len(self.used) < MOST_PATTERNS:
            self.known[key] = made
            self.used.add(key)
            self.new += 1
            self.new_characters += len(pattern)
        return compiled

    def save(self) -> None:
        """Write the patterns this run used, if it compiled enough new ones, or long ones
        (atomically; quietly not at all where the folder cannot be written)."""
        if self.new <= max(2, _NEW_SHARE * len(self.used)) and self.new_characters <= _NEW_CHARACTERS:
            return
        self.new = self.new_characters = 0
        kept = {key: self.known[key] for key in self.used if key in self.known}
        # the patterns of earlier runs too, while there is room (another command uses others)
        for key, stored in self.known.items():
            if len(kept) >= MOST_PATTERNS:
                break
            kept.setdefault(key, stored)
        kept = {key: (final, code if isinstance(code, bytes) else array(_WORD, code).tobytes(), groups, index, names)
                for key, (final, code, groups, index, names) in kept.items()}
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".regex-", suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(marshal.dumps((_version(), kept)))
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, ValueError):
            return


def _version() -> str:
    return f"{sys.version}|{_compiler._sre.MAGIC}|{_compiler._sre.CODESIZE}"


def _read(path: Path) -> dict[tuple[str | bytes, int], _Stored]:
    """The stored patterns; none when the file is missing, damaged or another Python's."""
    try:
        version, known = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if version != _version() or not isinstance(known, dict):
        return {}
    return known


def default_path() -> Path | None:
    """Where the store is kept: the user's cache folder; None where there is none."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    digest = hashlib.sha256(_version().encode()).hexdigest()[:16]
    return Path(base) / "goallint" / f"regex-{digest}.marshal"


_ORIGINAL: Any = None
_STORE: RegexStore | None = None


def install(path: Path | None = None) -> RegexStore | None:
    """Compile this process's regular expressions through the store (saved at exit, or by
    `save`); None where this Python is not one the store knows."""
    global _ORIGINAL, _STORE
    if sys.version_info[:2] not in _SUPPORTED or sys.implementation.name != "cpython":
        return None
    if _STORE is not None:
        return _STORE
    where = path or default_path()
    if where is None:
        return None
    _ORIGINAL = _compiler.compile
    _STORE = RegexStore(where)
    _compiler.compile = _STORE.compile
    atexit.register(save)
    return _STORE


def uninstall() -> None:
    """Compile as `re` does again (tests)."""
    global _STORE
    if _STORE is not None:
        _compiler.compile = _ORIGINAL
        _STORE = None


def save() -> None:
    if _STORE is not None:
        _STORE.save()
