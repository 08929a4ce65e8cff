"""Demo content of the knowledge hub (placeholder while the real loader is written)."""


def load_knowledge_demo() -> None:
    return None
