from app.shared import (
    Keep,  # stays here
)
from app.websocket_core.websocket_manager import (
    UnifiedWebSocketManager,  # moves to the websocket core  # [SSOT001]
)
from app.events.core import (
    Event,  # [SSOT001]
)

ALL = (Keep, UnifiedWebSocketManager, Event)
