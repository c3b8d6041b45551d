"""Chart builders (Altair) and the writer of every figure format."""
