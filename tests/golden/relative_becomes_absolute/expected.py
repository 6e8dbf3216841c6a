from app.core_events import Event  # [SSOT001]

KIND = Event
