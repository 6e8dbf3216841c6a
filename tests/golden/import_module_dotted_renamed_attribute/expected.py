import app.websocket_core.websocket_manager  # [SSOT001]

KIND = app.websocket_core.websocket_manager.UnifiedWebSocketManager
