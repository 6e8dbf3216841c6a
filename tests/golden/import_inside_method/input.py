class Service:
    from app.websocket_core.unified_manager import UserExecutionContext  # [SSOT001]

    def manager_type(self):
        from app.websocket_core.manager import WebSocketManager  # [SSOT001]

        return WebSocketManager
