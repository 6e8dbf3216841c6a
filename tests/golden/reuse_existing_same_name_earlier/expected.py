from app.websocket_core.websocket_manager import UnifiedWebSocketManager

KIND = UnifiedWebSocketManager
