"""`goallint serve`: the goal-linting HTTP service and its page.

One asyncio process (uvicorn) answers HTTP; a small pool of worker processes parses and lints,
so a slow document can be stopped (its worker is killed and replaced) without stopping the
service. Nothing is kept between requests: run more copies behind a load balancer to scale.

Imported only by `goallint serve`: the CLI never pays for FastAPI or uvicorn otherwise.
See docs/service.md.
"""

from __future__ import annotations

from goallint.service.settings import ServiceSettings

__all__ = ["ServiceSettings"]
