from app.shared import Keep  # [SSOT001]
from app.websocket_core.websocket_manager import UnifiedWebSocketManager as OldName

PAIR = (Keep, OldName)
