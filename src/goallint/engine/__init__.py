"""The rules engine: rules and reporters as pluggy plugins, and the runner that applies them."""
