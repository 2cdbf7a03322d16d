from django.db import models
from wagtail.search import index


class BenchDoc(index.Indexed, models.Model):
    title = models.CharField(max_length=300)
    body = models.TextField()

    search_fields = [index.SearchField("title", boost=10), index.SearchField("body")]

    def __str__(self) -> str:
        return self.title
