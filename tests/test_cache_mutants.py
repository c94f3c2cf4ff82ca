"""The result cache's details, pinned in process so that mutation testing (bench/mutation.py)
sees them: what the key depends on, how the store is written and read back, what a damaged or
foreign store is, and how a plugin's code is fingerprinted."""

from __future__ import annotations

import datetime
import json
import os
import sys
from importlib.machinery import ModuleSpec
from importlib.metadata import EntryPoint
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from goallint import cache
from goallint.cache import (
    ENTRY_FINDINGS_AT_MOST,
    STORE_NAME,
    Entry,
    ResultCache,
    default_cache_dir,
    plugin_code_fingerprint,
)
from goallint.model import Edit, Finding, Fix, Position, Span

PLAN = "Objective: Delight customers\n  KR: Lift NPS to 50\n"


def a_finding(**changes: Any) -> Finding:
    span = Span(start=Position(line=2, column=18, offset=47), end=Position(line=2, column=20, offset=49))
    found = Finding(code="GL202", rule="missing-baseline", severity="warning", message="No start.",
                    path="p.okr", span=span)
    return found.model_copy(update=changes)


def store_of(directory: Path) -> dict[str, Any]:
    stored: dict[str, Any] = json.loads((directory / STORE_NAME).read_text(encoding="ascii"))
    return stored


def write_store(directory: Path, content: object) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / STORE_NAME).write_text(json.dumps(content), encoding="utf-8")


# --- the folder and the files of a store --------------------------------------------------------------


def test_the_cache_folder_comes_from_the_environment_or_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOALLINT_CACHE_DIR", "/somewhere/cache")
    assert default_cache_dir() == Path("/somewhere/cache")
    monkeypatch.delenv("GOALLINT_CACHE_DIR")
    assert default_cache_dir() == Path(".goallint_cache")
    monkeypatch.setenv("GOALLINT_CACHE_DIR", "")  # set but empty: the default
    assert default_cache_dir() == Path(".goallint_cache")


def test_a_new_cache_folder_is_marked_for_git_and_backup_tools(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet" / "there"  # its parents are made too
    store = ResultCache(folder)
    store.put(store.key("a"), Entry([a_finding()]))
    store.flush()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "# written by goallint\n*\n"
    # the Cache Directory Tagging Specification: the file starts with exactly this line
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55\n")
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "CACHEDIR.TAG", STORE_NAME,
                                                        STORE_NAME.replace(".json", ".lock")]


def test_a_folder_that_already_exists_is_used_and_marked(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    store = ResultCache(tmp_path / "cache")
    store.put(store.key("a"), Entry([a_finding()]))
    store.flush()
    assert (tmp_path / "cache" / "CACHEDIR.TAG").exists()
    assert ResultCache(tmp_path / "cache").get(store.key("a")) is not None


def test_the_store_is_written_beside_itself_under_a_hidden_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(cache.os, "replace", replace)
    store = ResultCache(tmp_path / "cache")
    store.put(store.key("a"), Entry([a_finding()]))
    store.flush()
    [(temporary, target)] = renamed
    assert target == tmp_path / "cache" / STORE_NAME
    assert temporary.parent == tmp_path / "cache"  # one file system: the rename is atomic
    assert temporary.name.startswith(".results-") and temporary.name.endswith(".tmp")


def test_a_store_that_cannot_be_written_is_skipped_quietly_from_then_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[str] = []

    def replace(source: str, target: Path) -> None:
        attempts.append(source)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", replace)
    store = ResultCache(tmp_path / "cache")
    store.put(store.key("a"), Entry([a_finding()]))
    store.flush()  # no error
    assert len(attempts) == 1 and not Path(attempts[0]).exists()  # the temporary is removed
    assert not (tmp_path / "cache" / STORE_NAME).exists()
    store.put(store.key("b"), Entry([a_finding()]))
    store.flush()
    assert len(attempts) == 1  # not tried again in this run


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / "cache")
    assert store.get(store.key("a")) is None
    store.flush()
    assert not (tmp_path / "cache").exists()


# --- what is kept, and read back ---------------------------------------------------------------------


