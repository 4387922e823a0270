"""Administration: users, units and areas."""
