from app.shared import Keep  # [SSOT001, SSOT001]
from app.events.core import Event
from app.websocket_core.websocket_manager import UnifiedWebSocketManager as Renamed

ALL = (Event, Keep, Renamed)
