"""content/options/*.yaml and content/<lang>/options/*.yaml through the sync engine: all or
nothing, file:line errors, never losing an admin edit, and export then sync changing nothing."""

import re

import pytest
from django.core.management import call_command

from regenknee.options.models import Option, OptionTranslation
from regenknee.sync.engine import ContentErrors, export_content, sync_content

pytestmark = pytest.mark.django_db


def test_sync_creates_options_and_their_translation(options_content):
    report = sync_content(options_content)
    assert {"option exercise", "option knee-replacement"} <= set(report.created)
    assert "translation ko option exercise" in report.created
    exercise = Option.objects.get(slug="exercise")
    assert exercise.answers["benefit"]["frequencies"][0]["with_option"] == 40
    assert exercise.source_path == "options/01-exercise.yaml"
    korean = OptionTranslation.objects.get(language="ko")
    assert korean.source == exercise and not korean.is_stale
    assert korean.answers["benefit"]["frequencies"][0]["label"] == "3개월에 통증이 줄어듦"


def test_sync_twice_changes_nothing_and_export_rewrites_nothing(options_content):
    sync_content(options_content)
    report = sync_content(options_content)
    assert not report.created and not report.updated and not report.conflicts
    results = export_content(options_content)
    assert results["options"] == (0, 2)
    assert results["option translations"] == (0, 1)


def test_export_writes_an_option_the_files_do_not_have_and_sync_reads_it_back(options_content):
    sync_content(options_content)
    (options_content / "options" / "02-knee-replacement.yaml").unlink()
    Option.objects.filter(slug="knee-replacement").update(source_path="")
    written, _ = export_content(options_content)["options"]
    assert written == 1
    assert (options_content / "options" / "02-knee-replacement.yaml").exists()
    report = sync_content(options_content)
    assert not report.updated and not report.conflicts


def test_a_frequency_over_100_names_file_and_line_and_changes_nothing(options_content):
    path = options_content / "options" / "01-exercise.yaml"
    text = path.read_text().replace("with_option: 40", "with_option: 140")
    path.write_text(text)
    line = text.splitlines().index("        with_option: 140") + 1
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert f"options/01-exercise.yaml:{line}: " in str(caught.value)
    assert "'with_option' must be a whole number from 0 to 100" in str(caught.value)
    assert not Option.objects.exists() and not OptionTranslation.objects.exists()


def test_a_brief_too_long_names_file_and_line_and_changes_nothing(options_content):
    path = options_content / "options" / "02-knee-replacement.yaml"
    text = path.read_text()
    old = '    brief: "Many years."'
    long = "    brief: " + "Many years, " * 10
    path.write_text(text.replace(old, long))
    line = text.splitlines().index(old) + 1
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert (
        f"options/02-knee-replacement.yaml:{line}: The answer to 'duration''s brief is "
        "119 characters long; keep it to 110." in str(caught.value)
    )
    assert not Option.objects.exists()


def test_a_missing_brief_in_a_translation_names_its_line(options_content):
    path = options_content / "ko" / "options" / "01-exercise.yaml"
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  recovery:"))
    del lines[index + 1]  # its brief
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert f"ko/options/01-exercise.yaml:{index + 1}: The answer to 'recovery' needs a 'brief'" in (
        str(caught.value)
    )


def test_an_unknown_source_key_names_its_line(options_content):
    path = options_content / "options" / "02-knee-replacement.yaml"
    text = path.read_text().replace("text: Many years.\n    sources: [fixture-surgery]",
                                    "text: Many years.\n    sources: [nobody2020]")  # fmt: skip
    path.write_text(text)
    line = text.splitlines().index("    sources: [nobody2020]") + 1
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert (
        f"options/02-knee-replacement.yaml:{line}: The answer to 'duration' cites nobody2020"
        in (str(caught.value))
    )


def test_a_translation_with_a_missing_frequency_is_an_error(options_content):
    path = options_content / "ko" / "options" / "01-exercise.yaml"
    frequency = (
        "    frequencies:\n      - label: 3개월에 통증이 줄어듦\n"
        "        comparison: 운동 프로그램 없음\n"
    )
    text = path.read_text().replace(frequency, "")
    path.write_text(text)
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert "ko/options/01-exercise.yaml:" in str(caught.value)
    assert "give the words of all 1 English frequencies" in str(caught.value)


def test_a_translation_of_an_unknown_option_names_the_line(options_content):
    path = options_content / "ko" / "options" / "01-exercise.yaml"
    path.write_text(path.read_text().replace("translation_of: exercise", "translation_of: yoga"))
    with pytest.raises(ContentErrors) as caught:
        sync_content(options_content)
    assert "ko/options/01-exercise.yaml:2: this translates the option 'yoga'" in str(caught.value)


def test_sync_keeps_an_admin_edit_as_a_conflict_unless_forced(options_content):
    sync_content(options_content)
    option = Option.objects.get(slug="exercise")
    option.title = "Exercise (edited by staff)"
    option.save()
    path = options_content / "options" / "01-exercise.yaml"
    path.write_text(path.read_text().replace("Exercise and physiotherapy", "Exercise therapy"))
    report = sync_content(options_content)
    assert report.conflicts == ["option exercise"]
    assert Option.objects.get(slug="exercise").title == "Exercise (edited by staff)"
    report = sync_content(options_content, force=True)
    assert "option exercise" in report.updated
    option = Option.objects.get(slug="exercise")
    assert option.title == "Exercise therapy"
    assert option.history.filter(title="Exercise (edited by staff)").exists()


def test_a_changed_english_answer_makes_the_translation_stale(options_content):
    sync_content(options_content)
    path = options_content / "options" / "01-exercise.yaml"
    path.write_text(path.read_text().replace("Most people feel less pain.", "Many feel better."))
    sync_content(options_content)
    korean = OptionTranslation.objects.get(language="ko")
    assert korean.is_stale
    (label, _diff), *_ = [c for c in korean.source_changes() if c[0] == "Answers"]
    assert label == "Answers"


def test_stamp_translations_fills_an_empty_source_hash(options_content, settings):
    settings.CONTENT_DIR = options_content
    call_command("stamp_translations", str(options_content), verbosity=0)
    text = (options_content / "ko" / "options" / "01-exercise.yaml").read_text()
    assert 'source_hash: ""' not in text
    assert re.search(r"^source_hash: [0-9a-f]{16}$", text, re.MULTILINE)
    sync_content(options_content)
    assert not OptionTranslation.objects.get(language="ko").is_stale
