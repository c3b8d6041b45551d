"""qutiflow: the tested library behind the pipeline (pure functions; file access only in io)."""
