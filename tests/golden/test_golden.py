"""Golden cases: one folder per case, `input.py` with inline `# [SSOTnnn]` markers, `expected.py`.

For each folder: build a tmp project (the default contract and the contract modules' sources,
then the case's `files/` and `pyproject.toml`), place `input.py` at `app/consumer.py` (or at the
path in `path.txt`), and check that
- `check` reports exactly the marked (line, code) multiset;
- `fix` turns the file into `expected.py` byte for byte (no `expected.py`: the file is untouched);
- a second `fix` changes nothing, and `check` then reports no fixable finding.
A folder holding an `unsafe` file is also fixed with `--unsafe-fixes` against `expected_unsafe.py`.
A folder holding `reasons.txt` lists (one a line) parts of the reasons `check` gives for its
unfixable findings. A folder holding `error.txt` expects the file to be reported as an error of that kind. A folder
holding `project.txt` is built on the shared project `_projects/<name>` (its contract and
modules, e.g. small stand-ins for `collections`, `six.moves` and `mock` as the peers' tests use).
A `markers.txt` (`LINE:CODE` entries) replaces the inline markers of a case whose lines must keep
their trailing whitespace. A `source.txt` cites where a case comes from (a peer tool's test, or the issue).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from ssot_lint.app import RunOptions, check, fix
from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES
from ssot_lint.findings import CheckReport, FixReport

HERE = Path(__file__).resolve().parent
CASES = sorted(p.name for p in HERE.iterdir() if p.is_dir() and (p / "input.py").exists())
UNSAFE_CASES = [c for c in CASES if (HERE / c / "unsafe").exists()]
MARKER = re.compile(rb"#\s*\[(SSOT\d{3}(?:\s*,\s*SSOT\d{3})*)\]\s*$")
DEFAULT_PATH = "app/consumer.py"


def default_pyproject() -> str:
    body = DEFAULT_CONTRACT.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
    return f'[tool.ssot-lint]\nsrc = ["."]\n\n{body}'


def markers(source: bytes) -> Counter[tuple[int, str]]:
    """(line, code) of every `# [SSOT001, ...]` trailing comment; any line ending works."""
    found: Counter[tuple[int, str]] = Counter()
    for number, line in enumerate(source.split(b"\n"), start=1):
        match = MARKER.search(line.rstrip(b"\r"))
        if match:
            for code in match.group(1).split(b","):
                found[(number, code.strip().decode())] += 1
    return found


def expected_markers(case: Path) -> Counter[tuple[int, str]]:
    """The inline markers, or, for a case whose lines must end as they are (trailing whitespace
    is what it tests), `markers.txt`: one `LINE CODE` a line."""
    listed = case / "markers.txt"
    if not listed.exists():
        return markers((case / "input.py").read_bytes())
    found: Counter[tuple[int, str]] = Counter()
    for entry in listed.read_text(encoding="utf-8").split():
        line, code = entry.split(":")
        found[(int(line), code)] += 1
    return found


def case_path(case: Path) -> str:
    path_file = case / "path.txt"
    return path_file.read_text().strip() if path_file.exists() else DEFAULT_PATH


def build(case: Path, root: Path) -> Path:
    """The case's project under `root`; returns the file under test."""
    root.mkdir(parents=True, exist_ok=True)
    pyproject = case / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8") if pyproject.exists() else default_pyproject()
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    for relative, source in DEFAULT_SOURCES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(source, encoding="utf-8")
    shared = case / "project.txt"
    if shared.exists():  # a project several cases share (its own pyproject.toml and modules)
        shutil.copytree(HERE / "_projects" / shared.read_text().strip(), root, dirs_exist_ok=True)
    if (case / "files").is_dir():
        shutil.copytree(case / "files", root, dirs_exist_ok=True)
    target = root / case_path(case)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((case / "input.py").read_bytes())
    return target


