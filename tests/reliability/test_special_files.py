"""Only regular files are read, big files are refused by size, and a file that kills LibCST's native
parser costs only that file, in every mode (issue 12, section 3).

A FIFO named `pipe.py` blocked `check` and `fix` forever; a symlink to /dev/zero was read until
memory ran out; a 10 KB file of unary minus signs joined by backslashes made LibCST overflow its
stack (SIGSEGV, exit 139) when checked in-process, crashed `graph` and `init`, and crashed every
command when it sat in a contract module. The project is the issue's own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from reliability_helpers import PYPROJECT, USE, cli, no_traceback

#: the issue's repro: 34 lines of 300 minus signs, joined by backslashes, then a name.
DEEP = USE + "x = " + ("-" * 300 + "\\\n") * 34 + "Thing\n"


def _project(root: Path, settings: str = "", old: str = "from pkg.new import Thing, make\n") -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT.format(settings=settings), encoding="utf-8")
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/new.py").write_text("class Thing:\n    pass\n\n\ndef make():\n    return Thing()\n")
    (root / "pkg/old.py").write_text(old)
    (root / "a.py").write_text(USE)
    return root


def _json(done) -> dict:  # type: ignore[no-untyped-def]
    no_traceback(done)
    return json.loads(done.stdout)


def _errors(document: dict) -> dict[str, str]:
    return {e["path"]: e["message"] for e in document["errors"]}


def _found(document: dict) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in document["findings"]}


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX special files")


@needs_fifo
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_and_a_link_to_dev_zero_are_errors_and_the_run_goes_on(tmp_path: Path, jobs: str) -> None:
    root = _project(tmp_path / "p")
    os.mkfifo(root / "pipe.py")
    (root / "zero.py").symlink_to("/dev/zero")
    done = cli(root, "check", "--output-format", "json", "--no-cache", "--jobs", jobs, timeout=60)
    document = _json(done)
    assert done.returncode == 2
    errors = _errors(document)
    assert errors["pipe.py"] == "not read: this path is a named pipe (FIFO), not a regular file"
    assert errors["zero.py"] == "not read: this path is a character device, not a regular file"
    assert _found(document) == {("a.py", "SSOT001")}


@needs_fifo
def test_fix_named_a_fifo_refuses_it_and_fixes_the_rest(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    os.mkfifo(root / "pipe.py")
    done = cli(root, "fix", "--output-format", "json", "pipe.py", "a.py", timeout=60)
    no_traceback(done)
    assert done.returncode == 2
    assert "named pipe (FIFO)" in done.stdout
    assert (root / "a.py").read_text() == "from pkg.new import Thing\n"


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", settings="max-file-size = 1000")
    (root / "big.py").write_text(USE + "".join(f"value_{i} = {i}\n" for i in range(100)))
    document = _json(cli(root, "check", "--output-format", "json", "--no-cache"))
    assert _errors(document) == {"big.py": "file is 1.4 kB, over the 1.0 kB size limit; excluded from this run"}
    assert _found(document) == {("a.py", "SSOT001")}
    # the command line wins over the config; 0 lifts the limit
    lifted = _json(cli(root, "check", "--output-format", "json", "--no-cache", "--max-file-size", "0"))
    assert lifted["errors"] == [] and _found(lifted) == {("a.py", "SSOT001"), ("big.py", "SSOT001")}
    fixed = cli(root, "fix", "--output-format", "json")
    assert fixed.returncode == 2 and "over the 1.0 kB size limit" in fixed.stdout
    assert (root / "big.py").read_text().startswith(USE)  # refused, so untouched
    shown = cli(root, "check", "--show-settings").stdout
    assert "max-file-size = 1000\nfile-timeout = 60\n" in shown


def test_the_default_size_limit_is_five_megabytes(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    (root / "big.py").write_bytes(USE.encode() + b"#" * 5_000_000 + b"\n")
    document = _json(cli(root, "check", "--output-format", "json", "--no-cache", "big.py"))
    assert _errors(document) == {"big.py": "file is 5.0 MB, over the 5.0 MB size limit; excluded from this run"}


@pytest.mark.parametrize("value", ["-1", '"5MB"', "true"])
def test_a_bad_limit_in_the_config_is_a_config_error(tmp_path: Path, value: str) -> None:
    root = _project(tmp_path / "p", settings=f"max-file-size = {value}")
    done = cli(root, "check")
    assert done.returncode == 2
    assert "tool.ssot-lint.max-file-size: expected a number of bytes (0 for no limit)" in done.stderr


@pytest.mark.parametrize("args", [
    ("check", "deep.py"),  # one path: in-process before
    pytest.param(("check", "--jobs", "1"), marks=pytest.mark.slow),
    pytest.param(("check", "--jobs", "2"), marks=pytest.mark.slow),
    ("fix", "deep.py"),
])
def test_a_file_that_overflows_libcst_costs_only_that_file(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _project(tmp_path / "p")
    (root / "deep.py").write_text(DEEP)
    done = cli(root, *args, "--output-format", "json", timeout=300)
    assert done.returncode == 2, done.stderr  # not -11 (SIGSEGV), not 139
    document = _json(done)
    assert _errors(document) == {"deep.py": "expression nested too deeply to parse"}
    assert (root / "deep.py").read_text() == DEEP
    if args[0] == "check" and "deep.py" not in args:
        assert _found(document) == {("a.py", "SSOT001")}


@pytest.mark.parametrize("args", [("graph", "Thing"), ("init", "--dry-run")])
def test_graph_and_init_skip_a_file_nested_too_deeply(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _project(tmp_path / "p")
    (root / "deep.py").write_text(DEEP)
    done = cli(root, *args, timeout=300)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert "pkg.old" in done.stdout


@pytest.mark.parametrize("args", [
    ("check",),
    pytest.param(("fix", "--diff"), marks=pytest.mark.slow),
    pytest.param(("graph", "Thing"), marks=pytest.mark.slow),
    pytest.param(("init", "--dry-run", "--force"), marks=pytest.mark.slow),
])
def test_a_contract_module_nested_too_deeply_does_not_crash_any_command(tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _project(tmp_path / "p", old="from pkg.new import Thing, make\n" + DEEP.replace(USE, ""))
    done = cli(root, *args, timeout=300)
    no_traceback(done)
    assert "internal error" not in done.stderr
    assert done.returncode in (0, 1, 2)
    if args[0] == "check":
        assert "a.py:1:21 SSOT001" in done.stdout


def test_the_guard_does_not_cost_a_normal_file_its_findings(tmp_path: Path) -> None:
    """Every file of 2,000 bytes or more is read by CPython's parser first: a long ordinary file,
    deeply indented code and long lines still get their findings."""
    body = "".join(f"def f{i}(a, b):\n    return (a + b) * -{i} if a else [b, {{'k': (a,)}}]\n" for i in range(200))
    root = _project(tmp_path / "p")
    (root / "long.py").write_text(USE + body + "y = " + " + ".join(["1"] * 500) + "\n")
    document = _json(cli(root, "check", "--output-format", "json", "--no-cache", "long.py"))
    assert document["errors"] == [] and _found(document) == {("long.py", "SSOT001")}
