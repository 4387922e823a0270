"""The versioned catalogue of legal bases and codes, and the legality guard's permit map."""
