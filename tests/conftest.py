import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# tests/fidelity.py is shared by the tests and runnable on its own
sys.path.insert(0, str(Path(__file__).parent))

# Every goallint the tests start (in-process or as a console script) keeps its result cache
# outside the checkout: each test in a folder of its own (the fixture below), so that no result
# depends on which test ran before; what starts before any test (a module's server) in one
# folder of this session's. The cache tests name their own.
_CACHE = tempfile.mkdtemp(prefix="goallint-test-cache-")
os.environ["GOALLINT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("goallint-cache")
    monkeypatch.setenv("GOALLINT_CACHE_DIR", str(folder))
    return folder
