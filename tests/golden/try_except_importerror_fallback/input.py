try:
    from app.websocket_core.unified_manager import UnifiedWebSocketManager  # [SSOT001]
except ImportError:
    UnifiedWebSocketManager = None
