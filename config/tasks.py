from celery import shared_task


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def ping(self, payload: str) -> dict:
    """The smallest real task: proves that a worker (or eager mode) picks work up."""
    return {"echo": payload, "worker": "eager" if self.request.is_eager else self.request.hostname}
