"""Common government-service synonyms and abbreviations, editable afterwards in the admin."""

from django.db import migrations

GROUPS = [
    "社保 社会保障 社会保险",
    "医保 医疗保障 医疗保险",
    "公积金 住房公积金",
    "身份证 居民身份证",
    "营业执照 执照",
    "户口 户籍",
    "低保 最低生活保障",
    "人社局 人力资源和社会保障局",
    "市监局 市场监督管理局",
    "发改委 发展和改革委员会 发展改革委",
    "住建局 住房和城乡建设局",
    "卫健委 卫生健康委员会 卫生健康局",
    "退役军人 退伍军人",
    "公租房 公共租赁住房",
    "残疾人证 残疾证",
    "驾照 驾驶证",
    "出生证 出生医学证明",
    "养老金 养老保险金",
    "失业金 失业保险金",
    "一件事 一件事一次办",
    "social security 社保",
    "medical insurance 医保",
    "housing fund 公积金",
    "business license 营业执照",
    "id card 身份证",
    "policy 政策",
    "notice 通知",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("portal_search", "Synonym")
    for terms in GROUPS:
        if "," not in terms and terms.split()[0].isascii():
            # English phrase first: keep it whole, then the Chinese term.
            *english, chinese = terms.split()
            terms = f"{' '.join(english)}, {chinese}"
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_fulltext_tables")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
