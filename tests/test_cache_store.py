"""The result cache's one store per folder: read once, merged and written atomically."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import goallint.cache as cache_module
from goallint.cache import STORE_NAME, Entry, ResultCache
from goallint.model import Edit, Finding, Fix, Position, Span


def finding(rule: str, line: int = 1, fixed: bool = False) -> Finding:
    span = Span(start=Position(line=line, column=1, offset=0), end=Position(line=line, column=5, offset=4))
    fix = Fix(message="Say it", edits=[Edit(span=span, replacement="Lift")], applicability="unsafe") if fixed else None
    return Finding(code="GL101", rule=rule, severity="warning", message="Too few", hint=None, path="plan.okr",
                   span=span, fix=fix)


def test_an_entry_comes_back_as_it_was_put(tmp_path: Path) -> None:
    writer = ResultCache(tmp_path)
    put = Entry([finding("kr-count", 3), finding("vague-verb", 4, fixed=True)], {"kpi-churn": "owner:support"})
    writer.put("k", put)
    writer.flush()
    got = ResultCache(tmp_path).get("k")
    assert got is not None
    assert got.partitions == put.partitions
    assert [f.model_dump() for f in got.findings] == [f.model_dump() for f in put.findings]
    assert ResultCache(tmp_path).get("other") is None


def test_nothing_is_written_until_flush_and_a_run_of_hits_writes_nothing(tmp_path: Path) -> None:
    writer = ResultCache(tmp_path)
    writer.put("k", Entry([finding("kr-count")]))
    assert writer.get("k") is not None  # the run sees its own entries at once
    assert not (tmp_path / STORE_NAME).exists()
    writer.flush()
    written = (tmp_path / STORE_NAME).stat().st_mtime_ns
    reader = ResultCache(tmp_path)
    assert reader.get("k") is not None
    reader.flush()
    assert (tmp_path / STORE_NAME).stat().st_mtime_ns == written


def test_two_runs_writing_at_once_keep_both_their_entries(tmp_path: Path) -> None:
    one, other = ResultCache(tmp_path), ResultCache(tmp_path)
    assert one.get("a") is None and other.get("b") is None  # both read the (empty) store first
    one.put("a", Entry([finding("kr-count")]))
    other.put("b", Entry([finding("vague-verb")]))
    one.flush()
    other.flush()  # merges with what `one` wrote since it read
    fresh = ResultCache(tmp_path)
    assert [e.findings[0].rule for e in (fresh.get("a"), fresh.get("b")) if e is not None] == ["kr-count", "vague-verb"]
    assert not list(tmp_path.glob("*.tmp"))


def test_entries_from_before_yesterday_are_dropped_at_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = [datetime.date(2026, 12, 1)]
    monkeypatch.setattr(cache_module, "_today", lambda: day[0].toordinal())
    writer = ResultCache(tmp_path)
    writer.put("old", Entry([finding("kr-count")]))
    writer.flush()
    day[0] = datetime.date(2026, 12, 2)
    writer = ResultCache(tmp_path)
    writer.put("yesterday's neighbour", Entry([]))
    writer.flush()
    assert ResultCache(tmp_path).get("old") is not None  # written yesterday: kept
    day[0] = datetime.date(2026, 12, 4)
    writer = ResultCache(tmp_path)
    writer.put("new", Entry([]))
    writer.flush()
    kept = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))["entries"]
    assert sorted(kept) == ["new"]


def test_another_engines_store_is_empty_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = ResultCache(tmp_path)
    writer.put("k", Entry([finding("kr-count")]))
    writer.flush()
    monkeypatch.setattr(cache_module, "_engine_fingerprint", lambda group: "an upgraded goallint")
    upgraded = ResultCache(tmp_path)
    assert upgraded.get("k") is None
    upgraded.put("n", Entry([]))
    upgraded.flush()
    assert sorted(json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))["entries"]) == ["n"]


@pytest.mark.parametrize("damage", [
    lambda entry: entry.update(findings=[{"code": 1}]),
    lambda entry: entry["findings"][0].update(severity="fatal"),
    lambda entry: entry["findings"][0]["span"]["start"].update(line="1"),
    lambda entry: entry["findings"][0].pop("message"),
    lambda entry: entry.update(partitions=["kpi-churn"]),
])
def test_a_damaged_entry_is_a_miss_and_the_others_still_hit(tmp_path: Path, damage: object) -> None:
    writer = ResultCache(tmp_path)
    writer.put("damaged", Entry([finding("kr-count")]))
    writer.put("sound", Entry([finding("vague-verb")]))
    writer.flush()
    store = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))
    damage(store["entries"]["damaged"])  # type: ignore[operator]
    (tmp_path / STORE_NAME).write_text(json.dumps(store), encoding="utf-8")
    reader = ResultCache(tmp_path)
    assert reader.get("damaged") is None and reader.get("sound") is not None


def test_a_text_with_a_lone_surrogate_does_not_spoil_the_store(tmp_path: Path) -> None:
    writer = ResultCache(tmp_path)
    odd = finding("kr-count").model_copy(update={"message": "bad byte \udcff here"})
    writer.put("odd", Entry([odd]))
    writer.put("plain", Entry([finding("vague-verb")]))
    writer.flush()
    reader = ResultCache(tmp_path)
    got = reader.get("odd")
    assert got is not None and got.findings[0].message == "bad byte \udcff here"
    assert reader.get("plain") is not None


def test_many_findings_are_validated_and_come_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_CONSTRUCTED_AT_MOST", 3)
    writer = ResultCache(tmp_path)
    entries = {f"k{n}": Entry([finding("kr-count", n + 1), finding("vague-verb", n + 2, fixed=True)]) for n in range(4)}
    for key, entry in entries.items():
        writer.put(key, entry)
    writer.put("damaged", Entry([finding("kr-count")]))
    writer.flush()
    store = json.loads((tmp_path / STORE_NAME).read_text(encoding="utf-8"))
    store["entries"]["damaged"]["findings"][0]["severity"] = "fatal"
    (tmp_path / STORE_NAME).write_text(json.dumps(store), encoding="utf-8")
    reader = ResultCache(tmp_path)
    for key, entry in entries.items():  # the first two constructed, the others validated
        got = reader.get(key)
        assert got is not None
        assert [f.model_dump() for f in got.findings] == [f.model_dump() for f in entry.findings]
        assert [f.model_fields_set for f in got.findings] == [f.model_fields_set for f in entry.findings]
    assert reader._constructed >= 3
    assert reader.get("damaged") is None  # validated, and refused


def test_an_entry_of_too_many_findings_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "ENTRY_FINDINGS_AT_MOST", 2)
    writer = ResultCache(tmp_path)
    writer.put("two", Entry([finding("kr-count", 1), finding("kr-count", 2)]))
    writer.put("three", Entry([finding("kr-count", n) for n in (1, 2, 3)]))
    writer.flush()
    reader = ResultCache(tmp_path)
    assert reader.get("two") is not None
    assert reader.get("three") is None  # checked again next time: cheaper than storing and reading it


def test_the_store_keeps_the_newest_entries_up_to_its_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "STORE_FINDINGS_AT_MOST", 5)
    for run in range(4):  # each run writes an entry of two findings, after those of the runs before
        writer = ResultCache(tmp_path)
        writer.put(f"run{run}", Entry([finding("kr-count", 1), finding("vague-verb", 2)]))
        writer.flush()
    reader = ResultCache(tmp_path)
    assert {key for key in ("run0", "run1", "run2", "run3") if reader.get(key) is not None} == {"run2", "run3"}
    again = ResultCache(tmp_path)
    again.put("run1", Entry([finding("kr-count", 7)]))  # a new entry of one finding: run2's stays
    again.flush()
    again = ResultCache(tmp_path)
    again.put("run2", Entry([finding("kr-count", 8)]))  # written again: now the newest, run3's is the oldest
    again.put("run4", Entry([finding("kr-count", 9), finding("kr-count", 10)]))
    again.flush()
    reader = ResultCache(tmp_path)
    kept = {key for key in ("run0", "run1", "run2", "run3", "run4") if reader.get(key) is not None}
    assert kept == {"run1", "run2", "run4"}
    got = reader.get("run2")
    assert got is not None and [f.span.start.line for f in got.findings] == [8]
