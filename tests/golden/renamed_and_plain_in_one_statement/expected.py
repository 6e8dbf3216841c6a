from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001, SSOT001]

assert UnifiedWebSocketManager is UnifiedWebSocketManager
