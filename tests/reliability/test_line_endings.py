"""Line endings byte for byte (issue 12, section 5): Python ends a line at `\\n`, `\\r\\n` and a
lone `\\r`, so `noqa` comments, statement selection and context lines count lines that way too,
and `fix` changes the rewritten import's lines and no other byte (a final `\\r`, a line holding
only `\\`), whatever the file's endings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reliability_helpers import make_project, run_main

#: the issue's project: `pkg.new` is canonical, `pkg.old` re-exports it and is deprecated.
CONTRACT = '[[contract]]\nname = "thing"\ncanonical = "pkg.new"\ndeprecated = ["pkg.old"]\n'
MODULES = {
    "pkg/__init__.py": "",
    "pkg/new.py": "class Thing:\n    pass\n\n\ndef make():\n    return Thing()\n",
    "pkg/old.py": "from pkg.new import Thing, make\n",
}
SUPPRESSED = "from pkg.old import Thing  # noqa: SSOT001"
REPORTED = "from pkg.old import make"
USE = "print(Thing, make)"

#: name -> the line endings of the four lines of a file (the last one ends the file).
ENDINGS = {
    "lf": ("\n", "\n", "\n", "\n"),
    "crlf": ("\r\n", "\r\n", "\r\n", "\r\n"),
    "cr": ("\r", "\r", "\r", "\r"),
    "lone-cr-before-the-import": ("\r", "\n", "\n", "\n"),
    "mixed": ("\r\n", "\r", "\n", "\r"),
}


def _project(tmp_path: Path, files: dict[str, bytes]) -> Path:
    return make_project(tmp_path / "p", {**MODULES, **files}, contract=CONTRACT)


def _file(endings: tuple[str, ...], lines: tuple[str, ...] = ("import os", SUPPRESSED, REPORTED, USE)) -> bytes:
    return "".join(line + end for line, end in zip(lines, endings)).encode()


def _check(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code, out, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "--output-format", "json", *args)
    return code, json.loads(out), err


@pytest.mark.parametrize("name", ENDINGS)
def test_a_noqa_import_is_suppressed_and_left_alone_by_fix(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _file(ENDINGS[name])
    root = _project(tmp_path, {"app.py": source})
    monkeypatch.chdir(root)
    code, document, _ = _check(monkeypatch, capsys, "app.py")
    assert code == 1
    assert [(f["line"], f["column"], f["code"]) for f in document["findings"]] == [(3, 21, "SSOT001")]
    code, _, err = run_main(monkeypatch, capsys, "fix", "--jobs", "1", "app.py")
    assert code == 0, err
    assert (root / "app.py").read_bytes() == source.replace(b"pkg.old import make", b"pkg.new import make")


def test_a_cr_only_file_of_2kb_is_checked_and_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files of 2 KB and more are read statement by statement (`sparse`): the statements' lines
    must be the parser's lines, or the run ends in "internal error: IndexError"."""
    body = "".join(f"def f{i}():\r    return {i}\r" for i in range(120))
    source = ("import os\r" + body + REPORTED + "\r" + USE.replace("Thing, ", "") + "\r").encode()
    assert len(source) >= 2048
    root = _project(tmp_path, {"app.py": source})
    monkeypatch.chdir(root)
    code, document, err = _check(monkeypatch, capsys, "app.py")
    assert "internal error" not in err and document["errors"] == []
    assert code == 1
    assert [(f["line"], f["code"]) for f in document["findings"]] == [(242, "SSOT001")]
    code, _, err = run_main(monkeypatch, capsys, "fix", "--jobs", "1", "app.py")
    assert code == 0, err
    assert (root / "app.py").read_bytes() == source.replace(b"pkg.old", b"pkg.new")


@pytest.mark.parametrize("ending", ["\r", "\n\r", "\r\n\r", "\r\n\n", "\n\n\r\r"], ids=repr)
@pytest.mark.parametrize("size", ["small", "2kb"])
def test_fix_keeps_the_final_line_endings(ending: str, size: str, tmp_path: Path) -> None:
    """A CR-only file, or one ending `\\n\\r`: LibCST drops the last `\\r`; `fix` must not."""
    newline = "\r" if ending.startswith("\r") and not ending.startswith("\r\n") else "\n"
    filler = "".join(f"x{i} = {i}{newline}" for i in range(250 if size == "2kb" else 1))
    source = (REPORTED + newline + filler + "print(make)" + ending).encode()
    root = _project(tmp_path, {"app.py": source})
    from ssot_lint.app import RunOptions, fix

    report = fix(RunOptions(paths=(root / "app.py",), cwd=root, jobs=1), write=True)
    assert report.remaining.errors == ()
    assert (root / "app.py").read_bytes() == source.replace(b"pkg.old", b"pkg.new")


@pytest.mark.parametrize("size", ["small", "2kb"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=repr)
def test_fix_keeps_a_line_holding_only_a_backslash(size: str, newline: str, tmp_path: Path) -> None:
    filler = "".join(f"x{i} = {i}\n" for i in range(250 if size == "2kb" else 0))
    lines = ["import os", REPORTED, "\\", "", "\\", "print(make)"]
    source = (filler + newline.join(lines) + newline).encode()
    root = _project(tmp_path, {"app.py": source})
    from ssot_lint.app import RunOptions, fix

    report = fix(RunOptions(paths=(root / "app.py",), cwd=root, jobs=1), write=True)
    assert report.remaining.errors == ()
    assert (root / "app.py").read_bytes() == source.replace(b"pkg.old", b"pkg.new")


def test_text_context_shows_the_line_the_finding_is_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, {"app.py": _file(ENDINGS["lone-cr-before-the-import"], ("x = 1", "y = 2", REPORTED, USE))})
    monkeypatch.chdir(root)
    code, out, _ = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "app.py")
    assert code == 1
    assert f" 3 | {REPORTED}\n" in out


@pytest.mark.parametrize("name", ["cr", "mixed"])
def test_add_noqa_and_unused_noqa_count_the_parsers_lines(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _file(ENDINGS[name], ("import os", "x = 1  # noqa: SSOT004", REPORTED, "print(make)"))
    root = _project(tmp_path, {"app.py": source})
    monkeypatch.chdir(root)
    code, document, _ = _check(monkeypatch, capsys, "--extend-select", "SSOT100", "app.py")
    assert code == 1
    assert sorted((f["line"], f["code"]) for f in document["findings"]) == [(2, "SSOT100"), (3, "SSOT001")]
    code, _, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "--add-noqa", "app.py")
    assert code == 0, err
    endings = ENDINGS[name]
    expected = _file(endings, ("import os", "x = 1  # noqa: SSOT004", REPORTED + "  # noqa: SSOT001", "print(make)"))
    assert (root / "app.py").read_bytes() == expected


def test_a_baseline_fingerprint_does_not_depend_on_line_endings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file converted to other line endings keeps its baseline: the fingerprint drops comments
    up to the end of their line, wherever a line ends."""
    lines = ("from pkg.old import (  # why", "    make,  # the factory", ")", "print(make)")
    files = {f"app_{name}.py": _file(ENDINGS[name], lines) for name in ("lf", "cr", "mixed")}
    root = _project(tmp_path, files)
    monkeypatch.chdir(root)
    code, document, _ = _check(monkeypatch, capsys, *files)
    assert code == 1
    assert len(document["findings"]) == 3
    assert len({(f["line"], f["column"], f["fingerprint"]) for f in document["findings"]}) == 1
