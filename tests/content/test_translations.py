"""The repository's Korean content: every English page has a Korean counterpart made from the
current English text, and the checklist bank comes out in Korean, English per missing item."""

import pytest
from django.utils import translation

from regenknee.articles.models import (
    Article,
    ArticleTranslation,
    GlossaryTerm,
    GlossaryTermTranslation,
)
from regenknee.checklists.bank import load_question_bank
from regenknee.checklists.models import (
    Question,
    QuestionGroup,
    QuestionTranslation,
    RedFlag,
    RedFlagTranslation,
)
from regenknee.sync.engine import ContentErrors, sync_content

pytestmark = pytest.mark.django_db

TRANSLATED = (
    (Article, ArticleTranslation),
    (GlossaryTerm, GlossaryTermTranslation),
    (Question, QuestionTranslation),
    (RedFlag, RedFlagTranslation),
)


def test_every_english_item_has_a_korean_translation_of_its_current_text(real_content):
    for source_model, model in TRANSLATED:
        korean = model.objects.filter(language="ko").select_related("source")
        assert korean.count() == source_model.objects.count(), model.__name__
        stale = [str(item) for item in korean if item.is_stale]
        assert stale == [], f"{model.__name__}: run stamp_translations only if these follow"
    assert QuestionGroup.objects.filter(translations__language="ko").count() == 7


def test_the_question_bank_comes_out_in_the_page_language(real_content):
    english = load_question_bank("en")
    with translation.override("ko"):
        korean = load_question_bank()
    assert korean.groups[0].title == "내 진단과 치료 대상 여부"
    assert korean.groups[0].questions[0].text == (
        "제 무릎에 정확히 어떤 문제가 있고, 엑스레이나 MRI에서는 무엇이 보였나요?"
    )
    assert korean.red_flags[0].sign.startswith("병원이 발표된 연구 결과 대신")
    # Only the words change: keys, rules, priorities and sources are the English bank's.
    for ko_group, en_group in zip(korean.groups, english.groups, strict=True):
        for ko_q, en_q in zip(ko_group.questions, en_group.questions, strict=True):
            assert (ko_q.key, ko_q.applies_when, ko_q.priority, ko_q.source) == (
                en_q.key,
                en_q.applies_when,
                en_q.priority,
                en_q.source,
            )


def test_a_question_without_translation_stays_english_in_the_korean_bank(real_content):
    QuestionTranslation.objects.filter(source__key="diagnosis-imaging").delete()
    korean = load_question_bank("ko")
    first, second = korean.groups[0].questions[:2]
    assert first.text == "What exactly is wrong with my knee, and what did my X-ray or MRI show?"
    assert second.text.startswith("제가 이 치료에 잘 맞는다고")


def test_a_checklist_translation_of_an_unknown_question_names_file_and_line(
    copy_of_real_content,
):
    path = copy_of_real_content / "ko" / "checklist" / "01-diagnosis.yaml"
    text = path.read_text().replace("- key: diagnosis-imaging", "- key: diagnosis-x-ray", 1)
    path.write_text(text)
    line = text.split("\n").index("  - key: diagnosis-x-ray") + 1
    with pytest.raises(ContentErrors) as caught:
        sync_content(copy_of_real_content)
    assert str(caught.value) == (
        f"ko/checklist/01-diagnosis.yaml:{line}: this translates the question "
        "'diagnosis-x-ray', which does not exist in English: check the name, or add the "
        "English original first"
    )
    assert not Question.objects.exists()


def test_export_writes_a_translation_made_in_the_admin_and_sync_reads_it_back(
    real_content, tmp_path
):
    from regenknee.sync.engine import export_content

    # A question translated in the admin, in a group whose title is not translated.
    QuestionGroup.objects.get(slug="diagnosis").translations.all().delete()
    QuestionTranslation.objects.filter(source__key="diagnosis-imaging").update(
        text="관리자 화면에서 고친 질문인가요?"
    )
    QuestionTranslation.objects.filter(source__key="diagnosis-imaging").update(
        synced_hash="", source_path=""
    )
    export_content(tmp_path)
    text = (tmp_path / "ko" / "checklist" / "01-diagnosis.yaml").read_text()
    assert text.startswith("questions:\n- key: diagnosis-imaging\n")
    assert "관리자 화면에서 고친 질문인가요?" in text
    report = sync_content(tmp_path)
    assert not report.created and not report.conflicts
