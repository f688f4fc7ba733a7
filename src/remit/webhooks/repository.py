"""Queries on webhook endpoints and deliveries of one account."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, select

from remit.db.repository import TenantRepository
from remit.kernel.pagination import Page, PageRequest
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


class WebhookEndpointRepository(TenantRepository[WebhookEndpoint]):
    model = WebhookEndpoint
    kind = "webhook endpoint"

    def shape(self, statement: Select[WebhookEndpoint]) -> Select[WebhookEndpoint]:
        return statement.where(WebhookEndpoint.deleted_at.is_(None))

    async def list(self, request: PageRequest) -> Page[WebhookEndpoint]:
        return await self.page(self.select(), request)


@dataclass(frozen=True)
class DeliveryPage:
    page: Page[WebhookDelivery]
    attempts: dict[str, list[WebhookAttempt]]


class WebhookDeliveryRepository(TenantRepository[WebhookDelivery]):
    model = WebhookDelivery
    kind = "webhook delivery"

    async def for_endpoint(self, endpoint_id: str, request: PageRequest) -> DeliveryPage:
        statement = self.select().where(WebhookDelivery.endpoint_id == endpoint_id)
        page = await self.page(statement, request)
        return DeliveryPage(page, await self.attempts_of([d.id for d in page.items]))

    async def attempts_of(self, delivery_ids: list[str]) -> dict[str, list[WebhookAttempt]]:
        found: dict[str, list[WebhookAttempt]] = defaultdict(list)
        if delivery_ids:
            attempts = await self.session.scalars(
                select(WebhookAttempt)
                .where(
                    WebhookAttempt.account_id == self.account_id,
                    WebhookAttempt.livemode == self.livemode,
                    WebhookAttempt.delivery_id.in_(delivery_ids),
                )
                .order_by(WebhookAttempt.id)
            )
            for attempt in attempts:
                found[attempt.delivery_id].append(attempt)
        return found
