"""Glossary terms and checklist items in the admin: an editor's save is sent for review, and
only a medical reviewer's approval of exactly what they were shown puts it on the site."""

import pytest

from regenknee.articles.models import Article, GlossaryTerm
from regenknee.checklists.models import Question, QuestionGroup
from regenknee.editorial import roles
from regenknee.editorial.models import Revision

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def term():
    return GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Old.")


def term_data(term=None, **changes):
    return {
        "term": "Cartilage",
        "slug": "cartilage",
        "definition": "Old.",
        "aliases": "",
        "expected_version": term.version if term else "",
    } | changes


def approve(client, revision):
    revision.refresh_from_db()
    return client.post(
        f"/admin/editorial/revision/{revision.pk}/approve/",
        {"shown_version": revision.version},
    )


def test_an_editors_change_waits_for_review_and_the_site_stays_the_same(client, term):
    client.force_login(make_user("eddie", roles.EDITOR))
    response = client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="New.")
    )
    revision = Revision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editorial/revision/{revision.pk}/change/"
    assert revision.state == Revision.State.IN_REVIEW and revision.base_version == 1
    term.refresh_from_db()
    assert term.definition == "Old."
    assert "Old." in client.get("/glossary/").content.decode()
    page = client.get(response["Location"]).content.decode()
    assert '<th scope="row">Definition</th><td><del>Old.</del></td><td><ins>New.</ins></td>' in page
    assert "Review and approve" not in page


def test_aliases_are_typed_one_per_line_not_as_json(client, term):
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/",
        term_data(term, aliases="cartilages\n  joint   cartilage \n\n"),
    )
    term.refresh_from_db()
    assert term.aliases == ["cartilages", "joint cartilage"]
    html = client.get(f"/admin/articles/glossaryterm/{term.pk}/change/").content.decode()
    assert "cartilages\njoint cartilage</textarea>" in html


def test_a_reviewer_approves_and_the_new_term_goes_live(client, django_capture_on_commit_callbacks):
    article = Article.objects.create(
        slug="a", title="A", summary="S", body="Bone marrow.", position=1, status="published"
    )
    client.force_login(make_user("eddie", roles.EDITOR))
    client.post(
        "/admin/articles/glossaryterm/add/",
        {"term": "Bone marrow", "slug": "bone-marrow", "definition": "Soft.", "aliases": ""},
    )
    assert not GlossaryTerm.objects.filter(slug="bone-marrow").exists()
    revision = Revision.objects.get()
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    with django_capture_on_commit_callbacks(execute=True):
        response = approve(client, revision)
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == Revision.State.APPROVED
    assert GlossaryTerm.objects.get(slug="bone-marrow").definition == "Soft."
    article.refresh_from_db()
    assert 'href="/glossary/#bone-marrow"' in article.body_html


def test_sending_back_needs_a_reason_and_the_editor_sees_it(client, term):
    eddie = make_user("eddie", roles.EDITOR)
    client.force_login(eddie)
    client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="Bad.")
    )
    revision = Revision.objects.get()
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    url = f"/admin/editorial/revision/{revision.pk}/send-back/"
    response = client.post(url, {"reason": ""})
    assert "Say what needs to change" in response.content.decode()
    client.post(url, {"reason": "Too vague for patients."})
    revision.refresh_from_db()
    term.refresh_from_db()
    assert revision.state == Revision.State.SENT_BACK and term.definition == "Old."
    client.force_login(eddie)
    page = client.get(f"/admin/editorial/revision/{revision.pk}/change/").content.decode()
    assert "Note from the reviewer" in page and "Too vague for patients." in page
    assert "Save and send for review" in page


def test_an_editor_cannot_approve_and_meets_no_403(client, term):
    client.force_login(make_user("eddie", roles.EDITOR))
    client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="Mine.")
    )
    revision = Revision.objects.get()
    response = approve(client, revision)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Only a medical reviewer can approve and publish." in page
    term.refresh_from_db()
    assert term.definition == "Old."


def test_a_reviewers_own_save_applies_at_once(client, term):
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    client.post(
        f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="Now.")
    )
    term.refresh_from_db()
    assert term.definition == "Now." and not Revision.objects.exists()


def test_a_second_editor_continues_the_pending_change_instead_of_starting_over(client, term):
    client.force_login(make_user("eddie", roles.EDITOR))
    client.post(f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="A."))
    revision = Revision.objects.get()
    client.force_login(make_user("emma", roles.EDITOR))
    response = client.get(f"/admin/articles/glossaryterm/{term.pk}/change/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editorial/revision/{revision.pk}/change/"
    client.post(f"/admin/articles/glossaryterm/{term.pk}/change/", term_data(term, definition="B."))
    assert Revision.objects.count() == 1
    revision.refresh_from_db()
    assert revision.data["definition"] == "A."


def test_a_checklist_question_change_waits_for_review_with_its_rule_as_ticks(client):
    group = QuestionGroup.objects.create(slug="cells", title="The cells", position=1)
    question = Question.objects.create(
        group=group, key="dose", text="How many cells?", why="W.", clear_answer="C.",
        vague_answer="V.", source="S",
    )  # fmt: skip
    client.force_login(make_user("eddie", roles.EDITOR))
    form = client.get(f"/admin/checklists/question/{question.pk}/change/").content.decode()
    assert 'name="applies_when__cell_source" value="donor"' in form
    assert "Cells from a donor, such as umbilical cord" in form
    data = {
        "group": group.pk,
        "key": "dose",
        "position": 0,
        "priority": 1,
        "text": "How many cells in all?",
        "why": "W.",
        "clear_answer": "C.",
        "vague_answer": "V.",
        "applies_when__cell_source": ["donor"],
        "source": "S",
        "source_url": "",
        "expected_version": question.version,
    }
    client.post(f"/admin/checklists/question/{question.pk}/change/", data)
    question.refresh_from_db()
    assert (question.text, question.priority) == ("How many cells?", 3)
    revision = Revision.objects.get()
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    approve(client, revision)
    question.refresh_from_db()
    assert (question.text, question.priority) == ("How many cells in all?", 1)
    assert question.applies_when == {"cell_source": ["donor"]}


def test_an_approval_that_no_longer_fits_is_refused_with_a_message(client, term):
    client.force_login(make_user("eddie", roles.EDITOR))
    client.post("/admin/articles/glossaryterm/add/", term_data(slug="marrow", definition="x"))
    revision = Revision.objects.get()
    GlossaryTerm.objects.create(term="Marrow", slug="marrow", definition="Added meanwhile.")
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    response = approve(client, revision)
    assert "already exists" in response.content.decode()
    assert GlossaryTerm.objects.get(slug="marrow").definition == "Added meanwhile."
    revision.refresh_from_db()
    assert revision.state == Revision.State.IN_REVIEW


def test_the_kind_filter_lists_only_reviewed_content(client):
    client.force_login(make_user("rita", roles.MEDICAL_REVIEWER))
    html = client.get("/admin/editorial/revision/").content.decode()
    assert "Glossary term" in html and "Question" in html
    assert "log entry" not in html and "Administration" not in html
