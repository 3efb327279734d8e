"""phoihop notifier: tells every body what concerns it, reliably, and reminds before and
after due dates (thông báo, nhắc hạn, đôn đốc)."""
