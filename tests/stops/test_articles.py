"""Every legal basis of today's catalogue links to its article, and lists say what each code is."""
from stopform.catalog.articles import article_url


def test_every_statutory_basis_has_an_official_link(catalog):
    for code in catalog.bases:
        url = article_url(code)
        if code == "CONSENT":
            assert url is None
        else:
            assert url and url.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR"), code


def test_the_form_shows_a_short_description_next_to_each_code(client, officer):
    page = client.get("/stops/new?lang=en").get_data(as_text=True)
    assert ">WVW160-1 · Traffic check</option>" in page
    assert "POLW8-ID · " in page  # the identity basis list too
    assert 'data-url="https://wetten.overheid.nl/jci1.3:c:BWBR0006622&amp;artikel=160&amp;lid=1"' in page
