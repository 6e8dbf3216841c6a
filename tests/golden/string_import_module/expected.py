import importlib

module = importlib.import_module('app.websocket_core.websocket_manager')  # [SSOT002]
