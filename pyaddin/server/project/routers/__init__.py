"""Routes of the office server besides xlwings Server's own."""
