"""Progress, pace, status and grades from the check-ins written in a plan (docs/progress.md).

`formulas` holds the numbers, `evaluate` applies them to a document, `report_*` print the result
and `command` is `goallint status`. Nothing is imported here, so `goallint` starts as fast as before.
"""
