"""Where ssot-lint lives: the one place its repository address and release tag are written.

ssot-lint is not published yet, so `REPOSITORY` is the address it is meant to be published at, an
assumption: SARIF's `informationUri` and each rule's `helpUri`, the LSP diagnostics' rule links,
and the install line and pre-commit `repo`/`rev` of docs/ci.md and .pre-commit-hooks.yaml all
name it (tests/ci/test_home.py keeps those documents equal to these constants). To publish
elsewhere, change it here, then the two documents (the test names what differs).
"""

from __future__ import annotations

from .version import __version__

__all__ = ["RELEASE_TAG", "REPOSITORY", "RULES_URI"]

REPOSITORY = "https://github.com/ssot-lint/ssot-lint"
#: the git tag of this version, as the install line and pre-commit's `rev` pin it.
RELEASE_TAG = f"v{__version__}"
#: each rule's page, as `rules/` holds it in the repository (`{RULES_URI}/SSOT001-deprecated-import.md`).
RULES_URI = f"{REPOSITORY}/blob/main/rules"
