"""Fixtures of the front door's tests: a network with procedures, an online form and the Decree 63 birth journey."""

from __future__ import annotations

import pytest

from journeys.models import JourneyIndexPage, JourneyPage, JourneyStep
from online_services.factories import make_procedure, make_service_page

PORTAL = "hatinh.localhost"
YTE = "soyte.hatinh.localhost"
GTVT = "sgtvt.hatinh.localhost"


def build_birth_journey(network) -> dict:
    """Three procedures of two agencies, one with an online form, as one journey on the portal."""
    birth = make_procedure(network["so-y-te"], code="HT-TP-001", title="Đăng ký khai sinh", level=3)
    form = make_service_page(birth)
    residence = make_procedure(network["so-gtvt"], code="HT-CA-002", title="Đăng ký thường trú", level=2)
    insurance = make_procedure(
        network["so-y-te"], code="HT-BH-003", title="Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", level=2
    )
    portal_home = network["ha-tinh"].home_page.specific
    index = JourneyIndexPage(title="Dịch vụ công liên thông", slug=JourneyIndexPage.SLUG)
    portal_home.add_child(instance=index)
    index.save_revision().publish()
    journey = JourneyPage(
        title="Khai sinh cho trẻ dưới 6 tuổi", slug="khai-sinh", life_event="Khai sinh", intro="Ba thủ tục."
    )
    for order, procedure in enumerate([birth, residence, insurance]):
        journey.steps.add(JourneyStep(procedure=procedure, sort_order=order))
    index.add_child(instance=journey)
    journey.save_revision().publish()
    return {
        "journey": journey,
        "index": index,
        "birth": birth,
        "residence": residence,
        "insurance": insurance,
        "form": form,
    }


def url(page) -> str:
    return page.get_url_parts()[2]


@pytest.fixture
def birth_journey(network):
    return build_birth_journey(network)
