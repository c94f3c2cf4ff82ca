import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# tests/fidelity.py is shared by the tests and runnable on its own
sys.path.insert(0, str(Path(__file__).parent))

# Every goallint the tests start (in-process or as a console script) keeps its result cache in
# one directory of this session's, never in the checkout or a test's working directory; the
# cache tests name their own.
_CACHE = tempfile.mkdtemp(prefix="goallint-test-cache-")
os.environ["GOALLINT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
