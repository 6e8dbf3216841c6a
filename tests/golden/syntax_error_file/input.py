from app.websocket_core.unified_manager import UnifiedWebSocketManager

def broken(:
    pass
