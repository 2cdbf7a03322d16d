"""Query understanding, graded matching, phrase-level synonyms, pinyin anywhere, suggestions,
ranking priors and snippets, each on a few fixed documents."""

import pytest

from portal.search import indexer, text
from portal.search.analysed import EXACT, PARTIAL, SYNONYM
from portal.search.index import get_engine
from portal.search.models import QueryIntent, Synonym
from portal.search.query import SearchParams, highlight, search
from portal.search.ranking import passage
from portal.search.understanding import understand
from tests import factories

pytestmark = pytest.mark.django_db


def _titles(q: str, **kw) -> list[str]:
    return [i.doc.title for i in search(SearchParams(q=q, **kw)).items]


def _required(query) -> list[str]:
    return [g.word for g in query.concepts]


def test_question_and_filler_words_leave_the_required_terms_and_become_intents():
    query = text.analyse("请问营业执照怎么办理需要什么材料")
    assert _required(query) == ["营业执照"]
    assert "howto" in query.intents and "materials" in query.intents
    assert query.prefer[:2] == ["service", "policy"]
    soft = {g.word for g in query.groups if g.soft}
    assert {"办理", "材料"} <= soft  # kept for ranking, never required
    assert "请问" in query.fillers


def test_contact_words_prefer_the_organisation():
    query = text.analyse("人社局电话")
    assert _required(query) == ["人社局"] and query.intents == ["contact"]
    assert query.prefer == ["organisation"]


def test_single_characters_and_leftover_verbs_are_never_required():
    query = text.analyse("开店要办什么证")
    assert "证" not in _required(query) and "办" not in _required(query) and "开" not in _required(query)
    understood = understand(["去", "哪", "补", "身份证"])
    assert [w for w, soft in understood.terms if not soft] == ["身份证"]
    # the AND expression names only the concepts
    assert '"证"' not in get_engine().expression(query, "and")


def test_fillers_never_cut_a_word_in_two():
    query = text.analyse("旅游目的地")
    assert "的" not in query.fillers and "目的地" in "".join(g.word for g in query.groups)


def test_intent_patterns_are_editable_data():
    assert QueryIntent.objects.filter(intent="howto").exists()  # the shipped defaults
    assert _required(text.analyse("社保卡咋整")) != ["社保卡"]
    QueryIntent.objects.create(intent="howto", phrases="咋整", prefer="service")
    query = text.analyse("社保卡咋整")
    assert _required(query) == ["社保卡"] and "howto" in query.intents


def test_graded_matching_puts_the_key_noun_above_the_filler(home, publish):
    publish(factories.article(title="关于办理业务的温馨提示"))  # only the filler verb
    publish(factories.article(title="营业执照补领须知"))  # the key noun
    assert _titles("怎么办理营业执照")[0] == "营业执照补领须知"


def test_partial_matches_rank_below_complete_ones_and_nothing_shared_finds_nothing(home, publish):
    publish(factories.article(title="义务教育入学报名通知"))
    publish(factories.article(title="停车场收费公示"))
    publish(factories.article(title="义务教育阶段停车场建设"))
    results = search(SearchParams(q="义务教育 停车场"))
    assert results.items[0].doc.title == "义务教育阶段停车场建设"
    assert set(_titles("义务教育 停车场")) == {
        "义务教育阶段停车场建设",
        "义务教育入学报名通知",
        "停车场收费公示",
    }
    assert _titles("火星基地") == []


def test_a_strict_match_does_not_hide_better_partial_ones(home, publish):
    # one document names every word only in passing; the others are about the key noun
    publish(factories.article(title="工作动态", body=[("paragraph", "<p>会上提到公积金，也提到提取。</p>")]))
    publish(factories.article(title="住房公积金提取指南"))
    assert _titles("公积金提取")[0] == "住房公积金提取指南"


def test_synonym_inside_a_word_keeps_the_rest_of_the_word():
    query = text.analyse("社保卡")
    group = query.groups[0]
    assert ("社会保障", "卡") in group.alternatives or ("社会保障卡",) in group.alternatives
    assert ("社会保障",) not in group.alternatives  # the topic alone is not the card
    exact = group.quality_of(("社保卡",))
    synonym = max(group.quality_of(a) for a in group.alternatives if "社会保障" in "".join(a))
    assert exact == EXACT and synonym == SYNONYM


