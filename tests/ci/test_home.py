"""The repository address and release tag are written once (`ssot_lint.home`): every document that
names them, and every link ssot-lint prints to a rule's page, agrees with it."""

from __future__ import annotations

import re
from pathlib import Path

import ssot_lint
from ssot_lint.findings import CheckReport
from ssot_lint.home import RELEASE_TAG, REPOSITORY, RULES_URI
from ssot_lint.reporters.sarif import to_sarif

ROOT = Path(__file__).resolve().parents[2]


def test_the_release_tag_is_this_version() -> None:
    assert RELEASE_TAG == f"v{ssot_lint.__version__}"


def test_docs_and_the_hook_file_name_the_repository_and_tag() -> None:
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert set(re.findall(r'pip install "git\+([^"@]+)@([^"]+)"', ci)) == {(REPOSITORY, RELEASE_TAG)}
    for text in (ci, hooks):
        assert re.findall(r"repo: (\S+)[ \t]*(?:#[^\n]*)?\n\s*#?\s*rev: (\S+)", text) == [(REPOSITORY, RELEASE_TAG)]
    # no other address of a repository anywhere in them
    assert set(re.findall(r"https://github\.com/[^\s\"@)]+", ci + hooks)) == {REPOSITORY}


def test_every_rule_link_is_a_page_of_the_repository() -> None:
    rules = to_sarif(CheckReport(results=(), files_scanned=0))["runs"][0]["tool"]["driver"]
    assert rules["informationUri"] == REPOSITORY
    for rule in rules["rules"]:
        uri = rule["helpUri"]
        assert uri.startswith(RULES_URI + "/")
        assert (ROOT / "rules" / uri.removeprefix(RULES_URI + "/")).is_file(), uri
