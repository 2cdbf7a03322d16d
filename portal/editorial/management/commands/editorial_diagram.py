"""Print the installed review workflows as a Mermaid state diagram (for docs/editorial.md)."""

from django.core.management.base import BaseCommand
from wagtail.models import Workflow

from portal.editorial.models import ContentCheckTask, OrganisationReviewTask


def workflow_diagram(workflow: Workflow) -> str:
    lines = ["stateDiagram-v2", f"    %% {workflow.name}", "    [*] --> 草稿", "    草稿 --> S0: 提交审核"]
    tasks = [t.specific for t in workflow.tasks]
    for index, task in enumerate(tasks):
        node = f"S{index}"
        if isinstance(task, ContentCheckTask):
            label = f"{task.name}（自动；阻断项退回，提示项须写理由放行）"
        elif isinstance(task, OrganisationReviewTask):
            who = "负责人" if task.audience == "leads" else "审核人员"
            label = f"{task.name}（本机构{who}，{task.due_hours} 工作小时）"
        else:
            label = task.name
        lines.append(f"    {node}: {label}")
        nxt = f"S{index + 1}" if index + 1 < len(tasks) else "已发布"
        lines.append(f"    {node} --> {nxt}: 通过")
        lines.append(f"    {node} --> 待修改: 退回")
    lines += [
        "    待修改 --> 草稿: 修改后重新提交（从退回的步骤继续；未检查的修订在通过前重新检查）",
        "    已发布 --> 草稿: 新修订（线上版本不变）",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "以 Mermaid 状态图输出已安装的发布审核流程。"

    def handle(self, *args, **options):
        for workflow in Workflow.objects.filter(active=True).order_by("pk"):
            self.stdout.write("```mermaid\n" + workflow_diagram(workflow) + "\n```\n")
