"""The organisation tree: district government → departments and streets → communities."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from portal.core.registry import staff_group_rules


class Organisation(index.Indexed, ClusterableModel):
    """A publishing organisation of the district (三级: 区、部门/街道、社区)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("区政府")
        DEPARTMENT = "department", _("区政府部门")
        STREET = "street", _("街道")
        COMMUNITY = "community", _("社区")

    ALLOWED_PARENTS = {
        Kind.DISTRICT: (),
        Kind.DEPARTMENT: (Kind.DISTRICT,),
        Kind.STREET: (Kind.DISTRICT,),
        Kind.COMMUNITY: (Kind.STREET,),
    }

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("机构代码"),
        max_length=18,
        unique=True,
        help_text=_("统一社会信用代码或组织机构代码，用于生成索引号。"),
        validators=[RegexValidator(r"^[0-9A-Z]{9,18}$", _("机构代码只能包含数字和大写字母，9 至 18 位。"))],
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    duties = RichTextField(_("主要职责"), blank=True)
    internal_units = models.TextField(_("内设机构"), blank=True, help_text=_("每行一个。"))
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    fax = models.CharField(_("传真"), max_length=60, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    editors_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="edited_organisation",
    )
    reviewers_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="reviewed_organisation",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("parent"),
                FieldPanel("code"),
                FieldPanel("sort_order"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("duties"),
        FieldPanel("internal_units"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("postcode"),
            ],
            heading=_("联系方式"),
        ),
        InlinePanel("leaders", heading=_("领导信息"), label=_("领导")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.SearchField("duties"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        allowed = self.ALLOWED_PARENTS.get(self.kind, ())
        parent_kind = self.parent.kind if self.parent_id else None
        if not allowed and self.parent_id:
            raise ValidationError({"parent": _("区政府是机构树的根，不能有上级机构。")})
        if allowed and parent_kind not in allowed:
            names = "、".join(str(self.Kind(k).label) for k in allowed)
            raise ValidationError({"parent": _("该类型机构的上级必须是：%(names)s。") % {"names": names}})
        if self.pk and self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("机构不能是自己的上级。")})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Organisation]:
        """Parent, grandparent … up to the district, root first."""
        return list(reversed(self.lineage()[1:]))

    def lineage(self) -> list[Organisation]:
        """This organisation and its ancestors, nearest first (the one tree walk of the app)."""
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def root(self) -> Organisation:
        return self.lineage()[-1]

    def staff_users(self, roles, exclude=()) -> list:
        """Active staff accounts of this organisation with one of ``roles``."""
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(
            is_active=True, staff_profile__organisation=self, staff_profile__role__in=list(roles)
        )
        if exclude:
            users = users.exclude(pk__in=list(exclude))
        return list(users.order_by("pk"))

    def nearest_with(self, roles, exclude=()) -> Organisation | None:
        """The nearest organisation (this one, else an ancestor) with active staff in ``roles``,
        not counting the users in ``exclude``."""
        for node in self.lineage():
            if node.staff_users(roles, exclude):
                return node
        return None

    def descendants(self) -> list[Organisation]:
        found, frontier = [], [self]
        while frontier:
            kids = list(Organisation.objects.filter(parent__in=frontier))
            found.extend(kids)
            frontier = kids
        return found

    def internal_unit_list(self) -> list[str]:
        return [line.strip() for line in self.internal_units.splitlines() if line.strip()]


class Leader(Orderable):
    """A leader of an organisation (领导信息): name, photo, title, CV and portfolio."""

    organisation = ParentalKey(Organisation, related_name="leaders", on_delete=models.CASCADE)
    name = models.CharField(_("姓名"), max_length=40)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    title = models.CharField(_("职务"), max_length=120)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cv = RichTextField(_("简历"), blank=True)
    portfolio = models.TextField(_("工作分工"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("title"),
        FieldPanel("photo"),
        FieldPanel("portfolio"),
        FieldPanel("cv"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("领导")
        verbose_name_plural = _("领导")

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class StaffProfile(models.Model):
    """Ties a staff account to the one organisation it belongs to, with its role there."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("编辑")
        REVIEWER = "reviewer", _("审核")
        LEAD = "lead", _("负责人")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属机构"), on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return f"{self.user.get_full_name().strip() or self.user.get_username()} · {self.organisation}"

    def clean(self) -> None:
        # Joining an organisation puts the account in that organisation's group; an account a
        # rule keeps out of other groups (an administrator role) is refused here, on the form.
        if self.user_id and self.organisation_id:
            problem = self.groups_problem()
            if problem:
                raise ValidationError({"user": problem})

    def groups_problem(self) -> str | None:
        """Why the groups this record would give its account are refused, or None."""
        organisation = self.organisation
        own = {
            pk for pair in Organisation.objects.values_list("editors_group", "reviewers_group") for pk in pair
        }
        kept = [group for group in self.user.groups.all() if group.pk not in own]
        joined = organisation.editors_group if self.role == self.Role.EDITOR else organisation.reviewers_group
        planned = [*kept, joined or Group(name=f"{organisation} · {self.get_role_display()}")]
        for rule in staff_group_rules.values():
            problem = rule(planned, self.user.is_superuser)
            if problem:
                return problem
        return None
