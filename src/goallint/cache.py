"""The result cache: what the per-document rules found in a file, kept between runs.

An entry is keyed by everything its findings depend on: the file's text and name, the rules
that ran with their options and severities, the fiscal-year start, the day they judge as of,
and the engine itself (goallint's version and source files, the Python version, and every
installed plugin with its version and its code as it is on disk: an editable plugin edited in
place, or one reinstalled at the same version, changes the key too). Change any of them and the
key changes, so an entry is never stale, only unused.
Inline directives and `per-file-ignores` are applied after the cache, on every run.

All the entries of a cache folder (`.goallint_cache` in the current directory unless
`--cache-dir` or GOALLINT_CACHE_DIR says otherwise) are one JSON file, as ruff and mypy keep
theirs: read once, at the first lookup, and written once at the end of a run that found
something new. A write takes a lock, merges what is on disk now with the run's new entries,
writes a temporary file and renames it into place, so concurrent runs never see half a store
nor drop each other's entries. A store that cannot be read is empty; one that cannot be written
is skipped, never an error. Entries written before yesterday are dropped at a write: their keys
hold the day, so only a run with that day's `--as-of` could use them again.

This module imports neither the model nor pydantic until an entry is used: a run whose every
file is unchanged needs only the stored findings and the reporter.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goallint import __version__
from goallint.engine.plugins import installed_entry_points

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from goallint.engine.runner import Selection
    from goallint.model import Finding

CACHE_DIR_ENV = "GOALLINT_CACHE_DIR"
DEFAULT_CACHE_DIR = ".goallint_cache"
_LAYOUT = "3"  # bump when the store's format changes
STORE_NAME = f"results-{_LAYOUT}.json"
_LOCK_NAME = f"results-{_LAYOUT}.lock"
_KEPT_DAYS = 1  # entries written this long ago or less survive a write
_CONSTRUCTED_AT_MOST = 2000  # findings built without pydantic's schema in a run (see `_findings`)
# An entry of more findings than this is not kept: storing it (dumped, merged, written as JSON)
# costs more than checking the file again saves, and every later run would read it. A real plan
# has tens; a generated one thousands (21,800 one-word key results: 43,000 findings, a 19 MB
# store, 0.8 s and 75 MB more for the run that wrote it).
ENTRY_FINDINGS_AT_MOST = 1000
# The store keeps at most this many findings (about 450 bytes each as JSON), the newest entries
# first: every run reads the whole store, so its size is bounded whatever was checked before.
STORE_FINDINGS_AT_MOST = 20_000
_PACKAGE = Path(__file__).resolve().parent


@dataclass
class Entry:
    """What is kept for a file: the per-document rules' findings, and for each rule over a set
    of documents the partition the file is in (see `Rule.partition`). For a partition of a set
    rule: its findings alone."""

    findings: list[Finding]
    partitions: dict[str, str | None] = field(default_factory=dict)


def _today() -> int:
    """The day an entry is written (the real one, not `--as-of`'s), to drop old entries by."""
    return datetime.date.today().toordinal()


def default_cache_dir() -> Path:
    return Path(os.environ.get(CACHE_DIR_ENV) or DEFAULT_CACHE_DIR)


def _engine_fingerprint(plugin_group: str) -> str:
    """goallint and its plugins as installed now. The newest modification time of goallint's own
    files stands in for its version in a checkout, where the version does not change."""
    parts = [_LAYOUT, __version__, sys.version]
    sources = (path for path in _PACKAGE.rglob("*") if path.suffix in (".py", ".lark", ".toml"))
    parts.append(str(max((path.stat().st_mtime_ns for path in sources), default=0)))
    for entry in sorted(installed_entry_points(plugin_group), key=lambda e: (e.name, e.value)):
        dist = entry.dist
        parts.append(f"{entry.name}={entry.value}@{dist.name if dist else '?'}:{dist.version if dist else '?'}"
                     f":{plugin_code_fingerprint(entry)}")
    return "\0".join(parts)


_MOST_FILES = 5000  # a plugin inside a huge package: stop counting (its version still counts)


def plugin_code_fingerprint(entry: EntryPoint) -> str:
    """A plugin's code as it is on disk: the newest modification time, the total size and the
    number of the files of its top-level package (or module), data files (packs) included.
    An editable install (`pip install -e`) edited in place, or a reinstall of the same version,
    changes it; statting a plugin's few files costs well under a millisecond."""
    top = entry.module.partition(".")[0]
    module = sys.modules.get(top)  # goallint has loaded its plugins by now: no import here
    try:
        spec = module.__spec__ if module is not None else find_spec(top)
    except (ImportError, ValueError):  # a plugin that cannot be imported: its problem is reported
        spec = None
    if spec is None:
        return "?"
    roots = list(spec.submodule_search_locations or []) or ([spec.origin] if spec.origin else [])
    newest = total = count = 0
    pending = list(roots)
    while pending and count < _MOST_FILES:
        path = pending.pop()
        try:
            if os.path.isdir(path):
                with os.scandir(path) as found:
                    pending += [item.path for item in found if not item.name.startswith((".", "__pycache__"))]
                continue
            if path.endswith(".pyc"):
                continue
            status = os.stat(path)
        except OSError:
            continue
        newest, total, count = max(newest, status.st_mtime_ns), total + status.st_size, count + 1
    return f"{newest}:{total}:{count}"


def selection_fingerprint(selection: Selection, fiscal_year_start: int) -> str:
    """The rules that run and how they are set: what a document's findings depend on besides
    its text. Options are described by their repr (field values), which needs no schema."""
    rules = sorted(selection.rules, key=lambda rule: rule.name)
    return "\0".join([
        str(fiscal_year_start),
        *(f"{rule.code}:{rule.name}:{selection.severity_of(rule)}:{selection.options.get(rule.name)!r}:"
          f"{getattr(rule, 'cache_key', '')}" for rule in rules),
    ])


def _finding(stored: dict[str, Any]) -> Finding:
    """A finding as `put()` stored it, built without validation (`model_construct`), as the
    readers build the model: validating would first build pydantic's schema of a finding, 20 to
    30 ms of a run that has nothing else to do. What is read is checked as much as an entry
    from another version of the store needs: a field missing or of the wrong type is a miss."""
    from goallint.model import SEVERITY_RANK, Edit, Finding, Fix

    fix = stored["fix"]
    if fix is not None:
        fix = Fix.model_construct(
            message=_text(fix["message"]),
            edits=[Edit.model_construct(span=_span(edit["span"]), replacement=_text(edit["replacement"]))
                   for edit in fix["edits"]],
            applicability=fix["applicability"],
        )
        if fix.applicability not in ("safe", "unsafe", "display-only"):
            raise ValueError(fix.applicability)
    if stored["severity"] not in SEVERITY_RANK:
        raise ValueError(stored["severity"])
    return Finding.model_construct(
        code=_text(stored["code"]), rule=_text(stored["rule"]), severity=stored["severity"],
        message=_text(stored["message"]), hint=_text(stored["hint"], True), path=_text(stored["path"], True),
        span=_span(stored["span"]), fix=fix,
    )


def _span(stored: dict[str, Any]) -> Any:
    from goallint.model import Position, Span

    start, end = stored["start"], stored["end"]
    return Span.model_construct(
        start=Position.model_construct(line=_number(start["line"]), column=_number(start["column"]),
                                       offset=_number(start["offset"])),
        end=Position.model_construct(line=_number(end["line"]), column=_number(end["column"]),
                                     offset=_number(end["offset"])),
    )


def _text(value: object, optional: bool = False) -> Any:
    if isinstance(value, str) or (optional and value is None):
        return value
    raise TypeError(value)


def _number(value: object) -> int:
    if type(value) is int:
        return value
    raise TypeError(value)


def _bounded(entries: dict[str, Any]) -> dict[str, Any]:
    """The newest entries (the last written) up to `STORE_FINDINGS_AT_MOST` findings in all."""
    total = 0
    newest: list[str] = []
    for key in reversed(entries):
        findings = entries[key].get("findings")
        total += len(findings) if isinstance(findings, list) else 0
        if total > STORE_FINDINGS_AT_MOST:
            break
        newest.append(key)
    if len(newest) == len(entries):
        return entries
    return {key: entries[key] for key in reversed(newest)}


class ResultCache:
    """Findings by key, in one store in a directory. `key()` makes keys; `get()` and `put()`
    are best effort; `flush()` writes what `put()` kept (`check_sources` calls it at its end)."""

    def __init__(self, directory: Path, plugin_group: str = "goallint") -> None:
        self.directory = directory
        self._engine = _engine_fingerprint(plugin_group)
        # the store holds one engine's entries: another engine's (an upgrade, an edited
        # checkout, another plugin) can never be hit again, so a write replaces them
        self._engine_id = hashlib.sha256(self._engine.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self._entries: dict[str, Any] | None = None  # read at the first get()
        self._new: dict[str, dict[str, Any]] = {}
        self._constructed = 0
        self._writable = True

    @property
    def store(self) -> Path:
        return self.directory / STORE_NAME

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self._engine.encode("utf-8", "surrogatepass"))
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        if (kept := self._new.get(key)) is None:
            if self._entries is None:
                self._entries = self._read()
            kept = self._entries.get(key)
        if not isinstance(kept, dict):
            return None
        try:
            partitions = kept.get("partitions", {})
            if not isinstance(partitions, dict):
                return None
            return Entry(self._findings(kept["findings"]), partitions)
        except (KeyError, TypeError, ValueError):  # not what this version writes (ValidationError too)
            return None

    def _findings(self, stored: list[dict[str, Any]]) -> list[Finding]:
        """Constructed while they are few; past that, validated in pydantic-core, which is about
        a third faster a finding once the schema is built (20 to 30 ms, worth it for thousands)."""
        if self._constructed < _CONSTRUCTED_AT_MOST:
            self._constructed += len(stored)
            return [_finding(found) for found in stored]
        from goallint.model import findings_json

        return findings_json().validate_python(stored)

    def put(self, key: str, entry: Entry) -> None:
        if not self._writable or len(entry.findings) > ENTRY_FINDINGS_AT_MOST:
            return
        from goallint.model import findings_json

        self._new[key] = {
            "day": _today(),
            "findings": findings_json().dump_python(entry.findings, mode="json"),
            "partitions": entry.partitions,
        }

    def flush(self) -> None:
        """Write the entries `put()` kept, merged into the store as it is on disk now."""
        if not self._new or not self._writable:
            return
        try:
            self._prepare()
            with self._locked():
                entries = self._read()  # what other runs wrote since this one read it
                oldest = _today() - _KEPT_DAYS
                kept = {key: entry for key, entry in entries.items() if key not in self._new and
                        isinstance(entry, dict) and isinstance(entry.get("day"), int) and entry["day"] >= oldest}
                kept.update(self._new)  # last: the newest
                kept = _bounded(kept)
                # ASCII: a lone surrogate in a text (read with surrogateescape) cannot spoil the store
                payload = json.dumps({"layout": _LAYOUT, "engine": self._engine_id, "entries": kept},
                                     separators=(",", ":")).encode("ascii")
                descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".results-", suffix=".tmp")
                try:
                    with os.fdopen(descriptor, "wb") as stream:
                        stream.write(payload)
                    os.replace(temporary, self.store)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(temporary)
                    raise
        except OSError:
            self._writable = False  # a read-only checkout or a full disk: run uncached, quietly
            return
        self._entries = kept
        self._new = {}

    def _read(self) -> dict[str, Any]:
        """The store's entries; none when it is missing, damaged or another engine's."""
        try:
            stored = json.loads(self.store.read_bytes())
        except (OSError, ValueError):  # missing, or not JSON (a UnicodeDecodeError is a ValueError)
            return {}
        if not isinstance(stored, dict) or stored.get("layout") != _LAYOUT or stored.get("engine") != self._engine_id:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Only one run merges and writes at a time (where the system has `flock`)."""
        try:
            import fcntl
        except ImportError:  # Windows: the last run to write wins, the store is never half written
            yield
            return
        descriptor = os.open(self.directory / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock

    def _prepare(self) -> None:
        """Mark the directory as a cache the first time: ignored by git and by backup tools."""
        marker = self.directory / "CACHEDIR.TAG"
        if marker.exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ".gitignore").write_text("# written by goallint\n*\n", encoding="utf-8")
        marker.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# goallint's result cache: safe to delete.\n",
            encoding="utf-8",
        )
