"""StreamField blocks for article bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from . import maps

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "blockquote",
    "link",
    "document-link",
    "image",
    "superscript",
    "subscript",
]


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("附件"))
    title = blocks.CharBlock(label=_("显示名称"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("附件")
        template = "pages/blocks/attachment.html"


class VideoBlock(blocks.StructBlock):
    """A video played in the page, with its caption track (WebVTT) for readers who cannot hear it."""

    video = DocumentChooserBlock(label=_("视频文件"), help_text=_("MP4 或 WebM 格式。"))
    captions = DocumentChooserBlock(label=_("字幕文件"), help_text=_("WebVTT（.vtt）格式的中文字幕。"))
    poster = ImageChooserBlock(label=_("封面图"), required=False)
    caption = blocks.CharBlock(label=_("视频说明"), required=False)

    class Meta:
        icon = "media"
        label = _("视频")
        template = "pages/blocks/video.html"


class AreaMapBlock(blocks.StructBlock):
    """A map of areas (streets, communities) drawn as SVG from GeoJSON; each area links to its page."""

    title = blocks.CharBlock(label=_("地图名称"))
    geojson = blocks.TextBlock(
        label=_("GeoJSON 数据"),
        help_text=_("FeatureCollection：每个面要素的 properties 含 name（名称）和 url（链接，可选）。"),
    )
    note = blocks.CharBlock(label=_("图注"), required=False)

    class Meta:
        icon = "site"
        label = _("区域地图")
        template = "pages/blocks/area_map.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["map"] = maps.area_map(value["geojson"])
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("正文"))
    image = ImageBlock(label=_("图片"), template="pages/blocks/image.html")
    table = TableBlock(label=_("表格"), template="pages/blocks/table.html")
    attachment = AttachmentBlock()
    video = VideoBlock()
    area_map = AreaMapBlock()

    class Meta:
        block_counts = {}


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("名称"))
    page = blocks.PageChooserBlock(label=_("站内页面"), required=False)
    url = blocks.URLBlock(label=_("外部链接"), required=False)
    icon = blocks.ChoiceBlock(
        label=_("图标"),
        choices=[
            ("disclosure", _("公开")),
            ("service", _("服务")),
            ("interaction", _("互动")),
            ("data", _("数据")),
            ("policy", _("政策")),
            ("news", _("新闻")),
            ("topic", _("专题")),
            ("link", _("链接")),
        ],
        default="link",
    )
    description = blocks.CharBlock(label=_("说明"), required=False)

    class Meta:
        icon = "link"
        label = _("快捷入口")
