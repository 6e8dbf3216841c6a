"""Fuzzing the hostile-input classes of issue 12: names that attack the output, every line ending,
JSON documents and TOML configurations of any shape. Runs are bounded (`max_examples`) to stay fast.

- A name made of control characters, escape sequences, newlines, bidi overrides and bytes that are
  not UTF-8 is printed inert by every reporter (JSON and XML stay well-formed and give it back).
- A file's findings stand on the same lines and columns whatever its line endings, and `fix` makes
  the same change, in the file's endings.
- A JSON report given to `merge`, a baseline and a cache of any shape are read, refused with the
  documented error, or (the cache) ignored; never another exception.
- A `[tool.ssot-lint]` table of any shape loads or is a `ConfigError`; never another exception.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_lint.app import RunOptions, prepare
from ssot_lint.findings import CheckReport, FileError, FileResult, Finding, Location
from ssot_lint.fix.worker import _fix
from ssot_lint.jsondoc import finding_to_json
from ssot_lint.reporters import REPORTERS, get_reporter
from ssot_lint.runner.engine import analyse_source

from reliability_helpers import make_project

QUICK = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
#: each example parses, checks and fixes a generated file twice: fewer of them.
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))

# --- hostile names -----------------------------------------------------------------------------

#: controls, escape-sequence parts, separators, bidi overrides, non-UTF-8 bytes (surrogateescape).
HOSTILE = st.sampled_from(
    [*map(chr, range(0x20)), "\x7f", "\x9b", "\x9d", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\udce9",
     "\udcff", "[", "]", "%", ":", ",", "::error ", "<", "&", '"', "é", "漢"]
)
NAMES = st.lists(st.one_of(HOSTILE, st.sampled_from("abc_.")), min_size=1, max_size=12).map(lambda p: "app/" + "".join(p) + ".py")
#: what no reporter may write raw: C0 controls but newline, DEL, C1 controls, bidi and line separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """The current folder is `folder` for the block (`contextlib.chdir` is Python 3.11+)."""
    previous = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _report(name: str, message: str) -> CheckReport:
    finding = Finding(Location(name, 1, 1, 1, 5), "SSOT001", message, "c" + message, "a.b", "c.d", True, "Import from `c`")
    error = FileError(name, "syntax", message, 2, 1, hint=message)
    return CheckReport(results=(FileResult(name, (finding,), parsed=True), FileResult(name + "x", error=error)),
                       files_scanned=2, contracts=("c" + message,))


@QUICK
@given(name=NAMES, message=NAMES)
def test_every_reporter_prints_any_name_inert(name: str, message: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    for output_format in REPORTERS:
        out = io.StringIO()
        with _inside(tmp_path_factory.getbasetemp()):  # context lines are read from disk: none there
            get_reporter(output_format).render(_report(name, message), out, color=False)
        text = out.getvalue()
        assert RAW.search(text) is None, (output_format, RAW.search(text))
        text.encode("utf-8")  # valid on a strict UTF-8 stream
        if output_format == "json":
            assert [f["path"] for f in json.loads(text)["findings"]] == [name]
        elif output_format == "gitlab":
            assert json.loads(text)[0]["location"]["path"] == name
        elif output_format == "sarif":
            json.loads(text)
        elif output_format == "junit":
            ET.fromstring(text)
        elif output_format == "github":
            assert len(text.splitlines()) == 2 and all(line.startswith("::error file=") for line in text.splitlines())


# --- every line ending -------------------------------------------------------------------------

WS = "app.websocket_core"
IMPORTS = st.sampled_from([
    f"from {WS}.manager import WebSocketManager\n",
    f"from {WS}.manager import WebSocketManager  # noqa: SSOT001\n",
    f"from {WS}.unified_manager import UnifiedWebSocketManager, UserExecutionContext\n",
    f"import {WS}.unified_manager as um\n",
    f"from {WS} import manager\n",
    "\\\n",
    "\n",
])
SOURCES = st.tuples(st.lists(IMPORTS, max_size=3), hypothesmith.from_grammar(), st.lists(IMPORTS, max_size=3)).map(
    lambda parts: "".join(parts[0]) + parts[1] + ("\n" if parts[1] and not parts[1].endswith("\n") else "") + "".join(parts[2])
)
ENDINGS = st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3)


def _with_endings(text: str, endings: list[str]) -> str:
    """The n-th `\\n` of `text` made `endings[n % len]`; never a lone `\\r` right before a `\\n`,
    which together would be one line break (CRLF) instead of two."""
    out: list[str] = []
    for n, part in enumerate(text.split("\n")[:-1]):
        ending = endings[n % len(endings)]
        if not part and out and out[-1].endswith("\r") and ending == "\n":
            ending = "\r\n"
        out.append(part + ending)
    return "".join(out) + text.split("\n")[-1]


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("endings") / "p", {"app/consumer.py": ""})
    return prepare(RunOptions(paths=(root,), cwd=root)).job, root


@SLOW
@given(text=SOURCES, endings=ENDINGS)
def test_findings_and_fixes_do_not_depend_on_line_endings(job, text: str, endings: list[str]) -> None:  # type: ignore[no-untyped-def]
    job, root = job
    if "\r" in text:
        return  # the generator's own carriage returns: the conversion would not be one-to-one
    path = root / "app/consumer.py"
    lf, other = text.encode("utf-8", "surrogatepass"), _with_endings(text, endings).encode("utf-8", "surrogatepass")
    first, second = analyse_source(lf, path, "app/consumer.py", job), analyse_source(other, path, "app/consumer.py", job)
    assert (first.error is None) == (second.error is None)
    if first.error is not None:
        return
    where = [(f.code, f.location.line, f.location.column, f.location.end_line, f.location.end_column) for f in first.findings]
    assert where == [(f.code, f.location.line, f.location.column, f.location.end_line, f.location.end_column) for f in second.findings]
    fixed, fixed_other = _fix(path, "app/consumer.py", lf, job), _fix(path, "app/consumer.py", other, job)
    assert fixed.error == fixed_other.error
    assert (fixed.new_source is None) == (fixed_other.new_source is None)
    if fixed.new_source is not None and fixed_other.new_source is not None:
        assert _lf(fixed_other.new_source) == _lf(fixed.new_source)
        if len(set(endings)) == 1:  # one ending: every line of the fixed file has it
            assert fixed_other.new_source == _with_endings(fixed.new_source.decode("utf-8", "surrogatepass"), endings).encode("utf-8", "surrogatepass")


# --- JSON documents of any shape ---------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | st.lists(st.one_of(HOSTILE, st.characters()), max_size=6).map("".join),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)
GOOD_FINDING = finding_to_json(_report("app/a.py", "m").findings[0])
GOOD_REPORT = {"version": 1, "findings": [GOOD_FINDING], "errors": [], "summary": {"files_scanned": 1}}


@st.composite
def damaged(draw: st.DrawFn, document: Any) -> Any:
    """`document` with one value somewhere in it replaced by anything, or anything at all."""
    if draw(st.integers(0, 5)) == 0:
        return draw(JSON)
    copy = json.loads(json.dumps(document))
    node = copy
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        if isinstance(node[key], (dict, list)) and node[key] and draw(st.booleans()):
            node = node[key]
            continue
        node[key] = draw(JSON)
        return copy


@QUICK
@given(document=damaged(GOOD_REPORT))
def test_merge_reads_or_refuses_a_report_of_any_shape(document: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from ssot_lint.gate.merge import MergeError, merge_reports

    file = tmp_path_factory.getbasetemp() / "report.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    try:
        merged = merge_reports([file])
    except MergeError as error:
        assert str(file) in str(error)
        return
    for output_format in REPORTERS:  # whatever it holds is printed inert too
        out = io.StringIO()
        get_reporter(output_format).render(merged, out, color=False)
        assert RAW.search(out.getvalue()) is None


@QUICK
@given(document=damaged({"version": 1, "findings": [{"path": "a.py", "code": "SSOT001", "symbol": "a.b", "fingerprint": "f", "count": 2}]}))
def test_a_baseline_of_any_shape_is_read_or_refused(document: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from ssot_lint.gate.baseline import BaselineError, read_baseline

    file = tmp_path_factory.getbasetemp() / "baseline.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    try:
        read_baseline(file)
    except BaselineError as error:
        assert str(file) in str(error)


@QUICK
@given(entry=damaged([1, 2, "digest", {"findings": [GOOD_FINDING], "error": None, "parsed": True}]))
def test_a_cache_of_any_shape_is_a_miss_at_worst(entry: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from ssot_lint.gate.cache import Cache

    folder = tmp_path_factory.getbasetemp() / "cache"
    folder.mkdir(exist_ok=True)
    source = folder / "a.py"
    source.write_text("x = 1\n")
    (folder / "results-f.json").write_text(json.dumps({"format": 1, "files": {str(source): entry}}), encoding="utf-8")
    Cache(folder, "f").lookup(source, "a.py")  # a result or None, never an exception


# --- TOML configurations of any shape ----------------------------------------------------------

KEYS = st.sampled_from(["src", "exclude", "baseline", "select", "ignore", "per-file-ignores", "name", "canonical",
                        "deprecated", "renames", "factory-only", "factory", "allowed-in", "unique", "deprecated-calls",
                        "jobs", "python", "strict-contract", "bogus\x1b", ""])


def _toml(value: Any) -> str:
    """`value` as a TOML inline value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of BMP text is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


TOML_VALUES = st.recursive(
    st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
    | st.sampled_from(["pkg.old", "pkg.new", "pkg.new:Thing", "app.*", "../../etc/passwd", "SSOT001"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["pkg.old.X", "a", "new", "msg"]), children, max_size=2),
    max_leaves=8,
)
TABLES = st.dictionaries(KEYS, TOML_VALUES, max_size=4)


@QUICK
@given(settings_table=TABLES, contracts=st.lists(TABLES, max_size=2))
def test_a_configuration_of_any_shape_loads_or_is_a_config_error(
    settings_table: dict[str, Any], contracts: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    from ssot_lint.project.config import ConfigError, load

    root = tmp_path_factory.getbasetemp() / "toml"
    root.mkdir(exist_ok=True)
    lines = ["[tool.ssot-lint]", *(f"{json.dumps(k)} = {_toml(v)}" for k, v in settings_table.items())]
    for contract in contracts:
        lines += ["[[tool.ssot-lint.contract]]", *(f"{json.dumps(k)} = {_toml(v)}" for k, v in contract.items())]
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load((root,), cwd=root)
    except ConfigError:
        pass  # every problem named, printed by the CLI through `sanitize` (see test_hostile_output)
