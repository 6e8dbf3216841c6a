from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WebSocketManager  # [SSOT001]


def manager_type():
    return WebSocketManager
