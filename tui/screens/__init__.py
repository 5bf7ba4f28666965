"""Modal screens: help, a person's turns across calls."""
