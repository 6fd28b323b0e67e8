"""The plain commands, one module per group; each function takes the Context and the parsed
arguments (argparse's Namespace, named as in cli/parser.py) and returns the exit code."""
