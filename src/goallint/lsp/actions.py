"""Code actions: each rule's fix as a quick fix, "disable this rule on this line", and one action
that applies every safe fix in the document.

The edits come from the diagnostics as published (a fix travels in the diagnostic's `data`), so
nothing is checked again. They name the document version they were made for: an editor refuses
them when the text has changed since, instead of applying them in the wrong place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from goallint.lsp.diagnostics import SOURCE

FIX_ALL_KIND = "source.fixAll.goallint"


def _edit(uri: str, version: int | None, edits: list[dict[str, Any]]) -> types.WorkspaceEdit:
    text_edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = [
        types.TextEdit(range=_range(edit["range"]), new_text=edit["newText"]) for edit in edits
    ]
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=text_edits)])


def _range(value: dict[str, Any]) -> types.Range:
    start, end = value["start"], value["end"]
    return types.Range(
        start=types.Position(line=start["line"], character=start["character"]),
        end=types.Position(line=end["line"], character=end["character"]),
    )


def quick_fixes(
    uri: str, diagnostics: list[types.Diagnostic], published: Any, disable_of: Any, version: int | None,
    wanted: Sequence[str] | None,
) -> list[types.CodeAction]:
    """The quick fixes for the diagnostics the editor asks about, made for document `version`.

    `published(diagnostic)` is the diagnostic as the server last published it, or None when it
    is not one of those (then it belongs to older text, and gets no fix); `disable_of(code,
    line)` is the edit that disables a rule on a 0-based line, if there is one."""
    if wanted is not None and not any(kind.startswith("quickfix") for kind in wanted):
        return []
    actions: list[types.CodeAction] = []
    disables: dict[tuple[str, int], types.CodeAction] = {}  # one per rule and line
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        ours = published(diagnostic)
        if ours is None:
            continue
        for fix in ours.get("data", {}).get("fixes", []):
            title = fix["title"] if fix.get("safe") else f"{fix['title']} (check the result)"
            actions.append(types.CodeAction(
                title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=_edit(uri, version, fix["edits"]), is_preferred=bool(fix.get("safe")),
            ))
        line = diagnostic.range.start.line
        disable = disable_of(diagnostic.code, line)
        if disable and (disable["title"], line) not in disables:
            disables[disable["title"], line] = types.CodeAction(
                title=disable["title"], kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=_edit(uri, version, disable["edits"]),
            )
    return actions + list(disables.values())


def fix_all(uri: str, published: list[dict[str, Any]], version: int | None) -> types.CodeAction | None:
    """Every safe fix of the document at once, leaving out any that overlaps one already taken."""
    edits: list[dict[str, Any]] = []
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for diagnostic in published:
        for fix in diagnostic.get("data", {}).get("fixes", []):
            if not fix["safe"]:
                continue
            spans = [_bounds(edit["range"]) for edit in fix["edits"]]
            if any(_overlap(span, other) for span in spans for other in taken):
                continue
            taken.extend(spans)
            edits.extend(fix["edits"])
    if not edits:
        return None
    return types.CodeAction(
        title="Fix all safe goallint problems", kind=FIX_ALL_KIND, edit=_edit(uri, version, edits),
    )


def _bounds(value: dict[str, Any]) -> tuple[tuple[int, int], tuple[int, int]]:
    start, end = value["start"], value["end"]
    return (start["line"], start["character"]), (end["line"], end["character"])


def _overlap(a: tuple[tuple[int, int], tuple[int, int]], b: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a == b
