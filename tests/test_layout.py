"""Dependencies point one way: content apps import core and sync, never the reverse, and never
each other's internals."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "regenknee"
CONTENT_APPS = ("regenknee.articles", "regenknee.checklists")


def imported_modules(app: str) -> set[str]:
    modules = set()
    for path in (PACKAGE / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
    return modules


@pytest.mark.parametrize("app", ["core", "sync"])
def test_core_and_sync_import_no_content_app(app):
    assert not [m for m in imported_modules(app) if m.startswith(CONTENT_APPS)]


def test_search_imports_no_content_app():
    assert not [m for m in imported_modules("search") if m.startswith(CONTENT_APPS)]


def test_checklists_do_not_use_the_articles_content_files_module():
    assert "regenknee.articles.content" not in imported_modules("checklists")
