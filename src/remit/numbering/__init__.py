"""Gapless sequences (SPEC §3.3): number templates, pure, and the counter rows behind them."""
