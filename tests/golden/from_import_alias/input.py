from app.websocket_core.unified_manager import UnifiedWebSocketManager as Manager  # [SSOT001]


def manager_type():
    return Manager
