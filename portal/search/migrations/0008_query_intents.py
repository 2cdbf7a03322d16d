"""Editable query intents, with the default patterns from portal/search/data/intents.json."""

import json
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parent.parent / "data" / "intents.json"


def load(apps, schema_editor):
    QueryIntent = apps.get_model("portal_search", "QueryIntent")
    for row in json.loads(DATA.read_text(encoding="utf-8"))["intents"]:
        QueryIntent.objects.get_or_create(
            intent=row["intent"],
            phrases=" ".join(row["phrases"]),
            defaults={"hints": " ".join(row["hints"]), "prefer": ",".join(row["prefer"])},
        )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0007_site_locale_facets")]
    operations = [
        migrations.CreateModel(
            name="QueryIntent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "intent",
                    models.CharField(
                        choices=[
                            ("howto", "怎么办理"),
                            ("materials", "所需材料"),
                            ("location", "地点"),
                            ("contact", "联系方式"),
                            ("fee", "费用"),
                            ("time", "时间"),
                            ("eligibility", "条件"),
                            ("progress", "进度"),
                            ("who", "人员"),
                            ("action", "办事动词"),
                            ("filler", "语气与客套"),
                        ],
                        max_length=20,
                        verbose_name="意图",
                    ),
                ),
                (
                    "phrases",
                    models.TextField(
                        blank=True, help_text="用空格或换行分隔，如：怎么办理 需要什么材料。", verbose_name="去除的问句词"
                    ),
                ),
                (
                    "hints",
                    models.TextField(
                        blank=True, help_text="表明意图、但不要求结果包含的词，如：材料 电话。", verbose_name="提示词"
                    ),
                ),
                (
                    "prefer",
                    models.CharField(
                        blank=True,
                        help_text="优先的结果类别，逗号分隔：service, policy, notice, news, organisation, leader。",
                        max_length=200,
                        verbose_name="优先结果",
                    ),
                ),
                ("enabled", models.BooleanField(default=True, verbose_name="启用")),
            ],
            options={"verbose_name": "查询意图", "verbose_name_plural": "查询意图"},
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
