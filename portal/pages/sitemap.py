"""sitemap.xml for the requested site, with every language's tree and generated sub-pages."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.core.visibility import public


class PortalSitemap(Sitemap):
    """Wagtail's site-aware sitemap, extended to the site's other-language home pages."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = [root, *root.get_translations().live()]
        pages = Page.objects.none()
        for home in homes:
            pages = pages | Page.objects.descendant_of(home, inclusive=True)
        return public(pages.live()).order_by("path").defer_streamfields().specific()
