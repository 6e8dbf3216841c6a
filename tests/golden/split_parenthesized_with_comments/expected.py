from app.shared import (
    Keep,  # stays here
)
from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager as OldName,  # moves to the websocket core  # [SSOT001]
)
from app.events.core import (
    Event as OldEvent,  # [SSOT001]
)

ALL = (Keep, OldName, OldEvent)
