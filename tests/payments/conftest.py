from tests.webhooks.conftest import worker  # noqa: F401 - the in-process worker fixture
