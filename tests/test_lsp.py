"""`goallint lsp`, end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

Expected ranges are worked out here from the text itself (UTF-16 code units, counted with
Python's codec), never copied from the server's output.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import os
import queue
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from harness import LSP_SERVER

PLAN = """\
period: 2026-Q3

Objective 1: Make onboarding effortless 🚀 [committed]
  KR1: Grow weekly active teams from 1.2k to 2,000 by Sept 30
  KR 2 - Cut 🚀 p95 page load to under 800 ms
  KR3: Raise 💶 revenue from €20000 to €25,000 by Sept 30
  KR4: Hold NPS ≥ 40 😀 with 30000 users surveyed
  KPI: Uptime
    target: ≥ 99.9%
    source: Pingdom
    cadence: weekly
"""

PAGE = """\
---
period: 2026-Q3
---

# Growth OKRs

## Objective 1: Make onboarding effortless 🚀

- Grow weekly active teams from 1.2k to 2,000 by Sept 30
- Cut 🚀 p95 page load to **under 800 ms**
- Raise 💶 revenue from €20000 to €25,000 by Sept 30

| Objective | Key result | Owner |
|---|---|---|
| Win 🚀 the mid-market | Sign 12000 new partners | Ana |
"""


# --- helpers: positions and edits as an editor counts them ------------------------------------


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def range_of(text: str, line: int, needle: str, occurrence: int = 0) -> dict[str, dict[str, int]]:
    """The LSP range of `needle` on 0-based `line` of `text`."""
    row = lines_of(text)[line]
    start = -1
    for _ in range(occurrence + 1):
        start = row.index(needle, start + 1)
    return {
        "start": {"line": line, "character": units(row[:start])},
        "end": {"line": line, "character": units(row[: start + len(needle)])},
    }


def as_dict(range_: types.Range) -> dict[str, dict[str, int]]:
    return {
        "start": {"line": range_.start.line, "character": range_.start.character},
        "end": {"line": range_.end.line, "character": range_.end.character},
    }


def offset_at(text: str, position: types.Position) -> int:
    """The Python index of an LSP position (UTF-16 units) in `text`."""
    rows = text.split("\n")
    before = sum(len(row) + 1 for row in rows[: position.line])
    row, count = rows[position.line], 0
    for index, char in enumerate(row):
        if count >= position.character:
            return before + index
        count += units(char)
    return before + len(row)


def apply_edits(text: str, edits: list[Any]) -> str:
    spans = sorted(((offset_at(text, e.range.start), offset_at(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def document_edits(action: types.CodeAction) -> tuple[int | None, list[Any]]:
    assert action.edit is not None and action.edit.document_changes
    change = action.edit.document_changes[0]
    assert isinstance(change, types.TextDocumentEdit)
    return change.text_document.version, list(change.edits)


# --- the client --------------------------------------------------------------------------------


class RecordingClient(LanguageClient):
    """pytest-lsp's client, keeping every diagnostics notification in order (with its version)."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []


