"""Rule documentation, rendered from the check classes: `ssot-lint rule CODE` and `rules/*.md`.

The Example / Use instead sections come from each rule's first INVALID example and its `fixed`
text, so the docs can never show code the rule does not actually flag.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from ..rules import ANALYSIS_ERROR, DEPRECATED_IMPORT, UNUSED_NOQA, Rule
from . import ALL_CHECKS, Check

__all__ = ["NOT_CHECKS", "all_codes", "page_name", "render_code", "render_rule", "rule_by_code", "write_pages"]


def rule_by_code(code: str) -> type[Check] | None:
    return next((c for c in ALL_CHECKS if c.CODE == code), None)


def _page(rule: Rule, body: str) -> str:
    return f"# {rule.name} ({rule.code})\n\n{rule.summary}.\n\n{body}"


#: codes that are not checks of the contract: code -> (name, page), the pages written here.
NOT_CHECKS: dict[str, tuple[str, str]] = {
    rule.code: (rule.name, _page(rule, body))
    for rule, body in (
        (ANALYSIS_ERROR, """## What it does
Reports a file that could not be read, decoded or parsed (a syntax error, invalid UTF-8, NUL
bytes, code nested deeper than CPython compiles, a file that vanished or crashed the parser), with
its line and what to do. Every other file is still checked.

## Why is this bad?
A file that was not analysed may hold findings nobody sees: the report is incomplete, so `check`
exits 2, which wins over 1.

## Fix safety
No fix: `fix` never touches such a file. Fix the file (the message says what is wrong), or
exclude it in `[tool.ssot-lint]`.
"""),
        (UNUSED_NOQA, """## What it does
Reports each SSOT code in a `# noqa: ...` comment that silenced no finding on that line (the
finding's line, or the first line of its statement), and each unknown SSOT code. Codes of other
tools (`E501`) are left alone, and so are codes that did not run on the file (not selected, or
ignored for it). Like Ruff's RUF100 it is opt-in: `--extend-select {code}` (or a `--select`
naming it or a prefix of it).

## Why is this bad?
A stale suppression hides the next real finding on that line: after a migration, yesterday's
`# noqa: {example}` would silence a new deprecated import written there tomorrow.

## Example
```python
import os  # noqa: {example}
```

## Use instead
```python
import os
```

## Fix safety
Safe: the fix removes the unused codes from the comment (the whole directive when none is left,
keeping any other comment on the line) and is refused if the file's syntax tree would change.
`--add-noqa` is the inverse: it adds a directive to every finding's line.
""".format(code=UNUSED_NOQA.code, example=DEPRECATED_IMPORT.code)),
    )
}


def render_code(code: str) -> str | None:
    """The page of any code: a check's generated page, or SSOT000's and SSOT100's."""
    check = rule_by_code(code)
    if check is not None:
        return render_rule(check)
    return NOT_CHECKS[code][1] if code in NOT_CHECKS else None


def all_codes() -> list[str]:
    return sorted([c.CODE for c in ALL_CHECKS] + list(NOT_CHECKS))


def page_name(check: type[Check]) -> str:
    return f"{check.CODE}-{check.NAME}.md"


def _sections(check: type[Check]) -> tuple[str, str]:
    """The docstring split around `## Fix safety`, so the examples go in between."""
    doc = inspect.cleandoc(check.__doc__ or "")
    head, marker, tail = doc.partition("## Fix safety")
    return head.rstrip(), (marker + tail).strip()


def render_rule(check: type[Check]) -> str:
    """The Markdown page of one rule (Ruff's section order)."""
    head, tail = _sections(check)
    parts = [f"# {check.NAME} ({check.CODE})", "", check.SUMMARY + ".", "", head, ""]
    if check.INVALID:
        example = check.INVALID[0]
        parts += ["## Example", "```python", example.code.rstrip(), "```", ""]
        if example.fixed is not None:
            parts += ["## Use instead", "```python", example.fixed.rstrip(), "```", ""]
    parts += [tail, ""]
    return "\n".join(parts)


def write_pages(folder: Path) -> list[Path]:
    """Regenerate `rules/`: one page per rule plus an index."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    index = ["# Rules", "", "| code | name | summary |", "|---|---|---|"]
    for code in all_codes():
        check = rule_by_code(code)
        name = check.NAME if check else NOT_CHECKS[code][0]
        summary = check.SUMMARY if check else (render_code(code) or "").split("\n")[2]
        page = folder / f"{code}-{name}.md"
        page.write_text(render_code(code) or "", encoding="utf-8")
        written.append(page)
        index.append(f"| {code} | [{name}]({page.name}) | {summary.rstrip('.')} |")
    readme = folder / "README.md"
    readme.write_text("\n".join(index) + "\n", encoding="utf-8")
    return [readme, *written]


if __name__ == "__main__":  # python -m ssot_lint.checks.docs: regenerate rules/
    for path in write_pages(Path(__file__).resolve().parents[2] / "rules"):
        print(path)
