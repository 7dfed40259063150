"""A person's own account page (/ho-so): their details, e-mail and password.
Above the quiz: the fields that decide a prize lock once the person has
submitted an attempt."""
