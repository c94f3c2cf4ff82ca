"""A real editor against `goallint lsp`: headless Neovim (the Debian package, 0.7 or later) opens
a plan, and the test reads back the diagnostics Neovim holds, applies a quick fix through
Neovim's own LSP code and asks for a hover.

Neovim turns LSP's UTF-16 columns into byte columns of its buffer, so the expected columns are
byte offsets into the UTF-8 line: a wrong count on either side shows up here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from harness import LSP_SERVER, in_ci

NVIM = shutil.which("nvim")
if NVIM is None and not in_ci():
    # .ci/run installs Debian's neovim, so in CI this test always runs
    pytest.skip("nvim is not installed (apt-get install neovim)", allow_module_level=True)


PLAN = """\
period: 2026-Q3

Objective 1: Make onboarding effortless 🚀 [committed]
  KR1: Grow weekly active teams from 1.2k to 2,000 by Sept 30
  KR 2 - Cut 🚀 p95 page load to under 800 ms
  KR3: Raise 💶 revenue from €20000 to €25,000 by Sept 30
"""

# Neovim 0.7 has vim.lsp.start_client (vim.lsp.start came in 0.8); both have buf_request_sync.
SCRIPT = r"""
local out = vim.env.GOALLINT_OUT
local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.GOALLINT_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'goallint',
  cmd = vim.fn.json_decode(vim.env.GOALLINT_CMD),
  root_dir = vim.env.GOALLINT_ROOT,
})
vim.lsp.buf_attach_client(bufnr, client_id)

local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do found[#found + 1] = d.code end
  table.sort(found)
  return found
end
local result = { version = vim.version() }
result.got_diagnostics = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
result.diagnostics = {}
local number_format
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.diagnostics, {
    code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, source = d.source, message = d.message,
  })
  if d.code == 'GL702' then number_format = d end
end
if not number_format then return finish(result) end

-- The quick fix as vim.lsp.buf.code_action() asks for it in 0.7: the line's diagnostics turned
-- back into LSP by Neovim itself (which keeps each diagnostic's `data`).
local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, number_format.lnum)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = {
    start = { line = number_format.lnum, character = 0 },
    ['end'] = { line = number_format.lnum + 1, character = 0 },
  },
  context = { diagnostics = line_diagnostics, only = { 'quickfix' } },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 30000) or {}
local actions = (responses[client_id] or {}).result or {}
result.actions = {}
for _, action in ipairs(actions) do table.insert(result.actions, action.title) end
if actions[1] and actions[1].edit then
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
end
result.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, 5, 6, false)[1]
result.fixed = vim.wait(60000, function() return not vim.tbl_contains(codes(), 'GL702') end, 20)
result.codes_after_fix = codes()

local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 3, character = 10 },
}, 30000) or {}
local contents = ((hover[client_id] or {}).result or {}).contents
result.hover = contents and contents.value or vim.NIL

vim.lsp.stop_client(client_id)
result.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish(result)
"""


def byte_column(line: str, needle: str) -> tuple[int, int]:
    start = line.index(needle)
    return len(line[:start].encode("utf-8")), len(line[: start + len(needle)].encode("utf-8"))


def test_neovim_shows_goallint_diagnostics_and_applies_its_fix(tmp_path: Path) -> None:
    assert NVIM is not None, "CI installs neovim (.ci/run); this test must run there"
    plan = tmp_path / "plan.okr"
    plan.write_text(PLAN, encoding="utf-8")
    script = tmp_path / "drive.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "result.json"
    env = {
        **os.environ, "GOALLINT_FILE": str(plan), "GOALLINT_ROOT": str(tmp_path), "GOALLINT_OUT": str(out),
        "GOALLINT_CMD": json.dumps(LSP_SERVER), "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    completed = subprocess.run(
        [NVIM, "--headless", "--clean", "-n", "-u", "NONE", "-c", f"luafile {script}"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"nvim wrote no result (exit {completed.returncode}): {completed.stderr[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["got_diagnostics"], "Neovim received no diagnostics"

    lines = PLAN.split("\n")
    found = {d["code"]: d for d in result["diagnostics"]}
    assert set(found) == {"GL202", "GL702"}
    baseline = found["GL202"]
    assert (baseline["lnum"], baseline["end_lnum"]) == (4, 4)
    assert (baseline["col"], baseline["end_col"]) == byte_column(lines[4], "under 800")
    assert baseline["severity"] == 2 and baseline["source"] == "goallint"  # vim.diagnostic.severity.WARN
    assert "hint: Say where you start" in baseline["message"]
    number = found["GL702"]
    assert (number["col"], number["end_col"]) == byte_column(lines[5], "€20000")
    assert number["severity"] == 3  # INFO

    assert result["actions"] == ["Write '€20,000'", "Disable number-format on this line"]
    assert result["line_after_fix"] == "  KR3: Raise 💶 revenue from €20,000 to €25,000 by Sept 30"
    assert result["fixed"] and result["codes_after_fix"] == ["GL202"]
    assert "From → to: 1,200 → 2,000" in result["hover"]
    assert result["stopped"], "the server did not shut down when Neovim stopped it"
