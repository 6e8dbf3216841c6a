from app.websocket_core.websocket_manager import get_websocket_manager
import app.websocket_core.websocket_manager_factory as factory  # [SSOT001]


def manager(context):
    make = factory.get_websocket_manager_factory()  # [SSOT004]
    return make(context)
