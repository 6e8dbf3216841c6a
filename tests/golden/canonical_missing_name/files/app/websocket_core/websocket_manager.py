from app.websocket_core.unified_manager import UnifiedWebSocketManager

def get_websocket_manager(context):
    return UnifiedWebSocketManager()
