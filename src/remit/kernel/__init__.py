"""Pure building blocks shared by every domain: money, ids, problems, pagination. No I/O."""
