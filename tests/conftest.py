import atexit
import itertools
import os
import shutil
import sys
import tempfile
import textwrap
from importlib.metadata import EntryPoint
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


# What a plugin module offered by `offer` starts with: the plugin API it may use.
PLUGIN_HEADER = (
    "from goallint.plugin import Cell, Converted, Finding, InputFormat, Piece, Rule, RuleOptions, hookimpl\n"
)
_plugin_numbers = itertools.count()


@pytest.fixture
def offer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Offer plugins (entry-point name -> module source) as the installed entry points."""
    from goallint.engine import plugins as plugin_loading

    monkeypatch.syspath_prepend(str(tmp_path))

    def install(**sources: str) -> None:
        entries = []
        for name, source in sources.items():
            # a name not imported yet: mutmut runs pytest more than once in one process, and this
            # counter starts again each time while the modules of the last run stay imported
            module = next(candidate for number in _plugin_numbers
                          if (candidate := f"goallint_test_plugin_{number}") not in sys.modules)
            (tmp_path / f"{module}.py").write_text(PLUGIN_HEADER + textwrap.dedent(source), encoding="utf-8")
            entries.append(EntryPoint(name, module, plugin_loading.ENTRY_POINT_GROUP))
        monkeypatch.setattr(plugin_loading, "entry_points", lambda group: entries)

    return install
