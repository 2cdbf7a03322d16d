from django.db import migrations

CHANNELS = [
    ("mailbox", "领导信箱", "leader", 10, "向区领导反映问题、提出建议。"),
    ("consultation", "业务咨询", "organisation", 5, "向区政府部门和街道咨询政策和办事问题。"),
    ("complaint", "投诉建议", "none", 15, "对政府工作的投诉和意见建议。"),
    ("site-error", "我为政府网站找错", "none", 3, "报告本网站的错别字、链接失效、内容不更新等问题。"),
]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("interaction", "Channel")
    for order, (key, name, addressee, days, description) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "addressee": addressee,
                "reply_days": days,
                "description": description,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("interaction", "0001_initial")]

    operations = [migrations.RunPython(create_channels, migrations.RunPython.noop)]
