from app.websocket_core.websocket_manager import UnifiedWebSocketManager as WSM  # [SSOT001]

KIND = WSM
