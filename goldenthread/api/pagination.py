from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """Pages of 100 by default; ``page_size`` up to 1,000."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