def test_an_entry_is_found_before_and_after_it_is_written(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / "cache")
    key = store.key("document", "p.okr", PLAN)
    store.put(key, Entry([a_finding()], {"kpi-churn": "Sales"}))
    before = store.get(key)
    assert before is not None and before.findings == [a_finding()] and before.partitions == {"kpi-churn": "Sales"}
    store.flush()
    after = store.get(key)
    assert after is not None and after.findings == [a_finding()]
    store.put(store.key("other"), Entry([]))  # and the same cache goes on keeping entries
    store.flush()
    assert set(store_of(tmp_path / "cache")["entries"]) == {key, store.key("other")}


@pytest.mark.parametrize("applicability", ["safe", "unsafe", "display-only"])
def test_a_stored_fix_of_each_applicability_reads_back(tmp_path: Path, applicability: str) -> None:
    found = a_finding(fix=Fix(message="Add a start", applicability=applicability,
                              edits=[Edit(span=a_finding().span, replacement="from 30 to 50")]))
    store = ResultCache(tmp_path / "cache")
    store.put(store.key("a"), Entry([found]))
    store.flush()
    again = ResultCache(tmp_path / "cache").get(store.key("a"))
    assert again is not None and again.findings == [found]


def test_thousands_of_cached_findings_read_back_the_same(tmp_path: Path) -> None:
    """Past the first 2,000 a run reads, findings are validated instead of constructed: both
    ways give the same findings."""
    many = [a_finding(message=f"Finding {n}.") for n in range(ENTRY_FINDINGS_AT_MOST)]
    store = ResultCache(tmp_path / "cache")
    store.put(store.key("a"), Entry(many[:600]))
    store.put(store.key("b"), Entry(many))
    store.flush()
    reader = ResultCache(tmp_path / "cache")
    for _ in range(3):  # 600, then 1,600 constructed, then past 2,000: validated
        first, second = reader.get(store.key("a")), reader.get(store.key("b"))
        assert first is not None and first.findings == many[:600]
        assert second is not None and second.findings == many


def test_an_entry_without_partitions_is_read_with_none(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / "cache")
    key = store.key("a")
    store.put(key, Entry([a_finding()]))
    store.flush()
    written = store_of(tmp_path / "cache")
    del written["entries"][key]["partitions"]  # as an older layout of an entry
    write_store(tmp_path / "cache", written)
    again = ResultCache(tmp_path / "cache").get(key)
    assert again is not None and again.partitions == {} and again.findings == [a_finding()]


@pytest.mark.parametrize(("field", "value"), [
    ("code", None), ("rule", 5), ("message", None), ("hint", 5), ("path", ["p.okr"]), ("severity", "fatal"),
])
def test_a_stored_finding_with_a_field_of_the_wrong_type_is_a_miss(tmp_path: Path, field: str, value: object) -> None:
    store = ResultCache(tmp_path / "cache")
    key = store.key("a")
    store.put(key, Entry([a_finding()]))
    store.flush()
    written = store_of(tmp_path / "cache")
    written["entries"][key]["findings"][0][field] = value
    write_store(tmp_path / "cache", written)
    assert ResultCache(tmp_path / "cache").get(key) is None


def test_entries_older_than_yesterday_are_dropped_at_a_write(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / "cache")
    today = datetime.date.today().toordinal()
    store.put(store.key("today"), Entry([]))
    store.flush()
    written = store_of(tmp_path / "cache")
    entry = written["entries"][store.key("today")]
    written["entries"].update({
        "yesterday": {**entry, "day": today - 1}, "two days ago": {**entry, "day": today - 2},
        "no day": {k: v for k, v in entry.items() if k != "day"}, "not an entry": [1],
    })
    write_store(tmp_path / "cache", written)
    store.put(store.key("new"), Entry([]))
    store.flush()
    assert set(store_of(tmp_path / "cache")["entries"]) == {store.key("today"), "yesterday", store.key("new")}


@pytest.mark.parametrize("content", [
    [1, 2],  # JSON, not an object
    {"layout": "2", "entries": {}},  # another layout of the store
    {"entries": []},  # entries that are not a table
])
def test_a_store_that_is_not_this_version_s_is_a_miss(tmp_path: Path, content: Any) -> None:
    store = ResultCache(tmp_path / "cache")
    key = store.key("a")
    store.put(key, Entry([a_finding()]))
    store.flush()
    good = store_of(tmp_path / "cache")
    if isinstance(content, dict):
        content = {**good, **content}
        if content["layout"] == "2":
            content["entries"] = good["entries"]  # this engine's entries, under another layout
    write_store(tmp_path / "cache", content)
    assert ResultCache(tmp_path / "cache").get(key) is None


