from django.core.management.base import BaseCommand

from portal.accounts.roles import install_roles


class Command(BaseCommand):
    help = "创建或重置系统管理员、安全管理员、审计管理员三个角色（三员分立）及其权限。"

    def handle(self, *args, **options):
        for group, created in install_roles():
            verb = "已创建" if created else "已重置"
            self.stdout.write(f"{verb}：{group.name}（{group.permissions.count()} 项权限）")
