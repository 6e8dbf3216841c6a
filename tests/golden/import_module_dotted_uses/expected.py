import app.websocket_core.websocket_manager  # [SSOT001]


def context_type():
    return app.websocket_core.websocket_manager.UserExecutionContext
