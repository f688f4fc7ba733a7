"""Contains all the data models used in inputs/outputs"""

from .account_out import AccountOut
from .account_out_address_type_0 import AccountOutAddressType0
from .account_out_branding import AccountOutBranding
from .account_out_payment_instructions_type_0 import AccountOutPaymentInstructionsType0
from .account_update import AccountUpdate
from .account_update_dunning_final_action_type_0 import AccountUpdateDunningFinalActionType0
from .account_update_dunning_subscription_action_type_0 import AccountUpdateDunningSubscriptionActionType0
from .account_update_invoice_number_scope_type_0 import AccountUpdateInvoiceNumberScopeType0
from .account_update_tax_rounding_type_0 import AccountUpdateTaxRoundingType0
from .address import Address
from .adjustment_in import AdjustmentIn
from .adjustment_out import AdjustmentOut
from .balance_transaction_create import BalanceTransactionCreate
from .balance_transaction_create_metadata import BalanceTransactionCreateMetadata
from .balance_transaction_out import BalanceTransactionOut
from .balance_transaction_out_metadata import BalanceTransactionOutMetadata
from .branding import Branding
from .cancel_in import CancelIn
from .credit_note_create import CreditNoteCreate
from .credit_note_create_metadata import CreditNoteCreateMetadata
from .credit_note_create_reason_type_0 import CreditNoteCreateReasonType0
from .credit_note_line_out import CreditNoteLineOut
from .credit_note_out import CreditNoteOut
from .credit_note_out_metadata import CreditNoteOutMetadata
from .custom_line_credit_in import CustomLineCreditIn
from .customer_balance_out import CustomerBalanceOut
from .customer_balance_out_balances import CustomerBalanceOutBalances
from .customer_create import CustomerCreate
from .customer_create_metadata import CustomerCreateMetadata
from .customer_create_tax_exempt_type_0 import CustomerCreateTaxExemptType0
from .customer_out import CustomerOut
from .customer_out_billing_address_type_0 import CustomerOutBillingAddressType0
from .customer_out_metadata import CustomerOutMetadata
from .customer_out_shipping_address_type_0 import CustomerOutShippingAddressType0
from .customer_update import CustomerUpdate
from .customer_update_metadata_type_0 import CustomerUpdateMetadataType0
from .customer_update_tax_exempt_type_0 import CustomerUpdateTaxExemptType0
from .deleted_out import DeletedOut
from .document_adjustment_in import DocumentAdjustmentIn
from .document_adjustment_in_tax_category_type_0 import DocumentAdjustmentInTaxCategoryType0
from .document_adjustment_out import DocumentAdjustmentOut
from .e_invoicing import EInvoicing
from .e_invoicing_out import EInvoicingOut
from .event_data import EventData
from .event_data_object import EventDataObject
from .event_out import EventOut
from .event_out_related_object import EventOutRelatedObject
from .finalize_invoice_einvoice_profile import FinalizeInvoiceEinvoiceProfile
from .finalize_invoice_require_einvoice_type_0 import FinalizeInvoiceRequireEinvoiceType0
from .get_credit_note_einvoice_profile import GetCreditNoteEinvoiceProfile
from .get_credit_note_einvoice_syntax import GetCreditNoteEinvoiceSyntax
from .get_einvoice_profile import GetEinvoiceProfile
from .get_einvoice_syntax import GetEinvoiceSyntax
from .inline_customer import InlineCustomer
from .invoice_create import InvoiceCreate
from .invoice_create_collection_method_type_0 import InvoiceCreateCollectionMethodType0
from .invoice_create_metadata import InvoiceCreateMetadata
from .invoice_create_pending_items import InvoiceCreatePendingItems
from .invoice_create_status import InvoiceCreateStatus
from .invoice_create_tax_rounding_type_0 import InvoiceCreateTaxRoundingType0
from .invoice_item_create import InvoiceItemCreate
from .invoice_item_create_metadata import InvoiceItemCreateMetadata
from .invoice_item_out import InvoiceItemOut
from .invoice_item_out_metadata import InvoiceItemOutMetadata
from .invoice_item_update import InvoiceItemUpdate
from .invoice_item_update_metadata_type_0 import InvoiceItemUpdateMetadataType0
from .invoice_line_credit_in import InvoiceLineCreditIn
from .invoice_out import InvoiceOut
from .invoice_out_billing_address_type_0 import InvoiceOutBillingAddressType0
from .invoice_out_customer_snapshot_type_0 import InvoiceOutCustomerSnapshotType0
from .invoice_out_last_payment_error_type_0 import InvoiceOutLastPaymentErrorType0
from .invoice_out_metadata import InvoiceOutMetadata
from .invoice_out_shipping_address_type_0 import InvoiceOutShippingAddressType0
from .invoice_tax_amount_out import InvoiceTaxAmountOut
from .invoice_update import InvoiceUpdate
from .invoice_update_collection_method_type_0 import InvoiceUpdateCollectionMethodType0
from .invoice_update_metadata_type_0 import InvoiceUpdateMetadataType0
from .invoice_update_tax_rounding_type_0 import InvoiceUpdateTaxRoundingType0
from .item_change_in import ItemChangeIn
from .item_change_in_metadata_type_0 import ItemChangeInMetadataType0
from .item_in import ItemIn
from .item_in_metadata import ItemInMetadata
from .item_out import ItemOut
from .item_out_metadata import ItemOutMetadata
from .line_in import LineIn
from .line_in_metadata import LineInMetadata
from .line_in_tax_category_type_0 import LineInTaxCategoryType0
from .line_out import LineOut
from .line_out_metadata import LineOutMetadata
from .line_period import LinePeriod
from .list_out_balance_transaction_out import ListOutBalanceTransactionOut
from .list_out_credit_note_out import ListOutCreditNoteOut
from .list_out_customer_out import ListOutCustomerOut
from .list_out_event_out import ListOutEventOut
from .list_out_invoice_item_out import ListOutInvoiceItemOut
from .list_out_invoice_out import ListOutInvoiceOut
from .list_out_meter_out import ListOutMeterOut
from .list_out_meter_summary_out import ListOutMeterSummaryOut
from .list_out_payment_method_out import ListOutPaymentMethodOut
from .list_out_plan_out import ListOutPlanOut
from .list_out_product_out import ListOutProductOut
from .list_out_refund_out import ListOutRefundOut
from .list_out_settlement_out import ListOutSettlementOut
from .list_out_subscription_out import ListOutSubscriptionOut
from .list_out_test_clock_out import ListOutTestClockOut
from .list_out_usage_event_out import ListOutUsageEventOut
from .list_out_usage_record_out import ListOutUsageRecordOut
from .list_out_webhook_delivery_out import ListOutWebhookDeliveryOut
from .list_out_webhook_endpoint_out import ListOutWebhookEndpointOut
from .meter_create import MeterCreate
from .meter_create_aggregation import MeterCreateAggregation
from .meter_create_metadata import MeterCreateMetadata
from .meter_out import MeterOut
from .meter_out_metadata import MeterOutMetadata
from .meter_summary_out import MeterSummaryOut
from .pay_invoice import PayInvoice
from .pay_invoice_failure_action import PayInvoiceFailureAction
from .payment_instructions import PaymentInstructions
from .payment_method_create import PaymentMethodCreate
from .payment_method_create_metadata import PaymentMethodCreateMetadata
from .payment_method_create_type import PaymentMethodCreateType
from .payment_method_out import PaymentMethodOut
from .payment_method_out_metadata import PaymentMethodOutMetadata
from .plan_create import PlanCreate
from .plan_create_billing_scheme import PlanCreateBillingScheme
from .plan_create_interval import PlanCreateInterval
from .plan_create_metadata import PlanCreateMetadata
from .plan_create_tiers_mode_type_0 import PlanCreateTiersModeType0
from .plan_create_usage_type import PlanCreateUsageType
from .plan_out import PlanOut
from .plan_out_metadata import PlanOutMetadata
from .plan_out_transform_quantity_type_0 import PlanOutTransformQuantityType0
from .plan_update import PlanUpdate
from .plan_update_metadata_type_0 import PlanUpdateMetadataType0
from .problem import Problem
from .problem_field_error import ProblemFieldError
from .product_create import ProductCreate
from .product_create_metadata import ProductCreateMetadata
from .product_out import ProductOut
from .product_out_metadata import ProductOutMetadata
from .product_update import ProductUpdate
from .product_update_metadata_type_0 import ProductUpdateMetadataType0
from .refund_create import RefundCreate
from .refund_create_metadata import RefundCreateMetadata
from .refund_create_reason_type_0 import RefundCreateReasonType0
from .refund_out import RefundOut
from .refund_out_metadata import RefundOutMetadata
from .settlement_create import SettlementCreate
from .settlement_create_metadata import SettlementCreateMetadata
from .settlement_create_method import SettlementCreateMethod
from .settlement_create_status import SettlementCreateStatus
from .settlement_out import SettlementOut
from .settlement_out_metadata import SettlementOutMetadata
from .subscription_create import SubscriptionCreate
from .subscription_create_collection_method import SubscriptionCreateCollectionMethod
from .subscription_create_metadata import SubscriptionCreateMetadata
from .subscription_create_proration_behavior import SubscriptionCreateProrationBehavior
from .subscription_out import SubscriptionOut
from .subscription_out_metadata import SubscriptionOutMetadata
from .subscription_update import SubscriptionUpdate
from .subscription_update_metadata_type_0 import SubscriptionUpdateMetadataType0
from .subscription_update_proration_behavior import SubscriptionUpdateProrationBehavior
from .tax_amount_out import TaxAmountOut
from .tax_id_in import TaxIdIn
from .tax_id_in_type import TaxIdInType
from .tax_id_out import TaxIdOut
from .test_clock_advance import TestClockAdvance
from .test_clock_create import TestClockCreate
from .test_clock_out import TestClockOut
from .test_clock_out_status import TestClockOutStatus
from .tier_in import TierIn
from .tier_out import TierOut
from .transform_in import TransformIn
from .transform_in_round import TransformInRound
from .usage_event_batch import UsageEventBatch
from .usage_event_create import UsageEventCreate
from .usage_event_create_payload import UsageEventCreatePayload
from .usage_event_out import UsageEventOut
from .usage_event_out_payload import UsageEventOutPayload
from .usage_record_create import UsageRecordCreate
from .usage_record_out import UsageRecordOut
from .webhook_attempt_out import WebhookAttemptOut
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_create_format import WebhookEndpointCreateFormat
from .webhook_endpoint_create_metadata import WebhookEndpointCreateMetadata
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_out_metadata import WebhookEndpointOutMetadata
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_update_metadata_type_0 import WebhookEndpointUpdateMetadataType0
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .webhook_endpoint_with_secret_metadata import WebhookEndpointWithSecretMetadata

