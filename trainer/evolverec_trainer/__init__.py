"""evolverec's fixed harness: trains, scores and exports a candidate recommender program."""