def _recording_client() -> RecordingClient:
    client = RecordingClient()

    def on_publish(ls: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def on_register(ls: RecordingClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_publish,
        types.CLIENT_REGISTER_CAPABILITY: on_register,
    }
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=LSP_SERVER, client_factory=_recording_client))
async def client(lsp_client: RecordingClient) -> AsyncIterator[None]:
    capabilities = client_capabilities("visual-studio-code")
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(
    client: RecordingClient, uri: str, version: int, timeout: float = 20
) -> list[types.Diagnostic]:
    """The diagnostics published for this version of the document (waiting for them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for params in reversed(client.published):
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


SETTLED = "untitled:settled-{}"


async def settled(client: RecordingClient) -> None:
    """Wait until the server has published what it was going to for everything sent so far: checks
    run one at a time, in the order they were asked for, so once a document opened now has its
    diagnostics, nothing sent before it is still on its way. (Before an absence check: a fixed
    sleep passes when the unwanted message is merely late.)"""
    uri = SETTLED.format(len(client.published))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="okr", version=1, text="Objective: Settle\n")
    ))
    await diagnostics_for(client, uri, 1)


def open_document(client: RecordingClient, path: Path, text: str, language: str = "okr") -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
    ))
    return uri


def replace_all(client: RecordingClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
    ))


def by_code(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diagnostics]
    return found[0]


# --- diagnostics -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_diagnostics_land_on_the_exact_characters(client: RecordingClient, tmp_path: Path) -> None:
    # rule links point where the configuration's docs-url says (there is no link without one)
    (tmp_path / "goallint.toml").write_text('docs-url = "https://goals.example.com/rules#{code_lower}-{name}"\n')
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    diagnostics = await diagnostics_for(client, uri, 1)

    baseline = by_code(diagnostics, "GL202")  # after an emoji, which is two UTF-16 units
    assert as_dict(baseline.range) == range_of(PLAN, 4, "under 800")
    assert baseline.severity == types.DiagnosticSeverity.Warning
    assert baseline.source == "goallint"
    assert baseline.code_description is not None
    assert baseline.code_description.href == "https://goals.example.com/rules#gl202-missing-baseline"
    assert baseline.message.startswith("This key result says where you aim but not where you start.")
    assert "\nhint: Say where you start" in baseline.message

    number = by_code(diagnostics, "GL702")  # after an emoji and at a euro sign
    assert as_dict(number.range) == range_of(PLAN, 5, "€20000")
    assert number.severity == types.DiagnosticSeverity.Information

    maintain = by_code(diagnostics, "GL303")  # spans '≥' and ends after an emoji
    assert as_dict(maintain.range) == range_of(PLAN, 6, "Hold NPS ≥ 40 😀 with 30000 users surveyed")
    assert maintain.range.end.character == len("  KR4: Hold NPS ≥ 40 😀 with 30000 users surveyed") + 1


@pytest.mark.asyncio
async def test_markdown_pages_get_diagnostics_too(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "okrs.md", PAGE, language="markdown")
    diagnostics = await diagnostics_for(client, uri, 1)
    assert as_dict(by_code(diagnostics, "GL202").range) == range_of(PAGE, 9, "under 800")
    table = [d for d in diagnostics if d.code == "GL702" and d.range.start.line == 14]
    assert [as_dict(d.range) for d in table] == [range_of(PAGE, 14, "12000")]


@pytest.mark.asyncio
async def test_an_edit_moves_the_ranges_and_only_the_latest_version_is_shown(
    client: RecordingClient, tmp_path: Path
) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    await diagnostics_for(client, uri, 1)
    text = PLAN
    # Type "🙂 " before "p95", one character at a time, versions 2 to 4, without waiting.
    for version, char in enumerate(["🙂", " ", "x"], start=2):
        row = lines_of(text)[4]
        at = row.index("p95")
        position = types.Position(line=4, character=units(row[:at]))
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=position, end=position), text=char,
            )],
        ))
        text = text.replace("p95", char + "p95", 1)
    diagnostics = await diagnostics_for(client, uri, 4)
    assert as_dict(by_code(diagnostics, "GL202").range) == range_of(text, 4, "under 800")
    # a line added above moves everything below it down
    text = "# a comment\n" + text
    replace_all(client, uri, 5, text)
    diagnostics = await diagnostics_for(client, uri, 5)
    assert as_dict(by_code(diagnostics, "GL202").range) == range_of(text, 5, "under 800")
    await settled(client)  # anything still on its way has arrived
    versions = [p.version or 0 for p in client.published if p.uri == uri]
    assert versions == sorted(versions), f"an older version was published after a newer one: {versions}"
    assert versions[-1] == 5


def _large_plan() -> str:
    """A 2,000-line plan from bench/parse.py's generator: its first check takes a while."""
    generator = Path(__file__).parent.parent / "bench" / "parse.py"
    spec = importlib.util.spec_from_file_location("goallint_bench_parse", generator)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(2000, 7)
    return text


