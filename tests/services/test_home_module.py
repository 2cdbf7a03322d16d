"""我的评价: the services app's module on the personal homepage (core.user_space)."""

from types import SimpleNamespace

from portal.core.user_space import home_modules
from portal.services.contributions import _rating_line


def test_ratings_module_is_registered():
    module = home_modules.get("services.ratings")
    assert module is not None and str(module.title) == "我的评价"
    rating = SimpleNamespace(item=SimpleNamespace(title="居民身份证办理"), get_level_display=lambda: "满意")
    assert _rating_line(rating) == "居民身份证办理：满意"
