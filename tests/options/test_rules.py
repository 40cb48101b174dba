"""Every rule of the options format, on the model (the admin, revisions and sync all run it)."""

import copy
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from regenknee.options.content import parse_option
from regenknee.options.models import Option, OptionTranslation

FIXTURE = Path(__file__).parent / "fixtures" / "options" / "01-exercise.yaml"


def valid_option() -> Option:
    record = parse_option(FIXTURE.read_text(), "options/01-exercise.yaml")
    return Option(**record)


def errors_of(option) -> str:
    with pytest.raises(ValidationError) as caught:
        option.full_clean(validate_unique=False)
    return " ".join(m for messages in caught.value.message_dict.values() for m in messages)


def test_the_fixture_option_is_valid():
    valid_option().full_clean(validate_unique=False)


def test_every_question_needs_an_answer():
    option = valid_option()
    del option.answers["recovery"]
    assert "The question 'recovery' has no answer" in errors_of(option)


def test_an_unknown_question_is_refused():
    option = valid_option()
    option.answers["price"] = {"text": "x", "sources": ["fixture-trial"]}
    assert "'price' is not one of the questions" in errors_of(option)


def test_every_answer_needs_text():
    option = valid_option()
    option.answers["duration"]["text"] = " "
    assert "The answer to 'duration' needs its text." in errors_of(option)


def test_an_answer_without_sources_must_say_it_is_not_known():
    option = valid_option()
    option.answers["duration"]["sources"] = []
    assert "needs at least one source, unless its text says" in errors_of(option)
    option.answers["duration"]["text"] = "How long it lasts is not known."
    option.full_clean(validate_unique=False)


def test_a_source_key_must_be_in_the_references():
    option = valid_option()
    option.answers["recovery"]["sources"] = ["missing2020"]
    assert "cites missing2020, which is not in this option's references" in errors_of(option)


def test_an_inline_citation_must_be_in_the_references():
    option = valid_option()
    option.answers["recovery"]["text"] = "No time off [@missing2020]."
    assert "cites [@missing2020]" in errors_of(option)


@pytest.mark.parametrize("value", [-1, 101, 40.5, "40", True])
def test_with_option_is_a_whole_number_from_0_to_100(value):
    option = valid_option()
    option.answers["benefit"]["frequencies"][0]["with_option"] = value
    assert "'with_option' must be a whole number from 0 to 100" in errors_of(option)


def test_without_option_may_be_empty_but_not_out_of_range():
    option = valid_option()
    option.answers["benefit"]["frequencies"][0]["without_option"] = None
    option.full_clean(validate_unique=False)
    option.answers["benefit"]["frequencies"][0]["without_option"] = 120
    assert "'without_option' must be a whole number from 0 to 100" in errors_of(option)


def test_a_comparison_number_needs_its_comparison():
    option = valid_option()
    option.answers["benefit"]["frequencies"][0]["comparison"] = ""
    assert "say what 'without' means in 'comparison'" in errors_of(option)


def test_a_frequency_needs_a_label_and_a_source():
    option = valid_option()
    frequency = option.answers["benefit"]["frequencies"][0]
    frequency["label"], frequency["sources"] = "", []
    message = errors_of(option)
    assert "frequency 1 needs a label" in message
    assert "frequency 1 needs at least one source" in message


def test_only_benefit_and_harms_give_frequencies():
    option = valid_option()
    option.answers["recovery"]["frequencies"] = copy.deepcopy(
        option.answers["benefit"]["frequencies"]
    )
    assert "Only benefit, common_harms, serious_harms may give frequencies" in errors_of(option)


def test_certainty_needs_a_grade_from_the_list():
    option = valid_option()
    option.answers["certainty"]["grade"] = "medium"
    assert "The certainty needs a 'grade': one of high, moderate, low" in errors_of(option)


@pytest.mark.parametrize(
    "text", ["**Strong** effect", "See <b>this</b>", "[a link](https://x.org)", "# Heading"]
)
def test_answer_text_is_plain(text):
    option = valid_option()
    option.answers["recovery"]["text"] = text
    assert "must be plain text: no Markdown or HTML" in errors_of(option)