def test_a_write_replaces_another_engine_s_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_engine_fingerprint", lambda group: f"engine of {group}")
    old = ResultCache(tmp_path / "cache", "old-plugins")
    old.put(old.key("a"), Entry([a_finding()]))
    old.flush()
    new = ResultCache(tmp_path / "cache", "new-plugins")
    assert new.key("a") != old.key("a")
    assert new.get(old.key("a")) is None  # the other engine's store is not read
    new.put(new.key("b"), Entry([]))
    new.flush()
    assert set(store_of(tmp_path / "cache")["entries"]) == {new.key("b")}
    assert ResultCache(tmp_path / "cache", "old-plugins").get(old.key("a")) is None


def test_a_key_takes_text_with_undecodable_bytes(tmp_path: Path) -> None:
    """Files are read with surrogateescape: a byte that is not UTF-8 is a lone surrogate."""
    store = ResultCache(tmp_path / "cache")
    one, other = store.key("document", "caf\udce9"), store.key("document", "caf\udce8")
    assert one != other and one == store.key("document", "caf\udce9")


# --- the engine: goallint's files, its plugins, the rules' settings ----------------------------------


def test_the_key_changes_when_a_source_file_of_goallint_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "goallint"
    (package / "syntax").mkdir(parents=True)
    files = [package / "cli.py", package / "syntax" / "statement.lark", package / "rules.toml", package / "README.txt"]
    for number, file in enumerate(files):
        file.write_text("x", encoding="utf-8")
        os.utime(file, ns=(1_000_000_000 * (number + 1),) * 2)
    monkeypatch.setattr(cache, "_PACKAGE", package)
    monkeypatch.setattr(cache, "installed_entry_points", lambda group: [])
    keys = [ResultCache(tmp_path).key("a")]
    for file in files:
        os.utime(file, ns=(9_000_000_000 + len(keys),) * 2)
        keys.append(ResultCache(tmp_path).key("a"))
    assert len(set(keys[:4])) == 4  # .py, .lark and .toml files count
    assert keys[4] == keys[3]  # other files do not


def test_the_key_depends_on_each_plugin_s_name_package_and_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def plugin(name: str = "acme", value: str = "acme_rules:plugin", dist: str | None = "acme-rules",
               version: str = "1.0") -> Any:
        return SimpleNamespace(name=name, value=value, module=value.partition(":")[0],
                               dist=SimpleNamespace(name=dist, version=version) if dist else None)

    def key_with(*plugins: Any) -> str:
        monkeypatch.setattr(cache, "installed_entry_points", lambda group: list(plugins))
        return ResultCache(tmp_path).key("a")

    monkeypatch.setattr(cache, "plugin_code_fingerprint", lambda entry: "same code")
    keys = [key_with(), key_with(plugin()), key_with(plugin(name="other")), key_with(plugin(value="acme:plugin")),
            key_with(plugin(dist="acme-fork")), key_with(plugin(version="1.1")), key_with(plugin(dist=None))]
    assert len(set(keys)) == len(keys)
    assert key_with(plugin(), plugin(name="b")) == key_with(plugin(name="b"), plugin())  # in any order


def test_the_selection_fingerprint_holds_the_fiscal_year_and_each_rule_s_cache_key() -> None:
    from goallint.cache import selection_fingerprint
    from goallint.engine.rule import Rule
    from goallint.engine.runner import Selection

    class Table(Rule):
        code = "GL990"
        name = "table"
        summary = "Reads a table."
        scope = "document"
        cache_key = "v1"

    class Plain(Rule):  # no cache key
        code = "GL991"
        name = "plain"
        summary = "Reads nothing."
        scope = "document"

    first = Selection([Table(), Plain()])
    assert selection_fingerprint(first, 1) != selection_fingerprint(first, 4)
    edited = Table()
    edited.cache_key = "v2"  # type: ignore[misc]
    assert selection_fingerprint(first, 1) != selection_fingerprint(Selection([edited, Plain()]), 1)
    assert selection_fingerprint(first, 1) == selection_fingerprint(Selection([Plain(), Table()]), 1)


# --- a plugin's code on disk --------------------------------------------------------------------------


