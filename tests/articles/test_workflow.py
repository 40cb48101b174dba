"""The editorial workflow in the admin: roles, drafts that do not touch the live page,
preview, approval with review dates, history, diff, revert, locking and content checks."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from regenknee.articles.models import Article, GlossaryTerm, Reference
from regenknee.editorial import roles
from regenknee.editorial.models import Revision
from regenknee.editorial.revisions import start_revision

pytestmark = pytest.mark.django_db

BODY = "## Section\n\nCells may help a little [@ref1].\n"


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, password="pw-Long-enough-1", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return make_user("eddie", roles.EDITOR, first_name="Eddie", last_name="Editor")


@pytest.fixture
def reviewer():
    return make_user("rita", roles.MEDICAL_REVIEWER, first_name="Rita", last_name="Reviewer")


@pytest.fixture
def live():
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


@pytest.fixture
def unpublished():
    article = Article.objects.create(
        slug="new-one",
        title="New article",
        summary="S.",
        body="Text.",
        position=2,
        status=Article.Status.REVIEW,
    )
    return article


def login(client, user):
    client.force_login(user)
    return client


def revision_data(revision, **changes):
    revision.refresh_from_db()
    references = revision.data["references"]
    data = {
        "title": revision.data["title"],
        "summary": revision.data["summary"],
        "body": revision.data["body"],
        "note": "",
        "revision_version": revision.version,
        "references-TOTAL_FORMS": len(references),
        "references-INITIAL_FORMS": len(references),
        "references-MIN_NUM_FORMS": 0,
        "references-MAX_NUM_FORMS": 1000,
    }
    for index, ref in enumerate(references):
        for name, value in ref.items():
            data[f"references-{index}-{name}"] = "" if value is None else value
    data.update(changes)
    return data


def article_data(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "position": article.position,
        "status": article.status,
        "expected_version": article.version,
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
        "references-MIN_NUM_FORMS": 0,
        "references-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def start_draft(client, article):
    response = client.post(f"/admin/articles/article/{article.pk}/draft/")
    assert response.status_code == 302, response
    return Revision.objects.open().for_object(article).get()


def edit_draft(client, revision, **changes):
    url = f"/admin/editorial/revision/{revision.pk}/change/"
    return client.post(url, revision_data(revision, **changes))


def approve(client, target, **changes):
    target.refresh_from_db()
    if isinstance(target, Revision):
        url = f"/admin/editorial/revision/{target.pk}/approve/"
    else:
        url = f"/admin/articles/article/{target.pk}/approve/"
    data = {
        "reviewed_by": "Dr Rita Reviewer, FRCS",
        "review_due": "2027-11-21",
        "publish_at": "",
        "shown_version": target.version,
    }
    data.update(changes)
    return client.post(url, data)


# --- roles --------------------------------------------------------------------------------


def test_roles_have_exactly_the_permissions_they_need():
    for name, wanted in roles.ROLES.items():
        granted = {
            (p.content_type.app_label, p.codename)
            for p in Group.objects.get(name=name).permissions.select_related("content_type")
        }
        assert granted == set(wanted), name
    editor_perms = {codename for _, codename in roles.EDITOR_PERMISSIONS}
    assert "approve_revision" not in editor_perms
    assert not any(
        codename.startswith("delete_") and "reference" not in codename for codename in editor_perms
    )
    assert Permission.objects.filter(codename="approve_revision").exists()


# --- drafts don't touch the live page ------------------------------------------------------


def test_editing_a_published_article_makes_a_draft_and_the_live_page_stays(client, editor, live):
    from django.core.cache import cache

    sitemap_before = client.get("/sitemap.xml").content
    login(client, editor)
    revision = start_draft(client, live)
    response = edit_draft(client, revision, body="## Section\n\nNew wording [@ref1].\n")
    assert response.status_code == 302
    revision.refresh_from_db()
    assert "New wording" in revision.data["body"] and revision.updated_by == editor
    live.refresh_from_db()
    assert "Cells may help a little" in live.body
    client.logout()
    page = client.get("/articles/live/").content.decode()
    assert "Cells may help a little" in page and "New wording" not in page
    cache.clear()  # built afresh from the database, not served from the page cache
    assert client.get("/sitemap.xml").content == sitemap_before


def test_the_live_articles_own_form_cannot_change_its_text(client, reviewer, live):
    login(client, reviewer)
    url = f"/admin/articles/article/{live.pk}/change/"
    client.post(url, article_data(live, body="Sneaky direct edit.", title="Sneaky"))
    live.refresh_from_db()
    assert live.title == "Live article" and "Sneaky" not in live.body


def test_change_form_shows_the_pending_draft_author_time_and_state(client, editor, live):
    login(client, editor)
    start_draft(client, live)
    html = client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert "Pending draft</strong> by Eddie Editor" in html
    assert "Draft (not yet sent for review)" in html
    client.post(f"/admin/editorial/revision/{live.open_revision().pk}/submit/")
    html = client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert "Awaiting review" in html


def test_starting_a_draft_twice_opens_the_same_draft(client, editor, live):
    login(client, editor)
    assert start_draft(client, live).pk == start_draft(client, live).pk
    assert Revision.objects.count() == 1


def test_preview_shows_the_draft_exactly_as_the_public_page_would(client, editor, live):
    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(client, revision, body="## Section\n\nDraft **wording** [@ref1].\n")
    response = client.get(f"/admin/editorial/revision/{revision.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Preview</strong> of a draft that is not live" in html
    assert "Draft <strong>wording</strong>" in html
    assert '<li id="ref-ref1">' in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_uses_the_public_sanitiser(client, editor, live):
    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(client, revision, body="<script>alert(1)</script> [x](javascript:alert(1)) [@ref1]")
    html = client.get(f"/admin/editorial/revision/{revision.pk}/preview/").content.decode()
    assert "<script>alert(1)" not in html and "javascript:alert" not in html


def test_preview_is_for_staff_only(client, editor, live):
    revision = start_revision(live, editor)
    response = client.get(f"/admin/editorial/revision/{revision.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    non_staff = User.objects.create_user("patient", password="pw-Long-enough-1")
    client.force_login(non_staff)
    response = client.get(f"/admin/editorial/revision/{revision.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- approval -----------------------------------------------------------------------------


def test_reviewer_approves_a_draft_and_it_goes_live_with_the_new_review_dates(
    client, editor, reviewer, live, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False)
    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(
        client,
        revision,
        body="## Section\n\nApproved wording [@ref1].\n",
        _submit="Save and send for review",
    )
    revision.refresh_from_db()
    assert revision.state == Revision.State.IN_REVIEW
    login(client, reviewer)
    page = client.get(f"/admin/editorial/revision/{revision.pk}/approve/").content.decode()
    assert 'value="Rita Reviewer"' in page and 'value="2027-11-21"' in page  # the defaults
    assert "Approved wording" in page  # the diff against the live text
    response = approve(client, revision)
    assert response.status_code == 302
    live.refresh_from_db()
    revision.refresh_from_db()
    assert "Approved wording" in live.body
    assert (live.reviewed_by, live.reviewed_on, live.review_due) == (
        "Dr Rita Reviewer, FRCS",
        datetime.date(2026, 11, 21),
        datetime.date(2027, 11, 21),
    )
    assert revision.state == Revision.State.APPROVED and revision.decided_by == reviewer
    client.logout()
    public = client.get("/articles/live/").content.decode()
    assert "Approved wording" in public
    assert "Reviewed by Dr Rita Reviewer, FRCS on" in public
    assert '"lastReviewed": "2026-11-21"' in public


def test_approving_an_unpublished_article_publishes_it(client, reviewer, unpublished):
    login(client, reviewer)
    assert client.get("/articles/new-one/").status_code == 404
    assert approve(client, unpublished).status_code == 302
    unpublished.refresh_from_db()
    assert unpublished.status == Article.Status.PUBLISHED
    assert unpublished.reviewed_by == "Dr Rita Reviewer, FRCS"
    assert client.get("/articles/new-one/").status_code == 200


def test_scheduled_publishing_needs_no_cron(client, reviewer, unpublished, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 21, 9, tzinfo=datetime.UTC), tick=False)
    login(client, reviewer)
    approve(client, unpublished, publish_at="2026-12-01T09:00")
    client.logout()
    assert client.get("/articles/new-one/").status_code == 404
    assert "/articles/new-one/" not in client.get("/sitemap.xml").content.decode()
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 1, tzinfo=datetime.UTC), tick=False)
    assert client.get("/articles/new-one/").status_code == 200


def test_approval_needs_a_future_review_date(client, reviewer, unpublished):
    login(client, reviewer)
    response = approve(client, unpublished, review_due="2020-01-01")
    assert response.status_code == 200
    assert "The next review must be due after today." in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.status == Article.Status.REVIEW


# --- an editor cannot publish by any route ------------------------------------------------


def test_editor_cannot_open_or_post_the_approval_page_and_is_told_why(
    client, editor, live, unpublished
):
    login(client, editor)
    revision = start_draft(client, live)
    client.post(f"/admin/editorial/revision/{revision.pk}/submit/")
    for url in (
        f"/admin/editorial/revision/{revision.pk}/approve/",
        f"/admin/articles/article/{unpublished.pk}/approve/",
    ):
        response = client.get(url, follow=True)
        assert "Only a medical reviewer can approve and publish." in response.content.decode()
    for target in (revision, unpublished):
        assert approve(client, target).status_code == 302
    live.refresh_from_db()
    unpublished.refresh_from_db()
    assert "Cells may help a little" in live.body
    assert unpublished.status == Article.Status.REVIEW


def test_editor_cannot_publish_through_the_status_field(client, editor, unpublished):
    login(client, editor)
    url = f"/admin/articles/article/{unpublished.pk}/change/"
    response = client.post(url, article_data(unpublished, status="published"))
    assert response.status_code == 200
    assert "Articles are published by approving them" in response.content.decode()
    unpublished.refresh_from_db()
    assert unpublished.status == Article.Status.REVIEW


def test_editor_cannot_add_an_article_as_published(client, editor):
    login(client, editor)
    data = article_data(
        Article(slug="x", title="X", summary="S", body="B", position=3), status="published"
    )
    data.pop("expected_version")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="x").exists()


def test_editor_cannot_unpublish_or_reschedule_a_live_article(client, editor, live):
    login(client, editor)
    url = f"/admin/articles/article/{live.pk}/change/"
    client.post(url, article_data(live, status="draft", publish_at="2030-01-01 00:00:00"))
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED and live.publish_at is None


def test_editor_has_no_list_action_that_publishes_or_deletes(client, editor, unpublished):
    login(client, editor)
    page = client.get("/admin/articles/article/")
    assert page.context["action_form"] is None  # no action is offered at all
    client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [unpublished.pk], "post": "yes"},
    )
    unpublished.refresh_from_db()
    assert unpublished.status == Article.Status.REVIEW


def test_editor_cannot_mark_a_draft_approved_with_a_crafted_post(client, editor, live):
    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(client, revision, state="approved", decided_by=editor.pk)
    revision.refresh_from_db()
    assert revision.state == Revision.State.DRAFT


# --- history, diff, revert ----------------------------------------------------------------


def test_history_records_who_changed_what(client, editor, unpublished):
    login(client, editor)
    url = f"/admin/articles/article/{unpublished.pk}/change/"
    client.post(url, article_data(unpublished, body="Second text."))
    latest = unpublished.history.first()
    assert latest.history_user == editor and latest.body == "Second text.\n"


def test_compare_shows_a_readable_diff_between_any_two_versions(client, editor, unpublished):
    login(client, editor)
    url = f"/admin/articles/article/{unpublished.pk}/change/"
    client.post(url, article_data(unpublished, body="Line one.\n\nLine two."))
    unpublished.refresh_from_db()
    client.post(
        url, article_data(unpublished, body="Line one.\n\nLine 2 changed.", title="Renamed")
    )
    first, *_, last = unpublished.history.order_by("history_date")
    response = client.get(
        f"/admin/articles/article/{unpublished.pk}/compare/?a={first.history_id}&b={last.history_id}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="visually-hidden">Added: </span>Line 2 changed.</ins>' in html
    assert '<span class="visually-hidden">Removed: </span>Text.</del>' in html
    assert "<td><del>New article</del></td><td><ins>Renamed</ins></td>" in html


def test_reverting_a_published_article_makes_a_draft_needing_review(client, editor, reviewer, live):
    original = live.history.earliest()
    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(client, revision, body="Changed [@ref1].", _submit="1")
    login(client, reviewer)
    approve(client, Revision.objects.get(pk=revision.pk))
    live.refresh_from_db()
    assert live.body == "Changed [@ref1].\n"
    login(client, editor)
    response = client.post(f"/admin/articles/article/{live.pk}/revert/{original.history_id}/")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.body == "Changed [@ref1].\n"  # still live as approved
    draft = live.open_revision()
    assert draft.data["body"] == BODY and draft.state == Revision.State.DRAFT
    assert [r["key"] for r in draft.data["references"]] == ["ref1"]


def test_reverting_an_unpublished_article_changes_it_directly(client, editor, unpublished):
    original = unpublished.history.earliest()
    login(client, editor)
    client.post(
        f"/admin/articles/article/{unpublished.pk}/change/",
        article_data(unpublished, body="Worse text."),
    )
    client.post(f"/admin/articles/article/{unpublished.pk}/revert/{original.history_id}/")
    unpublished.refresh_from_db()
    assert unpublished.body == "Text.\n"
    assert unpublished.history.count() == 3  # nothing lost: the worse text is still there


def test_simple_historys_own_revert_form_is_switched_off(client, reviewer, live):
    login(client, reviewer)
    record = live.history.earliest()
    url = f"/admin/articles/article/{live.pk}/history/{record.history_id}/"
    response = client.post(url, article_data(live, body="Bypass"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{live.pk}/compare/"
    live.refresh_from_db()
    assert "Bypass" not in live.body


# --- no lost updates ----------------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_its_text(
    client, editor, unpublished
):
    login(client, editor)
    url = f"/admin/articles/article/{unpublished.pk}/change/"
    stale = article_data(unpublished, body="Bob's careful edit.")
    assert client.post(url, article_data(unpublished, body="Alice's edit.")).status_code == 302
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in html
    assert "Bob&#x27;s careful edit." in html
    unpublished.refresh_from_db()
    assert unpublished.body == "Alice's edit.\n"


def test_concurrent_saves_of_a_draft_are_refused_too(client, editor, live):
    login(client, editor)
    revision = start_draft(client, live)
    stale = revision_data(revision, body="Second person [@ref1].")
    edit_draft(client, revision, body="First person [@ref1].")
    response = client.post(f"/admin/editorial/revision/{revision.pk}/change/", stale)
    html = response.content.decode()
    assert "Someone else saved this while you were editing" in html
    assert "Second person [@ref1].</textarea>" in html
    revision.refresh_from_db()
    assert "First person" in revision.data["body"]


# --- content checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "See [this](/articles/no-such-article/) [@ref1].",
            "The link /articles/no-such-article/ points to an article that does not exist.",
        ),
        (
            "See [this](/nowhere/) [@ref1].",
            "The link /nowhere/ points to a page that does not exist.",
        ),
        ("![](/static/img/favicon.svg) [@ref1]", "An image has no alt text."),
        (
            "Claim [@ref1; @missing2020].",
            "The text cites [@missing2020] but the reference list has no such key.",
        ),
    ],
)
def test_blocking_content_checks_stop_the_save(client, editor, live, body, message):
    login(client, editor)
    revision = start_draft(client, live)
    response = edit_draft(client, revision, body=body)
    assert response.status_code == 200
    assert message in response.content.decode()
    revision.refresh_from_db()
    assert revision.data["body"] == live.body


def test_valid_in_site_links_pass(client, editor, live):
    login(client, editor)
    revision = start_draft(client, live)
    body = "[us](/articles/live/), [list](/checklist/), ![Knee](/static/img/favicon.svg) [@ref1]"
    assert edit_draft(client, revision, body=body).status_code == 302


def test_warnings_for_reading_grade_and_undefined_glossary_terms(client, editor, live):
    GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="Tissue.")
    login(client, editor)
    revision = start_draft(client, live)
    hard = (
        "Notwithstanding considerable methodological heterogeneity, contemporary "
        "meta-analytical investigations substantiate statistically indeterminate "
        "improvements in patient-reported functional outcomes [@ref1]. "
        "See [words](/glossary/#chondrocyte) and [cartilage](/glossary/#cartilage)."
    )
    response = edit_draft(client, revision, body=hard)
    assert response.status_code == 302
    texts = [m.message for m in response.wsgi_request._messages]
    assert any(t.startswith("The reading grade is ") and "aim for 9 or lower" in t for t in texts)
    assert any("The glossary has no term 'chondrocyte' yet" in t for t in texts)
    assert not any("'cartilage'" in t for t in texts)
    revision.refresh_from_db()
    assert revision.data["body"].startswith("Notwithstanding")


# --- review cycle -------------------------------------------------------------------------


@pytest.fixture
def review_states(live, unpublished, time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 10, 12, tzinfo=datetime.UTC), tick=False)
    Article.objects.create(
        slug="soon",
        title="Due soon",
        summary="S",
        body="B",
        position=3,
        status="published",
        review_due=datetime.date(2027, 1, 30),
    )
    Article.objects.create(
        slug="later",
        title="Due later",
        summary="S",
        body="B",
        position=4,
        status="published",
        review_due=datetime.date(2027, 9, 1),
    )
    return live  # live's review was due on 2027-01-01: overdue


def test_review_filters(client, admin_user, review_states):
    client.force_login(admin_user)  # after the clock moved, so the session is current

    def titles(query):
        html = client.get(f"/admin/articles/article/?review={query}").content.decode()
        return {
            t for t in ("Live article", "Due soon", "Due later", "New article") if f">{t}<" in html
        }

    assert titles("overdue") == {"Live article"}
    assert titles("due_soon") == {"Due soon"}
    assert titles("awaiting") == {"New article"}


def test_admin_index_shows_review_counts(client, admin_user, review_states):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Review overdue: 1" in html
    assert "Due in the next 30 days: 1" in html
    assert "Awaiting review: 1" in html


def test_review_report_exits_non_zero_when_anything_is_overdue(review_states):
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("review_report", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert "Review overdue: 1\n  - Article: Live article (due 01 Jan 2027)" in out.getvalue()
    assert "Due in the next 30 days: 1" in out.getvalue()


def test_review_report_exits_zero_when_nothing_is_overdue(live, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC), tick=False)
    out = StringIO()
    call_command("review_report", stdout=out)
    assert "Review overdue: 0" in out.getvalue()


# --- export follows what was approved -----------------------------------------------------


def test_export_writes_the_approved_version_not_the_pending_draft(client, editor, live, tmp_path):
    from regenknee.sync.engine import export_content

    login(client, editor)
    revision = start_draft(client, live)
    edit_draft(client, revision, body="Unapproved draft words [@ref1].")
    export_content(tmp_path)
    written = (tmp_path / "articles" / "01-live.md").read_text()
    assert "Cells may help a little" in written and "Unapproved" not in written


def test_glossary_terms_can_still_be_rolled_back_from_their_history(client, reviewer):
    term = GlossaryTerm.objects.create(term="Cartilage", slug="cartilage", definition="First.")
    term.definition = "Second."
    term.save()
    first = term.history.earliest()
    login(client, reviewer)
    url = f"/admin/articles/glossaryterm/{term.pk}/history/{first.history_id}/"
    data = {"term": "Cartilage", "slug": "cartilage", "definition": "First.", "aliases": ""}
    data["expected_version"] = term.version
    assert client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert term.definition == "First." and term.history.count() == 3


def test_text_diff_folds_long_unchanged_runs():
    from regenknee.editorial.diff import text_diff

    before = "\n".join(f"line {n}" for n in range(20))
    after = before.replace("line 10", "line ten")
    kinds = [(line.kind, line.text) for line in text_diff(before, after)]
    assert kinds == [
        ("skipped", "8 unchanged lines"),
        ("same", "line 8"),
        ("same", "line 9"),
        ("removed", "line 10"),
        ("added", "line ten"),
        ("same", "line 11"),
        ("same", "line 12"),
        ("skipped", "7 unchanged lines"),
    ]
    assert text_diff("same", "same") == []
