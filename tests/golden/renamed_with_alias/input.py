from app.websocket_core.manager import WebSocketManager as WSM  # [SSOT001]

KIND = WSM
