"""The kinds of interpretation and the fixed order a package shows them in."""

from django.utils.translation import gettext_lazy as _

#: (key, label): the kinds of 政策解读
KINDS = [
    ("graphic", _("图解")),
    ("text", _("文字解读")),
    ("expert", _("专家解读")),
    ("leader", _("领导解读")),
    ("qa", _("问答")),
    ("media", _("媒体聚焦")),
    ("video", _("视频解读")),
]
KIND_LABELS = dict(KINDS)

#: A package's parts after the original (原文 → 图解 → 文字 → 专家 → 问答 → 媒体 → 互动).
#: 领导解读 stands with the written interpretations, 视频 with the graphic ones.
PACKAGE_PARTS = [
    ("graphic", _("图解"), ("graphic", "video")),
    ("text", _("文字解读"), ("text", "leader")),
    ("expert", _("专家解读"), ("expert",)),
    ("qa", _("问答"), ("qa",)),
    ("media", _("媒体聚焦"), ("media",)),
]
KIND_ORDER = {kind: n for n, (_key, _label, kinds) in enumerate(PACKAGE_PARTS) for kind in kinds}

#: The page type of the documents interpreted (a page-type string: no model is imported).
POLICY_PAGE_TYPE = "disclosure.PolicyDocumentPage"
