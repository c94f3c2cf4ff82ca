"""docs/rules.md, the page each diagnostic links to: one section per built-in rule, generated
from the rules' own docs (the text of `goallint explain`), so that it cannot drift from them.

    python -m goallint.lsp.rules_page > docs/rules.md

Each section's heading is "GLnnn name", which GitHub anchors as `#glnnn-name`: the address
`diagnostics.RULE_DOCS_URL` builds.
"""

from __future__ import annotations

from goallint.engine.plugins import load_plugins


def rules_page() -> str:
    rules = sorted(
        (rule for rule in load_plugins(include_installed=False).rules.values()),
        key=lambda rule: rule.code,
    )
    parts = [
        "# goallint rules",
        "",
        "Generated from the rules themselves (`python -m goallint.lsp.rules_page > docs/rules.md`);",
        "`goallint explain CODE` prints the same text. Editors link each diagnostic to its section.",
        "",
    ]
    parts += [f"- [{rule.code} {rule.name}](#{rule.code.lower()}-{rule.name}): {rule.summary}" for rule in rules]
    for rule in rules:
        body = rule.docs().split("\n", 1)[1].strip("\n")  # the first line becomes the heading
        parts += ["", f"## {rule.code} {rule.name}", "", f"Severity: {rule.severity}.", "", body]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(rules_page(), end="")
