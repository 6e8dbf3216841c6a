"""Everything printed that came from the project is inert (issue 12, section 4): terminal escape
sequences in file names and contents (`\\e[2J`, `\\e]0;title\\a`, OSC 8 links, the C1 CSI), a newline
in a file name, rich markup in a contract or folder name. Each format shows them escaped: no
terminal acts on them, a CI log gets no line of theirs, JSON stays JSON and XML stays XML."""

from __future__ import annotations

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reliability_helpers import IMPORT, make_project, run_main

CLEAR, TITLE, LINK, CSI = "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;http:evil\x1b\\link\x1b]8;;\x1b\\", "\x9b31m"
NAMES = {
    "clear-and-title": f"app/evil{CLEAR}{TITLE}.py",
    "newline": "app/x\n::error file=a.py::pwned.py",
    "osc8-link": f"app/osc{LINK}.py",
    "c1-csi": f"app/c1{CSI}.py",
    "control": "app/ctl\x01\x1f.py",
}
#: the finding's own line holds the sequences too (shown as context, quoted in diffs).
CONTENT = IMPORT.rstrip("\n") + f"  # {CLEAR}{TITLE}{LINK}{CSI}\n"
#: what must never reach a stream raw: C0 controls but newline, DEL, C1 controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
FORMATS = ("text", "concise", "github", "gitlab", "json", "sarif", "junit")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("output") / "p")
    for name in NAMES.values():
        Path(root, name).write_text(CONTENT, encoding="utf-8")
    return root


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    return run_main(monkeypatch, capsys, *args)


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_prints_hostile_names_and_lines_inert(
    hostile: Path, output_format: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(monkeypatch, capsys, hostile, "check", "--no-cache", "--jobs", "1", "--output-format", output_format)
    assert code == 1, err
    assert RAW.search(out + err) is None, repr(RAW.search(out + err))
    findings = len(NAMES)
    if output_format == "github":
        lines = out.splitlines()
        assert len(lines) == findings and all(line.startswith("::error file=app/") for line in lines), lines
        assert "file=app/x%0A%3A%3Aerror file=a.py%3A%3Apwned.py," in out
    elif output_format in ("json", "gitlab", "sarif"):
        document = json.loads(out)  # the JSON escapes hold the names exactly
        if output_format == "json":
            assert {f["path"] for f in document["findings"]} == set(NAMES.values())
        elif output_format == "gitlab":
            assert {i["location"]["path"] for i in document} == set(NAMES.values())
        else:
            assert len(document["runs"][0]["results"]) == findings
    elif output_format == "junit":
        cases = list(ET.fromstring(out).iter("testcase"))  # well-formed XML
        assert sum(1 for case in cases if case.find("failure") is not None) == findings
        assert "app/ctl\\x01\\x1f.py" in {case.get("classname") for case in cases}
    else:
        assert "app/evil\\x1b[2J\\x1b]0;title\\x07.py" in out and "app/x\\x0a::error" in out
        assert "app/c1\\x9b31m.py" in out


def test_colour_on_adds_only_our_own_styling(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(monkeypatch, capsys, hostile, "check", "--no-cache", "--jobs", "1", "--color", "always")
    assert code == 1
    assert "\x1b[" in out  # colour is on
    assert not re.search("\x1b[^\\[]|\x1b\\[2J|[\x07\x9b]", out)  # no OSC, no clear screen, no BEL or CSI of theirs


def test_fix_diff_shows_names_and_lines_inert(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(monkeypatch, capsys, hostile, "fix", "--diff", "--jobs", "1")
    assert code == 1, err
    assert RAW.search(out + err) is None, repr(RAW.search(out + err))
    assert "--- a/app/x\\x0a::error file=a.py::pwned.py\n" in out
    assert not any(line.startswith("::") for line in out.splitlines())


def test_config_messages_show_the_files_characters_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    body = '[tool.ssot-lint]\nsrc = ["."]\n"bogus\\u001b]0;t\\u0007" = 1\n[[tool.ssot-lint.contract]]\nname = "c\\u001b[2J"\ncanonical = "a.b\\u009b"\ndeprecated = ["c.d"]\n'
    root = make_project(tmp_path / "p", pyproject=body)
    code, out, err = _run(monkeypatch, capsys, root, "check", "--no-cache")
    assert code == 2
    assert RAW.search(out + err) is None, repr(err)
    assert "bogus\\x1b]0;t\\x07" in err


#: a contract and folders named in rich markup and emoji codes: shown as written, never styled.
MARKUP_CONTRACT = '[[contract]]\nname = "[bold red]thing[/] :smile: [link=http://e]x[/link]\\u001b]0;t\\u0007"\n'


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ssot_lint.checks.base import DEFAULT_CONTRACT

    contract = re.sub(r'(?m)^name = ".*"\n', "", DEFAULT_CONTRACT, count=1).replace("[[contract]]\n", MARKUP_CONTRACT, 1)
    files: dict[str, str | bytes] = {"a[/x]/mod.py": IMPORT, "[red]/mod.py": IMPORT, ":smile:/mod.py": IMPORT}
    return make_project(tmp_path_factory.mktemp("markup") / "p", files, contract=contract)


@pytest.mark.parametrize("depth", ["1", "2"])
def test_stats_text_never_reads_names_as_markup(
    markup: Path, depth: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(monkeypatch, capsys, markup, "stats", "--depth", depth)
    assert code == 0, err
    assert "[bold red]thing[/] :smile: [link=http://e]x[/link]\\x1b]0;t\\x07" in out
    assert RAW.search(out + err) is None
    if depth == "2":
        assert "a[/x]" in out and "[red]" in out and ":smile:" in out


def test_stats_json_and_html_keep_names_inert(
    markup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(monkeypatch, capsys, markup, "stats", "--output-format", "json", "--depth", "2")
    assert code == 0, err
    assert RAW.search(out) is None
    snapshot = json.loads(out)
    assert {r["key"] for r in snapshot["by_directory"]} >= {"a[/x]", "[red]", ":smile:"}
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**snapshot, "generated_at": "<script>alert(1)</script>2026-01-01"}), encoding="utf-8")
    page = tmp_path / "page.html"
    code, _, err = _run(monkeypatch, capsys, markup, "stats", "--html", str(page), "--history", str(old))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;" in html
    assert RAW.search(html) is None


def test_stats_history_snapshot_with_a_script_for_a_number_is_refused(
    markup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"generated_at": "2026-01-01", "findings": 3, "fixable": "<script>alert(1)</script>"}), encoding="utf-8")
    page = tmp_path / "page.html"
    code, _, err = _run(monkeypatch, capsys, markup, "stats", "--html", str(page), "--history", str(old))
    assert code == 2
    assert "--history" in err and "fixable" in err and "Traceback" not in err
    assert not page.exists()


