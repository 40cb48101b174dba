"""The question bank in content/checklist/ syncs under the same rules as articles."""

import shutil
import textwrap

import pytest

from regenknee.checklists.models import Question, QuestionGroup, RedFlag
from regenknee.sync.engine import ContentErrors, export_content, sync_content
from tests.conftest import REPO

pytestmark = pytest.mark.django_db

GROUP = textwrap.dedent(
    """\
    title: The cells
    slug: cells
    position: 2
    intro: About the cells.
    questions:
      - key: cells-source
        priority: 1
        text: Where do the cells come from?
        why: The source changes the risks.
        clear_answer: Your own fat.
        vague_answer: Our special formula.
        applies_when: {}
        source: ISSCR
        source_url: https://www.isscr.org/
      - key: cells-harvest
        priority: 3
        text: How will you collect them?
        why: It is a procedure in itself.
        clear_answer: A needle in the hip bone.
        vague_answer: It's nothing.
        applies_when: {cell_source: [fat, bone_marrow]}
        source: ISSCR
        source_url: https://www.isscr.org/
    """
)
FLAGS = textwrap.dedent(
    """\
    red_flags:
      - key: testimonials
        sign: Stories instead of studies.
        why: Stories cannot count who was helped.
        source: FDA
        source_url: https://www.fda.gov/
    """
)


@pytest.fixture
def bank_dir(tmp_path):
    (tmp_path / "checklist").mkdir()
    (tmp_path / "checklist" / "02-cells.yaml").write_text(GROUP)
    (tmp_path / "checklist" / "red-flags.yaml").write_text(FLAGS)
    return tmp_path


def test_sync_creates_groups_questions_and_red_flags(bank_dir):
    report = sync_content(bank_dir)
    assert sorted(report.created) == ["question group cells", "red flag testimonials"]
    group = QuestionGroup.objects.get(slug="cells")
    assert [q.key for q in group.questions.all()] == ["cells-source", "cells-harvest"]
    # applies_when values are stored in the form's order, whatever order the file used
    assert Question.objects.get(key="cells-harvest").applies_when == {
        "cell_source": ["bone_marrow", "fat"]
    }
    assert RedFlag.objects.get().sign == "Stories instead of studies."
    assert [q.priority for q in group.questions.all()] == [1, 3]


def test_a_priority_changed_in_the_admin_is_exported_after_the_key(bank_dir):
    sync_content(bank_dir)
    Question.objects.filter(key="cells-harvest").update(priority=2)
    export_content(bank_dir)
    lines = [line.strip(" -") for line in (bank_dir / "checklist" / "02-cells.yaml").open()]
    at = lines.index("key: cells-harvest\n")
    assert lines[at + 1 : at + 3] == ["priority: 2\n", "text: How will you collect them?\n"]
    assert sync_content(bank_dir).updated == []


def test_sync_twice_changes_nothing(bank_dir):
    sync_content(bank_dir)
    report = sync_content(bank_dir)
    assert report.created == report.updated == report.conflicts == []


def test_admin_edit_to_a_question_is_kept_as_a_conflict(bank_dir):
    sync_content(bank_dir)
    Question.objects.filter(key="cells-source").update(text="Edited in the admin?")
    (bank_dir / "checklist" / "02-cells.yaml").write_text(GROUP.replace("The cells", "Cells"))
    report = sync_content(bank_dir)
    assert report.conflicts == ["question group cells"]
    assert Question.objects.get(key="cells-source").text == "Edited in the admin?"


def test_updating_a_group_keeps_each_questions_history(bank_dir):
    sync_content(bank_dir)
    question = Question.objects.get(key="cells-source")
    (bank_dir / "checklist" / "02-cells.yaml").write_text(
        GROUP.replace("Where do the cells come from?", "Where exactly do the cells come from?")
    )
    assert sync_content(bank_dir).updated == ["question group cells"]
    updated = Question.objects.get(key="cells-source")
    assert updated.pk == question.pk
    assert updated.history.count() == 2


def test_export_then_sync_is_a_no_op_for_the_real_bank(tmp_path):
    shutil.copytree(REPO / "content", tmp_path / "content")
    sync_content(tmp_path / "content")
    for path in (tmp_path / "content" / "checklist").glob("*.yaml"):
        path.unlink()
    export_content(tmp_path / "content")
    report = sync_content(tmp_path / "content")
    assert report.created == report.updated == report.conflicts == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("applies_when: {}", "applies_when: {mood: [happy]}"),
            "02-cells.yaml:12: 'applies_when': 'mood' is not one of the form's answers",
        ),
        (
            ("[fat, bone_marrow]", "[fat, liver]"),
            "02-cells.yaml:21: 'applies_when': cell_source has no answer 'liver'",
        ),
        (
            ("key: cells-harvest", "key: cells-source"),
            "02-cells.yaml:15: the question key 'cells-source' is used twice",
        ),
        (
            ("    why: The source changes the risks.\n", ""),
            "02-cells.yaml:6: 'why' is required and must not be empty",
        ),
        (
            (
                "source_url: https://www.isscr.org/\n  - key",
                "source_url: javascript:alert(1)\n  - key",
            ),
            "02-cells.yaml:14: 'source_url': Enter a web address that starts with https://",
        ),
        (("position: 2", "position: second"), "02-cells.yaml:3: 'position' must be a whole number"),
        (
            ("priority: 3", "priority: 6"),
            "02-cells.yaml:16: 'priority' must be a whole number from 1 (ask first) to 5",
        ),
        (
            ("priority: 1", "priority: high"),
            "02-cells.yaml:7: 'priority' must be a whole number from 1 (ask first) to 5",
        ),
        (
            ("    priority: 1\n", ""),
            "02-cells.yaml:6: 'priority' must be a whole number from 1 (ask first) to 5",
        ),
    ],
)
def test_invalid_group_file_fails_with_its_line_and_changes_nothing(bank_dir, change, message):
    sync_content(bank_dir)
    path = bank_dir / "checklist" / "02-cells.yaml"
    path.write_text(GROUP.replace(*change).replace("intro: About", "intro: Now about"))
    with pytest.raises(ContentErrors) as failure:
        sync_content(bank_dir)
    assert message in str(failure.value)
    assert QuestionGroup.objects.get().intro == "About the cells."


def test_red_flags_file_must_hold_a_list(bank_dir):
    (bank_dir / "checklist" / "red-flags.yaml").write_text("flags: []\n")
    with pytest.raises(ContentErrors, match="the file must hold a list called red_flags"):
        sync_content(bank_dir)
    assert not RedFlag.objects.exists()


def test_two_group_files_with_one_slug_fail_with_the_slug_line(bank_dir):
    (bank_dir / "checklist" / "03-again.yaml").write_text(GROUP.replace("cells-", "again-"))
    with pytest.raises(ContentErrors) as failure:
        sync_content(bank_dir)
    assert (
        "checklist/03-again.yaml:2: the slug 'cells' is also used by checklist/02-cells.yaml"
        in str(failure.value)
    )
    assert not QuestionGroup.objects.exists()
