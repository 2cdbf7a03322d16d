from django.db import migrations

CONFIDENTIAL = """# 涉密标识：出现即不得公开（以 ! 开头为允许的固定说法）
绝密
机密
秘密★
秘密级
★秘密
内部资料
内部文件
内部刊物
内部使用
内部传阅
不得外传
注意保密
严禁外传
不宜公开
涉密
秘密
!国家秘密
!保守秘密
!商业秘密
!工作秘密
!泄露秘密
!机密性
!涉密人员管理
!非涉密
"""

SENSITIVE = """# 敏感词：由管理员按本地要求维护，可写成“词|修改建议”
"""


def create(apps, schema_editor):
    Lexicon = apps.get_model("editorial", "Lexicon")
    Lexicon.objects.get_or_create(
        name="涉密标识", defaults={"category": "confidential", "severity": "block", "terms": CONFIDENTIAL}
    )
    Lexicon.objects.get_or_create(
        name="敏感词", defaults={"category": "sensitive", "severity": "block", "terms": SENSITIVE}
    )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
