"""Identifiers as Python reads them (issue 12, section 4): `from pkg.ｏｌｄ import Thing` (fullwidth
letters) imports `pkg.old`, because the parser NFKC-normalises every identifier. Every rule, the
byte prefilter and the statement selection of big files read names that way; `fix` rewrites the
import and leaves every other spelling in the file as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ssot_lint.analysis.prefilter import Prefilter
from ssot_lint.analysis.sparse import skeleton

from reliability_helpers import make_project, run_main

CONTRACT = '[[contract]]\nname = "thing"\ncanonical = "pkg.new"\ndeprecated = ["pkg.old"]\n'
MODULES = {
    "pkg/__init__.py": "",
    "pkg/new.py": "class Thing:\n    pass\n\n\ndef make():\n    return Thing()\n",
    "pkg/old.py": "from pkg.new import Thing, make\n",
}
FULLWIDTH_OLD = "\uff4f\uff4c\uff44"  # ｏｌｄ
FILLER = "".join(f"def f{i}():\n    return {i}\n" for i in range(120))  # over 2 KB: read statement by statement

#: name -> (file, line and column of the one SSOT001, the file after `fix`)
CASES = {
    "from-fullwidth-module": (
        f"from pkg.{FULLWIDTH_OLD} import Thing\nprint(Thing)\n", (1, 21),
        "from pkg.new import Thing\nprint(Thing)\n"),
    "import-fullwidth-module": (
        f"import pkg.{FULLWIDTH_OLD} as m\nprint(m.Thing)\n", (1, 8),
        "import pkg.new as m\nprint(m.Thing)\n"),
    "fullwidth-name-from-ascii-module": (
        "from pkg.old import \uff34hing\nprint(\uff34hing)\n", (1, 21),
        "from pkg.new import Thing\nprint(\uff34hing)\n"),  # the rewritten line spells it as Python reads it
    "ligature-and-other-lines-kept": (
        f"import os\nfrom pkg.{FULLWIDTH_OLD} import Thing\n\ufb01le = Thing  # ｃｏｍｍｅｎｔ\n", (2, 21),
        "import os\nfrom pkg.new import Thing\n\ufb01le = Thing  # ｃｏｍｍｅｎｔ\n"),
    "big-file": (
        f"from pkg.{FULLWIDTH_OLD} import Thing\n{FILLER}print(Thing)\n", (1, 21),
        f"from pkg.new import Thing\n{FILLER}print(Thing)\n"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_name_spelled_in_another_form_is_found_and_fixed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, where, fixed = CASES[name]
    root = make_project(tmp_path / "p", {**MODULES, "app.py": source}, contract=CONTRACT)
    monkeypatch.chdir(root)
    code, out, err = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1", "--output-format", "json", "app.py")
    assert code == 1, err
    assert [(f["line"], f["column"], f["code"]) for f in json.loads(out)["findings"]] == [(*where, "SSOT001")]
    code, _, err = run_main(monkeypatch, capsys, "fix", "--jobs", "1", "app.py")
    assert code == 0, err
    assert (root / "app.py").read_text(encoding="utf-8") == fixed


@pytest.mark.parametrize(("text", "encoding"), [
    (f"from pkg.{FULLWIDTH_OLD} import Thing\n", "utf-8"),
    (f"# -*- coding: shift_jis -*-\nfrom pkg.{FULLWIDTH_OLD} import Thing\n", "shift_jis"),
    ("from pkg.cafe\u0301 import x\nold = 1\n", "utf-8"),  # decomposed, and `old` as it is
    ("from pkg.o\u029fd import Thing\n", "utf-8"),  # looks alike, is another name
    ("# -*- coding: latin-1 -*-\ns = 'caf\u00e9'\n", "latin-1"),
], ids=["fullwidth", "fullwidth-shift-jis", "ascii-next-to-decomposed", "look-alike", "latin-1"])
def test_the_prefilter_reads_names_as_python_does(text: str, encoding: str) -> None:
    import ast

    names = {n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)}
    names |= {part for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom) for part in (n.module or "").split(".")}
    assert Prefilter((b"old",)).matches(text.encode(encoding)) == ("old" in names)


def test_statement_selection_follows_a_non_ascii_alias() -> None:
    """A kept statement uses `wç`; the import binding it spells no needle and must be kept too."""
    source = ("import app.websocket_core as w\u00e7\n" + FILLER + "x = w\u00e7.manager.X\n").encode()
    compact = skeleton(source, re.compile(rb"(?<![A-Za-z0-9_])manager(?![A-Za-z0-9_])"))
    assert compact is not None
    assert compact.text.startswith("import app.websocket_core as w\u00e7\n".encode())
    assert compact.text.endswith(b"x = w\xc3\xa7.manager.X\n")
