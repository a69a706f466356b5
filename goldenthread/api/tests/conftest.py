"""Fixtures for the API's tests of what its write endpoints make of odd input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from goldenthread.api.models import ApiToken
from goldenthread.indicators.tests.world import make_indicator

PROBLEM = "application/problem+json"


@pytest.fixture
def manager_api(manager, ks2) -> APIClient:
    """Thurrock's manager's token, and indicators of each kind of period."""
    make_indicator("looked-after", unit="rate", period_type="financial_year")
    make_indicator("births", unit="count", period_type="calendar_year")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(manager, 'tests')[1]}")
    return client
