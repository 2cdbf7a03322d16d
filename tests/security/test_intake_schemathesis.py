"""Property-based tests of the intake API against its own OpenAPI document (schemathesis): no
generated request, valid or not, gets a 5xx or an answer its schema does not describe."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from portal.core.models import Organisation
from portal.editorial.models import IntakeClient, IntakeToken
from tests import factories

schema = schemathesis.openapi.from_wsgi("/api/editorial/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(home, keep_connection):
    owner = factories.organisation(name="示范区教育局")
    factories.column(parent=home, title="部门文件", slug="bmwj", owner_organisation=owner)
    caller = IntakeClient.objects.create(
        name="模糊测试OA", organisation=Organisation.objects.get(pk=owner.pk)
    )
    return IntakeToken.issue(caller)[1]


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_intake_api_conforms_to_its_schema(case, token):
    # Every default check but one: a schema-valid document can still name a column that does
    # not exist or a title the content rules refuse, so "valid data is accepted" cannot hold.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
