"""A company's plans as one tree: alignment links (`parent:`), resolved across documents.

`links` reads what a `parent:` line says; `index` finds the plan, objective or key result it
names among the documents checked together; `overlap` finds key results that several teams
own; `render` draws the tree for `goallint tree`. The rules over the tree are in
`goallint.checks.alignment`.
"""
