"""Demo content: the sign-up question, in the four languages."""
from app.accounts import challenge
from app.seed import add_seeder

QUESTION = {
    "en": "What is the capital of France?",
    "fr": "Quelle est la capitale de la France ?",
    "es": "¿Cuál es la capital de Francia?",
    "pt": "Qual é a capital da França?",
}
ANSWERS = ["Paris", "París", "Parigi"]


def seed_question(site):
    challenge.set_challenge(QUESTION, ANSWERS)


def init_app(app):
    add_seeder(app, 90, seed_question)
