"""The domain of the plan tracker: catalogue, observations, validation, formatting.

Nothing here imports MkDocs: the build scripts and the MkDocs macros both use this package,
so the rules live in one place and can be tested on their own.
"""
