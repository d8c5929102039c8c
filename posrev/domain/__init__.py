"""The domain: transactions, lookup, eligibility verdicts and the void operation. Qt-free."""
