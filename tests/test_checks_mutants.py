"""Details of goallint's checks pinned in process, so that mutation testing (bench/mutation.py) sees
them: each test here states a behaviour a user would notice that a surviving mutant changed."""

from __future__ import annotations
