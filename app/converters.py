"""URL converters shared by every package.

Ids are 32-bit integers in the database: ``<int:id>`` matches only numbers
that fit, so ``/forum/t/99999999999`` is a 404 like any missing thing, never
a database error, whatever the method."""
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    def to_python(self, value):
        # Not "no match" (another rule could then answer 405): a missing thing.
        number = super().to_python(value)
        if number > MAX_ID:
            raise NotFound()
        return number


def init_app(app):
    # Before any blueprint adds its rules: converters are bound as rules are added.
    app.url_map.converters["int"] = IdConverter
