"""The language server: documents in, diagnostics, quick fixes, hovers and outlines out.

Checks run one at a time on a worker thread, so the server keeps reading messages while one
runs. Each check is for one document version; a check whose version is no longer the latest
when its turn comes is skipped, and one that finishes after a newer version arrived is not
published, so an editor never sees diagnostics of text it no longer shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from goallint import __version__
from goallint.config import ConfigError
from goallint.engine.plugins import load_plugins
from goallint.lsp import actions, describe
from goallint.lsp.diagnostics import RULE_DOCS_URL, Diagnostics, disable_edit
from goallint.lsp.incremental import Checked, DocumentChecker
from goallint.lsp.positions import LineIndex
from goallint.lsp.settings import Settings, describe_error, is_config_file, problems_by_file
from goallint.syntax import MARKDOWN_SUFFIXES, Format

GOAL_LANGUAGES: dict[str, Format] = {"okr": "okr", "goallint": "okr", "markdown": "md"}
WATCHED = ("**/goallint.toml", "**/.goallint.toml", "**/pyproject.toml")
_ANSWERED = object()  # a request already answered with an error while it was being read
_converter = get_converter()


class _Protocol(LanguageServerProtocol):
    """pygls, with positions always in UTF-16 code units, and an error response for every
    request it cannot read (JSON-RPC requires one; pygls only logs them), so that a client is
    never left waiting."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Generator[Any, Any, types.InitializeResult]:
        # pygls would take the client's first choice (Neovim 0.11 and Helix prefer UTF-8), but
        # goallint's ranges are made in UTF-16, which every client must understand.
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = [types.PositionEncodingKind.Utf16]
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        return result

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
                return _ANSWERED
            raise

    def handle_message(self, message: Any) -> None:
        if message is _ANSWERED:
            return
        if not hasattr(message, "jsonrpc"):  # JSON, but not a JSON-RPC message
            message_id = message.get("id") if isinstance(message, dict) else None
            send_error(self, message_id, -32600, "Invalid request: not a JSON-RPC 2.0 message.")
            return
        super().handle_message(message)


def send_error(protocol: LanguageServerProtocol, message_id: Any, code: int, message: str) -> None:
    protocol._send_data({"jsonrpc": "2.0", "id": message_id, "error": {"code": code, "message": message}})


@dataclass
class OpenDocument:
    uri: str
    path: str
    fmt: Format
    checker: DocumentChecker
    diagnostics: Diagnostics
    latest: int = 0  # the newest version the editor sent
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    closed: bool = False
    checked: Checked | None = None  # the last published check
    checked_version: int | None = None
    lines: LineIndex | None = None
    published: list[dict[str, Any]] = field(default_factory=list)


class GoallintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("goallint", __version__, protocol_cls=_Protocol)
        self.settings: Settings | None = None
        self.open: dict[str, OpenDocument] = {}
        self.docs_url: str | None = RULE_DOCS_URL  # the `ruleDocsUrl` option; else each file's `docs-url`
        self.debounce = 0.0
        self.incremental = True
        self.documented: frozenset[str] = frozenset()
        self.links: dict[str, str] = {}  # rule name -> the page its plugin gives (`docs_url`)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="goallint-check")
        self._tasks: set[asyncio.Future[Any]] = set()
        self._config_uris: set[str] = set()  # configuration files with problems shown on them
        self._shown: set[str] = set()

    # --- errors the transport meets ---------------------------------------------------------

    def report_server_error(self, error: Exception, source: Any) -> None:
        # What the reading loop could not decode (JSONDecodeError and UnicodeDecodeError are
        # ValueErrors); errors in handlers come with another source and have had their response.
        if source is JsonRpcException and isinstance(error, ValueError):
            send_error(self.protocol, None, -32700, f"Parse error: the message is not valid JSON ({error}).")
            return
        super().report_server_error(error, source)

    # --- configuration ----------------------------------------------------------------------

    def load(self, options: Any, root: str | None = None) -> None:
        """Settings from the initialization options; `root` is the workspace folder, which a
        relative `configFile` is taken from."""
        options = options if isinstance(options, dict) else {}
        override = options.get("configFile")
        config_file = Path(root or ".") / override if isinstance(override, str) and override else None
        self.settings = Settings(override=config_file)
        if isinstance(options.get("ruleDocsUrl"), str):
            self.docs_url = options["ruleDocsUrl"]
        self.incremental = options.get("incremental") is not False
        if isinstance(options.get("debounceMs"), int | float):
            self.debounce = max(0.0, float(options["debounceMs"]) / 1000)
        # the rules docs/rules.md has a section for: goallint's own (not plugins', not packs' a configuration names)
        self.documented = frozenset(load_plugins(include_installed=False).rules)
        self.links = {name: rule.docs_url for name, rule in self.settings.plugins.rules.items() if rule.docs_url}

    def show_once(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def report_config(self, error: ConfigError | None) -> None:
        """Problems of a configuration file as diagnostics on it, and a message; once each until
        the configuration is read again."""
        if error is None:
            return
        self.show_once(describe_error(error))
        for source, problems in problems_by_file(error).items():
            uri = from_fs_path(str(Path(source).absolute())) or source
            if uri not in self._config_uris:
                self._config_uris.add(uri)
                self.publish(uri, [_config_diagnostic(p.line, p.message) for p in problems], None)

    def reload(self) -> None:
        """Read the configuration afresh and check every open document again with it."""
        if self.settings is not None:
            self.settings.reload()
        for uri in self._config_uris:  # shown again by the checks below if still wrong
            self.publish(uri, [], None)
        self._config_uris.clear()
        self._shown = {m for m in self._shown if not m.startswith("goallint could not use its configuration")}
        for document in self.open.values():
            document.checked_version = None
            self.schedule(document)

    # --- checking ---------------------------------------------------------------------------

    def schedule(self, document: OpenDocument) -> None:
        task = asyncio.ensure_future(self.check(document, document.latest))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def check(self, document: OpenDocument, version: int) -> None:
        await asyncio.sleep(self.debounce)  # also lets changes already received come first
        async with document.lock:
            if version != document.latest or document.closed or document.checked_version == version:
                return  # a newer version is on its way, or this one is done
            if self.settings is None:
                self.load(None)
            assert self.settings is not None
            text = self.workspace.get_text_document(document.uri).source
            looked = self.settings.for_path(Path(document.path))
            self.report_config(looked.error)
            plugins = self.settings.plugins
            loop = asyncio.get_running_loop()
            try:
                checked, lines, diagnostics = await loop.run_in_executor(
                    self._executor, self._run_check, document, text, looked.config, plugins
                )
            except Exception as error:  # a fault in goallint must not end the editing session
                self.show_once(f"goallint could not check {Path(document.path).name}: {error!r}",
                               types.MessageType.Error)
                return
            if version != document.latest or document.closed:
                return  # never publish over a newer version
            document.checked, document.checked_version, document.lines = checked, version, lines
            document.published, encoded = diagnostics
            self.publish(document.uri, encoded, version)

    def _run_check(
        self, document: OpenDocument, text: str, config: Any, plugins: Any
    ) -> tuple[Checked, LineIndex, tuple[list[dict[str, Any]], str]]:
        checked = document.checker.check(text, config, plugins)
        lines = LineIndex(text)
        return checked, lines, document.diagnostics.build(checked.findings, lines)

    def publish(self, uri: str, diagnostics: list[dict[str, Any]] | str, version: int | None) -> None:
        """Send diagnostics: dicts, or already a JSON array (see `Diagnostics.build`).

        Written as JSON text, not through lsprotocol's classes and pygls's encoder: for hundreds
        of diagnostics at each keystroke those would cost more than checking the edit."""
        array = diagnostics if isinstance(diagnostics, str) else json.dumps(diagnostics)
        stamp = "" if version is None else f',"version":{version}'
        body = (f'{{"jsonrpc":"2.0","method":"{types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}",'
                f'"params":{{"uri":{json.dumps(uri)}{stamp},"diagnostics":{array}}}}}').encode()
        writer = self.protocol.writer
        if writer is None:
            return
        written = writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        if inspect.isawaitable(written):  # the TCP transport's writer
            task = asyncio.ensure_future(written)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def current(self, uri: str) -> OpenDocument | None:
        """The document, checked at the version the editor has now."""
        document = self.open.get(uri)
        if document is None:
            return None
        await self.check(document, document.latest)
        return document if document.checked is not None and document.lines is not None else None


def _config_diagnostic(line: int | None, message: str) -> dict[str, Any]:
    row = max(0, (line or 1) - 1)
    return {
        "range": {"start": {"line": row, "character": 0}, "end": {"line": row + 1, "character": 0}},
        "severity": 1, "source": "goallint", "message": message,
    }


def goal_format(path: str, language: str) -> Format | None:
    """The format to read a document in, or None for a document goallint does not check."""
    suffix = Path(path).suffix.lower()
    if suffix == ".okr":
        return "okr"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    return GOAL_LANGUAGES.get(language)


def create_server() -> GoallintServer:
    server = GoallintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: GoallintServer, params: types.InitializeParams) -> None:
        root = to_fs_path(params.root_uri) if params.root_uri else params.root_path
        ls.load(params.initialization_options, root)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: GoallintServer, params: types.InitializedParams) -> None:
        if ls.settings is None:
            ls.load(None)
        assert ls.settings is not None
        for problem in ls.settings.plugin_problems():
            ls.show_once(problem)
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
            )
            registration = types.Registration(
                id="goallint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
            )
            with contextlib.suppress(Exception):  # the client said no: configuration still reloads on save
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GoallintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        saved = to_fs_path(item.uri)
        fmt = goal_format(saved, item.language_id) if saved else GOAL_LANGUAGES.get(item.language_id)
        if fmt is None:
            return
        path = saved or _unsaved_path(ls, fmt)
        checker = DocumentChecker(path, fmt, ls.incremental)
        docs_url = ls.docs_url or (ls.settings.for_path(Path(path)).config.docs_url if ls.settings else None)
        diagnostics = Diagnostics(docs_url, ls.documented, ls.links)
        document = OpenDocument(item.uri, path, fmt, checker, diagnostics, latest=item.version)
        ls.open[item.uri] = document
        ls.schedule(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GoallintServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.open.get(params.text_document.uri)
        if document is not None:
            document.latest = params.text_document.version
            ls.schedule(document)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GoallintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path and is_config_file(Path(path)):
            ls.reload()
            return
        document = ls.open.get(params.text_document.uri)
        if document is not None:
            document.checked_version = None  # checked again on save, as editors expect
            ls.schedule(document)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GoallintServer, params: types.DidCloseTextDocumentParams) -> None:
        document = ls.open.pop(params.text_document.uri, None)
        if document is not None:
            document.closed = True
            ls.publish(document.uri, [], None)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: GoallintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [to_fs_path(change.uri) for change in params.changes]
        if any(path and is_config_file(Path(path)) for path in paths):
            ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]),
    )
    async def code_action(ls: GoallintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = ls.open.get(params.text_document.uri)
        if document is None:
            return None
        published = document.published
        index: dict[tuple[int, Any, str], list[dict[str, Any]]] = {}
        for item in published:
            index.setdefault((item["range"]["start"]["line"], item["code"], item["message"]), []).append(item)

        def ours(diagnostic: types.Diagnostic) -> dict[str, Any] | None:
            # Found by line, code and message; the range decides between equals. Not by range
            # alone: some editors send columns back in their own units (Neovim 0.7, bytes).
            same = index.get((diagnostic.range.start.line, diagnostic.code, diagnostic.message), [])
            wanted = _converter.unstructure(diagnostic.range)
            return next((item for item in same if item["range"] == wanted), same[0] if same else None)

        def disable(code: Any, line: int) -> dict[str, Any] | None:
            rule = ls.settings.plugins.rule(str(code)) if ls.settings is not None else None
            if rule is None or document.lines is None:
                return None
            return disable_edit(rule.name, line + 1, document.lines, document.fmt)

        wanted = params.context.only
        diagnostics = list(params.context.diagnostics)
        found = actions.quick_fixes(
            params.text_document.uri, diagnostics, ours, disable, document.checked_version, wanted
        )
        if wanted is None or any(kind.startswith("source") for kind in wanted):
            every = actions.fix_all(params.text_document.uri, published, document.checked_version)
            if every is not None:
                found.append(every)
        return found

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: GoallintServer, params: types.HoverParams) -> types.Hover | None:
        document = await ls.current(params.text_document.uri)
        if document is None or document.checked is None or document.lines is None:
            return None
        found = describe.hover_text(document.checked.document, params.position.line + 1)
        if found is None:
            return None
        text, span = found
        markup = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
        return types.Hover(contents=markup, range=_converter.structure(document.lines.range(span), types.Range))

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(ls: GoallintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        document = await ls.current(params.text_document.uri)
        if document is None or document.checked is None or document.lines is None:
            return []
        found = describe.symbols(document.checked.document, document.lines)
        return list(_converter.structure(found, list[types.DocumentSymbol]))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: GoallintServer, params: Any) -> None:
        ls._executor.shutdown(wait=False, cancel_futures=True)

    return server


def serve(tcp: str | None = None) -> None:
    """Run the server on stdio, or on `HOST:PORT` when `tcp` is given, until the client exits."""
    server = create_server()
    if tcp is None:
        server.start_io()
        return
    host, _, port = tcp.rpartition(":")
    server.start_tcp(host or "127.0.0.1", int(port))


def _unsaved_path(ls: GoallintServer, fmt: Format) -> str:
    """A name for a document not saved yet, in the workspace folder, to find its configuration."""
    root = to_fs_path(ls.workspace.root_uri) if ls.workspace.root_uri else None
    return str(Path(root or ".") / f"untitled.{fmt}")

