"""Bridges to the engines people already run clean-corpus in (datatrove for now).

Nothing here is imported by ``import cleaner``: each bridge needs its engine installed (an
extra such as ``clean-corpus[datatrove]``), and a user without it must not pay for it.
"""
