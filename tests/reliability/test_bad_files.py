"""Files the tool did not expect: each bad one is one SSOT000 error (path, line where it applies,
what is wrong, what to do), the run goes on with the others, and `fix` leaves bad files
byte-for-byte intact while fixing the good ones in their own encoding and line endings."""

from __future__ import annotations

import json

from pathlib import Path

import pytest

from reliability_helpers import FIXED, IMPORT, adopted, check_json, cli, make_project, no_traceback, sha

#: path -> (bytes, expected error line or None, text the message must contain)
BAD: dict[str, tuple[bytes, int | None, str]] = {
    "app/syntax.py": ((IMPORT + "def f(:\n    pass\n").encode(), 2, "syntax error"),
    "app/python2.py": ((IMPORT + 'print "x"\n').encode(), 2, "print"),
    "app/nul.py": ((IMPORT + "x = 1\n").encode() + b"y = '\x00'\n", 3, "NUL"),
    "app/bad_utf8.py": (IMPORT.encode() + b"x = 1\ns = '\xff\xfe'\n", 3, "cannot decode"),
    "app/deep.py": ((IMPORT + "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n").encode(), 2, "nested too deeply"),
    "app/deep_unary.py": ((IMPORT + "x = " + "-" * 100_000 + "1\n").encode(), None, "nested too deeply"),
    "app/deep_attribute.py": ((IMPORT + "x = a" + ".b" * 100_000 + "\n").encode(), None, "nested too deeply"),
}

LATIN1 = b"# -*- coding: latin-1 -*-\n" + IMPORT.encode() + "s = 'caf\xe9'\n".encode("latin-1")
BOM = b"\xef\xbb\xbf" + IMPORT.encode() + "s = 'café'\n".encode()
CRLF = (IMPORT + "x = WebSocketManager\n").replace("\n", "\r\n").encode()
MIXED = IMPORT.replace("\n", "\r\n").encode() + b"x = 1\ny = WebSocketManager\r\n"
TABS = (IMPORT + "if True:\n\tx = WebSocketManager\n").encode()
FORMFEED = (IMPORT + "\x0c\nx = 1\n\x0c\ndef f():\n    return WebSocketManager\n").encode()
#: LibCST drops a form feed that prefixes a statement: `fix` must refuse rather than lose it.
FORMFEED_BEFORE_STATEMENT = (IMPORT + "x = 1\n\x0cdef f():\n    return WebSocketManager\n").encode()
STUB = (IMPORT + "def f() -> WebSocketManager: ...\n").encode()

