"""Every page names the app's icon, so a browser tab shows it and asks for no missing one."""

import re

from django.contrib.staticfiles import finders


def test_every_page_links_the_icon_kept_as_a_static_file(client, partnership):
    page = client.get("/", follow=True).content.decode()

    [href] = re.findall(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', page)
    assert finders.find(href)
