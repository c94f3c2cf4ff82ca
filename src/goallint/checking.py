"""Checking documents the way `goallint check` does, for every front end.

Each document is linted with the configuration that applies to it (its rules, options and
severities), then its inline `goallint: disable` directives are applied, then the
configuration's `per-file-ignores`. Documents that share a configuration are linted together,
so rules over a set of documents see all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from goallint.config import Config, ConfigFinder
from goallint.engine.plugins import Plugins
from goallint.engine.runner import lint, sort_findings
from goallint.engine.suppression import apply_suppressions
from goallint.model import Document, Finding
from goallint.syntax import Format, format_for, parse_document

STDIN_NAME = "<stdin>"
UNNAMED = "<text>"


def config_path(document_path: str | None) -> Path:
    """Where to look up a document's configuration: beside it. Text from standard input without
    a `--stdin-filename` is "<stdin>", which looks in the current directory."""
    return Path(document_path or STDIN_NAME)


def check_documents(
    documents: Sequence[Document],
    sources: Mapping[str, str],
    configs: ConfigFinder,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Finding]:
    """The findings to report for these documents, in source order.

    `sources` maps each document's path to its text (for the inline directives); `select` and
    `ignore` are the command line's, applied over each configuration. Raises `ConfigError`.
    """
    plugins = configs.plugins
    groups: dict[int, tuple[Config, list[Document]]] = {}
    for document in documents:
        config = configs.for_path(config_path(document.path))
        groups.setdefault(id(config), (config, []))[1].append(document)
    findings: list[Finding] = []
    for config, group in groups.values():
        findings.extend(_check_group(config, group, sources, plugins, select, ignore))
    return sort_findings(findings)


def _check_group(
    config: Config, documents: Sequence[Document], sources: Mapping[str, str], plugins: Plugins,
    select: Sequence[str], ignore: Sequence[str],
) -> list[Finding]:
    selection = config.selection(plugins, select, ignore)
    found = apply_suppressions(lint(documents, selection), documents, sources, plugins, selection)
    return [finding for finding in found if not config.ignores(finding, plugins)]


def check_text(
    text: str, path: str | None, config: Config, plugins: Plugins, fmt: Format | None = None,
) -> tuple[Document, list[Finding]]:
    """Parse and check one document's text with one configuration: what the language server and
    the HTTP service do per request. A text with no path is called `UNNAMED` in findings (so its
    inline directives still apply). Never raises on the text."""
    name = path or UNNAMED
    document = parse_document(text, name, fmt or format_for(path), fy_start_month=config.fiscal_year_start)
    return document, _check_group(config, [document], {name: text}, plugins, (), ())
