"""The app's widgets: the reader (Line API), its side panes and the status bar."""
