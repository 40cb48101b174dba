"""content/clinic/ syncs and exports under the same rules as every other kind of content."""

import shutil
import textwrap

import pytest

from regenknee.clinic.models import (
    ClinicProfile,
    ClinicProfileTranslation,
    ProgrammeEntry,
    ProgrammeEntryTranslation,
)
from regenknee.sync.engine import ContentErrors, export_content, sync_content
from tests.conftest import REPO

pytestmark = pytest.mark.django_db

PROFILE = textwrap.dedent(
    """\
    name: Example Knee Clinic
    address: 1 Example-ro, Seoul
    phone: +82 2-0000-0000
    email: info@clinic.example
    website: https://clinic.example/
    languages: Korean, English
    opening_hours: Mon-Fri 9:00-18:00
    international_registration: ''
    statement: This clinic offers some of the treatments described here.
    status: published
    reviewed_on: 2026-11-01
    review_due: 2027-11-01
    reviewed_by: Dr Test Reviewer
    """
)
PROGRAMME = textwrap.dedent(
    """\
    entries:
    - slug: test-injection
      treatment: Test cell injection
      product: TestCell
      maker: Test Bio Ltd
      regulation: approved_product
      approval_number: TEST-42
      regulation_details: ''
      patient_groups: [kl2, kl3]
      price_items:
      - item: Injection
        won: 3000000
      - item: Admission, 1 night
        won: 150000
      follow_up: Check-ups at 1, 3 and 6 months.
      complaints: Test complaints text.
      status: published
      reviewed_on: 2026-11-01
      review_due: 2027-11-01
      reviewed_by: Dr Test Reviewer
    """
)


@pytest.fixture
def root(tmp_path):
    """Only the clinic's files (other sources find no files of their own and do nothing)."""
    (tmp_path / "clinic").mkdir()
    return tmp_path


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_repositorys_clinic_files_describe_no_clinic(tmp_path):
    shutil.copytree(REPO / "content" / "clinic", tmp_path / "clinic")
    shutil.copytree(REPO / "content" / "ko" / "clinic", tmp_path / "ko" / "clinic")
    sync_content(tmp_path)
    assert ClinicProfile.objects.count() == 0
    assert ProgrammeEntry.objects.count() == 0
    before = {p: p.read_text() for p in tmp_path.rglob("*.yaml")}
    export_content(tmp_path)
    assert {p: p.read_text() for p in tmp_path.rglob("*.yaml")} == before


def test_a_filled_profile_and_programme_round_trip(root):
    write(root, "clinic/profile.yaml", PROFILE)
    write(root, "clinic/programme.yaml", PROGRAMME)
    report = sync_content(root)
    assert sorted(report.created) == ["clinic profile", "programme entry test-injection"]
    profile = ClinicProfile.objects.get()
    assert profile.is_published and profile.reviewed_by == "Dr Test Reviewer"
    entry = ProgrammeEntry.objects.get()
    assert entry.total_won == 3150000 and entry.patient_groups == ["kl2", "kl3"]
    # Export then sync again changes nothing.
    exported = root / "out"
    export_content(exported)
    assert sync_content(exported).changed("") == []
    again = sync_content(root)
    assert again.created == again.updated == again.conflicts == []


def test_an_admin_edit_is_exported_and_not_overwritten_by_the_old_file(root):
    write(root, "clinic/profile.yaml", PROFILE)
    sync_content(root)
    profile = ClinicProfile.objects.get()
    profile.phone = "+82 2-1111-1111"
    profile.save()
    report = sync_content(root)
    assert report.conflicts == ["clinic profile"]
    assert ClinicProfile.objects.get().phone == "+82 2-1111-1111"
    export_content(root)
    assert "+82 2-1111-1111" in (root / "clinic/profile.yaml").read_text()


@pytest.mark.parametrize(
    ("relative", "text", "where"),
    [
        ("clinic/profile.yaml", PROFILE.replace("info@clinic.example", "not-mail"), ":4:"),
        ("clinic/profile.yaml", PROFILE.replace("+82 2-0000-0000", "ring us"), ":3:"),
        ("clinic/profile.yaml", PROFILE.replace("status: published", "status: live"), ":10:"),
        ("clinic/profile.yaml", PROFILE + "founded: 1999\n", ":14:"),
        ("clinic/programme.yaml", PROGRAMME.replace("[kl2, kl3]", "[kl9]"), ":9:"),
        ("clinic/programme.yaml", PROGRAMME.replace("won: 150000", "won: lots"), ":10:"),
        ("clinic/programme.yaml", PROGRAMME.replace("TEST-42", "''"), ":7:"),
    ],
)
def test_an_invalid_file_fails_with_its_line_and_changes_nothing(root, relative, text, where):
    write(root, "clinic/profile.yaml", PROFILE)
    write(root, "clinic/programme.yaml", PROGRAMME)
    write(root, relative, text)
    with pytest.raises(ContentErrors) as failed:
        sync_content(root)
    assert f"{relative}{where}" in str(failed.value)
    assert ClinicProfile.objects.count() == ProgrammeEntry.objects.count() == 0


def test_a_second_profile_cannot_come_in_through_a_file(root, profile):
    write(root, "clinic/profile.yaml", PROFILE.replace("Example Knee", "Other"))
    report = sync_content(root)
    # The one profile is updated (or reported as a conflict), never duplicated.
    assert ClinicProfile.objects.count() == 1
    assert report.created == []


def test_translations_sync_and_round_trip(root):
    write(root, "clinic/profile.yaml", PROFILE)
    write(root, "clinic/programme.yaml", PROGRAMME)
    write(
        root,
        "ko/clinic/profile.yaml",
        "name: 예시 무릎 병원\naddress: 서울 예시로 1\nlanguages: ''\nopening_hours: ''\n"
        "statement: 이 병원은 이 사이트에서 설명하는 치료 일부를 제공합니다.\n",
    )
    write(
        root,
        "ko/clinic/programme.yaml",
        "entries:\n- slug: test-injection\n  treatment: 시험용 세포 주사\n  follow_up: 진료\n"
        "  complaints: 한국소비자원\n  regulation_details: ''\n  price_labels: [주사, 입원 1박]\n",
    )
    with pytest.raises(ContentErrors, match="source_hash"):
        sync_content(root)  # a translation must say which English text it was made from
    from regenknee.clinic.content import stamp_files

    assert sorted(stamp_files(root)) == ["ko/clinic/profile.yaml", "ko/clinic/programme.yaml"]
    sync_content(root)
    assert ClinicProfileTranslation.objects.get().name == "예시 무릎 병원"
    translation = ProgrammeEntryTranslation.objects.get()
    assert translation.price_labels == ["주사", "입원 1박"] and not translation.is_stale
    exported = root / "out"
    export_content(exported)
    assert sync_content(exported).changed("") == []


def test_a_translation_of_an_entry_that_does_not_exist_names_its_line(root):
    write(
        root,
        "ko/clinic/programme.yaml",
        "entries:\n- slug: nowhere\n  source_hash: abc\n  treatment: 주사\n  follow_up: 진료\n"
        "  complaints: 한국소비자원\n",
    )
    with pytest.raises(ContentErrors) as failed:
        sync_content(root)
    assert "ko/clinic/programme.yaml:2: this translates the entry 'nowhere'" in str(failed.value)
