"""The plain commands, one module per group; each function takes the Context and its typed
arguments and returns the exit code."""
