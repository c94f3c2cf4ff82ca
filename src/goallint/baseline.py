"""A baseline: the findings a project already has, so that a check reports only new ones.

`goallint check --write-baseline FILE` records today's findings; `--baseline FILE` leaves
them out. An entry is the file (relative to the baseline's directory), the rule, a
fingerprint of what was flagged (the rule, the flagged line's text and the flagged text,
with whitespace collapsed) and an occurrence index among the findings with that same
fingerprint. No line numbers: an entry still matches after lines are inserted or removed
elsewhere, and stops matching when the flagged line itself is changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from goallint.model import Finding

VERSION = 1


class BaselineError(Exception):
    """A baseline file goallint cannot use; the message names it and says why."""


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when a baseline is read

    path: str
    rule: str
    fingerprint: str
    occurrence: int


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: int
    findings: list[Entry]


def fingerprint(finding: Finding, text: str | None) -> str:
    """What a finding flags, independent of where it is: a short hash of the rule and the text."""
    line = flagged = ""
    if text is not None:
        text = text.removeprefix("\ufeff")
        start, end = finding.span.start.offset, finding.span.end.offset
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        line_end = min((i for i in (text.find("\n", start), text.find("\r", start)) if i != -1), default=len(text))
        line, flagged = text[line_start:line_end], text[start:end]
    else:
        flagged = finding.message
    key = "\0".join((finding.rule, " ".join(line.split()), " ".join(flagged.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def entries(findings: Sequence[Finding], sources: Mapping[str, str], directory: Path) -> list[Entry]:
    """One entry per finding, with paths relative to `directory` (where the baseline lives)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    result: list[Entry] = []
    for finding in findings:
        key = (_relative(finding.path, directory), finding.rule, fingerprint(finding, sources.get(finding.path or "")))
        result.append(Entry(path=key[0], rule=key[1], fingerprint=key[2], occurrence=seen[key]))
        seen[key] += 1
    return result


def record_baseline(file: Path, findings: Sequence[Finding], sources: Mapping[str, str]) -> int:
    """Record the findings in `file`; returns how many were recorded."""
    recorded = sorted(entries(findings, sources, _directory_of(file)),
                      key=lambda e: (e.path, e.rule, e.fingerprint, e.occurrence))
    payload = {"version": VERSION, "findings": [entry.model_dump() for entry in recorded]}
    try:
        file.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{file}: cannot be written ({error.strerror or error})") from None
    return len(recorded)


class Baseline:
    """The findings recorded in a baseline file."""

    def __init__(self, file: Path, recorded: Sequence[Entry]) -> None:
        self.directory = _directory_of(file)
        self.recorded = frozenset(recorded)

    def new_findings(self, findings: Sequence[Finding], sources: Mapping[str, str]) -> list[Finding]:
        """The findings that are not in the baseline, in their order."""
        found = entries(findings, sources, self.directory)
        return [finding for finding, entry in zip(findings, found, strict=True) if entry not in self.recorded]


def read_baseline(file: Path) -> Baseline:
    """Read a baseline file written by `record_baseline`. Raises `BaselineError`."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{file}: cannot be read ({error})") from None
    try:
        parsed = _File.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        detail = f"{where}: {first['msg']}" if where else first["msg"]
        raise BaselineError(f"{file}: is not a goallint baseline ({detail})") from None
    if parsed.version != VERSION:
        raise BaselineError(f"{file}: baseline version {parsed.version} is not supported (expected {VERSION})")
    return Baseline(file, parsed.findings)


def _directory_of(file: Path) -> Path:
    return Path(os.path.abspath(file)).parent


def _relative(path: str | None, directory: Path) -> str:
    """The path as the baseline stores it: relative to its directory, with forward slashes."""
    if path is None or path.startswith("<"):  # "<stdin>"
        return path or ""
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, directory)).as_posix()
    except ValueError:  # another drive
        return Path(absolute).as_posix()
