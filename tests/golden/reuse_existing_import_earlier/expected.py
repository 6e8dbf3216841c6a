from app.websocket_core.websocket_manager import get_websocket_manager, UnifiedWebSocketManager

PAIR = (get_websocket_manager, UnifiedWebSocketManager)