#: path -> (bytes, line of the one SSOT001 finding, bytes after `fix`)
GOOD: dict[str, tuple[bytes, int, bytes]] = {
    "app/latin1.py": (LATIN1, 2, adopted(LATIN1)),
    "app/bom.py": (BOM, 1, adopted(BOM)),
    "app/crlf.py": (CRLF, 1, adopted(CRLF)),
    "app/mixed.py": (MIXED, 1, adopted(MIXED)),
    "app/tabs.py": (TABS, 1, adopted(TABS)),
    "app/formfeed.py": (FORMFEED, 1, adopted(FORMFEED)),
    "app/stub.pyi": (STUB, 1, adopted(STUB)),
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {path: data for path, (data, *_rest) in {**BAD, **GOOD}.items()}
    files["app/empty.py"] = b""
    return make_project(tmp_path / "p", files)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_reports_bad_files_and_processes_the_rest(tree: Path, jobs: str) -> None:
    code, document, _ = check_json(tree, "--jobs", jobs)
    assert code == 2  # errors win over findings
    errors = {e["path"]: e for e in document["errors"]}
    assert set(errors) == set(BAD)
    for path, (_, line, text) in BAD.items():
        error = errors[path]
        assert text in error["message"], error
        assert "\n" not in error["message"]
        assert error["hint"], error  # what to do
        if line is not None:
            assert error["line"] == line, error
    found = {(f["path"], f["line"], f["code"]) for f in document["findings"]}
    assert found == {(path, line, "SSOT001") for path, (_, line, _) in GOOD.items()}


def test_text_report_is_one_line_per_bad_file(tree: Path) -> None:
    done = cli(tree, "check", "--no-cache", "-j", "1")
    no_traceback(done)
    assert done.returncode == 2
    assert "app/python2.py:2:1 SSOT000 syntax error: Missing parentheses in call to 'print'" in done.stdout
    assert "app/nul.py:3 SSOT000 file contains NUL bytes" in done.stdout
    assert "app/deep.py:2 SSOT000 expression nested too deeply to parse" in done.stdout


def test_fix_keeps_bad_files_and_fixes_good_ones_in_their_encoding(tree: Path) -> None:
    before = {path: sha(tree / path) for path in BAD}
    done = cli(tree, "fix", "-j", "2")
    no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    for path in BAD:
        assert sha(tree / path) == before[path], path
    for path, (_, _, fixed) in GOOD.items():
        assert (tree / path).read_bytes() == fixed, path
    assert (tree / "app/empty.py").read_bytes() == b""
    # a second run changes nothing more and still reports the bad files only
    again = cli(tree, "fix", "-j", "1")
    assert again.returncode == 2
    for path, (_, _, fixed) in GOOD.items():
        assert (tree / path).read_bytes() == fixed, path


def test_fix_leaves_a_file_it_cannot_reproduce_byte_for_byte_and_check_agrees(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/ff.py": FORMFEED_BEFORE_STATEMENT, "app/good.py": IMPORT})
    checked = cli(root, "check", "--no-cache", "--output-format", "json", "app/ff.py")
    (finding,) = json.loads(checked.stdout)["findings"]
    assert finding["fixable"] is False
    assert "does not keep a form feed" in finding["unfixable_reason"]
    done = cli(root, "fix", "-j", "1")
    no_traceback(done)
    assert done.returncode == 1  # the finding is left, with its reason; nothing is broken
    assert (root / "app/ff.py").read_bytes() == FORMFEED_BEFORE_STATEMENT
    assert "does not keep a form feed" in done.stdout
    assert (root / "app/good.py").read_text() == FIXED


def test_diff_splits_lines_only_at_line_endings(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/formfeed.py": FORMFEED})
    done = cli(root, "fix", "--diff", "app/formfeed.py")
    assert done.returncode == 1
    assert "No newline at end of file" not in done.stdout
    assert "-" + IMPORT in done.stdout and "+" + FIXED in done.stdout


def _fifty_thousand_imports() -> str:
    return "".join(f"import module_{i}\n" for i in range(50_000)) + IMPORT


def test_file_of_fifty_thousand_imports_is_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/many.py": _fifty_thousand_imports()})
    code, document, _ = check_json(root, "app/many.py")
    assert code == 1
    assert [(f["line"], f["code"]) for f in document["findings"]] == [(50_001, "SSOT001")]


@pytest.mark.slow
def test_file_of_fifty_thousand_imports_is_fixed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/many.py": _fifty_thousand_imports()})
    done = cli(root, "fix", "app/many.py")
    no_traceback(done)
    assert done.returncode == 0
    assert (root / "app/many.py").read_text().endswith(FIXED)


@pytest.mark.slow
def test_twenty_megabyte_file_is_checked(tmp_path: Path) -> None:
    """Sanity only (no timing assertion): with the size limit lifted, a 20 MB generated module is
    read and checked (by default it is refused: `test_special_files`)."""
    body = "".join(f"value_{i} = {i}  # generated generated generated generated\n" for i in range(330_000))
    root = make_project(tmp_path / "p", {"app/big.py": IMPORT + body + "x = WebSocketManager\n"})
    assert (root / "app/big.py").stat().st_size > 20_000_000
    code, document, _ = check_json(root, "app/big.py", "--max-file-size", "0", timeout=300)
    assert code == 1
    assert [(f["line"], f["code"]) for f in document["findings"]] == [(1, "SSOT001")]
