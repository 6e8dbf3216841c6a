"""A module docstring."""

import os
from app.websocket_core.unified_manager import UserExecutionContext as Ctx  # [SSOT001]

HOME = os.environ.get("HOME")


def context_type():
    return Ctx
