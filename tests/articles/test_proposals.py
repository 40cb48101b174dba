"""Glossary terms and checklist items: an editor's save is sent for review, and only a
medical reviewer's approval puts it on the site."""

import pytest
from django.contrib.auth.models import Group, User

from regenknee.articles import roles
from regenknee.articles.models import Article, ContentChange, GlossaryTerm
from regenknee.checklists.models import Question, QuestionGroup

pytestmark = pytest.mark.django_db


def staff(username, group):
    user = User.objects.create_user(username, password="pw-Long-enough-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def term():
    return GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Old.")


def term_data(**changes):
    return {
        "term": "Cartilage",
        "slug": "cartilage",
        "definition": "Old.",
        "aliases": "[]",
    } | changes


def test_an_editors_change_waits_for_review_and_the_site_stays_the_same(client, term):
    client.force_login(staff("eddie", roles.EDITOR))
    response = client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(definition="New.")
    )
    change = ContentChange.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/contentchange/{change.pk}/change/"
    term.refresh_from_db()
    assert term.definition == "Old."
    assert "Old." in client.get("/glossary/").content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "<td><del>Old.</del></td><td><ins>New.</ins></td>" in page
    assert "Approve and publish" not in page


def test_a_reviewer_approves_and_the_change_goes_live(client, term):
    article = Article.objects.create(
        slug="a", title="A", summary="S", body="Bone marrow.", position=1, status="published"
    )
    client.force_login(staff("eddie", roles.EDITOR))
    client.post(
        "/admin/articles/glossaryterm/add/",
        {"term": "Bone marrow", "slug": "bone-marrow", "definition": "Soft.", "aliases": "[]"},
    )
    assert not GlossaryTerm.objects.filter(slug="bone-marrow").exists()
    change = ContentChange.objects.get()
    client.force_login(staff("rita", roles.MEDICAL_REVIEWER))
    client.post(f"/admin/articles/contentchange/{change.pk}/decide/", {"approve": "1"})
    change.refresh_from_db()
    assert change.state == ContentChange.State.APPROVED
    assert GlossaryTerm.objects.get(slug="bone-marrow").definition == "Soft."
    article.refresh_from_db()
    assert 'href="/glossary/#bone-marrow"' in article.body_html


def test_a_reviewer_rejects_and_nothing_changes(client, term):
    client.force_login(staff("eddie", roles.EDITOR))
    client.post(f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(definition="Bad."))
    change = ContentChange.objects.get()
    client.force_login(staff("rita", roles.MEDICAL_REVIEWER))
    client.post(f"/admin/articles/contentchange/{change.pk}/decide/", {"reject": "1"})
    change.refresh_from_db()
    term.refresh_from_db()
    assert change.state == ContentChange.State.REJECTED and term.definition == "Old."


def test_an_editor_cannot_approve_by_a_crafted_post(client, term):
    client.force_login(staff("eddie", roles.EDITOR))
    client.post(f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(definition="Mine."))
    change = ContentChange.objects.get()
    response = client.post(f"/admin/articles/contentchange/{change.pk}/decide/", {"approve": "1"})
    assert response.status_code == 403
    term.refresh_from_db()
    assert term.definition == "Old."


def test_a_reviewers_own_save_applies_at_once(client, term):
    client.force_login(staff("rita", roles.MEDICAL_REVIEWER))
    client.post(f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(definition="Now."))
    term.refresh_from_db()
    assert term.definition == "Now." and not ContentChange.objects.exists()


def test_a_checklist_question_change_waits_for_review(client):
    group = QuestionGroup.objects.create(slug="cells", title="The cells", position=1)
    question = Question.objects.create(
        group=group,
        key="dose",
        text="How many cells?",
        why="W.",
        clear_answer="C.",
        vague_answer="V.",
        source="S",
    )
    client.force_login(staff("eddie", roles.EDITOR))
    data = {
        "group": group.pk,
        "key": "dose",
        "position": 0,
        "priority": 1,
        "text": "How many cells in all?",
        "why": "W.",
        "clear_answer": "C.",
        "vague_answer": "V.",
        "applies_when": '{"cell_source": ["donor"]}',
        "source": "S",
        "source_url": "",
    }
    client.post(f"/admin/checklists/question/{question.pk}/change/", data)
    question.refresh_from_db()
    assert question.text == "How many cells?" and question.priority == 3
    change = ContentChange.objects.get()
    client.force_login(staff("rita", roles.MEDICAL_REVIEWER))
    client.post(f"/admin/articles/contentchange/{change.pk}/decide/", {"approve": "1"})
    question.refresh_from_db()
    assert question.text == "How many cells in all?" and question.priority == 1
    assert question.applies_when == {"cell_source": ["donor"]}


def test_an_approval_that_no_longer_fits_is_refused_with_a_message(client, term):
    client.force_login(staff("eddie", roles.EDITOR))
    client.post("/admin/articles/glossaryterm/add/", term_data(slug="marrow", definition="x"))
    change = ContentChange.objects.get()
    GlossaryTerm.objects.create(term="Marrow", slug="marrow", definition="Added meanwhile.")
    client.force_login(staff("rita", roles.MEDICAL_REVIEWER))
    response = client.post(
        f"/admin/articles/contentchange/{change.pk}/decide/", {"approve": "1"}, follow=True
    )
    assert "already exists" in response.content.decode()
    assert GlossaryTerm.objects.get(slug="marrow").definition == "Added meanwhile."
    change.refresh_from_db()
    assert change.state == ContentChange.State.IN_REVIEW
