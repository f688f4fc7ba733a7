"""Payment methods and the processors that charge them (SPEC §6); charging itself is
`remit.collection`'s."""
