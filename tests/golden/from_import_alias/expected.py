from app.websocket_core.websocket_manager import UnifiedWebSocketManager as Manager  # [SSOT001]


def manager_type():
    return Manager
