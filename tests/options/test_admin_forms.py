"""Clinic staff edit an option's answers and references, and a translation's words, as ordinary
fields: the form gives back exactly the JSON the content files hold, an editor's change still
becomes a revision, the rules' messages land on the field they are about, and hostile text is
only text."""

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from regenknee.editorial import roles
from regenknee.editorial.models import Revision
from regenknee.options.models import Option, OptionTranslation
from regenknee.sync.engine import sync_content
from tests.editorial.conftest import make_user

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "content"


class FormValues(HTMLParser):
    """The values a browser would submit from a page's forms (submit buttons left out)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.textarea = self.select = None
        self.selected = None

    def add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""
        elif tag == "select" and name:
            self.select, self.selected = name, None
        elif tag == "option" and self.select and "selected" in attrs:
            self.selected = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            # A browser drops the newline that starts a textarea's content.
            self.add(self.textarea, self.text.removeprefix("\r\n").removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            self.add(self.select, self.selected or "")
            self.select = None


def form_values(html: str) -> dict:
    parser = FormValues()
    parser.feed(html)
    parser.close()
    return {
        name: values if len(values) > 1 else values[0] for name, values in parser.values.items()
    }


def change_url(item) -> str:
    return f"/admin/options/{item._meta.model_name}/{item.pk}/change/"


def submit(client, item, **changes):
    """Opens the item's admin page and saves it as shown, with ``changes`` typed in."""
    values = form_values(client.get(change_url(item)).content.decode())
    values.pop("csrfmiddlewaretoken", None)
    values.update(changes)
    return client.post(change_url(item), {**values, "_save": "Save"})


def errors_of(response) -> dict:
    assert response.status_code == 200, "a refused save shows the form again"
    form = response.context["adminform"].form
    return {name: list(messages) for name, messages in form.errors.items()}


@pytest.fixture
def every_option(tmp_path, db):
    """The real option files and their Korean translations, synced."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "options", root / "options")
    shutil.copytree(CONTENT / "ko" / "options", root / "ko" / "options")
    sync_content(root)
    return root


def test_every_real_option_is_saved_unchanged_from_its_form(every_option, admin_client):
    options = list(Option.objects.all())
    assert len(options) >= 12
    for option in options:
        before = (option.answers, option.references, option.version)
        response = submit(admin_client, option)
        assert response.status_code == 302, (option.slug, errors_of(response))
        option.refresh_from_db()
        assert (option.answers, option.references) == before[:2], option.slug
        assert option.version == before[2] + 1  # it really was saved


def test_every_real_translation_is_saved_unchanged_from_its_form(every_option, admin_client):
    items = list(OptionTranslation.objects.select_related("source"))
    assert len(items) >= 12
    for item in items:
        before = item.answers
        response = submit(admin_client, item)
        assert response.status_code == 302, (item.source.slug, errors_of(response))
        item.refresh_from_db()
        assert item.answers == before, item.source.slug


def test_the_option_form_shows_questions_and_references_as_fields_not_json(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    html = admin_client.get(change_url(option)).content.decode()
    assert 'name="answers"' not in html and 'name="references"' not in html
    assert "Time off and recovery" in html and "How certain the evidence is" in html
    values = form_values(html)
    assert values["answers__recovery__text"] == "No time off work."
    assert values["answers__certainty__grade"] == "moderate"
    assert values["answers__benefit__frequencies__0__with_option"] == "40"
    assert values["answers__benefit__frequencies__3__label"] == ""  # room for more
    assert values["references__0__key"] == "fixture-trial"
    assert values["references__2__key"] == ""  # a row to add a reference


def test_an_editor_change_in_the_admin_becomes_a_revision(synced, client):
    client.force_login(make_user("eddie", roles.EDITOR))
    option = Option.objects.get(slug="exercise")
    before = option.answers
    response = submit(client, option, answers__recovery__text="One day off work.")
    revision = Revision.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/editorial/revision/{revision.pk}/change/"
    assert revision.state == Revision.State.IN_REVIEW
    assert revision.data["answers"]["recovery"]["text"] == "One day off work."
    assert {k: v for k, v in revision.data["answers"].items() if k != "recovery"} == {
        k: v for k, v in before.items() if k != "recovery"
    }
    option.refresh_from_db()
    assert option.answers == before  # live only after review


def test_the_revision_editor_edits_the_answers_as_fields(synced, client):
    client.force_login(make_user("eddie", roles.EDITOR))
    option = Option.objects.get(slug="exercise")
    submit(client, option, answers__recovery__text="One day off work.")
    revision = Revision.objects.get()
    url = f"/admin/editorial/revision/{revision.pk}/change/"
    html = client.get(url).content.decode()
    assert "<legend>Time off and recovery</legend>" in html and 'name="answers"' not in html
    values = form_values(html)
    assert values["answers__recovery__text"] == "One day off work."
    values.pop("csrfmiddlewaretoken")
    values.pop("reason", None)  # the discard form's
    values["answers__benefit__frequencies__0__with_option"] = "45"
    assert client.post(url, {**values, "_save": "Save draft"}).status_code == 302
    revision.refresh_from_db()
    assert revision.data["answers"]["benefit"]["frequencies"][0]["with_option"] == 45
    assert revision.data["answers"]["recovery"]["text"] == "One day off work."
    assert revision.data["references"] == option.references


def test_the_revision_editor_shows_a_broken_rule_and_keeps_the_draft(synced, client):
    client.force_login(make_user("eddie", roles.EDITOR))
    option = Option.objects.get(slug="exercise")
    submit(client, option, answers__recovery__text="One day off work.")
    revision = Revision.objects.get()
    url = f"/admin/editorial/revision/{revision.pk}/change/"
    values = form_values(client.get(url).content.decode())
    values.pop("csrfmiddlewaretoken")
    values.pop("reason", None)
    values["answers__benefit__frequencies__0__with_option"] = "400"
    response = client.post(url, {**values, "_save": "Save draft"})
    assert response.status_code == 200
    errors = response.context["editor"].form.errors
    assert (
        "whole number from 0 to 100" in errors["answers__benefit__frequencies__0__with_option"][0]
    )
    revision.refresh_from_db()
    assert revision.data["answers"]["benefit"]["frequencies"][0]["with_option"] == 40


def test_rule_messages_land_on_the_field_they_are_about(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    errors = errors_of(
        submit(
            admin_client,
            option,
            answers__benefit__frequencies__0__with_option="400",
            answers__duration__sources="fixture-trial, nowhere2020",
            answers__certainty__grade="",
            answers__recovery__text="",
        )
    )
    assert (
        "whole number from 0 to 100" in errors["answers__benefit__frequencies__0__with_option"][0]
    )
    assert "nowhere2020" in errors["answers__duration__sources"][0]
    assert "needs a 'grade'" in errors["answers__certainty__grade"][0]
    assert "needs its text" in errors["answers__recovery__text"][0]
    assert "__all__" not in errors
    errors = errors_of(submit(admin_client, option, answers__recovery__text="**x**" * 121))
    assert len(errors["answers__recovery__text"]) == 2  # too long, and not plain
    option.refresh_from_db()
    assert option.answers["recovery"]["text"] == "No time off work."


def test_a_message_about_a_later_row_lands_on_that_row_when_an_earlier_row_is_empty(
    synced, admin_client
):
    option = Option.objects.get(slug="exercise")
    cleared = {f"answers__benefit__frequencies__0__{part}": "" for part in (
        "label", "with_option", "without_option", "comparison", "sources"
    )}  # fmt: skip
    errors = errors_of(
        submit(
            admin_client,
            option,
            **cleared,
            answers__benefit__frequencies__2__label="have less pain at 6 months",
            answers__benefit__frequencies__2__with_option="35",
            answers__benefit__frequencies__2__without_option="25",
            answers__benefit__frequencies__2__sources="fixture-trial",
        )
    )
    assert list(errors) == ["answers__benefit__frequencies__2__comparison"]


def test_a_reference_is_added_from_an_empty_row_and_removed_by_clearing_its_key(
    synced, admin_client
):
    option = Option.objects.get(slug="exercise")
    response = submit(
        admin_client,
        option,
        references__2__key="new2024",
        references__2__title="A new trial",
        references__2__source="New J 2024;2:3",
        references__2__year="2024",
        references__2__doi="10.1000/new",
        answers__duration__sources="fixture-trial, new2024",
    )
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.references[-1] == {
        "key": "new2024",
        "authors": "",
        "title": "A new trial",
        "source": "New J 2024;2:3",
        "year": 2024,
        "doi": "10.1000/new",
        "pmid": "",
        "url": "",
    }
    assert option.answers["duration"]["sources"] == ["fixture-trial", "new2024"]
    response = submit(admin_client, option, references__2__key="", answers__duration__sources="")
    errors = errors_of(response)
    assert "needs at least one source" in errors["answers__duration__sources"][0]
    submit(admin_client, option, references__2__key="", answers__duration__sources="fixture-trial")
    option.refresh_from_db()
    assert [ref["key"] for ref in option.references] == ["fixture-trial", "fixture-guideline"]


def test_a_new_reference_row_without_a_key_is_refused_not_dropped(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    errors = errors_of(submit(admin_client, option, references__2__title="A trial with no key"))
    assert errors["references__2__key"] == ["Give the new reference a key, or clear the row."]


def test_removing_a_cited_reference_says_which_answers_cite_it(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    errors = errors_of(submit(admin_client, option, references__1__key=""))
    assert "fixture-guideline" in errors["answers__recovery__sources"][0]
    assert "fixture-guideline" in errors["answers__involves__sources"][0]


def test_a_filled_brief_is_saved_plain_and_a_long_one_is_refused_on_its_field(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    response = submit(admin_client, option, answers__recovery__brief="  No time  off. ")
    assert response.status_code == 302
    option.refresh_from_db()
    assert option.answers["recovery"]["brief"] == "No time off."
    errors = errors_of(submit(admin_client, option, answers__duration__brief="x" * 111))
    assert "keep it to 110" in errors["answers__duration__brief"][0]


def test_an_empty_brief_is_left_out_of_the_answers(synced, admin_client):
    """Whether a brief is required is the rules' decision; the form only never writes ""."""
    from regenknee.options.admin import OptionForm

    option = Option.objects.get(slug="exercise")
    values = form_values(admin_client.get(change_url(option)).content.decode())
    values["answers__duration__brief"] = ""
    form = OptionForm(values, instance=option)
    form.is_valid()
    assert "brief" not in form.instance.answers["duration"]
    assert (
        form.instance.answers["duration"]["text"] == "The effect lasts while you keep exercising."
    )


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("answers__recovery__text", "<script>alert(1)</script>", "must be plain text"),
        ("answers__recovery__text", "No **time** off", "must be plain text"),
        ("answers__recovery__text", "No time\x00 off", "Null characters are not allowed."),
        ("answers__benefit__frequencies__0__with_option", "forty", "Enter a whole number."),
        ("answers__benefit__frequencies__0__with_option", "9" * 40, "from 0 to 100"),
        ("answers__certainty__grade", "excellent", "Select a valid choice."),
        ("references__0__year", "1e9", "Enter a whole number."),
        ("references__0__url", "javascript:alert(1)", "must start with https://"),
        ("references__0__key", "Robert'); DROP TABLE", "lower-case letters"),
    ],
)
def test_hostile_input_is_refused_on_its_field_and_changes_nothing(
    synced, admin_client, field, value, message
):
    option = Option.objects.get(slug="exercise")
    before = (option.answers, option.references)
    response = submit(admin_client, option, **{field: value})
    errors = errors_of(response)
    assert any(message in text for text in errors[field]), errors
    option.refresh_from_db()
    assert (option.answers, option.references) == before
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_translation_form_shows_the_english_beside_each_word(synced, admin_client):
    item = OptionTranslation.objects.get()
    html = admin_client.get(change_url(item)).content.decode()
    values = form_values(html)
    assert 'name="answers"' not in html
    assert "English: No time off work." in html
    assert "English: have less pain at 3 months" in html
    assert values["answers__benefit__frequencies__0__label"]  # the Korean words
    assert "answers__benefit__frequencies__0__with_option" not in values  # numbers are English
    assert "answers__recovery__sources" not in values


def test_the_english_beside_a_translation_is_escaped(synced, admin_client):
    item = OptionTranslation.objects.get()
    english = item.source
    english.answers["recovery"]["text"] = '<img src=x onerror="alert(1)">'
    Option.objects.filter(pk=english.pk).update(answers=english.answers)  # past the rules
    html = admin_client.get(change_url(item)).content.decode()
    assert "<img src=x" not in html
    assert "English: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_a_translation_message_lands_on_its_field(synced, admin_client):
    item = OptionTranslation.objects.get()
    before = item.answers
    errors = errors_of(
        submit(
            admin_client,
            item,
            answers__benefit__frequencies__0__label="",
            answers__recovery__text="<b>회복</b>",
        )
    )
    assert "needs its text" in errors["answers__benefit__frequencies__0__label"][0]
    assert "plain text" in errors["answers__recovery__text"][0]
    item.refresh_from_db()
    assert item.answers == before


def test_a_new_translation_shows_the_chosen_options_english(synced, admin_client):
    option = Option.objects.get(slug="knee-replacement")
    html = admin_client.get(f"/admin/options/optiontranslation/add/?source={option.pk}")
    assert f"English: {option.answers['recovery']['text']}" in html.content.decode()
    bad = admin_client.get("/admin/options/optiontranslation/add/?source=abc%00")
    assert bad.status_code == 200 and "Choose the option and save" in bad.content.decode()


