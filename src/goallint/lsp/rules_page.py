"""docs/rules.md, the page each diagnostic links to: one section per built-in rule, generated
from the rules' own docs (the text of `goallint explain`), so that it cannot drift from them.

    python -m goallint.lsp.rules_page > docs/rules.md

Each section's heading is "GLnnn name", which GitHub anchors as `#glnnn-name`: the address
`diagnostics.RULE_DOCS_URL` builds.
"""

from __future__ import annotations

from goallint.engine.plugins import load_plugins
from goallint.measured import table as measured_table

SEVERITY_POLICY = """\
## Severity

- **error**: the goal is wrong on its face, whatever the team meant: the verb and the numbers
  disagree (direction-contradiction), the target asks for no change (no-change), the two numbers
  cannot be compared (unit-mismatch), a line cannot be placed in the plan (syntax), a link names
  nothing (broken-parent).
- **warning**: what a careful OKR coach would ask the team to change: no number, no start, an
  activity instead of a result, two metrics in one, a vague word, too many or too few key
  results.
- **info**: advice, true of many good plans too: a small aspirational change (low-ambition), how
  numbers are written (number-format), key-result numbering (kr-numbering).

`[severity]` in `goallint.toml` changes any rule's severity (docs/configuration.md)."""

MEASURED_INTRO = """\
## How often each rule is right

Measured by `bench/precision.py` on key results and pages real organisations published, labelled
by hand (tests/data/rules/README.md says how, and from where; the key results before goallint was
run on them).
A finding is a true positive (TP) when the label says the rule should fire, a false positive (FP)
when it says it should not; a false negative (FN) is a labelled case the rule missed. Judgement
calls are not counted. `goallint explain RULE` prints the same figures for one rule."""


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
    parts += ["", SEVERITY_POLICY, "", MEASURED_INTRO, "", measured_table()]
    for rule in rules:
        body = rule.docs().split("\n", 1)[1].strip("\n")  # the first line becomes the heading
        parts += ["", f"## {rule.code} {rule.name}", "", f"Severity: {rule.severity}.", "", body]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(rules_page(), end="")
