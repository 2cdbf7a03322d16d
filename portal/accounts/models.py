"""Public accounts (citizens and enterprises, docs/accounts.md) and the permissions of the
administrator roles (三员分立) that belong to no content model.

``StaffSecurity`` has no table: it only carries the permissions that the audit screen, the
unlock screen and the two-factor reset check, so that they can be granted to a group like any
other permission (``manage.py install_admin_roles``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.personal_data import EncryptedCharField, blind_index

from .validators import national, validate_uscc


class StaffSecurity(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("账号安全")
        verbose_name_plural = _("账号安全")
        permissions = [
            ("view_audit_log", _("查看全部审计日志")),
            ("unlock_account", _("解除登录锁定")),
            ("reset_two_factor", _("重置双因素认证")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


# -- citizen and enterprise accounts (用户中心, docs/accounts.md) ---------------------------------


class CitizenProfile(models.Model):
    """What a public account holds beside Django's user: the mobile number (the second login
    name) and the optional real-name fields, all encrypted; blind indexes find a number or an ID."""

    class Kind(models.TextChoices):
        PERSON = "person", _("个人")
        ENTERPRISE = "enterprise", _("法人（企业）")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen_profile"
    )
    kind = models.CharField(_("账号类型"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    phone = EncryptedCharField(_("手机号码"), max_length=32)
    phone_index = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    phone_verified = models.BooleanField(_("手机号码已验证"), default=False)
    real_name = EncryptedCharField(_("真实姓名"), max_length=64)
    id_number = EncryptedCharField(_("身份证号码"), max_length=32)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("注册时间"), default=timezone.now)

    class Meta:
        verbose_name = _("公众账号")
        verbose_name_plural = _("公众账号")

    def __str__(self) -> str:
        return self.user.get_username()

    def save(self, *args, **kwargs):
        self.phone_index = blind_index(self.phone or "") or None
        self.id_number_index = blind_index(self.id_number or "")
        super().save(*args, **kwargs)

    @property
    def national_phone(self) -> str:
        """The mobile number as people type it (13812345678)."""
        return national(self.phone or "")


class Enterprise(models.Model):
    """法人（企业）: one 统一社会信用代码, several people acting for it."""

    name = models.CharField(_("企业名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EnterpriseMember(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("企业管理员")
        MEMBER = "member", _("经办人")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_memberships"
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    added_at = models.DateTimeField(_("加入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("企业成员")
        verbose_name_plural = _("企业成员")
        constraints = [models.UniqueConstraint(fields=["enterprise", "user"], name="accounts_one_membership")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.user}"


class HomeLayout(models.Model):
    """The order of the modules on one person's homepage (个性主页): a list of module keys."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_layout"
    )
    order = models.JSONField(default=list, blank=True)
    hidden = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("个性主页布局")
        verbose_name_plural = _("个性主页布局")

    def __str__(self) -> str:
        return str(self.user)


class Favourite(models.Model):
    """收藏: a page a person keeps on their homepage."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("收藏时间"), default=timezone.now)

    class Meta:
        verbose_name = _("收藏")
        verbose_name_plural = _("收藏")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="accounts_one_favourite")]

    def __str__(self) -> str:
        return f"{self.user} · {self.page_id}"
