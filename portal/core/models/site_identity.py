"""Editable site identity: the identifiers every government page shows in its footer."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
