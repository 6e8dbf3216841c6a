from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]


def manager_type():
    return UnifiedWebSocketManager
