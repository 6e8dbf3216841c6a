"""What the user declared and where the code is: config, the contract, module names, exports,
discovery, version control. No LibCST here."""
