"""StreamField blocks for article bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

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


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("正文"))
    image = ImageBlock(label=_("图片"), template="pages/blocks/image.html")
    table = TableBlock(label=_("表格"), template="pages/blocks/table.html")
    attachment = AttachmentBlock()

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
