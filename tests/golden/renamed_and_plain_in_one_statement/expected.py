from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager, UnifiedWebSocketManager  # [SSOT001, SSOT001]

assert WebSocketManager is UnifiedWebSocketManager
