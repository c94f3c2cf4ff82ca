"""The /v1 routes and /healthz. Each route checks what it can cheaply, then hands the work to the pool."""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from goallint import __version__
from goallint.config import ConfigError
from goallint.engine.plugins import Plugins
from goallint.engine.rule import Rule
from goallint.service.configuring import Configs, problems_of
from goallint.service.errors import Problem, error_response, error_responses
from goallint.service.pool import Busy, LintPool, TookTooLong, TooLarge, WorkerFailed, WorkerStopped
from goallint.service.schemas import (
    DocumentRequest,
    Health,
    LintRequest,
    LintResponse,
    ParseResponse,
    RuleDetail,
    RuleOption,
    RulesResponse,
    RuleSummary,
)
from goallint.service.status import StatusRequest, StatusResponse, options_of
from goallint.service.work import Job

JSON = "application/json"
log = logging.getLogger("goallint.service")


@dataclass
class Service:
    """What the routes share: set up once at start-up, never changed by a request."""

    plugins: Plugins
    configs: Configs
    pool: LintPool
    timeout: float

    def rule_summaries(self, rules: list[type[Rule]]) -> list[dict[str, Any]]:
        """How the service's own configuration treats each rule."""
        config = self.configs.default
        enabled = {r.name for r in config.enabled_rules(self.plugins)}
        selection = config.selection(self.plugins)
        return [RuleSummary(
            code=rule.code, name=rule.name, summary=rule.summary, severity=rule.severity,
            configured_severity=selection.severity_of(rule), enabled=rule.name in enabled,
            fixable=rule.fixable, scope=rule.scope, plugin=self.plugins.origin.get(rule.name),
        ).model_dump(mode="json") for rule in rules]

    def rule_detail(self, rule: type[Rule]) -> dict[str, Any]:
        options = [
            RuleOption(name=name, default=field.get_default(call_default_factory=True), description=field.description)
            for name, field in rule.Options.model_fields.items()
        ]
        return RuleDetail(
            **self.rule_summaries([rule])[0], why=rule.why, bad=rule.bad, good=rule.good, options=options,
            options_schema=rule.Options.model_json_schema(), docs=rule.docs(),
        ).model_dump(mode="json")


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


router = APIRouter(prefix="/v1")


@router.post("/lint", response_model=LintResponse, tags=["documents"], summary="Lint a goal document",
             responses=error_responses(400, 401, 413, 415, 422, 500, 503, 504))
async def lint(body: LintRequest, request: Request) -> Response:
    """Parse and lint one document with the service's configuration (and the caller's overrides):
    the findings with their spans and hints, a summary, and what was understood."""
    service = _service(request)
    unknown = [name for name in body.reports if name not in service.plugins.reporters]
    if unknown:
        known = ", ".join(sorted(service.plugins.reporters))
        return error_response(422, "invalid_request", "Some report formats are not known.", [
            Problem(field="reports", message=f"unknown format '{name}' (known: {known})") for name in unknown
        ])
    return await _run(service, Job("lint", body.text, body.filename, body.format, body.config, tuple(body.reports)))


@router.post("/parse", response_model=ParseResponse, tags=["documents"], summary="Show what goallint understood",
             responses=error_responses(400, 401, 413, 415, 422, 500, 503, 504))
async def parse(body: DocumentRequest, request: Request) -> Response:
    """Read one document into goallint's model, as `goallint parse --format json` does (the
    configuration matters only for `fiscal-year-start`)."""
    return await _run(_service(request), Job("parse", body.text, body.filename, body.format, body.config))


async def _run(service: Service, job: Job) -> Response:
    if job.overrides:
        try:
            service.configs.get(job.overrides)  # checked here so that a mistake is a 422, not a worker's error
        except ConfigError as error:
            return error_response(422, "invalid_request", "The configuration has mistakes.",
                                  [Problem(field="config", message=message) for message in problems_of(error)])
        except Exception as error:  # a value the configuration's own checks let through, and then choked on
            log.warning("a request's configuration could not be used: %r", error, exc_info=True)
            return error_response(422, "invalid_request", "The configuration could not be used.",
                                  [Problem(field="config", message=str(error))])
    try:
        answer = await service.pool.run(job, service.timeout)
    except Busy:
        return error_response(503, "busy", "The service is busy. Please try again in a moment.",
                              headers={"Retry-After": "1"})
    except TookTooLong:
        return error_response(504, "timeout", f"Checking this document took longer than {service.timeout:g} "
                                              "seconds, so it was stopped. Try a shorter document.")
    except TooLarge as error:
        return error_response(413, "too_large", str(error))
    except WorkerStopped:
        return error_response(503, "interrupted", "goallint stopped while checking this document and has "
                                                  "restarted. Please try again.", headers={"Retry-After": "1"})
    except WorkerFailed:
        return error_response(500, "internal_error", "goallint failed on this document. This is a bug in "
                                                     "goallint; the details are in the service's log.")
    return Response(answer, media_type=JSON)


@router.post("/status", response_model=StatusResponse, tags=["documents"], summary="Progress, pace and status",
             responses=error_responses(400, 401, 413, 415, 422, 500, 503, 504))
async def status(body: StatusRequest, request: Request) -> Response:
    """Every objective, key result and KPI of one document with its progress, pace, status and grade
    as of a day, worked out from the check-ins written in it (docs/progress.md), as `goallint status
    --format json` does for one file; with the findings of `goallint check`, and the HTML report if asked."""
    job = Job("status", body.text, body.filename, body.format, body.config, status=options_of(body))
    return await _run(_service(request), job)


@router.get("/rules", response_model=RulesResponse, tags=["rules"], summary="List the rules",
            responses=error_responses(401))
async def list_rules(request: Request) -> Response:
    """Every rule the service knows, with whether its configuration runs it."""
    service = _service(request)
    rules = sorted(service.plugins.rules.values(), key=lambda r: r.code)
    return _json({"rules": service.rule_summaries(rules)})


@router.get("/rules/{name}", response_model=RuleDetail, tags=["rules"], summary="Explain a rule",
            responses=error_responses(401, 404))
async def explain_rule(name: str, request: Request) -> Response:
    """One rule, by name (`kr-count`) or code (`GL101`): what it flags, why, examples and options."""
    service = _service(request)
    rule = service.plugins.rule(name)
    if rule is None:
        close = difflib.get_close_matches(name, [r.name for r in service.plugins.rules.values()], n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " GET /v1/rules lists them."
        return error_response(404, "not_found", f"There is no rule called '{name}'.{hint}")
    return _json(service.rule_detail(rule))


health = APIRouter()


@health.get("/healthz", response_model=Health, tags=["service"], summary="Is the service up",
            responses={503: {"model": Health, "description": "No worker is ready yet."}})
async def healthz(request: Request) -> Response:
    """200 when at least one worker can lint; 503 while none can (starting, or all being replaced)."""
    pool = _service(request).pool
    ready = pool.ready
    body = Health(status="ok" if ready else "starting", version=__version__, workers=ready, busy=pool.busy)
    return _json(body.model_dump(mode="json"), 200 if ready else 503)


def _json(content: Any, status: int = 200) -> Response:
    import json

    return Response(json.dumps(content, ensure_ascii=False), status, media_type=JSON)
