"""The citizen's receipt: tokens and fallback codes, the public receipt page, the card, feedback."""
