"""Privacy: redaction and capture rules shared by the recorder, the server and PDD drafting.

Use ``redact_text`` on any free text before it is stored or shown, and ``redact_event`` on a
canonical event (with ``is_event_allowed`` first, to drop denied apps and URLs).
"""

from taskmine.privacy.detectors import (
    BUILTIN_DETECTORS,
    Detector,
    is_iban_valid,
    is_luhn_valid,
)
from taskmine.privacy.policy import (
    DEFAULT_POLICY,
    CaptureLevel,
    CustomPattern,
    PrivacyPolicy,
    load_policy,
)
from taskmine.privacy.redact import (
    PASSWORD_ROLES,
    is_event_allowed,
    mask_value,
    redact_event,
    redact_event_data,
    redact_text,
    redact_url,
)

__all__ = [
    "BUILTIN_DETECTORS",
    "DEFAULT_POLICY",
    "PASSWORD_ROLES",
    "CaptureLevel",
    "CustomPattern",
    "Detector",
    "PrivacyPolicy",
    "is_event_allowed",
    "is_iban_valid",
    "is_luhn_valid",
    "load_policy",
    "mask_value",
    "redact_event",
    "redact_event_data",
    "redact_text",
    "redact_url",
]
