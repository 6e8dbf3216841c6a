"""Migrated from app.websocket_core.unified_manager to app.websocket_core.websocket_manager."""

import logging

# from app.websocket_core.manager import WebSocketManager
log = logging.getLogger(__name__)


def warn():
    """Do not import app.websocket_core.unified_manager.UnifiedWebSocketManager any more."""
    log.warning("app.websocket_core.manager.WebSocketManager is deprecated")
    return "see app.websocket_core.unified_manager"
