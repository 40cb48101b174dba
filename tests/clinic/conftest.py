"""Fixtures of a clinic that does not exist: the project never describes a real clinic."""

import datetime

import pytest

from regenknee.clinic.models import ClinicProfile, ProgrammeEntry

PROFILE = {
    "name": "Example Knee Clinic",
    "address": "1 Example-ro, Gangnam-gu, Seoul",
    "phone": "+82 2-0000-0000",
    "email": "info@clinic.example",
    "website": "https://clinic.example/",
    "languages": "Korean, English",
    "opening_hours": "Mon-Fri 9:00-18:00",
    "international_registration": "TEST-0001",
    "statement": "This clinic offers some of the treatments described here.",
}
REVIEWED = {
    "status": "published",
    "reviewed_by": "Dr Test Reviewer",
    "reviewed_on": datetime.date(2026, 11, 1),
    "review_due": datetime.date(2027, 11, 1),
}
ENTRY = {
    "slug": "test-injection",
    "position": 0,
    "treatment": "Test cell injection",
    "product": "TestCell",
    "maker": "Test Bio Ltd",
    "regulation": "approved_product",
    "approval_number": "TEST-APPROVAL-42",
    "regulation_details": "",
    "patient_groups": ["kl2", "kl3"],
    "price_items": [
        {"item": "Injection", "won": 3000000},
        {"item": "Admission, 1 night", "won": 150000},
    ],
    "follow_up": "Check-ups at 1, 3 and 6 months.",
    "complaints": "Korea Consumer Agency (test text).",
}


@pytest.fixture
def profile(db):
    return ClinicProfile.objects.create(**PROFILE, **REVIEWED)


@pytest.fixture
def entry(db):
    return ProgrammeEntry.objects.create(**ENTRY, **REVIEWED)
