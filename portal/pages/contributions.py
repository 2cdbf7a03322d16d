"""What pages contributes to registries: its column types, home-page sections and the OA intake
kind ``news``."""

from django.utils.translation import gettext_lazy as _

from portal.editorial import intake_kinds

from . import home
from .column_types import register_column_type
from .home_sections import HomeSection
from .home_sections import register as register_section
from .models import ArticlePage

register_column_type("news", _("新闻动态"), order=10)
register_column_type("notice", _("通知公告"), order=20)
register_column_type("topic", _("专题专栏"), order=80)
register_column_type("general", _("综合"), order=90)

register_section(
    HomeSection("pages.top", "pages/home/top_section.html", home.top_section, order=0, area="top")
)
register_section(
    HomeSection("pages.notices", "pages/home/notices_section.html", home.notices_section, order=10)
)
register_section(
    HomeSection("pages.topics", "pages/home/topics_section.html", home.topics_section, order=10, area="band")
)
register_section(
    HomeSection(
        "pages.new_media", "pages/home/new_media_section.html", home.new_media_section, order=20, area="band"
    )
)


class ArticleIntakeSerializer(intake_kinds.StrictModelSerializer):
    """The metadata of an article (news, notice, work report) an office system sends with it."""

    class Meta:
        model = ArticlePage
        fields = ["subtitle", "source", "author"]


def apply_article(page: ArticlePage, data: dict, attachments: list) -> None:
    page.body = [("paragraph", data["body"])]
    page.summary = data.get("summary") or page.summary
    for name, value in data["fields"].items():
        if value or not getattr(page, name):
            setattr(page, name, value)


intake_kinds.register(
    intake_kinds.IntakeKind(
        key="news",
        label=_("新闻文章"),
        model=ArticlePage,
        serializer=ArticleIntakeSerializer,
        apply=apply_article,
    )
)
