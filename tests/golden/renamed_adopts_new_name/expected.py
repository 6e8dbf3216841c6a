from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]


def manager_type() -> UnifiedWebSocketManager:
    return UnifiedWebSocketManager
