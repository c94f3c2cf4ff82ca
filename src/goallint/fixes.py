"""Applying the fixes rules propose, round after round, until nothing is left to fix.

A fix is data (edits plus an applicability, see `goallint.model.Fix`). One round applies every
fix whose edits do not overlap a fix already taken; the others wait for the next round, after
the text is read and checked again. A plan that still has something to fix after
`MAX_ROUNDS` rounds means two fixes undo each other: that is an error, not a warning.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from goallint.model import Edit, Finding, Fix

MAX_ROUNDS = 10
_BOM = "\ufeff"


class FixesDidNotSettle(Exception):
    """Fixes kept finding something to change after `MAX_ROUNDS` rounds."""


@dataclass(frozen=True)
class Fixed:
    """What fixing left: the texts by path, the findings still to report, and how many fixes
    were applied."""

    sources: dict[str, str]
    findings: list[Finding]
    applied: int


def applies(fix: Fix | None, unsafe: bool) -> bool:
    """Whether `--fix` applies this fix (safe ones), or `--fix --unsafe-fixes` (unsafe ones too)."""
    if fix is None or not fix.edits:
        return False
    return fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """The text with every fix applied whose edits overlap no fix taken before it, and how many
    were applied. Offsets count from after a byte order mark, as the readers do.

    n log n in the fixes: the ranges taken are kept sorted (a check against each of them was
    quadratic), and the text is built once from its pieces (not copied again at each edit)."""
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom):]
    taken = _Taken()
    edits: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min(e.span.start.offset for e in f.edits)):
        ranges = sorted((e.span.start.offset, e.span.end.offset) for e in fix.edits)
        if any(not 0 <= start <= end <= len(body) for start, end in ranges):
            continue
        if _overlapping(ranges) or any(taken.overlaps(r) for r in ranges):
            continue
        for r in ranges:
            taken.add(r)
        edits.extend(fix.edits)
        applied += 1
    pieces: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: (e.span.start.offset, e.span.end.offset)):
        pieces.append(body[at : edit.span.start.offset])
        pieces.append(edit.replacement)
        at = edit.span.end.offset
    pieces.append(body[at:])
    return bom + "".join(pieces), applied


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # two insertions at one place overlap too: their order would be a guess
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def _overlapping(ranges: list[tuple[int, int]]) -> bool:
    """Whether any two of these ranges (sorted) overlap: if two do, two neighbours do."""
    return any(_overlap(a, b) for a, b in itertools.pairwise(ranges))


class _Taken:
    """Ranges that overlap none of each other, sorted: their starts and their ends both rise,
    so a new range can only overlap the last one starting before its end, or one starting where
    it starts."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, candidate: tuple[int, int]) -> bool:
        start, end = candidate
        same = bisect.bisect_left(self.starts, start)
        if same < len(self.starts) and self.starts[same] == start:
            return True
        before = bisect.bisect_left(self.starts, end) - 1
        return before >= 0 and start < self.ends[before]

    def add(self, taken: tuple[int, int]) -> None:
        at = bisect.bisect_left(self.starts, taken[0])
        self.starts.insert(at, taken[0])
        self.ends.insert(at, taken[1])


def fix_until_settled(
    sources: Mapping[str, str], lint: Callable[[Mapping[str, str]], list[Finding]], unsafe: bool = False
) -> Fixed:
    """Lint, apply the fixes that apply, read again, until no applicable fix is left.

    `lint` checks texts by path (reading them afresh) and returns the findings to report.
    Raises `FixesDidNotSettle`, naming the rules, after `MAX_ROUNDS` rounds.
    """
    texts = dict(sources)
    applied = 0
    rounds = 0
    while True:
        findings = lint(texts)
        fixable = [f for f in findings if applies(f.fix, unsafe) and f.path in texts]
        if not fixable:
            return Fixed(texts, findings, applied)
        if rounds == MAX_ROUNDS:
            rules = ", ".join(sorted({f"{f.rule} ({f.code})" for f in fixable}))
            raise FixesDidNotSettle(f"fixes did not settle after {MAX_ROUNDS} rounds: {rules}")
        by_path: dict[str, list[Fix]] = {}
        for finding in fixable:
            assert finding.path is not None and finding.fix is not None
            by_path.setdefault(finding.path, []).append(finding.fix)
        for path, fixes in by_path.items():
            texts[path], count = apply_fixes(texts[path], fixes)
            applied += count
        rounds += 1


def write_atomically(path: Path, text: str) -> None:
    """Replace the file's content with `text` (UTF-8, line endings as given), keeping its mode.

    The text goes to a temporary file beside it, is flushed to disk, then renamed over it: a
    failure at any point leaves the old file whole.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    """What fixing would change in one file, as a unified diff ('' when nothing)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=path, tofile=path
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
