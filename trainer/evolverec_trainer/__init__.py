"""evolverec's fixed harness: trains, scores and exports a candidate recommender program."""

# Imported first, so that the launcher is known before torch takes seconds to load.
from . import launcher as launcher
