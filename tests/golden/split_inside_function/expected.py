def load():
    from app.shared import Keep  # [SSOT001]
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager

    return UnifiedWebSocketManager, Keep
