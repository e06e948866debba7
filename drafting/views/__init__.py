"""Console views (Rich) built from the library's results; they build renderables and never print."""
