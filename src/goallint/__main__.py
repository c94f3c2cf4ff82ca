"""`python -m goallint …`: the same as the `goallint` command, for when only Python is on PATH."""

from goallint.cli import main

if __name__ == "__main__":
    main(prog_name="goallint")
