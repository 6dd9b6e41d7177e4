"""The demo glossary's extras: built-in terms for when the seed file is
missing, tags by term, and a few later edits by other people."""

#: Used when the glossary seed file is missing: a few terms, defined here.
FALLBACK_GLOSSARY = [
    {"term_en": "Premium", "term_fr": "Prime (d'assurance)",
     "definition_en": "The amount an insured person pays, usually at regular intervals, "
                      "for insurance cover during a given period.",
     "definition_fr": "Somme que paie l'assuré, en général à intervalles réguliers, pour "
                      "être couvert pendant une période donnée."},
    {"term_en": "Contribution", "term_fr": "Cotisation",
     "definition_en": "A payment by a worker, an employer or a member into a social security "
                      "scheme or a mutual, which opens the right to benefits.",
     "definition_fr": "Versement d'un travailleur, d'un employeur ou d'un membre à un régime "
                      "de sécurité sociale ou à une mutuelle, qui ouvre droit à des prestations."},
    {"term_en": "Microinsurance", "term_fr": "Micro-assurance",
     "definition_en": "Insurance designed for people with low and irregular incomes, with "
                      "small premiums and simple rules.",
     "definition_fr": "Assurance conçue pour les personnes aux revenus faibles et "
                      "irréguliers, avec des primes modestes et des règles simples."},
    {"term_en": "Risk pooling", "term_fr": "Mutualisation des risques",
     "definition_en": "Putting together the contributions of many people so that the cost "
                      "of a risk is shared by all of them.",
     "definition_fr": "Mise en commun des contributions de nombreuses personnes pour que le "
                      "coût d'un risque soit partagé entre toutes."},
    {"term_en": "Social assistance", "term_fr": "Assistance sociale",
     "definition_en": "Support for people in need, financed by taxes or aid, without prior "
                      "contributions.",
     "definition_fr": "Aide aux personnes dans le besoin, financée par l'impôt ou l'aide, "
                      "sans cotisation préalable."},
    {"term_en": "Mutual health organization", "term_fr": "Mutuelle de santé",
     "definition_en": "A non-profit association whose members pool their contributions to "
                      "pay for part of their health care.",
     "definition_fr": "Association à but non lucratif dont les membres mettent en commun "
                      "leurs cotisations pour payer une partie de leurs soins."},
]

#: Glossary tags by English term (every term is also tagged ``glossary``).
GLOSSARY_TAGS = {
    "health-financing": {"Co-payment", "Deductible", "Third-party payment",
                         "Universal health coverage", "Out-of-pocket payment",
                         "Catastrophic health expenditure", "Capitation", "Fee-for-service",
                         "Mutual health organization", "Community-based health insurance"},
    "social-assistance": {"Social assistance", "Cash transfer", "Conditional cash transfer",
                          "Means test", "Proxy means test", "Targeting", "Social registry",
                          "Non-contributory scheme", "Grievance redress mechanism"},
    "insurance": {"Premium", "Adverse selection", "Moral hazard", "Waiting period",
                  "Reinsurance", "Risk pooling", "Claim", "Claims ratio", "Exclusion",
                  "Underwriting", "Insurance fraud", "Index-based insurance",
                  "Distribution channel", "Premium subsidy", "Microinsurance",
                  "Technical reserves", "Solvency", "Actuarial valuation"},
    "social-insurance": {"Contribution", "Social insurance", "Pay-as-you-go financing",
                         "Replacement rate", "Social protection floor", "Coverage rate",
                         "Enrolment", "Dependant", "Benefit package", "Informal economy"},
}

#: An extra revision by a second person on a few glossary pages: (term, author, addition).
GLOSSARY_EDITS = [
    ("Premium", "kofi", "\n## Example\n\nA family pays a fixed amount each month to its "
                        "mutual; in return, the mutual pays part of its hospital bills.\n"),
    ("Waiting period", "amina", "\n## Why it exists\n\nWithout it, people could join only "
                                "when they know they will soon need care.\n"),
    ("Claims ratio", "lucia", "\n## Reading it\n\nA ratio of 0.6 means that 60% of the "
                              "premiums collected went back to members as paid claims.\n"),
]
