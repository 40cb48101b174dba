"""The clinic profile: absent until published, then in the footer, on About and as JSON-LD."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regenknee.clinic.models import ClinicProfile

from .conftest import PROFILE, REVIEWED

pytestmark = pytest.mark.django_db

UNPUBLISHED = "The clinic has not yet published its details here"
UNPUBLISHED_KO = "병원이 아직 이 사이트에 자세한 정보를 공개하지 않았습니다"


def json_ld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1]


@pytest.mark.parametrize("path", ["/", "/about/", "/glossary/", "/checklist/"])
def test_every_page_says_the_operator_has_not_published_its_details(client, path):
    html = client.get(path).content.decode()
    assert UNPUBLISHED in footer(html)
    assert "mailto:" not in footer(html)


def test_korean_pages_say_it_in_korean(client):
    html = client.get("/ko/about/").content.decode()
    assert UNPUBLISHED_KO in html
    assert UNPUBLISHED not in html


def test_about_has_no_json_ld_while_unpublished(client):
    html = client.get("/about/").content.decode()
    assert json_ld_blocks(html) == []
    assert UNPUBLISHED in html


def test_a_draft_profile_is_not_shown(client):
    ClinicProfile.objects.create(**PROFILE)  # status draft: never approved
    html = client.get("/about/").content.decode()
    assert "Example Knee Clinic" not in html
    assert UNPUBLISHED in html


def test_footer_shows_the_published_profile_with_links(client, profile):
    html = footer(client.get("/glossary/").content.decode())
    assert "Example Knee Clinic" in html
    assert '<a href="tel:+82200000000">+82 2-0000-0000</a>' in html
    assert '<a href="mailto:info@clinic.example">info@clinic.example</a>' in html
    assert UNPUBLISHED not in html


def test_about_shows_the_full_profile_statement_and_review_line(client, profile):
    html = client.get("/about/").content.decode()
    for value in ("TEST-0001", "Mon-Fri 9:00-18:00", "Korean, English", PROFILE["statement"]):
        assert value in html
    assert "Reviewed by Dr Test Reviewer" in html


def test_about_json_ld_is_a_medical_clinic_with_only_published_fields(client, profile):
    ClinicProfile.objects.filter(pk=profile.pk).update(website="", opening_hours="")
    (data,) = json_ld_blocks(client.get("/about/").content.decode())
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Example Knee Clinic"
    assert data["telephone"] == "+82 2-0000-0000"
    assert data["email"] == "info@clinic.example"
    assert data["availableLanguage"] == ["Korean", "English"]
    assert "url" not in data and "openingHours" not in data


def test_hostile_profile_text_is_escaped_everywhere(client, profile):
    hostile = '</script><script>alert(1)</script><b onmouseover="x">'
    ClinicProfile.objects.filter(pk=profile.pk).update(name=hostile, statement=hostile)
    html = client.get("/about/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<b onmouseover" not in html
    (data,) = json_ld_blocks(html)
    assert data["name"] == hostile  # still the same text, as JSON escapes


def test_korean_page_shows_the_korean_words_of_the_profile(client, profile):
    profile.translations.create(
        language="ko",
        name="예시 무릎 병원",
        address="서울 강남구 예시로 1",
        statement="한국어 성명",
    )
    html = client.get("/ko/about/").content.decode()
    assert "예시 무릎 병원" in html and "서울 강남구 예시로 1" in html and "한국어 성명" in html
    assert "Mon-Fri 9:00-18:00" in html  # an untranslated field shows the English one


# --- one profile, whatever the way in -------------------------------------------------------


def test_a_second_profile_is_refused_by_validation(profile):
    second = ClinicProfile(**PROFILE)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "already has a clinic profile" in str(refused.value)


def test_the_existing_profile_still_validates(profile):
    profile.full_clean()


@pytest.mark.parametrize(
    "add",
    [
        lambda: ClinicProfile.objects.create(**PROFILE),
        lambda: ClinicProfile.objects.bulk_create([ClinicProfile(**PROFILE)]),
        lambda: ClinicProfile.objects.bulk_create([ClinicProfile(**PROFILE, singleton=False)]),
    ],
    ids=["create", "bulk_create", "bulk_create_without_the_flag"],
)
def test_the_database_refuses_a_second_profile(profile, add):
    with pytest.raises(IntegrityError), transaction.atomic():
        add()
    assert ClinicProfile.objects.count() == 1


def test_the_admin_offers_no_add_once_a_profile_exists(admin_client, profile):
    assert admin_client.get("/admin/clinic/clinicprofile/add/").status_code == 403


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "valid email"),
        ("phone", "call 010", "digits, spaces"),
        ("phone", "<script>", "digits, spaces"),
        ("website", "javascript:alert(1)", "https://"),
        ("name", "", "cannot be blank"),
        ("statement", "", "cannot be blank"),
        ("name", "bad\x00name", "NUL"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(field, value, message):
    candidate = ClinicProfile(**{**PROFILE, field: value})
    with pytest.raises(ValidationError) as refused:
        candidate.full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_review_fields_are_not_required_to_validate():
    ClinicProfile(**PROFILE, **REVIEWED).full_clean()
