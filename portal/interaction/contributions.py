"""What interaction contributes to other apps' registries: 我的来信 on the personal homepage."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.user_space import home_modules, submissions_module

from .models import Letter

home_modules.register(
    "interaction.letters",
    submissions_module(
        "interaction.letters", _("我的来信"), Letter, order=10, url=lambda: reverse("interaction:track")
    ),
)
