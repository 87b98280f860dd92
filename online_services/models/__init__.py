"""Models of the online services, by kind (re-exported here, so ``online_services.models.X`` works).

``pages``: the online form (``OnlineServicePage``, ``OnlineServiceField``);
``dossiers``: the dossier, its history, files, supplement rounds and new
appointments; ``notifications``: the outbox; ``calendar``: the announced
swapped days off and make-up working days.
"""

from .calendar import CalendarDay
from .dossiers import (
    Appointment,
    Dossier,
    DossierFile,
    DossierQuerySet,
    DossierStatusChange,
    InvalidTransition,
    StaleDossier,
    SupplementItem,
    SupplementRequest,
    check_move,
)
from .notifications import Notification
from .pages import (
    DEFAULT_EXTENSIONS,
    DEFAULT_MAX_SIZE_MB,
    FILE_FIELD_TYPE,
    SERVICE_FIELD_CHOICES,
    SUPPORTED_EXTENSIONS,
    FieldRole,
    OnlineServiceField,
    OnlineServicePage,
)

__all__ = [
    "DEFAULT_EXTENSIONS",
    "DEFAULT_MAX_SIZE_MB",
    "FILE_FIELD_TYPE",
    "SERVICE_FIELD_CHOICES",
    "SUPPORTED_EXTENSIONS",
    "Appointment",
    "CalendarDay",
    "Dossier",
    "DossierFile",
    "DossierQuerySet",
    "DossierStatusChange",
    "FieldRole",
    "InvalidTransition",
    "Notification",
    "OnlineServiceField",
    "OnlineServicePage",
    "StaleDossier",
    "SupplementItem",
    "SupplementRequest",
    "check_move",
]
