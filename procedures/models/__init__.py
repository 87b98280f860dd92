"""Procedure catalogue (level 1–2) and online services (level 3).

Split by kind: ``catalogue`` holds the procedure record and its pages. Every
model is re-exported here by name.
"""

from .catalogue import (
    DECREE_42_TERMS,
    METHODS,
    DossierComponent,
    Level,
    ProcedureField,
    ProcedureIndexPage,
    ProcedurePage,
    TextListBlock,
    parse_working_days,
)
from .services import (
    Dossier,
    DossierFile,
    DossierStatusChange,
    InvalidTransition,
    OnlineServiceField,
    OnlineServicePage,
)

__all__ = [
    "DECREE_42_TERMS",
    "METHODS",
    "DossierComponent",
    "Level",
    "ProcedureField",
    "ProcedureIndexPage",
    "ProcedurePage",
    "TextListBlock",
    "parse_working_days",
    "Dossier",
    "DossierFile",
    "DossierStatusChange",
    "InvalidTransition",
    "OnlineServiceField",
    "OnlineServicePage",
]
