"""The OpenAPI 3.1 document, built from the same pydantic models the API validates with."""
from __future__ import annotations

from functools import cache

from .schemas import ErrorOut, StopAccepted, StopIn, StopOut, StopPage, ValidationProblem

REF = "#/components/schemas/{model}"
FREE_OBJECT = {"type": "object"}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def _errors(*codes: int) -> dict:
    texts = {400: "Bad request (e.g. missing CSRF header)", 401: "No or invalid credentials",
             403: "Role not allowed", 404: "Not found or not visible to you", 413: "Body too large",
             429: "Too many requests"}
    return {str(code): _json("ErrorOut", texts[code]) for code in codes}


def _paths() -> dict:
    common = _errors(400, 401, 429)
    return {
        "/stops": {
            "post": {"summary": "Submit a stop (idempotent on stop_id)", "operationId": "createStop",
                     "requestBody": {"required": True, "content": {"application/json": {
                         "schema": {"$ref": "#/components/schemas/StopIn"}}}},
                     "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                                     "schema": {"type": "string"}, "description": "Must equal stop_id"}],
                     "responses": {"201": _json("StopAccepted", "Stored"),
                                   "200": _json("StopAccepted", "Already stored with this very body"),
                                   "409": _json("ErrorOut", "stop_id stored with different content"),
                                   "422": _json("ValidationProblem", "Invalid: one message per field"),
                                   **_errors(403, 413), **common}},
            "get": {"summary": "The caller's own stops", "operationId": "listStops",
                    "parameters": [{"name": "page", "in": "query",
                                    "schema": {"type": "integer", "minimum": 1, "maximum": 100000}},
                                   {"name": "per_page", "in": "query",
                                    "schema": {"type": "integer", "minimum": 1, "maximum": 100}}],
                    "responses": {"200": _json("StopPage", "A page of stops"), **common}},
        },
        "/stops/{stop_id}": {"get": {
            "summary": "One stop", "operationId": "getStop",
            "parameters": [{"name": "stop_id", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": _json("StopOut", "The stop"), **_errors(404), **common}}},
        "/receipt-slots": {"post": {
            "summary": "Receipt credentials and QR codes for offline hand-over (nothing stored)",
            "operationId": "receiptSlots",
            "parameters": [{"name": "count", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                       "maximum": 20}}],
            "responses": {"200": {"description": "Slots", "content": {"application/json": {
                "schema": FREE_OBJECT}}}, **_errors(403), **common}}},
        "/areas": {"get": {"summary": "Areas", "operationId": "listAreas",
                           "responses": {"200": {"description": "Areas", "content": {"application/json": {
                               "schema": FREE_OBJECT}}}, **common}}},
        "/catalog": {"get": {"summary": "Legal bases and code lists valid today", "operationId": "getCatalog",
                             "responses": {"200": {"description": "Catalogue", "content": {"application/json": {
                                 "schema": FREE_OBJECT}}}, **common}}},
    }


@cache
def openapi_document() -> dict:
    """The whole document (built once)."""
    schemas = {model.__name__: model.model_json_schema(ref_template=REF)
               for model in (StopIn, StopAccepted, StopOut, ValidationProblem, ErrorOut)}
    page = StopPage.model_json_schema(ref_template=REF)
    page.pop("$defs", None)
    schemas["StopPage"] = page
    return {
        "openapi": "3.1.0",
        "info": {"title": "stopform API", "version": "1.0.0",
                 "description": "Record vehicle stops from the officer's device. Authenticate with "
                                "`Authorization: Bearer <token>` (flask create-token) or the browser "
                                "session plus an X-CSRFToken header."},
        "servers": [{"url": "/api/v1"}],
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"}}},
        "security": [{"bearer": []}, {"session": []}],
        "paths": _paths(),
    }
