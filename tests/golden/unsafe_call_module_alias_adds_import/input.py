import app.websocket_core.websocket_manager_factory as wmf  # [SSOT001]


def manager(context):
    return wmf.get_websocket_manager_factory()(context)  # [SSOT004]