def options(root: Path, target: Path, unsafe: bool = False) -> RunOptions:
    return RunOptions(paths=(target.relative_to(root),), cwd=root, jobs=1, unsafe_fixes=unsafe)


def run_check(root: Path, target: Path) -> CheckReport:
    return check(options(root, target))


def run_fix(root: Path, target: Path, unsafe: bool = False) -> FixReport:
    return fix(options(root, target, unsafe), write=True)


def found(report: CheckReport) -> Counter[tuple[int, str]]:
    return Counter((f.location.line, f.code) for f in report.findings)


def expect_errors(case: Path, report: CheckReport) -> None:
    error_file = case / "error.txt"
    kinds = [e.kind for e in report.errors]
    if error_file.exists():
        assert kinds == [error_file.read_text().strip()], [e.describe() for e in report.errors]
    else:
        assert kinds == [], [e.describe() for e in report.errors]


def expect_reasons(case: Path, report: CheckReport) -> None:
    """Each line of `reasons.txt` is part of the reason `check` gives for some unfixable finding."""
    reasons_file = case / "reasons.txt"
    if not reasons_file.exists():
        return
    given = [f.unfixable_reason or "" for f in report.findings if not f.fixable]
    for wanted in reasons_file.read_text(encoding="utf-8").splitlines():
        assert any(wanted in reason for reason in given), (wanted, given)


def fixed_output(case: Path, root: Path, target: Path, unsafe: bool, expected_name: str, update: bool) -> None:
    original = target.read_bytes()
    report = run_fix(root, target, unsafe)
    expect_errors(case, report.remaining)
    actual = target.read_bytes()
    expected_file = case / expected_name
    if update:
        if actual != original:
            expected_file.write_bytes(actual)
        elif expected_file.exists():
            expected_file.unlink()
        return
    expected = expected_file.read_bytes() if expected_file.exists() else original
    assert actual == expected
    # idempotent: fixing the expected output changes nothing.
    again = run_fix(root, target, unsafe)
    assert target.read_bytes() == expected
    assert again.changes == ()
    after = run_check(root, target)
    fixable = [f for f in after.findings if f.fixable and (not f.unsafe or unsafe)]
    assert fixable == [], fixable


@pytest.fixture(params=["whole", "skeleton"])
def fix_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every case is fixed both ways `fix` works: rewriting the whole file, and (what it does for
    files over 2 KB) rewriting a skeleton of the statements that matter and splicing the changed
    lines back. Both must give `expected.py` byte for byte."""
    from ssot_lint.fix import worker

    monkeypatch.setattr(worker, "SPARSE_FIX_BYTES", 0 if request.param == "skeleton" else 10**12)
    return str(request.param)


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, fix_way: str) -> None:
    case = HERE / name
    root = tmp_path / "project"
    target = build(case, root)
    monkeypatch.chdir(root)
    report = run_check(root, target)
    expect_errors(case, report)
    assert found(report) == expected_markers(case)
    expect_reasons(case, report)
    fixed_output(case, root, target, False, "expected.py", update_golden)


@pytest.mark.parametrize("name", UNSAFE_CASES)
def test_golden_unsafe(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool, fix_way: str) -> None:
    case = HERE / name
    root = tmp_path / "project"
    target = build(case, root)
    monkeypatch.chdir(root)
    fixed_output(case, root, target, True, "expected_unsafe.py", update_golden)


def test_read_only_file_is_left_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file nobody may write is refused, even for root (who `os.access` lets write anything)."""
    case = HERE / "from_import_basic"
    root = tmp_path / "project"
    target = build(case, root)
    monkeypatch.chdir(root)
    target.chmod(0o444)
    before = target.read_bytes()
    report = run_fix(root, target)
    assert target.read_bytes() == before
    assert target.stat().st_mode & 0o777 == 0o444
    assert [e.kind for e in report.remaining.errors] == ["write"]
    assert report.changes == ()
    assert [f.code for f in report.remaining.findings] == ["SSOT001"]
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []
