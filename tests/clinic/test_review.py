"""The clinic's details go public only through review, with the review line approval records."""

import pytest

from regenknee.clinic.models import ClinicProfile, ProgrammeEntry
from regenknee.editorial import revisions
from regenknee.editorial.models import Revision
from regenknee.editorial.registry import spec_for
from tests.editorial.conftest import REVIEW, editor, reviewer  # noqa: F401

from .conftest import ENTRY, PROFILE

pytestmark = pytest.mark.django_db


def propose(model, data, user, live=None):
    revision = revisions.start_revision(live, user, model=model, data=data)
    return revisions.submit(revision, user)


def test_a_new_profile_is_public_only_once_approved(client, editor, reviewer):  # noqa: F811
    revision = propose(ClinicProfile, PROFILE, editor)
    assert "Example Knee Clinic" not in client.get("/about/").content.decode()
    revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    html = client.get("/about/").content.decode()
    assert "Example Knee Clinic" in html
    assert "Reviewed by Dr Rita Reviewer" in html


def test_an_unapproved_edit_of_the_live_profile_is_not_public(client, profile, editor):  # noqa: F811
    data = revisions.snapshot(profile) | {"name": "Renamed Clinic"}
    revision = propose(ClinicProfile, data, editor, live=profile)
    assert revision.state == Revision.State.IN_REVIEW
    html = client.get("/about/").content.decode()
    assert "Example Knee Clinic" in html and "Renamed Clinic" not in html


def test_approving_a_second_profile_is_refused(profile, editor, reviewer):  # noqa: F811
    revision = propose(ClinicProfile, PROFILE, editor)
    with pytest.raises(Exception, match="already has a clinic profile"):
        revisions.approve(revision, reviewer, shown_version=revision.version, review=REVIEW)
    assert ClinicProfile.objects.count() == 1


def test_the_review_line_and_publication_are_not_editable_in_a_revision():
    for model in (ClinicProfile, ProgrammeEntry):
        names = spec_for(model).field_names()
        assert not {"status", "reviewed_by", "reviewed_on", "review_due"} & set(names)


def test_an_editors_admin_save_is_sent_for_review_not_published(client, editor, entry):  # noqa: F811
    client.force_login(editor)
    response = client.get(f"/admin/clinic/programmeentry/{entry.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data.update(
        treatment="Changed name",
        patient_groups='["kl2"]',
        price_items='[{"item": "Injection", "won": 1}]',
        expected_version=entry.version,
    )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    client.post(f"/admin/clinic/programmeentry/{entry.pk}/change/", data)
    entry.refresh_from_db()
    assert entry.treatment == ENTRY["treatment"]
    assert Revision.objects.open().for_object(entry).exists()


def test_even_a_reviewers_admin_add_waits_for_approval(client, reviewer):  # noqa: F811
    client.force_login(reviewer)
    response = client.post("/admin/clinic/clinicprofile/add/", PROFILE)
    assert response.status_code == 302
    assert ClinicProfile.objects.count() == 0
    revision = Revision.objects.open().get()
    assert revision.data["name"] == "Example Knee Clinic"
    assert "Example Knee Clinic" not in client.get("/about/").content.decode()
