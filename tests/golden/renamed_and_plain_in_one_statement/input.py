from app.websocket_core.manager import WebSocketManager, UnifiedWebSocketManager  # [SSOT001, SSOT001]

assert WebSocketManager is UnifiedWebSocketManager
