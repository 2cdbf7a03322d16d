"""Colloquial phrasings seen in government-portal query logs."""

from django.db import migrations

GROUPS = [
    "结婚登记 婚姻登记",
    "结婚 婚姻",
    "离婚 离婚登记",
    "生孩子 新生儿 出生",
    "上学 入学",
    "幼儿园 学前教育",
    "看病 就医 医疗",
    "开公司 企业开办 开办企业",
    "开店 开饭店 食品经营许可",
    "找工作 就业 招聘",
    "停车场 停车",
    "垃圾分类 生活垃圾分类",
    "老年人 高龄 老人",
    "补助 补贴 津贴",
    "退休 养老保险",
    "家庭医生 签约医生",
    "低保 最低生活保障 困难救助",
    "电话 联系电话 联系方式",
    "地址 办公地址 在哪",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_default_synonyms")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
