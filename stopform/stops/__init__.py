"""Recording stops: the officer's form, validation, the legality guard and amendments."""
