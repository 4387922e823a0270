"""Areas: municipalities and control sites with their centre coordinates."""
