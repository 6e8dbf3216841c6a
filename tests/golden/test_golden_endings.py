"""Every golden case again with every line ending: CRLF, CR only, and a mix of all three.

Python ends a line at `\\n`, `\\r\\n` and a lone `\\r`, so a case's findings stand on the same lines
whatever its endings; `fix` gives the case's `expected.py` in the file's own endings (CRLF, CR),
and in a mixed file changes only the lines the LF fix changes: every other line keeps its bytes,
ending included.
"""

from __future__ import annotations

import ast
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from ssot_lint.lines import split_keepends

from test_golden import CASES, HERE, build, expect_errors, expected_markers, found, run_check, run_fix

ENDINGS = {"crlf": ("\r\n",), "cr": ("\r",), "mixed": ("\r\n", "\r", "\n")}


def convert(text: str, endings: tuple[str, ...]) -> str:
    """`text` (LF) with its n-th line ending made `endings[n % len(endings)]` (but never a lone
    `\r` before an empty line ending `\n`: together they would be one CRLF)."""
    out: list[str] = []
    for n, line in enumerate(split_keepends(text)):
        ending = endings[n % len(endings)]
        if line == "\n" and ending == "\n" and out and out[-1].endswith("\r"):
            ending = "\r\n"
        out.append(line[:-1] + ending if line.endswith("\n") else line)
    return "".join(out)


def _lf(path: Path) -> str:
    return path.read_bytes().decode("latin-1").replace("\r\n", "\n")


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("name", CASES)
def test_golden_with_every_line_ending(name: str, ending: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = HERE / name
    root = tmp_path / "project"
    target = build(case, root)
    monkeypatch.chdir(root)
    lf_input = _lf(case / "input.py")
    source = convert(lf_input, ENDINGS[ending]).encode("latin-1")
    target.write_bytes(source)
    report = run_check(root, target)
    expect_errors(case, report)
    assert found(report) == expected_markers(case)
    run_fix(root, target)
    output = target.read_bytes().decode("latin-1")
    expected_lf = _lf(case / "expected.py") if (case / "expected.py").exists() else lf_input
    if ending != "mixed":
        assert output == convert(expected_lf, ENDINGS[ending])
        return
    # the lines are the LF fix's, and every line the fix kept outside an import it may have
    # rewritten (whose new lines take the file's first ending) keeps its bytes, ending included
    after = split_keepends(output)
    assert [line.rstrip("\r\n") for line in after] == [line.rstrip("\n") for line in split_keepends(expected_lf)]
    before = split_keepends(source.decode("latin-1"))
    imports = _import_lines(lf_input)
    matcher = SequenceMatcher(None, [b.rstrip("\r\n") for b in before], [a.rstrip("\r\n") for a in after], autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.size):
            if block.a + i + 1 not in imports:
                assert before[block.a + i] == after[block.b + i], block.a + i + 1


def _import_lines(text: str) -> set[int]:
    """1-based lines of the import statements in `text` (none when it does not parse)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {
        line
        for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