@pytest.mark.asyncio
async def test_work_for_versions_already_replaced_is_dropped(client: RecordingClient, tmp_path: Path) -> None:
    text = _large_plan()
    uri = open_document(client, tmp_path / "plan.okr", text)
    last = len(lines_of(text)) - 1
    end = types.Position(line=last, character=0)
    for version in range(2, 12):  # typed while the first check still runs
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=end, end=end), text="#")],
        ))
    await diagnostics_for(client, uri, 11, timeout=120)
    await settled(client)
    versions = [p.version or 0 for p in client.published if p.uri == uri]
    assert versions == sorted(versions) and versions[-1] == 11
    assert len(versions) < 11, f"every version was checked and published: {versions}"


@pytest.mark.asyncio
async def test_unsaved_goal_documents_are_checked_and_other_files_left_alone(client: RecordingClient) -> None:
    for uri, language in (("untitled:Untitled-1", "okr"), ("untitled:Untitled-2", "plaintext"),
                          ("file:///tmp/notes.txt", "plaintext")):
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=PLAN)))
    assert {d.code for d in await diagnostics_for(client, "untitled:Untitled-1", 1)} == {"GL202", "GL303", "GL702"}
    await settled(client)
    assert {p.uri for p in client.published if not p.uri.startswith("untitled:settled-")} == {"untitled:Untitled-1"}


# --- code actions ------------------------------------------------------------------------------


async def actions_for(client: RecordingClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]),
    ))
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


@pytest.mark.asyncio
async def test_a_quick_fix_applies_the_rules_fix(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    diagnostics = await diagnostics_for(client, uri, 1)
    found = await actions_for(client, uri, by_code(diagnostics, "GL702"))
    assert [a.title for a in found] == ["Write '€20,000'", "Disable number-format on this line"]
    assert found[0].is_preferred
    version, edits = document_edits(found[0])
    assert version == 1  # the edit says which text it was made for
    text = apply_edits(PLAN, edits)
    assert lines_of(text)[5] == "  KR3: Raise 💶 revenue from €20,000 to €25,000 by Sept 30"
    replace_all(client, uri, 2, text)
    after = await diagnostics_for(client, uri, 2)
    assert not [d for d in after if d.code == "GL702"]
    assert as_dict(by_code(after, "GL202").range) == range_of(text, 4, "under 800")


@pytest.mark.asyncio
async def test_disable_this_rule_on_this_line(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    diagnostics = await diagnostics_for(client, uri, 1)
    found = await actions_for(client, uri, by_code(diagnostics, "GL202"))
    disable = next(a for a in found if a.title == "Disable missing-baseline on this line")
    text = apply_edits(PLAN, document_edits(disable)[1])
    assert lines_of(text)[4] == "  KR 2 - Cut 🚀 p95 page load to under 800 ms  # goallint: disable=missing-baseline"
    replace_all(client, uri, 2, text)
    after = await diagnostics_for(client, uri, 2)
    assert {d.code for d in after} == {d.code for d in diagnostics} - {"GL202"}  # and no GL901: it is used

    # a second rule on the same line joins the directive already there
    maintain = by_code(after, "GL303")
    disable = next(a for a in await actions_for(client, uri, maintain) if a.title.startswith("Disable"))
    text = apply_edits(text, document_edits(disable)[1])
    assert lines_of(text)[6].endswith("surveyed  # goallint: disable=maintain-kr")
    replace_all(client, uri, 3, text)
    assert {d.code for d in await diagnostics_for(client, uri, 3)} == {"GL702"}


@pytest.mark.asyncio
async def test_a_directive_that_silences_nothing_can_be_removed(client: RecordingClient, tmp_path: Path) -> None:
    text = PLAN.replace("  KR1:", "  # goallint: disable=kr-count\n  KR1:").replace(
        "by Sept 30\n  KR4", "by Sept 30  # goallint: disable=GL203\n  KR4")
    uri = open_document(client, tmp_path / "plan.okr", text)
    unused = [d for d in await diagnostics_for(client, uri, 1) if d.code == "GL901"]
    assert [d.range.start.line for d in unused] == [3, 6]
    assert all(list(d.tags or []) == [types.DiagnosticTag.Unnecessary] for d in unused)
    for diagnostic in reversed(unused):  # the lower one first, so the upper one's lines stay put
        (remove,) = [a for a in await actions_for(client, uri, diagnostic) if a.title == "Remove this directive"]
        text = apply_edits(text, document_edits(remove)[1])
    assert text == PLAN
    replace_all(client, uri, 2, text)
    assert not [d for d in await diagnostics_for(client, uri, 2) if d.code == "GL901"]


@pytest.mark.asyncio
async def test_disable_in_a_markdown_table_row_keeps_the_row(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "okrs.md", PAGE, language="markdown")
    diagnostics = await diagnostics_for(client, uri, 1)
    row = next(d for d in diagnostics if d.code == "GL702" and d.range.start.line == 14)
    disable = next(a for a in await actions_for(client, uri, row) if a.title.startswith("Disable"))
    text = apply_edits(PAGE, document_edits(disable)[1])
    directive = "<!-- goallint: disable=number-format -->"
    assert lines_of(text)[14] == f"| Win 🚀 the mid-market | Sign 12000 new partners | Ana {directive} |"
    replace_all(client, uri, 2, text)
    after = await diagnostics_for(client, uri, 2)
    assert [d.code for d in after if d.range.start.line == 14] == ["GL101"]  # the row is still read


@pytest.mark.asyncio
async def test_fix_all_applies_every_safe_fix(client: RecordingClient, tmp_path: Path) -> None:
    text = PLAN.replace("30000 users", "a survey").replace("€25,000", "€25000")
    uri = open_document(client, tmp_path / "plan.okr", text)
    assert len([d for d in await diagnostics_for(client, uri, 1) if d.code == "GL702"]) == 2
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
    ))
    (every,) = [a for a in result or [] if isinstance(a, types.CodeAction)]
    assert every.kind == "source.fixAll.goallint"
    fixed = apply_edits(text, document_edits(every)[1])
    assert "from €20,000 to €25,000" in fixed


# --- hover and outline -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_hover_says_what_goallint_understood(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    await diagnostics_for(client, uri, 1)

    async def hover(line: int, character: int) -> types.Hover | None:
        return await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)
        ))

    found = await hover(3, 12)
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    text = found.contents.value
    assert "**Key result KR1**" in text and "an **outcome**" in text
    assert "- Measures: increase weekly active teams" in text
    assert "- From → to: 1,200 → 2,000" in text
    assert "- Deadline: 2026-09-30 (“by Sept 30”)" in text
    assert found.range is not None and as_dict(found.range) == range_of(PLAN, 3, lines_of(PLAN)[3])

    kpi = await hover(9, 6)  # on the KPI's `source:` line
    assert kpi is not None and isinstance(kpi.contents, types.MarkupContent)
    assert "**KPI**" in kpi.contents.value and "- Name: Uptime" in kpi.contents.value
    assert "- Target: at least 99.9%" in kpi.contents.value and "- Source: Pingdom" in kpi.contents.value
    assert "- Reported: weekly" in kpi.contents.value

    assert await hover(1, 0) is None  # a blank line
    objective = await hover(2, 3)
    assert objective is not None and isinstance(objective.contents, types.MarkupContent)
    assert objective.contents.value.startswith("**Objective O1** *Make onboarding effortless 🚀*")
    assert "- Kind: committed" in objective.contents.value
    assert "- Key results: 4 (4 outcomes, 0 efforts)" in objective.contents.value


@pytest.mark.asyncio
async def test_outline_lists_objectives_with_their_key_results(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    await diagnostics_for(client, uri, 1)
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert result is not None
    (objective,) = result
    assert isinstance(objective, types.DocumentSymbol)
    assert objective.name == "O1: Make onboarding effortless 🚀"
    assert objective.kind == types.SymbolKind.Class and objective.detail == "committed"
    assert as_dict(objective.selection_range) == range_of(PLAN, 2, "Make onboarding effortless 🚀")
    children = objective.children or []
    assert [c.name for c in children] == [
        "KR1: Grow weekly active teams from 1.2k to 2,000 by Sept 30",
        "KR2: Cut 🚀 p95 page load to under 800 ms",
        "KR3: Raise 💶 revenue from €20000 to €25,000 by Sept 30",
        "KR4: Hold NPS ≥ 40 😀 with 30000 users surveyed",
        "KPI: Uptime",
    ]
    assert [c.kind for c in children] == [types.SymbolKind.Field] * 4 + [types.SymbolKind.Property]
    assert children[-1].range.end.line == 10  # the KPI's fields belong to it
    assert objective.range.end.line == 10


# --- configuration -----------------------------------------------------------------------------


def watched_change(client: RecordingClient, path: Path) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]
    ))


async def next_version_published(client: RecordingClient, uri: str, count: int, timeout: float = 20) -> list[str]:
    """Wait for the document's publish number `count` (reloads re-publish the same version)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mine = [p for p in client.published if p.uri == uri]
        if len(mine) >= count:
            return sorted(str(d.code) for d in mine[count - 1].diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"publish {count} of {uri} never came")


@pytest.mark.asyncio
async def test_configuration_is_read_and_reloaded(client: RecordingClient, tmp_path: Path) -> None:
    for _ in range(500):  # the server asks to hear of changes to configuration files, just after starting
        if any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("the server did not ask to watch its configuration files")
    config = tmp_path / "goallint.toml"
    config.write_text('ignore = ["missing-baseline"]\n', encoding="utf-8")
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    assert await next_version_published(client, uri, 1) == ["GL303", "GL702"]

    config.write_text('ignore = ["number-format"]\n', encoding="utf-8")
    watched_change(client, config)
    assert await next_version_published(client, uri, 2) == ["GL202", "GL303"]

    # A mistake in the file: the plan is checked with the defaults, and the file shows the problem.
    config.write_text('selct = ["GL2"]\n', encoding="utf-8")
    watched_change(client, config)
    assert await next_version_published(client, uri, 3) == ["GL202", "GL303", "GL702"]
    config_uri = config.as_uri()
    problems = [p for p in client.published if p.uri == config_uri]
    assert problems and problems[-1].diagnostics[0].range.start.line == 0
    assert "selct" in problems[-1].diagnostics[0].message and "select" in problems[-1].diagnostics[0].message
    assert any("goallint.toml:1" in m.message and "defaults apply" in m.message for m in client.messages)

    # Fixed and saved in the editor: the problems go away, the configuration applies again.
    config.write_text('ignore = ["GL3"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config_uri)))
    assert await next_version_published(client, uri, 4) == ["GL202", "GL702"]
    cleared = [p for p in client.published if p.uri == config_uri]
    assert not cleared[-1].diagnostics


# --- the wire: malformed messages, TCP, lifecycle ---------------------------------------------


class RawClient:
    """A bare JSON-RPC client over a byte stream, for messages no real client would send.

    A thread reads the server's messages as they come; `read` waits at most `READ_TIMEOUT`
    seconds for the next one, so a server that stops answering fails the test, naming what was
    awaited, instead of hanging the run."""

    READ_TIMEOUT = 60.0

    def __init__(self, reader: Any, writer: Any) -> None:
        self.reader, self.writer, self.next_id = reader, writer, 0
        self._messages: queue.Queue[dict[str, Any] | BaseException] = queue.Queue()
        threading.Thread(target=self._pump, name="raw-lsp-reader", daemon=True).start()

    def _pump(self) -> None:
        try:
            while True:
                self._messages.put(self._read_one())
        except BaseException as error:  # the connection closed, or garbage: the reader says so
            self._messages.put(error)

    def send_bytes(self, body: bytes) -> None:
        self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.writer.flush()

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send_bytes(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}).encode())
        return self.next_id

    def notify(self, method: str, params: Any) -> None:
        self.send_bytes(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode())

    def read(self) -> dict[str, Any]:
        """The server's next message."""
        try:
            message = self._messages.get(timeout=self.READ_TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"the server sent nothing for {self.READ_TIMEOUT:g} s") from None
        if isinstance(message, BaseException):
            self._messages.put(message)  # and to any later read
            raise AssertionError(f"the server's messages ended: {message!r}")
        return message

    def _read_one(self) -> dict[str, Any]:
        length = None
        while True:
            line = self.reader.readline()
            assert line, "the server closed the connection"
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length is not None
        message: dict[str, Any] = json.loads(self.reader.read(length))
        return message

    def answer(self, wanted: Any) -> dict[str, Any]:
        """The next response with this id (notifications and server requests skipped)."""
        while True:
            message = self.read()
            if "method" not in message and message.get("id") == wanted:
                return message

    def shutdown(self) -> dict[str, Any]:
        """Ask the server to shut down, then to exit; the answer to `shutdown`."""
        answer = self.answer(self.request("shutdown", None))
        self.notify("exit", None)
        return answer


