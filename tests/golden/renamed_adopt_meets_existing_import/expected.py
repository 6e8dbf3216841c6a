from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]

print(UnifiedWebSocketManager, UnifiedWebSocketManager)
