"""xlwings Server's project directory: put on ``sys.path`` by the server itself."""
