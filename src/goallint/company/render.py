"""`goallint tree` output: an indented text tree, JSON, a Mermaid diagram, or one HTML page.

All four draw the same `TreeNode`s (goallint.company.tree). The HTML page is self-contained
(inline CSS, no scripts, no network) so it can be attached to a pull request or mailed.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence

from goallint.company.tree import TreeNode

_SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "ℹ"}


def render_text(roots: Sequence[TreeNode]) -> str:
    lines: list[str] = []
    for number, root in enumerate(roots):
        if number:
            lines.append("")
        lines.append(_plan_line(root))
        _children_text(root.children, "", lines)
    if not roots:
        lines.append("No plans were found to draw.")
    return "\n".join(lines) + "\n"


def _plan_line(node: TreeNode) -> str:
    facts = [fact for fact in (node.path, f"owner {node.owner}" if node.owner else None) if fact]
    line = f"{node.text}" + (f"  ({' · '.join(facts)})" if facts else "")
    if node.note:
        line += f"  [{node.note}]"
    return line + _findings_suffix(node)


def _children_text(children: Sequence[TreeNode], prefix: str, lines: list[str]) -> None:
    for position, child in enumerate(children):
        last = position == len(children) - 1
        lines.append(prefix + ("└── " if last else "├── ") + _objective_line(child))
        _children_text(child.children, prefix + ("    " if last else "│   "), lines)


def _objective_line(node: TreeNode) -> str:
    text = f"{node.label}  {node.text}"
    if node.aligns_to_kr:
        text += f"  (→ {node.aligns_to_kr})"
    if node.progress is not None:
        text += f"  {_bar(node.progress)} {node.progress:.0%}"
    if node.status:
        text += f" {node.status}"
    if node.note:
        text += f"  [{node.note}]"
    return text + _findings_suffix(node)


def _bar(progress: float, width: int = 10) -> str:
    filled = max(0, min(width, round(progress * width)))
    return "█" * filled + "░" * (width - filled)


def _findings_suffix(node: TreeNode) -> str:
    if not node.findings:
        return ""
    names = sorted({f.rule for f in node.findings})
    worst = min(node.findings, key=lambda f: ("error", "warning", "info").index(f.severity)).severity
    return f"  {_SEVERITY_MARK[worst]} {', '.join(names)}"


def summary(roots: Sequence[TreeNode]) -> str:
    """One line for the top of a report: how many plans, how many objectives in the tree, findings."""
    def walk(nodes: Sequence[TreeNode]) -> Iterator[TreeNode]:
        for node in nodes:
            yield node
            yield from walk(node.children)

    nodes = list(walk(roots))
    plans = len({n.path for n in nodes})
    outside = sum(len(root.children) for root in roots if root.note)
    objectives = sum(1 for n in nodes if n.kind == "objective")
    found = sum(len(n.findings) for n in nodes)
    return (f"{plans} plan{'s' if plans != 1 else ''} · {objectives - outside} objectives in the tree · "
            f"{outside} outside it · {found} finding{'s' if found != 1 else ''}")


def render_json(roots: Sequence[TreeNode]) -> str:
    return json.dumps([root.as_json() for root in roots], ensure_ascii=False, indent=2) + "\n"


def render_mermaid(roots: Sequence[TreeNode]) -> str:
    """A Mermaid flowchart: GitHub draws it in a Markdown file or comment."""
    lines = ["flowchart TD"]
    counter = 0

    def name(node: TreeNode) -> str:
        nonlocal counter
        counter += 1
        text = node.text if node.kind == "plan" else f"{node.label}: {node.text}"
        if node.findings:
            text += " ⚠"
        label = text.replace('"', "#quot;")
        shape = f'["{label}"]' if node.kind == "objective" else f'[["{label}"]]'
        lines.append(f"    n{counter}{shape}")
        return f"n{counter}"

    def walk(node: TreeNode, parent: str | None) -> None:
        me = name(node)
        if parent is not None:
            lines.append(f"    {parent} --> {me}")
        for child in node.children:
            walk(child, me)

    for root in roots:
        walk(root, None)
    return "\n".join(lines) + "\n"


_PAGE_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:1.5rem;
  color:#1d2430;background:#f7f8fa}
h1{font-size:1.35rem;margin:0 0 1rem}
"""
# Scoped to the tree, so that `goallint status --format html` can hold the same section.
TREE_CSS = """
.tree .plan{background:#fff;border:1px solid #d8dde6;border-radius:8px;padding:1rem 1.2rem;margin:0 0 1rem}
.tree .plan>h2,.tree .plan>h3{font-size:1.05rem;margin:0}
.tree .meta{color:#5b6577;font-size:.85rem}
.tree ul{list-style:none;margin:.3rem 0 0;padding-left:1.1rem;border-left:2px solid #e3e7ee}
.tree li{margin:.35rem 0}
.tree .obj{display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
.tree .lbl{font-weight:600;color:#33415c}
.tree .note{font-size:.8rem;background:#fff4d6;border:1px solid #e9c46a;border-radius:4px;padding:0 .35rem}
.tree .bar{display:inline-block;width:90px;height:9px;background:#e3e7ee;border-radius:5px;overflow:hidden;
  vertical-align:middle}
.tree .bar>span{display:block;height:100%;background:#2f6fdf}
.tree .summary{margin:-.6rem 0 1rem}
.tree .findings{margin:.2rem 0 0 1rem;padding:0;border:0;font-size:.85rem}
.tree .findings li{margin:.1rem 0}
.tree .error{color:#a4161a}.tree .warning{color:#8a5a00}.tree .info{color:#35507a}
"""


