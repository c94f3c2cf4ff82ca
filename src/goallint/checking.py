"""Checking documents the way `goallint check` does, for every front end.

Each document is linted with the configuration that applies to it (its rules, options and
severities), then its inline `goallint: disable` directives are applied, then the
configuration's `per-file-ignores`. Documents that share a configuration are linted together,
so a rule over a set of documents sees every plan it compares (see `Rule.partition`).

`check_sources` is the whole of a `goallint check` run over many texts: what the per-document
rules find is taken from the result cache where it can be, the rest is parsed and linted in
worker processes when there is enough of it to pay for starting them, and the rules over a set
of documents run last, in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goallint import clock
from goallint.cache import Entry, ResultCache, selection_fingerprint
from goallint.config import FISCAL_YEAR_ASSUMED, Config, ConfigFinder
from goallint.engine.plugins import Plugins, load_plugins
from goallint.engine.runner import Selection, lint, lint_document, lint_set, sort_findings
from goallint.engine.suppression import SourceName, apply_suppressions
from goallint.inputs import reading_of
from goallint.model import Document, Finding, findings_json
from goallint.syntax import Format, parse_document

if TYPE_CHECKING:
    from goallint.engine.rule import Rule

# Worker processes pay off above about this many characters of text to parse (a second or so of
# work on one core); below it, starting them (each loads goallint and its plugins) costs more.
PARALLEL_THRESHOLD_CHARS = 400_000

STDIN_NAME = "<stdin>"
UNNAMED = "<text>"


def config_path(document_path: str | None) -> Path:
    """Where to look up a document's configuration: beside it. Text from standard input without
    a `--stdin-filename` is "<stdin>", which looks in the current directory."""
    return Path(document_path or STDIN_NAME)


def check_text(
    text: str, path: str | None, config: Config, plugins: Plugins, fmt: Format | None = None,
) -> tuple[Document, list[Finding]]:
    """Parse and check one document's text with one configuration: what the language server and
    the HTTP service do per request. A text with no path is called `UNNAMED` in findings (so its
    inline directives still apply). Without `fmt`, the path's suffix or else the text says how
    to read it (`goallint.inputs.reading_of`). Never raises on the text."""
    name = path or UNNAMED
    fmt = fmt or reading_of(path, text, plain_suffixes(plugins)).format
    document = parse_document(text, name, fmt, fy_start_month=config.fiscal_year_start)
    selection = config.selection(plugins)
    found = apply_suppressions(lint([document], selection), [document], {name: text}, plugins, selection)
    _forget_plans()  # a server checks text after text: it keeps none of them
    return document, [finding for finding in found if not config.ignores(finding, plugins)]


@dataclass
class _Engine:
    """The plugins, configurations and command-line selection of a run, with each
    configuration's selection worked out once. Every worker process builds its own."""

    plugins: Plugins
    configs: ConfigFinder
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fiscal_year_start: int | None = None  # the command line's, over each configuration's
    _selections: dict[int, Selection] = field(default_factory=dict)
    _configs: dict[str, Config] = field(default_factory=dict)

    def config_of(self, name: str) -> Config:
        # asked for each text when grouping, linting and partitioning: look it up once
        if name not in self._configs:
            self._configs[name] = self.configs.for_path(config_path(name))
        return self._configs[name]

    def selection_of(self, config: Config) -> Selection:
        if id(config) not in self._selections:
            selection = config.selection(self.plugins, self.select, self.ignore)
            told = selection.options.get(FISCAL_YEAR_ASSUMED)
            if self.fiscal_year_start is not None and told is not None:  # --fiscal-year-start says it
                selection.options[FISCAL_YEAR_ASSUMED] = told.model_copy(update={"assumed_start": None})
            self._selections[id(config)] = selection
        return self._selections[id(config)]

    def fiscal_year_of(self, config: Config) -> int:
        return self.fiscal_year_start or config.fiscal_year_start

    def format_of(self, name: str, text: str) -> Format:
        """By the name's suffix, else by the text (the same in every process: no state)."""
        return reading_of(name, text, plain_suffixes(self.plugins)).format

    def parse_and_lint(self, name: str, text: str, lint_it: bool) -> tuple[Document, list[Finding]]:
        config = self.config_of(name)
        document = parse_document(text, name, self.format_of(name, text), fy_start_month=self.fiscal_year_of(config))
        return document, lint_document(document, self.selection_of(config)) if lint_it else []