@pytest.mark.parametrize(
    "brief, message",
    [("x" * 111, "is 111 characters long; keep it to 110"), ("**Less** pain", "plain text")],
)
def test_a_given_brief_is_short_and_plain(brief, message):
    option = valid_option()
    option.answers["recovery"]["brief"] = "No time off."
    option.full_clean(validate_unique=False)
    option.answers["recovery"]["brief"] = brief
    assert message in errors_of(option)


def test_answer_text_is_at_most_600_characters():
    option = valid_option()
    option.answers["recovery"]["text"] = "word " * 130
    assert "keep it to 600" in errors_of(option)


def test_every_answer_needs_a_brief():
    option = valid_option()
    del option.answers["duration"]["brief"]
    assert "The answer to 'duration' needs a 'brief'" in errors_of(option)


def test_a_brief_is_at_most_110_characters():
    option = valid_option()
    option.answers["duration"]["brief"] = "x" * 111
    message = errors_of(option)
    assert "The answer to 'duration''s brief is 111 characters long; keep it to 110." in message
    option.answers["duration"]["brief"] = "x" * 110
    option.full_clean(validate_unique=False)


@pytest.mark.parametrize("brief", ["**Short**", "<b>Short</b>", "[a link](https://x.org)"])
def test_a_brief_is_plain_text(brief):
    option = valid_option()
    option.answers["duration"]["brief"] = brief
    assert "brief must be plain text: no Markdown or HTML" in errors_of(option)


def test_a_brief_has_no_citations():
    option = valid_option()
    option.answers["duration"]["brief"] = "Lasts a year [@fixture-trial]."
    assert "brief has no citations" in errors_of(option)


def test_a_reference_needs_title_source_and_a_way_to_find_it():
    option = valid_option()
    option.references[1].update(title="", source="", url="")
    message = errors_of(option)
    assert "Reference 'fixture-guideline' needs a title." in message
    assert "Reference 'fixture-guideline' needs a source." in message
    assert "needs a DOI, a PubMed ID or a URL" in message


def test_a_reference_key_is_lower_case_letters_digits_and_hyphens():
    option = valid_option()
    option.references[0]["key"] = "Jüni2015"
    assert "the key uses only lower-case letters, digits and hyphens" in errors_of(option)


def test_a_reference_key_is_used_once():
    option = valid_option()
    option.references[1]["key"] = "fixture-trial"
    assert "The reference key 'fixture-trial' is used twice." in errors_of(option)


def test_a_nul_character_is_a_validation_error_not_a_database_error():
    option = valid_option()
    option.answers["recovery"]["text"] = "No time off\x00"
    assert "NUL" in errors_of(option)


@pytest.mark.django_db
def test_a_translation_gives_every_english_answer_and_only_words():
    option = valid_option()
    option.save()
    words = {key: {"brief": "요약", "text": "번역"} for key in option.answers}
    words["benefit"]["frequencies"] = [{"label": "통증이 줄어듦", "comparison": "운동 없음"}]
    item = OptionTranslation(
        source=option, language="ko", title="운동", summary="요약", answers=words
    )
    item.full_clean(validate_unique=False)
    del words["recovery"]
    words["duration"]["sources"] = ["fixture-trial"]
    message = errors_of(item)
    assert "The question 'recovery' is not translated." in message
    assert "'sources' comes from the English file" in message


@pytest.mark.django_db
def test_a_translation_needs_a_brief_where_the_english_has_one():
    option = valid_option()
    option.save()
    words = {key: {"brief": "요약", "text": "번역"} for key in option.answers}
    words["benefit"]["frequencies"] = [{"label": "통증이 줄어듦", "comparison": "운동 없음"}]
    del words["certainty"]["brief"]
    words["duration"]["brief"] = "가" * 111
    item = OptionTranslation(
        source=option, language="ko", title="운동", summary="요약", answers=words
    )
    message = errors_of(item)
    assert "The answer to 'certainty' needs a 'brief'" in message
    assert "keep it to 110" in message
