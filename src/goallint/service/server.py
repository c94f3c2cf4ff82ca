"""Starting the service: plugins and the operator's configuration first, then uvicorn."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys

import uvicorn

from goallint.engine.plugins import load_plugins
from goallint.service.app import create_app
from goallint.service.configuring import Configs, operator_table
from goallint.service.guard import human_size
from goallint.service.settings import ServiceSettings, is_loopback

log = logging.getLogger("goallint.service")


def run(settings: ServiceSettings) -> None:
    """Serve until interrupted. Raises `ConfigError` when the operator's configuration is wrong."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s", stream=sys.stderr)
    plugins = load_plugins()
    base, source = operator_table(plugins, settings.config)
    log.info("goallint: configuration %s", source if source is not None else "(none found: goallint's defaults)")
    Configs(plugins, base, source).default.apply_to_run(plugins)  # disable-plugins, plugin-errors, as the CLI
    if plugins.problems:
        # as `goallint check` exits 2 on them; the operator may choose `plugin-errors = "warn"`
        for problem in plugins.problems:
            log.error("goallint: %s", problem.message)
        log.error("goallint: not starting: fix the plugin, leave it out (disable-plugins), "
                  'or set plugin-errors = "warn" in the configuration')
        sys.exit(2)
    if not is_loopback(settings.host) and settings.token is None:
        log.warning("goallint: listening on %s without a token: anyone who can reach it can use it "
                    "(set GOALLINT_TOKEN)", settings.host)
    log.info("goallint: %d worker%s (replaced past %s), time limit %g s, body limit %s", settings.workers,
             "" if settings.workers == 1 else "s", human_size(settings.worker_memory), settings.timeout,
             human_size(settings.max_body))
    app = create_app(settings, plugins, base, source)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, access_log=settings.access_log,
                            server_header=False, timeout_graceful_shutdown=5, log_config=None)
    # uvicorn stops gracefully on Ctrl-C or SIGTERM, then raises the signal again for its caller:
    # a stop that was asked for is a normal end
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # so SIGTERM ends as Ctrl-C does: exit 0
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run()