def test_residual_synonym_finds_the_card_not_the_topic(home, publish):
    publish(factories.article(title="社会保障卡申领流程"))
    publish(factories.article(title="社会保障工作会议召开"))
    assert _titles("社保卡")[0] == "社会保障卡申领流程"


def test_parts_of_a_long_word_only_count_partly():
    query = text.analyse("养老保险参保登记")
    qualities = {g.quality_of(a) for g in query.groups for a in g.alternatives}
    assert PARTIAL in qualities or len(query.groups) > 1


def test_default_vocabulary_is_loaded_with_many_groups():
    assert Synonym.objects.count() >= 600
    assert "不动产权证" in text.synonyms_of("房产证")
    assert "个人所得税" in text.synonyms_of("个税")


def test_pinyin_mixed_with_initials_a_syllable_and_english(home, publish):
    indexer.add_terms(["社保", "公积金", "提取", "老旧", "小区"])
    assert text.from_pinyin("shebaoka") == ["社保卡"]  # a word plus one more syllable
    assert text.from_pinyin("gjjtiqu") == ["公积金提取"]  # initials then full syllables
    assert text.from_pinyin("card") == []  # an English word is not read as initials
    publish(factories.article(title="社保卡 card service guide"))
    query = text.analyse("shebao card")
    assert "社保" in query.expansions["shebao"]
    assert _titles("shebao card") == ["社保卡 card service guide"]


def test_pinyin_of_a_word_known_only_to_the_synonyms():
    assert "不动产权证" in text.from_pinyin("budongchanquanzheng")


def test_suggestion_refused_for_a_rare_proper_noun(home, publish):
    # a place name from one news item must not replace a common word
    publish(factories.article(title="石榴村举办丰收节"))
    for n in range(3):
        publish(factories.article(title=f"十六项惠民措施第{n}批"))
    indexer.add_terms(["石榴村"])
    results = search(SearchParams(q="十六项"))
    assert not results.suggestion and results.items


def test_suggestion_offered_when_clearly_better(home, publish):
    for n in range(3):
        publish(factories.article(title=f"公积金提取办法第{n}号"))
    results = search(SearchParams(q="公基金提取"))
    assert results.suggestion == "公积金提取" and results.corrected


def test_a_howto_question_ranks_the_service_guide_and_policy_above_news(home, publish):
    news = publish(factories.column(title="区政府要闻", column_type="news"))
    policy = publish(factories.column(title="政策文件", column_type="policy"))
    publish(factories.article(parent=news, title="居住证办理窗口迎来高峰"))
    publish(factories.policy_document(parent=policy, title="居住证办理实施办法"))
    assert _titles("怎么办理居住证")[0] == "居住证办理实施办法"


def test_documents_in_force_rank_above_repealed_ones(home, publish):
    col = publish(factories.column(title="政策文件", column_type="policy"))
    publish(factories.policy_document(parent=col, title="停车收费管理办法", validity="repealed"))
    publish(factories.policy_document(parent=col, title="停车收费管理办法（修订）"))
    assert _titles("停车收费管理办法")[0] == "停车收费管理办法（修订）"


def test_snippet_is_the_passage_that_names_most_terms():
    body = (
        "本通知自发布之日起施行。" * 8 + "申请公积金提取需要携带身份证和购房合同。" + "其他事项另行通知。" * 8
    )
    chosen = passage(body, ["公积金", "提取", "身份证"], 40)
    assert "公积金提取" in chosen and chosen.startswith("…")
    html = highlight(body, ["公积金", "身份证"], length=40)
    assert "<mark>公积金</mark>" in html


def test_snippet_does_not_repeat_the_title():
    body = "居住证办理指南。" + "办理居住证需要提供居住证明和身份证，" * 3 + "办理地点为派出所。" + "x" * 80
    chosen = passage(body, ["居住证", "办理"], 30, title="居住证办理指南")
    assert not chosen.startswith("居住证办理指南")


def test_the_closest_vocabulary_word_for_a_candidate():
    from portal.search import services

    indexer.add_terms(["营业执照", "营业时间"], weights={"营业执照": 3, "营业时间": 1})
    assert services._closest_term("营业执炤") == "营业执照"
    assert services._closest_term("x") is None
