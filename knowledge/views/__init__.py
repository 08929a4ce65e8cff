"""Pages of the knowledge hub. Views read through selectors, write through services, and ask
``permissions`` and the workflow tables what a user may do; what a user may not see is a 404."""
