import app.websocket_core.websocket_manager  # [SSOT001]


def manager(context):
    return app.websocket_core.websocket_manager.get_websocket_manager(context)