def test_a_new_translation_chosen_then_saved_asks_for_each_word_beside_its_english(
    synced, admin_client
):
    option = Option.objects.get(slug="knee-replacement")
    values = form_values(admin_client.get("/admin/options/optiontranslation/add/").content.decode())
    assert "answers__recovery__text" not in values  # no option chosen yet
    values.pop("csrfmiddlewaretoken")
    values.update(
        source=str(option.pk), language="ko", title="무릎 인공관절", summary="요약입니다."
    )
    response = admin_client.post("/admin/options/optiontranslation/add/", values)
    errors = errors_of(response)
    assert "needs its text" in errors["answers__recovery__text"][0]
    assert f"English: {option.answers['recovery']['text']}" in response.content.decode()
    assert not OptionTranslation.objects.filter(source=option).exists()


def test_an_old_version_opens_with_its_own_answers(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    submit(admin_client, option, answers__recovery__text="One day off work.")
    first = option.history.order_by("history_id").first()
    response = admin_client.get(f"/admin/options/option/{option.pk}/history/{first.history_id}/")
    assert form_values(response.content.decode())["answers__recovery__text"] == "No time off work."


def test_stored_answers_of_the_wrong_shape_still_open_and_can_be_mended(synced, admin_client):
    option = Option.objects.get(slug="exercise")
    broken = {"benefit": {"text": "Most feel better.", "frequencies": "lots"}, "recovery": "none"}
    Option.objects.filter(pk=option.pk).update(answers=broken, references={"not": "a list"})
    option.refresh_from_db()
    response = admin_client.get(change_url(option))
    assert response.status_code == 200
    assert form_values(response.content.decode())["answers__benefit__text"] == "Most feel better."
    errors = errors_of(submit(admin_client, option))
    assert "needs its text" in errors["answers__recovery__text"][0]
    item = OptionTranslation.objects.get()
    assert admin_client.get(change_url(item)).status_code == 200


def test_someone_who_may_only_view_sees_the_stored_answers_read_only(synced, client):
    from django.contrib.auth.models import Permission

    viewer = make_user("vera")
    viewer.user_permissions.add(Permission.objects.get(codename="view_option"))
    client.force_login(viewer)
    option = Option.objects.get(slug="exercise")
    response = client.get(change_url(option))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No time off work." in html and 'name="answers__recovery__text"' not in html


def test_a_translation_draft_is_edited_word_by_word_beside_the_english(synced, admin_client):
    from regenknee.editorial import revisions

    item = OptionTranslation.objects.get()
    revision = revisions.start_revision(item, make_user("eddie", roles.EDITOR))
    url = f"/admin/editorial/revision/{revision.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert "English: No time off work." in html and 'name="answers"' not in html
    values = form_values(html)
    values.pop("csrfmiddlewaretoken")
    values.pop("reason", None)
    values["answers__recovery__text"] = "쉬는 기간이 필요 없습니다."
    assert admin_client.post(url, {**values, "_save": "Save draft"}).status_code == 302
    revision.refresh_from_db()
    assert revision.data["answers"]["recovery"] == {
        **item.answers["recovery"],
        "text": "쉬는 기간이 필요 없습니다.",
    }
    assert {k: v for k, v in revision.data["answers"].items() if k != "recovery"} == {
        k: v for k, v in item.answers.items() if k != "recovery"
    }
