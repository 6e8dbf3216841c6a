from app.shared import (
    Keep,  # stays here
    OldName,  # moves to the websocket core  # [SSOT001]
    OldEvent,  # [SSOT001]
)

ALL = (Keep, OldName, OldEvent)