def _files(*paths: Path) -> str:
    stats = [path.stat() for path in paths]
    return f"{max(s.st_mtime_ns for s in stats)}:{sum(s.st_size for s in stats)}:{len(stats)}"


@pytest.fixture
def plugin_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """acme_rules, a plugin package on sys.path, not imported."""
    package = tmp_path / "site" / "acme_rules"
    (package / "packs").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "__init__.py").write_text("RULES = []\n", encoding="utf-8")
    (package / "rules.py").write_text("def plugin():\n    return []\n", encoding="utf-8")
    (package / "packs" / "sales.toml").write_text('kind = "child-count"\n', encoding="utf-8")
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0" * 300)
    (package / "legacy.pyc").write_bytes(b"\0" * 100)  # a stray compiled file beside its source
    (package / ".DS_Store").write_bytes(b"\0" * 50)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delitem(sys.modules, "acme_rules", raising=False)
    return package


def test_a_plugin_s_code_is_the_newest_time_total_size_and_count_of_its_files(plugin_package: Path) -> None:
    entry = EntryPoint("acme", "acme_rules.rules:plugin", "goallint")
    counted = [plugin_package / "__init__.py", plugin_package / "rules.py", plugin_package / "packs" / "sales.toml"]
    assert plugin_code_fingerprint(entry) == _files(*counted)
    assert "acme_rules" not in sys.modules  # found without importing it
    (plugin_package / ".DS_Store").write_bytes(b"\0" * 99)
    (plugin_package / "legacy.pyc").write_bytes(b"\0" * 99)
    assert plugin_code_fingerprint(entry) == _files(*counted)  # hidden and compiled files do not count
    (plugin_package / "packs" / "sales.toml").write_text('kind = "required-fields"\n', encoding="utf-8")
    assert plugin_code_fingerprint(entry) == _files(*counted)


def test_a_plugin_already_imported_is_read_from_its_module(plugin_package: Path) -> None:
    import importlib

    importlib.import_module("acme_rules")
    try:
        entry = EntryPoint("acme", "acme_rules.rules:plugin", "goallint")
        assert plugin_code_fingerprint(entry) == _files(
            plugin_package / "__init__.py", plugin_package / "rules.py", plugin_package / "packs" / "sales.toml")
    finally:
        sys.modules.pop("acme_rules", None)


def test_counting_a_plugin_s_files_stops_at_a_limit(plugin_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_MOST_FILES", 2)
    assert plugin_code_fingerprint(EntryPoint("acme", "acme_rules:plugin", "goallint")).endswith(":2")


def test_a_plugin_split_over_two_folders_counts_both_past_what_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A namespace package: its folders are walked last first, so what cannot be read (a
    dangling link, a compiled file) comes before the other folder's files."""
    first, second = tmp_path / "one" / "acme_ns", tmp_path / "two" / "acme_ns"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    (first / "rules.py").write_text("RULES = []\n", encoding="utf-8")
    (second / "gone.py").symlink_to(tmp_path / "nowhere.py")
    (second / "old.pyc").write_bytes(b"\0")
    monkeypatch.syspath_prepend(str(tmp_path / "two"))
    monkeypatch.syspath_prepend(str(tmp_path / "one"))
    monkeypatch.delitem(sys.modules, "acme_ns", raising=False)
    assert plugin_code_fingerprint(EntryPoint("acme", "acme_ns.rules:plugin", "goallint")) == _files(first / "rules.py")


def test_a_plugin_with_no_code_on_disk_or_none_found(monkeypatch: pytest.MonkeyPatch) -> None:
    in_memory = ModuleType("acme_memory")
    in_memory.__spec__ = ModuleSpec("acme_memory", None)  # built in memory: no file, no folder
    monkeypatch.setitem(sys.modules, "acme_memory", in_memory)
    assert plugin_code_fingerprint(EntryPoint("acme", "acme_memory:plugin", "goallint")) == "0:0:0"
    assert plugin_code_fingerprint(EntryPoint("gone", "no_such_plugin_module:plugin", "goallint")) == "?"

    def cannot(name: str) -> None:
        raise ImportError(name)

    monkeypatch.setattr(cache, "find_spec", cannot)
    assert plugin_code_fingerprint(EntryPoint("broken", "acme_broken:plugin", "goallint")) == "?"