__all__ = (
    "AccountOut",
    "AccountOutAddressType0",
    "AccountOutBranding",
    "AccountOutPaymentInstructionsType0",
    "AccountUpdate",
    "AccountUpdateDunningFinalActionType0",
    "AccountUpdateDunningSubscriptionActionType0",
    "AccountUpdateInvoiceNumberScopeType0",
    "AccountUpdateTaxRoundingType0",
    "Address",
    "AdjustmentIn",
    "AdjustmentOut",
    "BalanceTransactionCreate",
    "BalanceTransactionCreateMetadata",
    "BalanceTransactionOut",
    "BalanceTransactionOutMetadata",
    "Branding",
    "CancelIn",
    "CreditNoteCreate",
    "CreditNoteCreateMetadata",
    "CreditNoteCreateReasonType0",
    "CreditNoteLineOut",
    "CreditNoteOut",
    "CreditNoteOutMetadata",
    "CustomerBalanceOut",
    "CustomerBalanceOutBalances",
    "CustomerCreate",
    "CustomerCreateMetadata",
    "CustomerCreateTaxExemptType0",
    "CustomerOut",
    "CustomerOutBillingAddressType0",
    "CustomerOutMetadata",
    "CustomerOutShippingAddressType0",
    "CustomerUpdate",
    "CustomerUpdateMetadataType0",
    "CustomerUpdateTaxExemptType0",
    "CustomLineCreditIn",
    "DeletedOut",
    "DocumentAdjustmentIn",
    "DocumentAdjustmentInTaxCategoryType0",
    "DocumentAdjustmentOut",
    "EInvoicing",
    "EInvoicingOut",
    "EventData",
    "EventDataObject",
    "EventOut",
    "EventOutRelatedObject",
    "FinalizeInvoiceEinvoiceProfile",
    "FinalizeInvoiceRequireEinvoiceType0",
    "GetCreditNoteEinvoiceProfile",
    "GetCreditNoteEinvoiceSyntax",
    "GetEinvoiceProfile",
    "GetEinvoiceSyntax",
    "InlineCustomer",
    "InvoiceCreate",
    "InvoiceCreateCollectionMethodType0",
    "InvoiceCreateMetadata",
    "InvoiceCreatePendingItems",
    "InvoiceCreateStatus",
    "InvoiceCreateTaxRoundingType0",
    "InvoiceItemCreate",
    "InvoiceItemCreateMetadata",
    "InvoiceItemOut",
    "InvoiceItemOutMetadata",
    "InvoiceItemUpdate",
    "InvoiceItemUpdateMetadataType0",
    "InvoiceLineCreditIn",
    "InvoiceOut",
    "InvoiceOutBillingAddressType0",
    "InvoiceOutCustomerSnapshotType0",
    "InvoiceOutLastPaymentErrorType0",
    "InvoiceOutMetadata",
    "InvoiceOutShippingAddressType0",
    "InvoiceTaxAmountOut",
    "InvoiceUpdate",
    "InvoiceUpdateCollectionMethodType0",
    "InvoiceUpdateMetadataType0",
    "InvoiceUpdateTaxRoundingType0",
    "ItemChangeIn",
    "ItemChangeInMetadataType0",
    "ItemIn",
    "ItemInMetadata",
    "ItemOut",
    "ItemOutMetadata",
    "LineIn",
    "LineInMetadata",
    "LineInTaxCategoryType0",
    "LineOut",
    "LineOutMetadata",
    "LinePeriod",
    "ListOutBalanceTransactionOut",
    "ListOutCreditNoteOut",
    "ListOutCustomerOut",
    "ListOutEventOut",
    "ListOutInvoiceItemOut",
    "ListOutInvoiceOut",
    "ListOutMeterOut",
    "ListOutMeterSummaryOut",
    "ListOutPaymentMethodOut",
    "ListOutPlanOut",
    "ListOutProductOut",
    "ListOutRefundOut",
    "ListOutSettlementOut",
    "ListOutSubscriptionOut",
    "ListOutTestClockOut",
    "ListOutUsageEventOut",
    "ListOutUsageRecordOut",
    "ListOutWebhookDeliveryOut",
    "ListOutWebhookEndpointOut",
    "MeterCreate",
    "MeterCreateAggregation",
    "MeterCreateMetadata",
    "MeterOut",
    "MeterOutMetadata",
    "MeterSummaryOut",
    "PayInvoice",
    "PayInvoiceFailureAction",
    "PaymentInstructions",
    "PaymentMethodCreate",
    "PaymentMethodCreateMetadata",
    "PaymentMethodCreateType",
    "PaymentMethodOut",
    "PaymentMethodOutMetadata",
    "PlanCreate",
    "PlanCreateBillingScheme",
    "PlanCreateInterval",
    "PlanCreateMetadata",
    "PlanCreateTiersModeType0",
    "PlanCreateUsageType",
    "PlanOut",
    "PlanOutMetadata",
    "PlanOutTransformQuantityType0",
    "PlanUpdate",
    "PlanUpdateMetadataType0",
    "Problem",
    "ProblemFieldError",
    "ProductCreate",
    "ProductCreateMetadata",
    "ProductOut",
    "ProductOutMetadata",
    "ProductUpdate",
    "ProductUpdateMetadataType0",
    "RefundCreate",
    "RefundCreateMetadata",
    "RefundCreateReasonType0",
    "RefundOut",
    "RefundOutMetadata",
    "SettlementCreate",
    "SettlementCreateMetadata",
    "SettlementCreateMethod",
    "SettlementCreateStatus",
    "SettlementOut",
    "SettlementOutMetadata",
    "SubscriptionCreate",
    "SubscriptionCreateCollectionMethod",
    "SubscriptionCreateMetadata",
    "SubscriptionCreateProrationBehavior",
    "SubscriptionOut",
    "SubscriptionOutMetadata",
    "SubscriptionUpdate",
    "SubscriptionUpdateMetadataType0",
    "SubscriptionUpdateProrationBehavior",
    "TaxAmountOut",
    "TaxIdIn",
    "TaxIdInType",
    "TaxIdOut",
    "TestClockAdvance",
    "TestClockCreate",
    "TestClockOut",
    "TestClockOutStatus",
    "TierIn",
    "TierOut",
    "TransformIn",
    "TransformInRound",
    "UsageEventBatch",
    "UsageEventCreate",
    "UsageEventCreatePayload",
    "UsageEventOut",
    "UsageEventOutPayload",
    "UsageRecordCreate",
    "UsageRecordOut",
    "WebhookAttemptOut",
    "WebhookDeliveryOut",
    "WebhookEndpointCreate",
    "WebhookEndpointCreateFormat",
    "WebhookEndpointCreateMetadata",
    "WebhookEndpointOut",
    "WebhookEndpointOutMetadata",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdateMetadataType0",
    "WebhookEndpointWithSecret",
    "WebhookEndpointWithSecretMetadata",
)
