"""The handoff service: cases routed to vetted volunteers, replies relayed into the chat.

Services take a `HandoffContext` and keyword-only arguments; the FastAPI routes in
`api/routes/` (and the web console) only parse, authorize and call them.
"""
