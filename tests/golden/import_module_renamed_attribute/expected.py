import app.websocket_core.websocket_manager as m  # [SSOT001]

KIND = m.UnifiedWebSocketManager
