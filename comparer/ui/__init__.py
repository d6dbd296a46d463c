"""The review screen: a Textual app that shows a Comparison side by side."""
