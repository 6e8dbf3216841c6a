import app.websocket_core.unified_manager.UnifiedWebSocketManager  # [SSOT001]
