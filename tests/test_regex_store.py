"""Compiled regular expressions kept between runs (goallint.regex_store): a pattern read from the
store behaves as one `re` compiles, and a store that is missing, damaged or another Python's is
no store at all."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from goallint import regex_store
from goallint.regex_store import RegexStore

pytestmark = pytest.mark.skipif(sys.version_info[:2] not in regex_store._SUPPORTED, reason="another Python's re")

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>%|pp)?", 0),
    (r"\b(?:by|before)\s+(Q[1-4])\b", int(re.IGNORECASE)),
    (r"^[ \t]*+[-*]\s++(.+?)\s*$", int(re.MULTILINE)),
    (rb"\x00+(?P<rest>.*)", int(re.DOTALL)),
    (r"(?i)caf\u00e9s?|na\u00efve", 0),
]
TEXTS = ["Grow signups 20% by q3", "  - KR 1: Cut churn to 2 pp\n  * next", "\x00\x00tail", "Cafés, naïve", ""]


def same_behaviour(made: Any, pattern: str | bytes, flags: int) -> None:
    fresh = re._compiler.compile(pattern, flags)  # type: ignore[attr-defined]
    assert (made.pattern, made.flags, made.groups, dict(made.groupindex)) == (
        fresh.pattern, fresh.flags, fresh.groups, dict(fresh.groupindex))
    for text in TEXTS:
        subject: Any = text.encode("latin-1", "replace") if isinstance(pattern, bytes) else text
        assert [m.span() for m in made.finditer(subject)] == [m.span() for m in fresh.finditer(subject)]
        assert [m.groups() for m in made.finditer(subject)] == [m.groups() for m in fresh.finditer(subject)]


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "cache" / "regex.marshal"
    regex_store.uninstall()


def test_patterns_read_back_from_the_store_match_as_compiled_ones(store_path: Path) -> None:
    writer = RegexStore(store_path)
    for pattern, flags in PATTERNS:
        same_behaviour(writer.compile(pattern, flags), pattern, flags)
    writer.save()
    reader = RegexStore(store_path)
    assert set(reader.known) == {(pattern, int(flags)) for pattern, flags in PATTERNS}
    for pattern, flags in PATTERNS:
        same_behaviour(reader.compile(pattern, flags), pattern, flags)
    assert reader.new == 0  # every one read, none compiled


def test_a_run_with_one_new_short_pattern_does_not_write_a_long_one_does_and_the_store_is_bounded(
    store_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    writer = RegexStore(store_path)
    for n in range(200):
        writer.compile(rf"word{n}\b", 0)
    writer.save()
    written = store_path.stat().st_mtime_ns
    again = RegexStore(store_path)
    for n in range(200):
        again.compile(rf"word{n}\b", 0)
    again.compile(r"built\s+afresh", 0)  # as tokenize builds one in a new order each run
    again.save()
    assert store_path.stat().st_mtime_ns == written
    changed = RegexStore(store_path)
    for n in range(200):
        changed.compile(rf"word{n}\b", 0)
    long_one = "|".join(rf"long{n}\s+words?" for n in range(200))  # as a grammar's scanner, after an upgrade
    changed.compile(long_one, 0)
    changed.save()
    assert (long_one, 0) in RegexStore(store_path).known  # written
    monkeypatch.setattr(regex_store, "MOST_PATTERNS", 150)
    bounded = RegexStore(store_path)
    for n in range(300, 500):
        bounded.compile(rf"other{n}\b", 0)
    assert len(bounded.used) == 150  # past the bound, compiled and not kept
    bounded.save()
    assert len(RegexStore(store_path).known) == 150


FOREIGN = marshal.dumps(("another Python", {("a", 0): (0, [], 0, {}, ())}))


@pytest.mark.parametrize("content", [b"", b"not marshal", FOREIGN, marshal.dumps([1, 2])])
def test_a_missing_damaged_or_foreign_store_is_empty(store_path: Path, content: bytes) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(content)
    assert RegexStore(store_path).known == {}


def test_a_stored_pattern_the_engine_refuses_is_compiled_afresh(store_path: Path) -> None:
    pattern = r"(\d+)%"
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(marshal.dumps((regex_store._version(), {(pattern, 0): (32, [999, 1, 2], 1, {}, (None,))})))
    store = RegexStore(store_path)
    same_behaviour(store.compile(pattern, 0), pattern, 0)
    assert store.new == 1


def test_install_routes_re_compile_through_the_store_until_uninstalled(store_path: Path) -> None:
    store = regex_store.install(store_path)
    assert store is not None
    re.purge()  # re's own cache would answer first
    made = re.compile(r"(?P<kr>KR\s*\d+):", re.I)
    assert (r"(?P<kr>KR\s*\d+):", int(re.I)) in store.known
    same_behaviour(made, r"(?P<kr>KR\s*\d+):", re.I)
    regex_store.uninstall()
    re.purge()
    re.compile(r"after\s+uninstalling")
    assert (r"after\s+uninstalling", 0) not in store.known


def test_the_command_writes_the_store_and_a_second_run_reads_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.okr"
    plan.write_text("period: 2026-Q3\nObjective: Grow\n  KR 1: Grow signups from 1 to 5 by Q3\n", encoding="utf-8")
    environment = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "", "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "goallint", "check", str(plan), "--no-cache"]
    first = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=tmp_path, check=False)
    stored = list((tmp_path / "cache" / "goallint").glob("regex-*.marshal"))
    assert len(stored) == 1 and len(RegexStore(stored[0]).known) > 100
    second = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=tmp_path, check=False)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
