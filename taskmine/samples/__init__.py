"""Sample recordings for the demo and for tests."""
