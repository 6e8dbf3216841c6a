"""JSON that ssot-lint reads back (baseline, cache, reports for `merge`, `stats --history`), read
as hostile input: any file may be corrupt, hand-edited or crafted.

`read_json` refuses what is not a regular file, not UTF-8, not JSON, `NaN`/`Infinity` (and numbers
that overflow to them) and nesting too deep to decode; the `expect_*` accessors refuse values of the
wrong type, so a `"line": "ten"` is one clean `DocumentError` instead of a crash three stages
later. Findings and file errors are encoded here once, as the JSON report shows them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .fileio import read_regular
from .findings import RULE_NAMES, FileError, Finding, Location

__all__ = [
    "DocumentError", "error_from_json", "error_to_json", "expect", "finding_from_json", "finding_to_json",
    "read_json",
]


class DocumentError(ValueError):
    """The file is not the JSON document it should be; the message says what is wrong."""


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError(f"number out of range: {text[:40]}")
    return value


def _no_constant(name: str) -> None:
    raise DocumentError(f"{name} is not a JSON number")


def read_json(path: Path) -> Any:
    """The parsed document; raises `DocumentError` (or `OSError` when the file cannot be read)."""
    data, _ = read_regular(path)
    try:
        return json.loads(data.decode("utf-8"), parse_float=_finite, parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise DocumentError(f"not UTF-8 ({error.reason} at byte {error.start})") from None
    except RecursionError:
        raise DocumentError("nested too deeply to be one of ours") from None
    except json.JSONDecodeError as error:
        raise DocumentError(f"not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None


_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number", list: "a list",
          dict: "an object", type(None): "null"}


def expect(container: Mapping[str, Any], key: str, *kinds: type, where: str = "", default: Any = ...) -> Any:
    """`container[key]` if it is one of `kinds` (an int is never a bool), else `DocumentError`."""
    if not isinstance(container, Mapping):
        raise DocumentError(f"{where or 'document'}: expected an object, got {type(container).__name__}")
    if key not in container:
        if default is not ...:
            return default
        raise DocumentError(f"{where}{'.' if where else ''}{key}: missing")
    value = container[key]
    if type(value) not in kinds and not (float in kinds and type(value) is int):
        wanted = " or ".join(_NAMES.get(k, k.__name__) for k in kinds)
        raise DocumentError(f"{where}{'.' if where else ''}{key}: expected {wanted}, got {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {json.dumps(value)[:40]}"


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """A finding as the JSON report (and the cache) writes it."""
    loc = finding.location
    return {
        "path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
        "end_column": loc.end_column, "code": finding.code, "name": finding.name, "message": finding.message,
        "contract": finding.contract, "symbol": finding.symbol, "replacement": finding.replacement,
        "fixable": finding.fixable, "fix_title": finding.fix_title, "unfixable_reason": finding.unfixable_reason,
        "unsafe": finding.unsafe, "fingerprint": finding.fingerprint,
        **({"cell": loc.cell} if loc.cell is not None else {}),
    }


_FINDING_KEYS = frozenset(("path", "line", "column", "end_line", "end_column", "code", "name", "message", "contract",
                           "symbol", "replacement", "fixable", "fix_title", "unfixable_reason", "unsafe", "fingerprint",
                           "cell"))


def finding_from_json(item: Any, where: str = "finding", strict: bool = False) -> Finding:
    """The finding `finding_to_json` wrote; optional fields may be absent (older reports), and
    with `strict` no other key may be present."""
    unknown = sorted(set(item) - _FINDING_KEYS) if strict and isinstance(item, dict) else ()
    if unknown:
        raise DocumentError(f"{where}: unknown key {unknown[0][:40]!r}")
    line, column, end_line, end_column = (
        expect(item, key, int, where=where) for key in ("line", "column", "end_line", "end_column")
    )
    location = Location(expect(item, "path", str, where=where), line, column, end_line, end_column,
                        cell=expect(item, "cell", int, type(None), where=where, default=None))
    code = expect(item, "code", str, where=where)
    if code not in RULE_NAMES:
        raise DocumentError(f"{where}.code: unknown rule code {code[:20]!r}")
    optional = str, type(None)
    return Finding(
        location, code, expect(item, "message", str, where=where),
        expect(item, "contract", str, where=where, default=""), expect(item, "symbol", str, where=where, default=""),
        expect(item, "replacement", *optional, where=where, default=None),
        expect(item, "fixable", bool, where=where, default=False),
        expect(item, "fix_title", *optional, where=where, default=None),
        expect(item, "unfixable_reason", *optional, where=where, default=None),
        expect(item, "unsafe", bool, where=where, default=False),
        expect(item, "fingerprint", str, where=where, default=""),
    )


def error_to_json(error: FileError) -> dict[str, Any]:
    return {"path": error.path, "line": error.line, "column": error.column, "kind": error.kind,
            "message": error.message, "hint": error.hint}


def error_from_json(item: Any, where: str = "error") -> FileError:
    optional = int, type(None)
    return FileError(
        expect(item, "path", str, where=where), expect(item, "kind", str, where=where),
        expect(item, "message", str, where=where), expect(item, "line", *optional, where=where, default=None),
        expect(item, "column", *optional, where=where, default=None),
        expect(item, "hint", str, type(None), where=where, default="") or "",
    )
