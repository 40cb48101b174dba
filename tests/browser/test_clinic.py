"""The clinic's pages in a real browser: no axe-core violations on About and the programme, in
both languages, at phone and desktop widths, before and after the clinic publishes."""

import pytest

from tests.clinic.conftest import ENTRY, PROFILE, REVIEWED

from .conftest import axe_violations

LANGUAGES = {"en": "", "ko": "/ko"}


@pytest.fixture
def published(site):
    from regenknee.clinic.models import ClinicProfile, ProgrammeEntry

    profile = ClinicProfile.objects.create(**PROFILE, **REVIEWED)
    profile.translations.create(language="ko", name="예시 무릎 병원", statement="시험용 성명")
    entry = ProgrammeEntry.objects.create(**ENTRY, **REVIEWED)
    entry.translations.create(
        language="ko",
        treatment="시험용 세포 주사",
        follow_up="1, 3, 6개월 진료",
        complaints="시험용 문구",
        price_labels=["주사", "입원 1박"],
    )
    return site


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("path", ["/about/", "/clinic/programme/"])
def test_clinic_pages_have_no_violations_before_the_clinic_publishes(site, page, path, language):
    response = page.goto(site.url + LANGUAGES[language] + path)
    assert response.status == 200
    assert page.locator(".clinic-unpublished").first.is_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("path", ["/about/", "/clinic/programme/"])
def test_clinic_pages_have_no_violations_once_published(published, page, path, language):
    response = page.goto(published.url + LANGUAGES[language] + path)
    assert response.status == 200
    assert page.locator(".clinic-unpublished").count() == 0
    assert page.locator(".site-footer a[href^='mailto:']").count() == 2  # address, report
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_checklist_with_what_the_clinic_says_has_no_violations(published, page):
    from .test_checklist import TYPICAL, TYPICAL_OWN, fill

    page.goto(published.url + "/checklist/")
    fill(page, TYPICAL, own=TYPICAL_OWN)
    page.click("text=Make my checklist")
    page.wait_for_selector(".checklist")
    assert page.locator(".clinic-says").count() >= 1
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
