"""Load a year's official holiday arrangement into the working-day calendar."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.workdays import load_arrangement


class Command(BaseCommand):
    help = "导入某年国务院办公厅公布的节假日安排（每行：日期或日期~日期 休/班 名称）。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", help="安排文件路径；- 表示标准输入。")
        parser.add_argument("--source", default="", help="依据文号。")
        parser.add_argument("--incomplete", action="store_true", help="尚未完整录入，期限仍为暂定。")

    def handle(self, *args, year, file, source="", incomplete=False, **options):
        import sys

        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        try:
            count = load_arrangement(year, text, complete=not incomplete, source=source)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{year}: {count} days loaded")