@contextlib.contextmanager
def stdio_server(env: dict[str, str] | None = None) -> Iterator[RawClient]:
    """`goallint lsp` over stdio with a raw client; the test shuts it down, and it must exit 0."""
    server = subprocess.Popen(LSP_SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env=env)
    try:
        yield RawClient(server.stdout, server.stdin)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
        server.wait()


def test_malformed_messages_get_error_responses_and_the_server_keeps_serving(tmp_path: Path) -> None:
    with stdio_server() as raw:
        initialize = raw.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        assert "result" in raw.answer(initialize)
        raw.notify("initialized", {})

        raw.send_bytes(b'{"jsonrpc": "2.0", "id": 99, "method": ')  # cut short: not JSON
        assert raw.answer(None)["error"]["code"] == -32700
        raw.send_bytes(b'["not", "a", "message"]')
        assert raw.answer(None)["error"]["code"] == -32600
        bad_params = raw.request("textDocument/hover", {"textDocument": {"uri": "file:///x.okr"}, "position": "top"})
        assert raw.answer(bad_params)["error"]["code"] == -32602
        unknown = raw.request("goallint/noSuchMethod", {})
        assert raw.answer(unknown)["error"]["code"] == -32601

        path = tmp_path / "plan.okr"
        raw.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "okr", "version": 1, "text": PLAN}})
        symbols = raw.request("textDocument/documentSymbol", {"textDocument": {"uri": path.as_uri()}})
        assert raw.answer(symbols)["result"][0]["name"] == "O1: Make onboarding effortless 🚀"

        assert raw.shutdown() == {"jsonrpc": "2.0", "id": raw.next_id, "result": None}


