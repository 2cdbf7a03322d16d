"""The service item a benefit is claimed through, looked up by its code through the services
app's public functions (never its models)."""


def service_item_exists(code: str) -> bool:
    """Whether a published service item has this code."""
    from portal.services import services as service_hall

    return service_hall.page_for_code(code) is not None


def service_item_url(code: str) -> str:
    """The public address of the service item with this code, or ''."""
    from portal.services import services as service_hall

    page = service_hall.page_for_code(code) if code else None
    return page.url if page else ""