_WORKER_ENGINE: _Engine | None = None


def _start_worker(config_file: Path | None, select: Sequence[str], ignore: Sequence[str], fy: int | None) -> None:
    global _WORKER_ENGINE
    plugins = load_plugins()
    _WORKER_ENGINE = _Engine(plugins, ConfigFinder(plugins, config_file), select, ignore, fy)


# What a worker sends back: the document's fields as plain data (None when not wanted) and the
# findings as JSON. Pickling the models themselves costs 2.5 times more in both processes
# (0.75 s against 0.41 s for a 10,000-line plan), and the parent's share of that is serial.
_Sent = tuple[dict[str, Any] | None, bytes]


def _work(name: str, text: str, lint_it: bool, keep_document: bool) -> _Sent:
    assert _WORKER_ENGINE is not None, "the pool's initializer sets up each worker"
    document, findings = _WORKER_ENGINE.parse_and_lint(name, text, lint_it)
    return (document.model_dump() if keep_document else None), findings_json().dump_json(findings)


def _received(sent: _Sent) -> tuple[Document | None, list[Finding]]:
    dumped, findings = sent
    return (None if dumped is None else Document.model_validate(dumped)), findings_json().validate_json(findings)


def check_sources(
    sources: Mapping[str, str],
    configs: ConfigFinder,
    config_file: Path | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fiscal_year_start: int | None = None,
    cache: ResultCache | None = None,
    jobs: int | None = None,
) -> list[Finding]:
    """The findings to report for these texts (path -> text), in source order.

    `configs` finds each text's configuration; `config_file` is the `--config` it was made with
    (None: the nearest to each path), for the worker processes to make their own. `jobs` caps
    the workers (None: one per core; 1: none). Raises `ConfigError`.
    """
    plugins = configs.plugins
    engine = _Engine(plugins, configs, select, ignore, fiscal_year_start)
    groups: dict[int, tuple[Config, list[str]]] = {}
    for name in sources:
        config = engine.config_of(name)
        groups.setdefault(id(config), (config, []))[1].append(name)
    salts = {group_id: _salt(engine, config, cache) for group_id, (config, _) in groups.items()}

    # 1. Each text's per-document findings and partitions: from the cache, or parsed and linted.
    keys: dict[str, str] = {}
    per_document: dict[str, list[Finding]] = {}
    partitions: dict[str, dict[str, str | None]] = {}
    wanted: dict[str, tuple[bool, bool]] = {}  # name -> (lint it, keep its document)
    for group_id, (config, names) in groups.items():
        has_set_rules = bool(engine.selection_of(config).set_rules)
        for name in names:
            if cache is not None:
                keys[name] = cache.key("document", salts[group_id], name, sources[name])
                if (entry := cache.get(keys[name])) is not None:
                    per_document[name], partitions[name] = entry.findings, entry.partitions
                    continue
            wanted[name] = (True, has_set_rules)
    documents: dict[str, Document] = {}
    for name, document, findings in _run_all(engine, sources, wanted, config_file, jobs):
        per_document[name] = findings
        if document is not None:
            documents[name] = document
            set_rules = engine.selection_of(engine.config_of(name)).set_rules
            partitions[name] = {rule.name: type(rule).partition(document) for rule in set_rules}
        if cache is not None:
            cache.put(keys[name], Entry(findings=findings, partitions=partitions.get(name, {})))

    # 2. The rules over sets of documents, one partition at a time: a partition whose files are
    # all unchanged is taken from the cache, the others are linted (parsing what they need).
    set_findings: dict[int, list[Finding]] = {group_id: [] for group_id in groups}
    to_lint: list[tuple[int, Rule, list[str], str]] = []
    for group_id, (config, names) in groups.items():
        for rule in engine.selection_of(config).set_rules:
            members: dict[str, list[str]] = {}
            for name in names:
                if (part := partitions[name].get(rule.name)) is not None:
                    members.setdefault(part, []).append(name)
            for part, member_names in members.items():
                set_key = ""
                if cache is not None:
                    set_key = cache.key("set", salts[group_id], rule.name, part, *sorted(keys[n] for n in member_names))
                    if (entry := cache.get(set_key)) is not None:
                        set_findings[group_id].extend(entry.findings)
                        continue
                to_lint.append((group_id, rule, member_names, set_key))
    missing = {name: (False, True) for _, _, names, _ in to_lint for name in names if name not in documents}
    documents.update((name, document) for name, document, _ in _run_all(engine, sources, missing, config_file, jobs)
                     if document is not None)
    for group_id, rule, member_names, set_key in to_lint:
        selection = engine.selection_of(groups[group_id][0])
        found_here = lint_set([documents[name] for name in member_names], selection, only=rule)
        set_findings[group_id].extend(found_here)
        if cache is not None:
            cache.put(set_key, Entry(findings=found_here))
    if cache is not None:
        cache.flush()  # the run's new entries, in one write

    # 3. Inline directives and per-file-ignores, which depend on the text only: on every run.
    found: list[Finding] = []
    for group_id, (config, names) in groups.items():
        selection = engine.selection_of(config)
        raw = [f for name in names for f in per_document[name]] + set_findings[group_id]
        # a parsed document brings its directives; for the others (the cache's) they are read from the text
        named = [documents.get(name) or SourceName(name, engine.format_of(name, sources[name])) for name in names]
        kept = apply_suppressions(raw, named, sources, plugins, selection)
        if config.per_file_ignores:  # else nothing is ignored: no look-up per finding (43,000 of them)
            kept = [f for f in kept if not config.ignores(f, plugins)]
        found.extend(kept)
    _forget_plans()
    return sort_findings(found)


