"""The console's names for the service's codes (translated when shown)."""

from __future__ import annotations

from bot.i18n import N_
from bot.render import TOPIC_TITLES

UNKNOWN = N_("Unknown")

TOPICS: dict[str, str] = {
    **TOPIC_TITLES,
    "emergency": N_("Emergency"),
    "human_handoff": N_("General question"),
    "out_of_scope": N_("General question"),
}
PRIORITIES = {"urgent": N_("Urgent"), "normal": N_("Normal")}
CASE_STATUSES = {
    "open": N_("Waiting for a volunteer"),
    "claimed": N_("Claimed"),
    "closed": N_("Closed"),
}
OUTCOMES = {
    "resolved": N_("Resolved"),
    "referred": N_("Referred to an official service"),
    "no_response": N_("The person stopped answering"),
    "not_appropriate": N_("Not a question for a volunteer"),
}
VOLUNTEER_STATUSES = {
    "pending": N_("Waiting for vetting"),
    "active": N_("Active"),
    "rejected": N_("Rejected"),
    "suspended": N_("Suspended"),
}
# The codes of api.handoff.safety, explained to the volunteer and the reviewing admin.
HOLD_REASONS = {
    "phone_number": N_("it contains a phone number"),
    "email_address": N_("it contains an e-mail address"),
    "payment_request": N_("it mentions a payment or sending money"),
    "unofficial_link": N_("it links to a site that is not an official one"),
}
SENDERS = {
    "person": N_("The person"),
    "bot": N_("The bot"),
    "volunteer": N_("Volunteer"),
    "system": N_("Note"),
}
MESSAGE_STATUSES = {
    "stored": N_("Saved"),
    "relayed": N_("Sent"),
    "held": N_("Held for review"),
    "rejected": N_("Not sent: rejected by an admin"),
}
ACTOR_KINDS = {"system": N_("The system"), "person": N_("The person"), "user": N_("Unknown")}
ROLES = {"admin": N_("Admin"), "editor": N_("Editor"), "volunteer": N_("Volunteer")}

TABLES: dict[str, dict[str, str]] = {
    "topic": TOPICS,
    "priority": PRIORITIES,
    "case_status": CASE_STATUSES,
    "outcome": OUTCOMES,
    "volunteer_status": VOLUNTEER_STATUSES,
    "hold_reason": HOLD_REASONS,
    "sender": SENDERS,
    "message_status": MESSAGE_STATUSES,
    "role": ROLES,
    "actor_kind": ACTOR_KINDS,
}
FALLBACKS = {"topic": N_("General question")}
