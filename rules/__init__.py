"""podlint's rules, one module each; `podlint.registry` discovers them."""
