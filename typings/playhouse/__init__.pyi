# peewee 4.5 ships stubs that do not know what its model metaclass adds (the implicit
# ``id``, ``<fk>_id`` columns, backrefs), so every model access would need a cast. This
# local stub, found first through ``mypy_path``, makes peewee untyped instead.
from typing import Any

def __getattr__(name: str) -> Any: ...
