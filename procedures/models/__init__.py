"""Procedure catalogue (level 1–2).

Split by kind: ``catalogue`` holds the procedure record and its pages. Every
model is re-exported here by name. The online services (level 3: the form
page under a procedure, dossiers) are the ``online_services`` app.
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
]
