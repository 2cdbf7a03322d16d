"""Department abbreviations and a few more colloquial pairs."""

from django.db import migrations

GROUPS = [
    "发改局 发展和改革局 发展改革局",
    "住建局 住房和建设局 住房建设局 住房和城乡建设局",
    "卫健局 卫生健康局",
    "科工信局 科技和工业信息化局",
    "文广旅体局 文化广电旅游体育局",
    "城管局 城市管理和综合执法局 城管执法局",
    "应急局 应急管理局",
    "规自局 规划和自然资源分局 规划自然资源分局",
    "噪音 噪声",
    "养老院 养老机构",
    "廉租房 公租房 保障性住房",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    for terms in GROUPS:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_more_synonyms")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
