from app.shared import Keep  # [SSOT001, SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager
from app.events.core import Event

ALL = (Keep, UnifiedWebSocketManager, Event)
