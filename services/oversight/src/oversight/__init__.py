"""phoihop oversight service: supervision (giám sát) by HĐND and MTTQ."""
