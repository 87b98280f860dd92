"""The sections Decree 42/2022/NĐ-CP requires on every state agency's portal.

Organisation (functions and duties, structure, leadership), the legal
documents library and its two siblings (direction and administration, plans
and reports), public consultation on draft documents, questions and answers,
and contact. Documents and drafts are pages, so they are moderated,
translated, searched and listed in sitemaps like every other page; what the
public sends (questions, comments) is a plain model held back until the
agency's staff answer and publish it. Split by kind; every model is re-exported here.
"""

from .base import RICH_FEATURES, listing_parent
from .documents import (
    DirectionIndexPage,
    DocumentIssuer,
    DocumentLibraryPage,
    DocumentStatus,
    DocumentType,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    PlanReportIndexPage,
    TaxonomyItem,
    in_force_q,
)
from .organisation import ContactPage, Leader, OrganisationPage
from .participation import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    PublicFormPageMixin,
    PublicSubmission,
    Question,
    QuestionIndexPage,
)

__all__ = [
    "RICH_FEATURES",
    "listing_parent",
    "DirectionIndexPage",
    "DocumentIssuer",
    "DocumentLibraryPage",
    "DocumentStatus",
    "DocumentType",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "PlanReportIndexPage",
    "TaxonomyItem",
    "in_force_q",
    "ContactPage",
    "Leader",
    "OrganisationPage",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationPage",
    "PublicFormPageMixin",
    "PublicSubmission",
    "Question",
    "QuestionIndexPage",
]
