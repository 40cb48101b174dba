import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def options_content(tmp_path):
    """A content folder holding only the two fixture options and one Korean translation."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES, root)
    return root


@pytest.fixture
def synced(options_content, db):
    from regenknee.sync.engine import sync_content

    sync_content(options_content)
    return options_content
