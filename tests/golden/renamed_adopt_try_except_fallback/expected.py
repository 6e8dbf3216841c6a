try:
    from app.websocket_core.websocket_manager import UnifiedWebSocketManager  # [SSOT001]
except ImportError:
    UnifiedWebSocketManager = None

print(UnifiedWebSocketManager)