def render_html(roots: Sequence[TreeNode], title: str = "Goal alignment") -> str:
    parts = [
        "<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>", f"<style>{_PAGE_CSS}{TREE_CSS}</style>", "</head>", "<body>",
        f"<h1>{html.escape(title)}</h1>", tree_section(roots, heading_level=2), "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def tree_section(roots: Sequence[TreeNode], heading_level: int = 2) -> str:
    """The tree as one `<div class="tree">`: a summary line, then one box a root plan."""
    h = f"h{heading_level}"
    parts = ['<div class="tree">', f'<p class="meta summary">{html.escape(summary(roots))}</p>']
    for root in roots:
        parts.append('<section class="plan">')
        note = f' <span class="note">{html.escape(root.note)}</span>' if root.note else ""
        parts.append(f"<{h}>{html.escape(root.text)}{note}</{h}>")
        facts = [f for f in (root.path, f"owner {root.owner}" if root.owner else None) if f]
        if facts:
            parts.append(f'<div class="meta">{html.escape(" · ".join(facts))}</div>')
        parts.append(_findings_html(root))
        parts.append(_list_html(root.children))
        parts.append("</section>")
    if not roots:
        parts.append("<p>No plans were found to draw.</p>")
    parts.append("</div>")
    return "\n".join(part for part in parts if part)


def _list_html(children: Sequence[TreeNode]) -> str:
    if not children:
        return ""
    items = []
    for child in children:
        bits = [f'<span class="lbl">{html.escape(child.label)}</span>', f"<span>{html.escape(child.text)}</span>"]
        if child.aligns_to_kr:
            bits.append(f'<span class="meta">→ {html.escape(child.aligns_to_kr)}</span>')
        if child.progress is not None:
            width = max(0.0, min(1.0, child.progress)) * 100
            bits.append(f'<span class="bar" role="img" aria-label="{child.progress:.0%} done">'
                        f'<span style="width:{width:.0f}%"></span></span> {child.progress:.0%}')
        if child.status:
            bits.append(f'<span class="meta">{html.escape(child.status)}</span>')
        if child.note:
            bits.append(f'<span class="note">{html.escape(child.note)}</span>')
        items.append(f'<li><div class="obj">{"".join(bits)}</div>{_findings_html(child)}'
                     f"{_list_html(child.children)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _findings_html(node: TreeNode) -> str:
    if not node.findings:
        return ""
    rows = "".join(
        f'<li class="{f.severity}">{_SEVERITY_MARK[f.severity]} {html.escape(f.severity)} '
        f"{html.escape(f.code)} {html.escape(f.rule)}: {html.escape(f.message)}</li>"
        for f in node.findings
    )
    return f'<ul class="findings">{rows}</ul>'


RENDERERS = {"text": render_text, "json": render_json, "mermaid": render_mermaid, "html": render_html}
