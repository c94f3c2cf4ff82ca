"""The Markdown front end (docs/format.md): OKRs kept in handbooks as headings, bullets and tables.

The reader's house, one concern a module:
- `blocks`: the source lines and the block tree markdown-it finds (headings, paragraphs, list
  items, quotes, table rows), located on the original lines;
- `text`: cleaned text whose characters remember where they came from;
- `inline`: stripping inline markup (emphasis, links, code, HTML) from a line;
- `labels`: what a line says it is ("Objective:", "KR1.", "VP Eng KR:", "owner: …");
- `evidence` and `layout`: what role an unlabelled line can play, and the roles the whole
  page's layout gives its blocks (a heading over a list of results, graded paragraphs, …);
- `period`: the planning period a title or a sentence names;
- `tables`: key results in tables;
- `reader`: the walk over the tree that decides what is an objective, key result or KPI.
  `Reader.item_children` is where what is written under an item (check-ins) is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goallint.model import Document

__all__ = ["parse_markdown"]


def parse_markdown(text: str, path: str | None = None, fy_start_month: int = 1) -> Document:
    """Read OKRs from a Markdown document. Never raises on content: prose is ignored, and
    items that mean to be goals but are broken become `syntax_errors`."""
    # imported here, so that the `.okr` reader can share `labels` and `evidence` without
    # loading markdown-it
    from markdown_it import MarkdownIt

    from goallint.syntax.markdown.blocks import (
        Source,
        block_tree,
        front_matter_lines,
        undo_code_indent,
        with_dot_bullets,
        with_rows_only_tables,
        without_wide_tables,
    )
    from goallint.syntax.markdown.reader import Reader

    if text.startswith("\ufeff"):
        text = text[1:]
    source = Source(text)
    front = front_matter_lines(source)
    markdown_text = text
    fields = [index for index in front if index >= 0]
    if front:
        # hide the front matter from markdown-it, keeping the line numbers
        hidden = (fields[-1] if fields else 0) + 2
        markdown_text = "\n" * hidden + "\n".join(source.lines[hidden:])
    env: dict[str, object] = {}
    # only the blocks are wanted: inline markup is read by `inline.py` on the located lines
    parser = with_rows_only_tables(MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"]))
    markdown_text = with_dot_bullets(without_wide_tables(markdown_text))
    tokens = parser.parse(markdown_text, env)
    if (moved := undo_code_indent(markdown_text, tokens)) is not None:
        env = {}
        tokens = parser.parse(moved, env)
    found = env.get("references")
    references = frozenset(found) if isinstance(found, dict) else frozenset()
    reader = Reader(source, references, path, fy_start_month)
    return reader.read(block_tree(tokens, source), fields)
