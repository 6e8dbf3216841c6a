from app.shared import Keep  # [SSOT001, SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager as OldName
from app.events.core import Event as OldEvent

ALL = (Keep, OldName, OldEvent)
