from .legacy import Event  # [SSOT001]

KIND = Event