def test_tcp(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*LSP_SERVER, "--tcp", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.1)
        with connection, connection.makefile("rb") as reader, connection.makefile("wb") as writer:
            raw = RawClient(reader, writer)
            raw.answer(raw.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
            path = tmp_path / "plan.okr"
            raw.notify("textDocument/didOpen", {"textDocument": {
                "uri": path.as_uri(), "languageId": "okr", "version": 1, "text": PLAN}})
            while (message := raw.read()).get("method") != "textDocument/publishDiagnostics":
                pass
            assert {d["code"] for d in message["params"]["diagnostics"]} == {"GL202", "GL303", "GL702"}
            raw.answer(raw.request("shutdown", None))
            raw.notify("exit", None)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_bad_tcp_address_is_a_usage_error() -> None:
    result = subprocess.run([*LSP_SERVER, "--tcp", "localhost"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "HOST:PORT" in result.stderr


def test_the_rules_page_the_diagnostics_link_to_is_up_to_date() -> None:
    from goallint.lsp.rules_page import rules_page

    page = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_page(), (
        "docs/rules.md is out of date: python -m goallint.lsp.rules_page > docs/rules.md"
    )
    assert "\n## GL202 missing-baseline\n" in page.read_text(encoding="utf-8")  # anchor #gl202-missing-baseline


@pytest.mark.asyncio
async def test_quick_fixes_for_an_editor_that_drops_data(client: RecordingClient, tmp_path: Path) -> None:
    uri = open_document(client, tmp_path / "plan.okr", PLAN)
    number = by_code(await diagnostics_for(client, uri, 1), "GL702")
    bare = types.Diagnostic(range=number.range, message=number.message, code=number.code, source=number.source)
    titles = [a.title for a in await actions_for(client, uri, bare)]
    assert titles == ["Write '€20,000'", "Disable number-format on this line"]


def test_a_broken_plugin_is_named_and_the_server_still_checks(tmp_path: Path) -> None:
    # an installed distribution whose goallint entry point cannot be imported
    info = tmp_path / "site" / "broken_goallint_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-goallint-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[goallint]\nbroken = no_such_module_for_goallint:plugin\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")])}
    with stdio_server(env) as raw:
        raw.answer(raw.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}))
        raw.notify("initialized", {})
        path = tmp_path / "plan.okr"
        raw.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "okr", "version": 1, "text": PLAN}})
        messages, diagnostics = [], None
        while diagnostics is None:
            message = raw.read()
            if message.get("method") == "window/showMessage":
                messages.append(message["params"]["message"])
            elif message.get("method") == "textDocument/publishDiagnostics":
                diagnostics = message["params"]["diagnostics"]
        assert any("plugin 'broken'" in m and "could not be loaded" in m for m in messages), messages
        assert {d["code"] for d in diagnostics} == {"GL202", "GL303", "GL702"}
        raw.shutdown()


def test_a_config_file_named_by_the_editor_applies_everywhere(tmp_path: Path) -> None:
    (tmp_path / "ops.toml").write_text('ignore = ["missing-baseline", "GL303"]\n', encoding="utf-8")
    (tmp_path / "goallint.toml").write_text('ignore = ["number-format"]\n', encoding="utf-8")  # not this one
    with stdio_server() as raw:
        raw.answer(raw.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
                                              "initializationOptions": {"configFile": "ops.toml"}}))
        raw.notify("initialized", {})
        path = tmp_path / "plan.okr"
        raw.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "okr", "version": 1, "text": PLAN}})
        while (message := raw.read()).get("method") != "textDocument/publishDiagnostics":
            pass
        assert [d["code"] for d in message["params"]["diagnostics"]] == ["GL702"]
        raw.shutdown()


def test_positions_are_utf16_even_when_the_client_prefers_utf8(tmp_path: Path) -> None:
    with stdio_server() as raw:
        capabilities = {"general": {"positionEncodings": ["utf-8", "utf-32", "utf-16"]}}  # as Neovim 0.11
        result = raw.answer(raw.request("initialize", {"processId": None, "rootUri": None,
                                                       "capabilities": capabilities}))["result"]
        assert result["capabilities"]["positionEncoding"] == "utf-16"
        raw.notify("initialized", {})
        uri = (tmp_path / "plan.okr").as_uri()
        raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "okr", "version": 1,
                                                             "text": PLAN}})
        row = lines_of(PLAN)[4]
        at = {"line": 4, "character": units(row[: row.index("p95")])}  # after an emoji: UTF-16 counts it twice
        raw.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": at, "end": at}, "text": "😀"}]})
        while True:
            message = raw.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["version"] == 2:
                break
        text = PLAN.replace("p95", "😀p95", 1)
        (baseline,) = [d for d in message["params"]["diagnostics"] if d["code"] == "GL202"]
        assert baseline["range"] == range_of(text, 4, "under 800")
        raw.shutdown()
