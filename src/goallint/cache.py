"""The result cache: what the per-document rules found in a file, kept between runs.

An entry is keyed by everything its findings depend on: the file's text and name, the rules
that ran with their options and severities, the fiscal-year start, and the engine itself
(goallint's version and source files, the Python version, and every installed plugin with its
version and its code as it is on disk: an editable plugin edited in place, or one reinstalled
at the same version, changes the key too). Change any of them and the key changes, so an entry
is never stale, only unused.
Inline directives and `per-file-ignores` are applied after the cache, on every run.

Entries are small JSON files under the cache directory (`.goallint_cache` in the current
directory unless `--cache-dir` or GOALLINT_CACHE_DIR says otherwise). Each is written to a
temporary file and renamed into place, so concurrent runs never see half an entry; an entry
that cannot be read is a miss, and a cache that cannot be written is skipped, never an error.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib.metadata import EntryPoint
from importlib.util import find_spec
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter

from goallint import __version__
from goallint.engine.plugins import installed_entry_points
from goallint.engine.runner import Selection
from goallint.model import Finding

CACHE_DIR_ENV = "GOALLINT_CACHE_DIR"
DEFAULT_CACHE_DIR = ".goallint_cache"
_LAYOUT = "2"  # bump when the entry format changes
_PACKAGE = Path(__file__).resolve().parent


class Entry(BaseModel):
    """What is kept for a file: the per-document rules' findings, and for each rule over a set
    of documents the partition the file is in (see `Rule.partition`). For a partition of a set
    rule: its findings alone."""

    findings: list[Finding]
    partitions: dict[str, str | None] = Field(default_factory=dict)


_ENTRY = TypeAdapter(Entry)


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


class ResultCache:
    """Findings by key, in a directory. `key()` makes keys; `get()` and `put()` are best effort."""

    def __init__(self, directory: Path, plugin_group: str = "goallint") -> None:
        self.directory = directory
        self._engine = _engine_fingerprint(plugin_group)
        self._writable = True

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self._engine.encode())
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / _LAYOUT / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> Entry | None:
        try:
            return _ENTRY.validate_json(self._path(key).read_bytes())
        except (OSError, ValueError):  # missing, or not what this version writes (ValidationError is a ValueError)
            return None

    def put(self, key: str, entry: Entry) -> None:
        if not self._writable:
            return
        path = self._path(key)
        payload = _ENTRY.dump_json(entry)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(payload)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            self._writable = False  # a read-only checkout or a full disk: run uncached, quietly

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

