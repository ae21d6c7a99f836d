"""The international pages: deployments, international casework, the quarterly report."""
