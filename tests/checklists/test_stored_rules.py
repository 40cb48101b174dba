"""A checklist rule stored some way other than a validated form never breaks the checklist:
the patient gets the question (asking too much is safer than hiding it)."""

import logging

import pytest

from regenknee.checklists.models import Question, QuestionGroup

pytestmark = pytest.mark.django_db

ANSWERS = {"diagnosis": "kl2", "cell_source": "fat", "delivery": "injection", "setting": "private"}


@pytest.fixture
def question(db):
    group = QuestionGroup.objects.create(slug="g", title="Group", position=1)
    return Question.objects.create(
        group=group, key="odd-rule", text="Is this question shown?", why="W.",
        clear_answer="C.", vague_answer="V.", source="S",
    )  # fmt: skip


@pytest.mark.parametrize(
    "rule",
    [["diagnosis"], {"diagnosis": "kl2"}, {"mood": ["happy"]}, {"diagnosis": [["kl2"]]}, "x", 7],
)
def test_a_bad_stored_rule_still_gives_a_checklist_with_the_question(
    client, question, rule, caplog
):
    Question.objects.filter(pk=question.pk).update(applies_when=rule)
    with caplog.at_level(logging.WARNING, logger="regenknee.checklists.answers"):
        response = client.post("/checklist/", ANSWERS)
    assert response.status_code == 200
    assert 'id="question-odd-rule"' in response.content.decode()
    assert "ignoring a checklist rule that is not valid" in caplog.text


def test_the_valid_part_of_a_stored_rule_still_applies(client, question):
    Question.objects.filter(pk=question.pk).update(
        applies_when={"diagnosis": ["kl4", "kl9"], "mood": ["happy"]}
    )
    assert 'id="question-odd-rule"' not in client.post("/checklist/", ANSWERS).content.decode()
    shown = client.post("/checklist/", {**ANSWERS, "diagnosis": "kl4"}).content.decode()
    assert 'id="question-odd-rule"' in shown
