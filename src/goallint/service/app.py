"""The ASGI application: routes, the page, error answers, and the middleware around them."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

from goallint import __version__
from goallint.engine.plugins import Plugins
from goallint.service.api import Service, health, router
from goallint.service.configuring import CALLER_KEYS, Configs
from goallint.service.errors import Problem, error_response
from goallint.service.guard import API_PREFIX, Guard
from goallint.service.pool import LintPool
from goallint.service.settings import ServiceSettings

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("goallint.service")

DESCRIPTION = """Lint OKRs and KPIs over HTTP: the same rules, configuration and output as
`goallint check`. Send a document as JSON to `POST /v1/lint`; positions in the answer count
characters (Unicode code points) from the start of the text."""


def create_app(
    settings: ServiceSettings, plugins: Plugins, base: Mapping[str, Any], source: Path | None = None,
) -> FastAPI:
    """The application. `base` is the operator's configuration table, already checked, read from
    `source` (None: goallint's defaults)."""
    configs = Configs(plugins, base, source)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = LintPool(settings.workers, base, source, settings.worker_memory, settings.max_answer)
        app.state.service = Service(plugins, configs, pool, settings.timeout)
        try:
            await pool.start()
            log.info("goallint: %d worker%s ready", pool.ready, "" if pool.ready == 1 else "s")
            yield
        finally:
            await pool.close()

    # No /docs or /redoc: their pages load scripts from a CDN, and this service works offline.
    app = FastAPI(title="goallint", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.include_router(router)
    app.include_router(health)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    _add_error_handlers(app)
    app.openapi = lambda: _openapi(app, plugins, settings.token is not None)  # type: ignore[method-assign]
    app.add_middleware(Guard, token=settings.token, max_body=settings.max_body)
    if settings.cors_origins:  # outermost, so that a browser's preflight needs no token
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        errors = error.errors()
        if any(e.get("type") == "json_invalid" or (e.get("type") == "missing" and tuple(e.get("loc", ())) == ("body",))
               for e in errors):
            return error_response(400, "malformed_json", "The body is not valid JSON. Send an object such as "
                                                         '{"text": "...", "format": "okr"}.')
        problems = [Problem(field=".".join(str(part) for part in e.get("loc", ())[1:]) or None, message=e["msg"])
                    for e in errors]
        return error_response(422, "invalid_request", "Some fields are missing or invalid.", problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 404:
            return error_response(404, "not_found", f"Nothing here: {request.url.path}. The API is under /v1; "
                                                    "its description is /openapi.json.")
        if error.status_code == 405:
            allowed = (error.headers or {}).get("Allow", "")
            return error_response(405, "method_not_allowed", f"{request.method} is not allowed here "
                                  f"(allowed: {allowed or 'none'}).", headers={"Allow": allowed} if allowed else None)
        if error.status_code == 400:
            return error_response(400, "malformed_json", "The body could not be read as JSON (in UTF-8).")
        return error_response(error.status_code, "error", str(error.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "Something went wrong in goallint. The details are in "
                                                     "the service's log.")


def _openapi(app: FastAPI, plugins: Plugins, with_token: bool) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    _describe_request_fields(schema["components"]["schemas"], plugins)
    # Every 422 is an ErrorBody (see the handler above), not FastAPI's own shape
    for operations in schema["paths"].values():
        for operation in operations.values():
            if "422" in operation["responses"]:
                operation["responses"]["422"] = {
                    "description": "A field or the configuration is invalid.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                }
    for name in ("HTTPValidationError", "ValidationError"):
        schema.get("components", {}).get("schemas", {}).pop(name, None)
    if with_token:
        schema.setdefault("components", {})["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        for path, operations in schema["paths"].items():
            if path.startswith(API_PREFIX + "/"):
                for operation in operations.values():
                    operation["security"] = [{"bearer": []}]
    app.openapi_schema = schema
    return schema


def _describe_request_fields(schemas: dict[str, Any], plugins: Plugins) -> None:
    """What only the running service knows: its report formats, and the settings a caller may send."""
    from goallint.config import Settings

    settings = Settings.model_json_schema(by_alias=True)["properties"]
    config = {"type": "object", "additionalProperties": False,
              "properties": {key: value for key, value in settings.items() if key in CALLER_KEYS}}
    for name in ("DocumentRequest", "LintRequest"):
        fields = schemas[name]["properties"]
        fields["config"] = {"anyOf": [config, {"type": "null"}], "description": fields["config"]["description"]}
    schemas["LintRequest"]["properties"]["reports"]["items"] = {"type": "string", "enum": sorted(plugins.reporters)}
