"""The service item a benefit is claimed through, looked up by its code through the services
app's public functions (never its models)."""


def service_item_exists(code: str) -> bool:
    """Whether a published service item has this code."""
    from portal.services import services as service_hall

    return service_hall.page_for_code(code) is not None
