"""Events: the immutable record of every change, written in the change's own transaction."""
