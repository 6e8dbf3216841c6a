from app.websocket_core.websocket_manager import get_websocket_manager
from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]

PAIR = (get_websocket_manager, UnifiedWebSocketManager)
