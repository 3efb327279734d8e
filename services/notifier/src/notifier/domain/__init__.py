"""The notifier's domain: recipients, notifications, deliveries, subscriptions, contacts,
reminders. Imports nothing from infrastructure."""
