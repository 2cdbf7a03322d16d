"""Background work of disclosure: the daily lifecycle of normative documents."""

from datetime import timedelta

from django_tasks import task

from portal.core import periodic

from . import lifecycle


@task()
def normative_lifecycle() -> dict:
    """Documents past their 有效期至 become 失效; owners are reminded 30 working days before."""
    return lifecycle.run()


periodic.register(normative_lifecycle, every=timedelta(hours=1))


@task()
def annual_report_reminders() -> dict:
    """Reminders before 31 January (departments, streets) and 31 March (the district)."""
    from . import annual

    return {"reminded": annual.remind_reports()}


periodic.register(annual_report_reminders, every=timedelta(hours=6))