def _forget_plans() -> None:
    """The plans are not linted again: the report is made, and the next request read, without
    the indexes of the rules across plans holding them (that module is loaded only if those
    rules ran: a run from the cache does without)."""
    if (across_plans := sys.modules.get("goallint.company.checks")) is not None:
        across_plans.forget_indexes()


def plain_suffixes(plugins: Plugins) -> frozenset[str]:
    """The suffixes of files input-format plugins read: their text is always .okr text."""
    return frozenset(suffix for input_format in plugins.input_formats for suffix in input_format.suffixes)


def _salt(engine: _Engine, config: Config, cache: ResultCache | None) -> str:
    """What a text's findings depend on besides the text: the rules and settings (for cache keys)."""
    if cache is None:
        return ""
    # the day too: rules that judge as of a date (a period half over, a check-in overdue) may
    # say otherwise tomorrow or under another --as-of
    day = clock.today().isoformat()
    return day + "\0" + selection_fingerprint(engine.selection_of(config), engine.fiscal_year_of(config))


def _run_all(
    engine: _Engine, sources: Mapping[str, str], wanted: Mapping[str, tuple[bool, bool]],
    config_file: Path | None, jobs: int | None,
) -> Iterable[tuple[str, Document | None, list[Finding]]]:
    """Parse (and lint) the wanted texts: here, or in worker processes when that pays."""
    workers = min(jobs or os.cpu_count() or 1, len(wanted))
    size = sum(len(sources[name]) for name in wanted)
    if workers < 2 or size < PARALLEL_THRESHOLD_CHARS:
        for name, (lint_it, keep) in wanted.items():
            document, findings = engine.parse_and_lint(name, sources[name], lint_it)
            yield name, (document if keep else None), findings
        return
    from concurrent.futures import ProcessPoolExecutor  # only when it pays: start-up does without it

    names = sorted(wanted, key=lambda name: -len(sources[name]))  # the longest first, for balance
    with ProcessPoolExecutor(
        workers, initializer=_start_worker,
        initargs=(config_file, tuple(engine.select), tuple(engine.ignore), engine.fiscal_year_start),
    ) as pool:
        results = pool.map(
            _work, names, [sources[n] for n in names], [wanted[n][0] for n in names], [wanted[n][1] for n in names],
            chunksize=max(1, len(names) // (workers * 8)),
        )
        for name, sent in zip(names, results, strict=True):
            yield name, *_received(sent)
