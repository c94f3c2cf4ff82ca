"""Every error the service answers: JSON, with a short code for programs and a sentence for people."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import BaseModel, Field
from starlette.responses import Response


class Problem(BaseModel):
    """One thing wrong with a request: where (a field path such as `config.rules.kr-count`) and what."""

    field: str | None = None
    message: str


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code, repeated for convenience.")
    error: str = Field(description="A short, stable code: malformed_json, body_too_large, unsupported_media_type, "
                                   "invalid_request, unauthorized, not_found, method_not_allowed, busy, "
                                   "interrupted, timeout, internal_error.")
    message: str = Field(description="What went wrong and what to do, in plain words.")
    problems: list[Problem] = Field(default_factory=list, description="Each invalid field, for 422.")


def error_response(
    status: int, error: str, message: str, problems: Sequence[Problem] = (), headers: dict[str, str] | None = None,
) -> Response:
    body = ErrorBody(status=status, error=error, message=message, problems=list(problems))
    # ensure_ascii: a field name echoed back may hold characters that UTF-8 cannot carry
    content = json.dumps(body.model_dump(mode="json"), ensure_ascii=True)
    return Response(content, status, headers=headers, media_type="application/json")


def error_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """The `responses` of a route in the OpenAPI document, for these error statuses."""
    described = {
        400: "The body is not valid JSON.",
        401: "A bearer token is required (the service was started with one).",
        404: "Not found.",
        413: "The body is larger than the service accepts, or checking it needs more memory than a worker "
             "may use, or its answer would be larger than the service sends.",
        415: "The body must be sent as application/json.",
        422: "A field or the configuration is invalid.",
        500: "The service failed; the details are in its log.",
        503: "The service is busy, or its worker stopped; try again shortly.",
        504: "The document took longer than the service's time limit.",
    }
    return {status: {"model": ErrorBody, "description": described[status]} for status in statuses}
