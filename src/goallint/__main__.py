"""`python -m goallint …`: the same as the `goallint` command, for when only Python is on PATH."""

from goallint.cli import run

if __name__ == "__main__":
    run()
