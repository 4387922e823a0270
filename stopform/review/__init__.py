"""The supervisors' review list: stops of a month that need a second look, and their reviews."""
