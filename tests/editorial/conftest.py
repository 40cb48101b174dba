import datetime

import pytest
from django.contrib.auth.models import Group, User

from regenknee.articles.models import Article, Reference
from regenknee.editorial import roles

BODY = "## Section\n\nCells may help a little [@ref1].\n"


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, password="pw-Long-enough-1", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("eddie", roles.EDITOR, first_name="Eddie", last_name="Editor")


@pytest.fixture
def reviewer(db):
    return make_user("rita", roles.MEDICAL_REVIEWER, first_name="Rita", last_name="Reviewer")


@pytest.fixture
def live(db):
    article = Article.objects.create(
        slug="live",
        title="Live article",
        summary="Live summary.",
        body=BODY,
        position=1,
        status=Article.Status.PUBLISHED,
        reviewed_by="Dr Old",
        reviewed_on=datetime.date(2026, 1, 1),
        review_due=datetime.date(2027, 1, 1),
    )
    Reference.objects.create(article=article, key="ref1", title="Trial", source="J", pmid="123")
    return article


REVIEW = {
    "reviewed_by": "Dr Rita Reviewer",
    "reviewed_on": "2026-11-21",
    "review_due": "2027-11-21",
}
