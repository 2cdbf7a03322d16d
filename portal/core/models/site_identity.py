"""Editable site identity: the identifiers every government page shows in its footer."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

#: The national platform that receives reports of errors on government websites (我为政府网站找错).
NATIONAL_ERROR_REPORT_URL = "https://zfwzzc.www.gov.cn/"


class NewMediaAccountBlock(blocks.StructBlock):
    """One of the district's government new-media accounts (政务新媒体), shown with a QR code."""

    platform = blocks.ChoiceBlock(
        label=_("平台"),
        choices=[
            ("wechat", _("政务微信")),
            ("weibo", _("政务微博")),
            ("douyin", _("政务抖音")),
            ("app", _("政务客户端")),
            ("other", _("其他")),
        ],
    )
    name = blocks.CharBlock(label=_("账号名称"), max_length=60)
    url = blocks.URLBlock(label=_("账号链接"), help_text=_("二维码按此链接在本站生成。"))
    note = blocks.CharBlock(label=_("说明"), max_length=60, required=False)

    class Meta:
        icon = "link"
        label = _("政务新媒体账号")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    site_name = models.CharField(_("网站名称"), max_length=100, default="示范区人民政府门户网站")
    site_domain = models.CharField(_("网站域名"), max_length=100, default="www.shifanqu.gov.cn")
    site_id_code = models.CharField(
        _("网站标识码"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Z]{10}$", _("网站标识码为 10 位数字或大写字母。"))],
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    police_record_number = models.CharField(_("公安机关备案号"), max_length=60, blank=True)
    police_record_code = models.CharField(
        _("公安备案编号（数字）"),
        max_length=20,
        blank=True,
        help_text=_("用于生成全国互联网安全管理服务平台的查询链接。"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organizer = models.CharField(_("承办单位"), max_length=100, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    party_gov_badge_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("中央机构编制委员会办公室颁发的党政机关网站标识的验证链接。"),
    )
    annual_report_url = models.CharField(_("网站工作年度报表链接"), max_length=300, blank=True)
    hotline = models.CharField(
        _("政务服务便民热线"), max_length=30, default="12345", help_text=_("页头和页脚显示的热线号码。")
    )
    error_report_url = models.CharField(
        _("找错入口链接"),
        max_length=300,
        default=NATIONAL_ERROR_REPORT_URL,
        help_text=_("页脚“我为政府网站找错”的目标：本站的找错页面，没有时为全国政府网站找错平台。"),
    )
    sponsor_en = models.CharField(_("主办单位（英文）"), max_length=150, blank=True)
    organizer_en = models.CharField(_("承办单位（英文）"), max_length=150, blank=True)
    contact_address_en = models.CharField(_("联系地址（英文）"), max_length=250, blank=True)
    new_media = StreamField(
        [("account", NewMediaAccountBlock())],
        verbose_name=_("政务新媒体"),
        blank=True,
        help_text=_("首页“政务新媒体”板块列出的账号；未填写时不显示该板块。"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("site_domain"), FieldPanel("site_id_code")],
            heading=_("网站"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("police_record_number"),
                FieldPanel("police_record_code"),
                FieldPanel("party_gov_badge_url"),
            ],
            heading=_("备案与标识"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organizer"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                FieldPanel("annual_report_url"),
            ],
            heading=_("主办与联系"),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("error_report_url")],
            heading=_("热线与找错"),
        ),
        MultiFieldPanel(
            [FieldPanel("sponsor_en"), FieldPanel("organizer_en"), FieldPanel("contact_address_en")],
            heading=_("英文网站页脚"),
        ),
        FieldPanel("new_media"),
    ]

    class Meta:
        verbose_name = _("网站标识")

    @classmethod
    def for_site(cls, site):
        """The site's identity, kept with the page tree (every page's footer shows it; a save
        moves :mod:`portal.core.tree_cache` to a new version)."""
        from portal.core import tree_cache

        if site is None:
            return super().for_site(site)
        return tree_cache.get_or_set(
            f"identity:{site.pk}", lambda: BaseSiteSetting.for_site.__func__(cls, site)
        )
