"""`goallint lsp`: the language server (issue 5), on pygls and lsprotocol.

Nothing here is imported unless the `lsp` command runs, so the CLI does not need pygls.
`server.py` wires the protocol; the other modules are plain functions over goallint's model:
`positions` (UTF-16 ranges), `incremental` (re-linting only the blocks an edit touched),
`diagnostics`, `actions`, `describe` (hover and outline) and `settings` (configuration).
"""
