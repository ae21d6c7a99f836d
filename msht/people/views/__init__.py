"""The people pages. Thin: forms check shapes, services write, selectors read."""
