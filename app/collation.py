"""The order in which people of the four languages expect words: accents and case
do not change it (É sorts with E, "île" with "Inde"), where code points would put
every accented word after Z."""
import unicodedata


def sort_key(text):
    """A key for ``sorted``: lower case, accents dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))
