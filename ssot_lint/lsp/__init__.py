"""The language server (`ssot-lint server`): findings and fixes as LSP messages."""
