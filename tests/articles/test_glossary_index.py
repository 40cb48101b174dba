"""The glossary's A-Z and 가나다 index (a pure function, no database)."""

from types import SimpleNamespace

from regenknee.articles.glossary_index import glossary_index, initial_of


def terms(*names):
    return [SimpleNamespace(term=name, slug=name.lower()) for name in names]


def test_english_terms_are_filed_under_their_first_letter_and_every_letter_is_listed():
    index = glossary_index(terms("cartilage", "Collagen", "MRI", "Éclair"), "en")
    assert [letter.label for letter in index] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    by_label = {letter.label: [t.term for t in letter.terms] for letter in index}
    assert by_label["C"] == ["cartilage", "Collagen"]
    assert by_label["M"] == ["MRI"]
    assert by_label["E"] == ["Éclair"]  # an accented letter under its plain letter
    assert by_label["A"] == []
    assert index[2].anchor == "letter-c"


def test_korean_terms_are_filed_under_the_first_consonant_of_their_first_syllable():
    assert initial_of("골관절염", "ko") == "ㄱ"
    assert initial_of("연골", "ko") == "ㅇ"
    assert initial_of("한국의약품안전관리원(KIDS)", "ko") == "ㅎ"
    # Double consonants go with their single ones, as in a Korean dictionary.
    assert initial_of("까치", "ko") == "ㄱ"
    assert initial_of("쌍둥이", "ko") == "ㅅ"
    assert initial_of("찜질", "ko") == "ㅈ"


def test_korean_page_lists_가나다_then_latin_letters_as_one_group():
    index = glossary_index(terms("연골", "골극", "MRI", "WOMAC", "가짜 시술"), "ko")
    labels = [letter.label for letter in index]
    assert labels == [*"ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ", "A–Z"]
    by_label = {letter.label: [t.term for t in letter.terms] for letter in index}
    assert by_label["ㄱ"] == ["가짜 시술", "골극"]
    assert by_label["A–Z"] == ["MRI", "WOMAC"]
    assert index[-1].anchor == "letter-latin"


def test_terms_starting_with_a_digit_or_a_symbol_get_their_own_group_only_when_needed():
    assert "0–9" not in [letter.label for letter in glossary_index(terms("Knee"), "en")]
    index = glossary_index(terms("3D scan", "“Quoted”", "Knee"), "en")
    assert [letter.label for letter in index][-2:] == ["0–9", "#"]
    assert [t.term for t in index[-2].terms] == ["3D scan"]
