"""Background work of 一号登录: expired and revoked tokens and codes are deleted daily."""

from datetime import timedelta

from django_tasks import task
from oauth2_provider.models import clear_expired

from portal.core import periodic


@task()
def clear_expired_tokens() -> dict:
    clear_expired()
    return {"cleared": True}


periodic.register(clear_expired_tokens, every=timedelta(days=1))
