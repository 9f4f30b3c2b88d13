"""Message handlers, one module per personal-center feature, registered on one router.

Importing this package imports every handler module, so a key registered
twice raises DuplicateRouteError at start-up rather than at the first tap.
"""

from handlers import (  # noqa: F401 - imported for their registrations
    appointments,
    claims,
    guide,
    help,
    profile,
    report,
    subscription,
    template_events,
    visits,
)
from handlers.registry import router

__all__ = ["router"]
