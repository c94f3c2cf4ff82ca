"""How the service builds each request's configuration: the operator's, with the caller's on top."""

from __future__ import annotations

from pathlib import Path

import pytest

from goallint.config import ConfigError
from goallint.engine.plugins import Plugins, load_plugins
from goallint.service.configuring import OPERATOR_KEYS, Configs, merge, operator_table
from goallint.service.settings import parse_size


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return load_plugins()


def test_lists_add_tables_merge_and_the_rest_replaces(plugins: Plugins) -> None:
    operator = {"ignore": ["GL101"], "severity": {"kr-count": "error"}, "select": ["GL1", "GL2"], "fail-on": "error",
                "rules": {"GL101": {"min": 2, "max": 4}}}
    caller = {"ignore": ["GL202"], "severity": {"missing-baseline": "info"}, "select": ["GL2"], "fail-on": "info",
              "rules": {"kr-count": {"max": 6}}}
    assert merge(operator, caller, plugins) == {
        "ignore": ["GL101", "GL202"],
        "severity": {"kr-count": "error", "missing-baseline": "info"},
        "select": ["GL2"],
        "fail-on": "info",
        "rules": {"kr-count": {"min": 2, "max": 6}},  # GL101 and kr-count are one rule
    }


def test_a_merged_configuration_is_checked_and_remembered(plugins: Plugins) -> None:
    configs = Configs(plugins, {"rules": {"kr-count": {"min": 2}}}, None)
    config = configs.get({"rules": {"kr-count": {"max": 6}}})
    assert config.options["kr-count"].model_dump() == {"min": 2, "max": 6}
    assert configs.get({"rules": {"kr-count": {"max": 6}}}) is config
    assert configs.get(None) is configs.default
    with pytest.raises(ConfigError) as caught:
        configs.get({"rules": {"kr-count": {"maximum": 6}}})
    assert "maximum" in str(caught.value)


@pytest.mark.parametrize("key", sorted(OPERATOR_KEYS))
def test_settings_that_load_things_are_the_operators_alone(plugins: Plugins, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Configs(plugins, {}, None).get({key: ["x"]})
    assert caught.value.problems[0].message == f"'{key}' can be set only in the service's own configuration"


def test_the_operators_table_comes_from_pyproject_too(plugins: Plugins, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.goallint]\nignore = ["GL101"]\n',
                                             encoding="utf-8")
    assert operator_table(plugins, tmp_path / "pyproject.toml") == ({"ignore": ["GL101"]}, tmp_path / "pyproject.toml")
    with pytest.raises(ConfigError) as caught:
        operator_table(plugins, tmp_path / "missing.toml")
    assert "no such configuration file" in str(caught.value)


@pytest.mark.parametrize(("given", "expected"), [
    ("1048576", 1048576), ("512k", 512 * 1024), ("1MiB", 1024 * 1024), ("2M", 2 * 1024 * 1024), ("1 GiB", 1024**3),
    ("10b", 10),
])
def test_sizes_read_as_operators_write_them(given: str, expected: int) -> None:
    assert parse_size(given) == expected


@pytest.mark.parametrize("given", ["", "lots", "1.5M", "-3", "1 TB"])
def test_sizes_that_are_not(given: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(given)
