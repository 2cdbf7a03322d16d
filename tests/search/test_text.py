"""Every stage of the Chinese text pipeline."""

import pytest

from portal.search import indexer, text
from portal.search.models import Synonym, Term
from tests import factories


def test_normalise_folds_width_script_and_case():
    assert text.normalise("ＡＢＣ１２３") == "abc123"
    assert text.normalise("社會保障 卡") == "社会保障 卡"
    assert text.normalise("  Social   SECURITY ") == "social security"


def test_segmentation_is_search_mode_and_drops_punctuation():
    tokens = text.segment("关于开展营业执照网上办理的通知。")
    assert "营业执照" in tokens and "营业" in tokens and "执照" in tokens
    assert "。" not in tokens and "" not in tokens


def test_traditional_query_segments_like_simplified():
    assert text.segment("營業執照") == text.segment("营业执照")


@pytest.mark.django_db
def test_custom_dictionary_keeps_organisation_names_whole():
    factories.organisation(name="示范区翠湖街道办事处", short_name="翠湖街道")
    text.dictionary_changed()
    text.ensure_dictionary()
    assert "翠湖街道" in text.words("翠湖街道在哪里")
    assert "示范区翠湖街道办事处" in text.segment("示范区翠湖街道办事处发布通知")


@pytest.mark.django_db
def test_synonyms_are_editable_data_and_expand_the_query():
    # shipped defaults (data migration)
    assert "社会保障" in text.synonyms_of("社保")
    Synonym.objects.create(terms="老年卡 敬老卡")
    query = text.analyse("老年卡")
    alternatives = {alt for g in query.groups for alt in g.alternatives}
    assert ("敬老卡",) in alternatives or ("敬老", "卡") in alternatives


@pytest.mark.django_db
def test_english_multiword_synonym():
    query = text.analyse("social security")
    assert query.expansions["social security"] == ["社保"]


@pytest.mark.django_db
def test_query_stopwords_are_removed():
    query = text.analyse("怎么办理居民身份证")
    assert [g.word for g in query.groups] == ["办理", "居民身份证"]


@pytest.mark.django_db
def test_pinyin_and_initials_find_chinese_words():
    indexer.add_terms(["社保", "社区"])
    assert text.pinyin_of("社保") == ("shebao", "sb")
    assert text.from_pinyin("shebao") == ["社保"]
    assert text.from_pinyin("sb") == ["社保"]
    query = text.analyse("shebao")
    assert query.expansions["shebao"] == ["社保"]
    alternatives = {alt for g in query.groups for alt in g.alternatives}
    assert ("社会保障",) in alternatives  # the synonym of the pinyin's word


@pytest.mark.django_db
def test_suggestion_for_homophone_typo_and_pinyin():
    indexer.add_terms(["社保卡", "营业执照", "公积金"])
    assert text.suggest("社宝卡") == "社保卡"
    assert text.suggest("营业执招") == "营业执照"
    assert text.suggest("gongjijin") == "公积金"
    assert text.suggest("公积金") is None
    assert Term.objects.filter(text="社保卡").exists()


@pytest.mark.django_db
def test_long_pinyin_splits_into_vocabulary_words():
    indexer.add_terms(["老旧", "小区", "改造"])
    assert text.from_pinyin("laojiuxiaoqu") == ["老旧小区"]


@pytest.mark.django_db
def test_synonym_inside_a_word():
    query = text.analyse("社保卡")
    alternatives = {alt for g in query.groups for alt in g.alternatives}
    assert any("社会保障" in "".join(alt) for alt in alternatives)


@pytest.mark.django_db
def test_no_suggestion_replaces_a_known_two_character_word():
    indexer.add_terms(["社保"])
    assert text.suggest("低保") is None  # a synonym key, not a typo of 社保
