"""The site as a whole, above every domain: the app-wide request hooks and
template helpers the factory registers (never a blueprint, whose setup adds its
own routes only), and the public pages that put several domains on one page
(the home page, a round's results and ranking, a person's own result)."""