def test_json_escapes_what_a_terminal_would_act_on() -> None:
    from ssot_lint.sanitize import json_safe

    text = json_safe(json.dumps({"p": "a\x9b31m\u202eb\u2028" + os.fsdecode(b"\xe9")}, ensure_ascii=False))
    assert text == '{"p": "a\\u009b31m\\u202eb\\u2028\\udce9"}'
    assert json.loads(text)["p"] == "a\x9b31m\u202eb\u2028" + os.fsdecode(b"\xe9")


def test_check_fix_show_fixes_lists_names_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    for name in NAMES.values():
        Path(root, name).write_text(CONTENT, encoding="utf-8")
    code, out, err = _run(monkeypatch, capsys, root, "check", "--no-cache", "--jobs", "1", "--fix", "--show-fixes")
    assert code == 0, err
    assert RAW.search(out + err) is None, repr(RAW.search(out + err))
    assert "- app/x\\x0a::error file=a.py::pwned.py:\n" in out


def test_init_quotes_a_deprecation_message_inert_and_writes_valid_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init` quotes the project's own deprecation messages as evidence comments: their escape
    sequences must neither reach the terminal nor make pyproject.toml invalid TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    root = tmp_path / "p"
    files = {
        "pyproject.toml": '[project]\nname = "pkg"\n',
        "pkg/__init__.py": "",
        "pkg/new.py": "class Thing:\n    pass\n",
        "pkg/old.py": (f'"""Deprecated {TITLE}: use pkg.new."""\nimport warnings\nfrom pkg.new import Thing  # noqa\n\n'
                       f'warnings.warn("Deprecated {CLEAR}{CSI}: use `pkg.new`.", DeprecationWarning)\n'),
        "app.py": "from pkg.old import Thing\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    code, out, err = _run(monkeypatch, capsys, root, "init", "--dry-run")
    assert code == 0, err
    assert "pkg.old" in out and RAW.search(out + err) is None, repr(out)
    code, _, err = _run(monkeypatch, capsys, root, "init")
    assert code == 0, err
    assert tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ssot-lint"]["contract"]
