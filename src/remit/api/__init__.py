"""HTTP plumbing shared by every resource: auth, bodies, errors, writes, lists."""
