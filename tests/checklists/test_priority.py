"""A question's priority is reviewed content with one rule, held by the model."""

import pytest
from django.core.exceptions import ValidationError

from regenknee.checklists.models import Question, QuestionGroup

pytestmark = pytest.mark.django_db


def question(priority):
    group = QuestionGroup.objects.create(slug="cells", title="The cells", position=1)
    return Question(
        group=group,
        key="dose",
        priority=priority,
        text="How many cells?",
        why="W.",
        clear_answer="C.",
        vague_answer="V.",
        source="S",
    )


@pytest.mark.parametrize("priority", [0, 6, 100])
def test_a_priority_outside_one_to_five_is_refused(priority):
    with pytest.raises(ValidationError) as error:
        question(priority).full_clean()
    assert "priority" in error.value.message_dict


@pytest.mark.parametrize("priority", [1, 3, 5])
def test_a_priority_from_one_to_five_is_accepted(priority):
    question(priority).full_clean()


def test_a_new_question_is_important_but_not_essential_by_default():
    group = QuestionGroup.objects.create(slug="cells", title="The cells", position=1)
    assert Question(group=group).priority == 3
