from django.db import IntegrityError, transaction


class ForumError(Exception):
    """A refusal the user must read; the message is already translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unique_or_error(create, message: str):
    """Run `create` in a savepoint; a unique constraint's refusal becomes a ForumError."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError as error:
        raise ForumError(message) from error
